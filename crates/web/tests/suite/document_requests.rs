//! Requests for official documents over HTTP on both engines (issue 11, ADR 48): anyone asks
//! for a case or one of its documents on the public case page or through the API; the request
//! reaches the organisation's registrars by e-mail (through the outbox) and in their queue,
//! where they record how it was handled; bad input is named at its field; the public form is
//! throttled per client address.

use crate::common;

use axum::http::Method;
use common::*;
use domain::cases::{CaseInput, DocumentFields, DocumentInput, Prefix};
use domain::ids::{OrganisationId, UserId};
use serde_json::{Value, json};
use store::Actor;

struct Setup {
    case: i64,
    doc: i64,
    org: i64,
    registrar: Client,
}

/// Region Östergötland with the series "RÖ", a registrar, and the RUS case with its
/// tjänsteskrivelse (seed 000).
async fn setup(t: &TestApp) -> Setup {
    let mut admin = t.admin().await;
    let body = json!({"name": "Region Östergötland", "kind": "region", "code": "05"});
    let org = admin.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap();
    let registrar = t.signed_in("registrator@regionostergotland.se", false).await;
    let users = t.store().users().await.unwrap();
    let user = users.iter().find(|u| u.email.starts_with("registrator")).unwrap().id;
    let (s, a) = (t.store(), Actor::system("test"));
    s.set_case_series(OrganisationId(org), &Prefix::parse("prefix", "RÖ").unwrap(), &a).await.unwrap();
    s.grant_registrar(OrganisationId(org), UserId(user), &a).await.unwrap();
    let title = "Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess";
    let input = CaseInput::parse(&org.to_string(), "RUS", title, "", "").unwrap();
    let case = s.register_case(&input, &a, None).await.unwrap();
    let today = s.today().to_string();
    let fields = DocumentFields {
        direction: "drawn_up",
        document_date: &today,
        description: "Tjänsteskrivelse RUS",
        ..Default::default()
    };
    let d = DocumentInput::parse(fields, s.today()).unwrap();
    let doc = s.register_document(case, &d, &[], &a, None).await.unwrap();
    Setup { case: case.0, doc: doc.0, org, registrar }
}

async fn run_jobs(t: &TestApp) {
    while web::jobs::run_due_jobs(&t.app).await > 0 {}
    let failed = t.store().jobs(Some(store::jobs::JobState::Failed), 10).await.unwrap();
    assert!(failed.is_empty(), "failed jobs: {failed:?}");
}

async fn api_request(c: &mut Client, case: i64, body: &Value, key: &str) -> Resp {
    let ct = Some("application/json");
    let headers = [("idempotency-key", key)];
    c.send_with(Method::POST, &format!("/api/v1/cases/{case}/requests"), ct, body.to_string().into_bytes(), &headers)
        .await
}

#[tokio::test]
async fn a_request_reaches_the_registrar_by_mail_and_in_the_queue_and_is_handled() {
    for t in TestApp::each_engine().await {
        let Setup { case, doc, org, mut registrar } = setup(&t).await;
        let mut visitor = t.client();
        visitor
            .get(&format!("/diarium/{case}"))
            .await
            .assert_status(200)
            .assert_contains(&format!("/diarium/{case}/begaran?handling={doc}"))
            .assert_contains("Begär ut handling");
        visitor
            .get(&format!("/diarium/{case}/begaran?handling={doc}"))
            .await
            .assert_status(200)
            .assert_contains(&format!("<option value=\"{doc}\" selected>"));
        // Anonymous (no name), through the form: the receipt names the case.
        let r = visitor
            .post_form(
                &format!("/diarium/{case}/begaran"),
                &[
                    ("document_id", &doc.to_string()),
                    ("requested", "Tjänsteskrivelsen om RUS"),
                    ("requester_name", ""),
                    ("requester_email", "anna@example.org"),
                    ("delivery", "email"),
                    ("idempotency_key", "form-1"),
                ],
            )
            .await;
        r.assert_status(200).assert_contains("Begäran har tagits emot").assert_contains("RÖ ");
        // Through the API, twice with one key: one request.
        let body = json!({"requested": "Hela ärendet", "requester_name": "Bo", "requester_email": "bo@example.org", "delivery": "paper"});
        let first = api_request(&mut visitor, case, &body, "api-1").await;
        first.assert_status(201);
        let again = api_request(&mut visitor, case, &body, "api-1").await;
        assert_eq!(first.json()["id"], again.json()["id"]);
        assert_eq!(first.json()["status"], "received");
        assert_eq!(t.count("document_requests").await, 2);
        // The registrar hears of both by e-mail, with a link to the queue.
        run_jobs(&t).await;
        let outbox = t.store().outbox(50).await.unwrap();
        let mails: Vec<_> = outbox.iter().filter(|m| m.kind == "document_request").collect();
        assert_eq!(mails.len(), 2, "{outbox:?}");
        assert!(mails.iter().all(|m| m.recipient == "registrator@regionostergotland.se"));
        assert!(mails.iter().any(|m| m.text_body.contains(&format!("/diarium/begaranden?organisation={org}"))));
        // The queue: open first, oldest first, with the age in days.
        let q = registrar.get(&format!("/diarium/begaranden?organisation={org}")).await;
        q.assert_status(200).assert_contains("anna@example.org").assert_contains("Tjänsteskrivelsen om RUS");
        let list = registrar.get(&format!("/api/v1/organisations/{org}/document-requests")).await.json();
        let rows = list["document_requests"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["what"], "Tjänsteskrivelsen om RUS");
        assert_eq!((rows[0]["age_days"].as_i64(), rows[0]["document_id"].as_i64()), (Some(0), Some(doc)));
        let rid = rows[1]["id"].as_i64().unwrap();
        let path = format!("/api/v1/organisations/{org}/document-requests/{rid}");
        // Handling needs the note; a refusal its OSL provision.
        let r = registrar.json(Method::PATCH, &path, &json!({"status": "handled", "outcome": "refused"})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("provision"));
        let ok = json!({"status": "handled", "outcome": "redacted", "provision": "21 kap. 7 §", "handling_note": "Personuppgifter maskerade"});
        let r = registrar.json(Method::PATCH, &path, &ok).await;
        r.assert_status(200);
        assert_eq!(
            (r.json()["status"].as_str(), r.json()["provision"].as_str()),
            (Some("handled"), Some("21 kap. 7 §"))
        );
        registrar.json(Method::PATCH, &path, &ok).await.assert_status(422);
        // The handled one moves after the open one.
        let list = registrar.get(&format!("/api/v1/organisations/{org}/document-requests")).await.json();
        assert_eq!(list["document_requests"][1]["id"].as_i64(), Some(rid));
        // The form: a refused handling keeps what was typed.
        let open = list["document_requests"][0]["id"].as_i64().unwrap();
        let r = registrar
            .post_form(
                &format!("/diarium/begaranden/{open}"),
                &[("outcome", "refused"), ("provision", ""), ("handling_note", "Sekretess")],
            )
            .await;
        r.assert_status(422).assert_contains("Sekretess").assert_contains("bestämmelse i OSL");
        let r = registrar
            .post_form(
                &format!("/diarium/begaranden/{open}"),
                &[("outcome", "released"), ("provision", ""), ("handling_note", "Skickad")],
            )
            .await;
        r.assert_status(303);
        // Every change is audited, without the requester's address.
        let f = store::audit::AuditFilter { entity_type: Some("document_request".into()), ..Default::default() };
        let events = t.store().audit_events(&f, 50).await.unwrap().items;
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions.iter().filter(|a| **a == "document_request.create").count(), 2);
        assert_eq!(actions.iter().filter(|a| **a == "document_request.handle").count(), 2);
        assert!(events.iter().all(|e| !e.changes.to_string().contains("@example.org")));
        // Others see no queue.
        t.client().get(&format!("/api/v1/organisations/{org}/document-requests")).await.assert_status(401);
        let mut member = t.member().await;
        member.get(&format!("/api/v1/organisations/{org}/document-requests")).await.assert_status(403);
        member.get(&format!("/diarium/begaranden?organisation={org}")).await.assert_status(403);
        member.json(Method::PATCH, &path, &ok).await.assert_status(403);
    }
}

#[tokio::test]
async fn bad_input_is_named_at_its_field_in_the_form_and_the_api() {
    for t in TestApp::each_engine().await {
        let Setup { case, .. } = setup(&t).await;
        let mut visitor = t.client();
        let long = "x".repeat(2001);
        let r = visitor
            .post_form(
                &format!("/diarium/{case}/begaran"),
                &[
                    ("document_id", "999999"),
                    ("requested", "Protokollet"),
                    ("requester_name", "Kvar"),
                    ("requester_email", "inte-en-adress"),
                    ("delivery", "fax"),
                    ("idempotency_key", "bad-1"),
                ],
            )
            .await;
        r.assert_status(422).assert_contains("id=\"f-requester_email-error\"").assert_contains("value=\"Kvar\"");
        r.assert_contains("Protokollet");
        for (body, field) in [
            (json!({"requested": long, "requester_email": "a@example.org"}), "requested"),
            (json!({"requested": "", "requester_email": "a@example.org"}), "requested"),
            (json!({"requested": "x", "requester_email": ""}), "requester_email"),
            (json!({"requested": "x", "requester_email": "a@b"}), "requester_email"),
            (json!({"requested": "x", "requester_email": "a@example.org", "delivery": "fax"}), "delivery"),
            (
                json!({"requested": "x", "requester_email": "a@example.org", "requester_name": "n".repeat(201)}),
                "requester_name",
            ),
            (json!({"requested": "x", "requester_email": "a@example.org", "document_id": 999999}), "document_id"),
        ] {
            let r = api_request(&mut visitor, case, &body, "").await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some(field), "{body}");
        }
        let r = api_request(&mut visitor, case, &json!({"requested": "x", "bogus": 1}), "").await;
        r.assert_status(400);
        visitor.get("/api/v1/cases/999999/requests").await.assert_status(405);
        api_request(&mut visitor, 999999, &json!({"requested": "x", "requester_email": "a@example.org"}), "")
            .await
            .assert_status(404);
        assert_eq!(t.count("document_requests").await, 0);
    }
}

#[tokio::test]
async fn one_address_may_send_ten_requests_an_hour() {
    for t in TestApp::each_engine().await {
        let Setup { case, .. } = setup(&t).await;
        let mut flood = t.client();
        flood.address = Some("203.0.113.9".into());
        let body = json!({"requested": "Tjänsteskrivelsen", "requester_email": "a@example.org"});
        for i in 0..10 {
            api_request(&mut flood, case, &body, &format!("k{i}")).await.assert_status(201);
        }
        let r = api_request(&mut flood, case, &body, "k10").await;
        r.assert_status(429);
        assert_eq!(r.error().0, "too_many_requests");
        let form = [("requested", "x"), ("requester_email", "a@example.org"), ("delivery", "email")];
        flood
            .post_form(&format!("/diarium/{case}/begaran"), &form)
            .await
            .assert_status(429)
            .assert_contains("senaste timmen");
        let mut other = t.client();
        other.address = Some("198.51.100.7".into());
        api_request(&mut other, case, &body, "o1").await.assert_status(201);
        assert_eq!(t.count("document_requests").await, 11);
    }
}
