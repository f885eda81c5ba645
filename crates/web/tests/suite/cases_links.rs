//! Typing a registered case number on an agenda item or a protocol paragraph links the two
//! (issue 11), on both engines: a number of a series kept here that names no case is a field
//! error on `case_number` in the page and the API (nothing stored), a number of a registry kept
//! elsewhere is kept as typed, and a registered one shows as a link on the case's page and on
//! the item.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

struct Linked {
    api: Client,
    admin: Client,
    case: i64,
    number: String,
    meeting: i64,
}

/// Region Jönköpings län keeps its registry here (prefix "RJL") with one registered case, and
/// Kommunalt forum has a planned meeting with no agenda.
async fn linked(t: &TestApp) -> Linked {
    let RegisteredCase { mut api, admin, case, number, body, .. } = registered_case(t).await;
    let r = api
        .json(
            Method::POST,
            &format!("/api/v1/bodies/{body}/meetings"),
            &json!({"date": (TODAY - time::Duration::days(10)).to_string(), "start": "09:00", "place": "Regionens hus"}),
        )
        .await;
    r.assert_status(201);
    Linked { api, admin, case, number, meeting: r.json()["id"].as_i64().unwrap() }
}

/// The answer to a number of a series kept here that names no case: 422 on `case_number`.
#[track_caller]
fn refused_as_unknown(r: &Resp) {
    r.assert_status(422);
    assert_eq!(r.error(), ("unknown_case_number".to_string(), Some("case_number".to_string())), "{}", r.context);
}

/// A number of the case's series and year that was never given out.
fn unregistered(number: &str) -> String {
    let (series, _) = number.rsplit_once('/').unwrap();
    format!("{series}/999")
}

#[tokio::test]
async fn an_agenda_item_links_a_registered_case_and_refuses_an_unknown_number() {
    for t in TestApp::each_engine().await {
        let Linked { mut api, mut admin, case, number, meeting } = linked(&t).await;
        let agenda = format!("/api/v1/meetings/{meeting}/agenda");
        let unknown = unregistered(&number);

        // The API: a field error naming case_number, in Swedish and English; nothing added.
        let bad = api
            .json(Method::POST, &agenda, &json!({"title": "Datum", "kind": "decision", "case_number": unknown}))
            .await;
        refused_as_unknown(&bad);
        assert_eq!(api.get(&agenda).await.json()["items"], json!([]));
        let mut en = t.token_client("kansli-en@test.se", true).await;
        let r = en
            .send_with(
                Method::POST,
                &agenda,
                Some("application/json"),
                json!({"title": "Datum", "kind": "decision", "case_number": unknown}).to_string().into_bytes(),
                &[("accept-language", "en")],
            )
            .await;
        r.assert_status(422);
        assert!(r.body.contains("is not in the registry"), "{}", r.body);

        // A number of a registry kept elsewhere is kept as typed; a registered one links.
        let outside = api
            .json(
                Method::POST,
                &agenda,
                &json!({"title": "Kommunens ärende", "kind": "information", "case_number": "KS 2024/118"}),
            )
            .await;
        outside.assert_status(201);
        let r = api
            .json(
                Method::POST,
                &agenda,
                &json!({"title": "Sammanträdesdatum 2027", "kind": "decision", "case_number": number}),
            )
            .await;
        r.assert_status(201);
        let item = r.json()["id"].as_i64().unwrap();

        // Changing the item to an unknown number is refused and leaves it as it was.
        let put = api
            .json(
                Method::PUT,
                &format!("{agenda}/{item}"),
                &json!({"title": "Sammanträdesdatum 2027", "kind": "decision", "case_number": unknown}),
            )
            .await;
        put.assert_status(422);
        assert_eq!(put.error().1.as_deref(), Some("case_number"));
        let items = api.get(&agenda).await.json()["items"].clone();
        let stored: Vec<&Value> = items.as_array().unwrap().iter().map(|i| &i["case_number"]).collect();
        assert_eq!(stored, [&json!("KS 2024/118"), &json!(number)]);

        // The page: the form is re-shown with the error at the field, the typed text kept.
        let r = admin
            .post_form(
                &format!("/moten/{meeting}/dagordning"),
                &[("title", "Ny punkt"), ("kind", "decision"), ("case_number", &unknown), ("presenters", "")],
            )
            .await;
        r.assert_status(422);
        r.assert_contains("id=\"f-case_number-error\"")
            .assert_contains("finns inte i diariet")
            .assert_contains(&format!("value=\"{unknown}\""));
        assert_eq!(api.get(&agenda).await.json()["items"].as_array().unwrap().len(), 2, "nothing stored");

        // The link shows on the item (the meeting's page) and on the case's page and API.
        admin
            .get(&format!("/moten/{meeting}"))
            .await
            .assert_status(200)
            .assert_contains(&format!("<a href=\"/diarium/{case}\">{number}</a>"));
        let page = t.client().get(&format!("/diarium/{case}")).await;
        page.assert_status(200).assert_contains(&format!("/moten/{meeting}")).assert_contains("Sammanträdesdatum 2027");
        let handled = t.client().get(&format!("/api/v1/cases/{case}")).await.json()["handled_in"].clone();
        assert_eq!(handled.as_array().unwrap().len(), 1, "{handled}");
        assert_eq!((handled[0]["kind"].as_str(), handled[0]["ref_id"].as_i64()), (Some("agenda_item"), Some(item)));
    }
}

#[tokio::test]
async fn a_protocol_paragraph_refuses_an_unknown_number_and_keeps_a_registered_one() {
    for t in TestApp::each_engine().await {
        let Linked { mut api, number, meeting, .. } = linked(&t).await;
        let agenda = format!("/api/v1/meetings/{meeting}/agenda");
        api.json(Method::POST, &agenda, &json!({"title": "Sammanträdesdatum 2027", "kind": "decision"}))
            .await
            .assert_status(201);
        for s in ["notice_sent", "held"] {
            api.json(Method::POST, &format!("/api/v1/meetings/{meeting}/status"), &json!({"status": s}))
                .await
                .assert_status(200);
        }
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{meeting}/protocol/start"), &json!({})).await;
        r.assert_status(200);
        let paragraphs = r.json()["paragraphs"].as_array().unwrap().clone();
        let p = paragraphs.iter().find(|p| p["title"] == "Sammanträdesdatum 2027").unwrap()["id"].clone();
        let path = format!("/api/v1/meetings/{meeting}/paragraphs/{p}");
        let body = |n: &str| json!({"title": "Sammanträdesdatum 2027", "case_number": n, "decision": "Forumet fastställer datumen."});

        let bad = api.json(Method::PUT, &path, &body(&unregistered(&number))).await;
        refused_as_unknown(&bad);
        api.json(Method::PUT, &path, &body(&number)).await.assert_status(200);
        api.json(Method::PUT, &path, &body("KS 2024/118")).await.assert_status(200);
    }
}
