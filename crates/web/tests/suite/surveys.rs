//! Surveys over HTTP on both engines (issue 14, seed 004): the region's strategy owner builds
//! the survey before a new RUS (free text, a condition, multiple choice, a scale, the ranking of
//! the top three challenges, the matrix of areas × other counties), sends it to every
//! municipality of the county in one step; a municipality's two officials draft its one answer
//! together (a save over a newer one is refused) and one submits it; the results count per
//! option, score the ranking and fill the heat-table; filters, side by side, CSV and PDF; the
//! open survey's throttle and idempotency; bad input named at its field; others refused.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

fn definition() -> serde_json::Value {
    json!([
        {"title": "Kommunen i dag", "questions": [
            {"key": "styrkor", "text": "Kommunens styrkor", "kind": "text", "required": true},
            {"key": "speglar", "text": "Speglar nuvarande strategi kommunens prioriteringar?", "kind": "single",
             "options": ["Ja", "Delvis", "Nej"], "required": true},
            {"key": "varfor", "text": "Vad saknas?", "kind": "text", "required": true,
             "condition": {"question": "speglar", "option": "Nej"}},
            {"key": "stod", "text": "Kommunens behov av stöd", "kind": "multiple",
             "options": ["Analys och statistik", "Processtöd", "Finansiering"]},
            {"key": "nojd", "text": "Hur väl fungerar samverkan?", "kind": "scale", "min": 1, "max": 5,
             "min_label": "Inte alls", "max_label": "Mycket väl"}
        ]},
        {"title": "Inför ny RUS", "questions": [
            {"key": "utmaningar", "text": "Rangordna de tre största samhällsutmaningarna", "kind": "ranking", "top": 3,
             "required": true,
             "options": ["Demografisk utveckling", "Lågt intresse för utbildning", "Kompetensförsörjning", "Digitalisering"]},
            {"key": "lan", "text": "Finns det andra län som är relevanta inom respektive område?", "kind": "matrix",
             "rows": ["Kollektivtrafik och pendling", "Lärosäten"], "columns": ["Värmlands län", "Västmanlands län"],
             "multiple": true}
        ]}
    ])
}

/// Two municipalities of Örebro län, one of Värmland; a person of the first with an account.
async fn county(t: &TestApp) -> (Client, Vec<i64>) {
    let mut admin = t.admin().await;
    let mut ids = Vec::new();
    for (name, code, email) in [
        ("Lekebergs kommun", "1814", "kommun@lekeberg.example"),
        ("Laxå kommun", "1860", ""),
        ("Karlstads kommun", "1780", ""),
    ] {
        let body = json!({"name": name, "kind": "municipality", "code": code, "email": email});
        ids.push(admin.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap());
    }
    (admin, ids)
}

/// A signed-in official whose person belongs to organisation `org`.
async fn official(t: &TestApp, email: &str, name: &str, org: i64) -> Client {
    let c = t.signed_in(email, false).await;
    let input =
        domain::organisations::PersonInput::parse(name, "", Some(domain::ids::OrganisationId(org)), "", "", "", "")
            .unwrap();
    let person = t.store().create_person(&input, &store::Actor::system("test"), None).await.unwrap();
    let uid = t.store().users().await.unwrap().into_iter().find(|u| u.email == email).unwrap().id;
    t.store().link_user_person(domain::ids::UserId(uid), Some(person), &store::Actor::system("test")).await.unwrap();
    c
}

#[tokio::test]
async fn a_survey_is_built_sent_answered_together_and_its_results_read() {
    for t in TestApp::each_engine().await {
        let (mut admin, orgs) = county(&t).await;
        // Built through the form: a survey, then a question into a new section.
        let r = admin
            .post_form(
                "/enkater",
                &[
                    ("title", "Enkät inför arbete med ny RUS"),
                    ("audience", "organisations"),
                    ("closes_on", ""),
                    ("idempotency_key", "s-1"),
                ],
            )
            .await;
        r.assert_status(303);
        let id = id_in(&r.location());
        let base = format!("/enkater/{id}");
        let again = admin
            .post_form(
                "/enkater",
                &[
                    ("title", "Enkät inför arbete med ny RUS"),
                    ("audience", "organisations"),
                    ("idempotency_key", "s-1"),
                ],
            )
            .await;
        assert_eq!(id_in(&again.location()), id, "a retried create is the same survey");
        let r = admin
            .post_form(
                &format!("{base}/fragor"),
                &[
                    ("section", "new"),
                    ("new_section", "Prov"),
                    ("text", "Kommunens styrkor"),
                    ("kind", "single"),
                    ("options", "Ja"),
                ],
            )
            .await;
        r.assert_status(422).assert_contains("Ange mellan 2 och 50 alternativ");
        admin
            .post_form(
                &format!("{base}/fragor"),
                &[("section", "new"), ("new_section", "Prov"), ("text", "Prövning"), ("kind", "text")],
            )
            .await
            .assert_status(303);
        admin.get(&base).await.assert_status(200).assert_contains("Prövning").assert_contains("provning");
        // The whole definition through the API replaces it.
        let r = admin
            .json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &json!({"sections": definition()}))
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["definition"]["sections"][1]["questions"][0]["top"], 3);
        let bad = json!({"sections": [{"title": "S", "questions": [{"key": "a", "text": "A", "kind": "ranking", "options": ["x", "y"], "top": 3}]}]});
        let r = admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &bad).await;
        r.assert_status(422);
        assert_eq!(r.error(), ("invalid_top".to_string(), Some("a.top".to_string())));

        // Nobody else sees the draft; sending needs organisations.
        let mut anonymous = t.client();
        anonymous.get(&base).await.assert_status(404);
        admin
            .post_form(&format!("{base}/skicka"), &[])
            .await
            .assert_status(422)
            .assert_contains("Välj vilka organisationer");
        admin
            .post_form(&format!("{base}/mottagare"), &[("kind", "municipality"), ("county", "18")])
            .await
            .assert_status(303);
        let recipients = admin.get(&format!("/api/v1/surveys/{id}/recipients")).await.json();
        let names: Vec<&str> =
            recipients["items"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Laxå kommun", "Lekebergs kommun"], "Örebro län's, not Värmland's");
        admin.post_form(&format!("{base}/skicka"), &[]).await.assert_status(303);
        // The questions are fixed once sent.
        let r = admin
            .json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &json!({"sections": definition()}))
            .await;
        assert_eq!(r.error().0, "survey_sent");
        run_jobs(&t).await;
        let outbox = t.store().outbox(50).await.unwrap();
        let inv: Vec<_> = outbox.iter().filter(|m| m.kind == "survey.invitation").collect();
        assert_eq!(inv.len(), 1, "Lekeberg has an address, Laxå none");
        assert!(inv[0].text_body.contains(&format!("/enkater/{id}/svara")));

        // Two of Lekeberg's officials draft together; Karlstad's may not.
        let mut anna = official(&t, "anna@lekeberg.se", "Anna Lind", orgs[0]).await;
        let mut erik = official(&t, "erik@lekeberg.se", "Erik Berg", orgs[0]).await;
        let mut karl = official(&t, "karl@karlstad.se", "Karl Ek", orgs[2]).await;
        karl.get(&format!("{base}/svara")).await.assert_status(403);
        anonymous.get(&format!("{base}/svara")).await.assert_status(303);
        let answer = format!("{base}/svara");
        anna.get(&answer).await.assert_status(200).assert_contains("Lekebergs kommun");
        anna.post_form(&answer, &[("version", "0"), ("action", "save"), ("q.styrkor", "Närhet till Örebro, natur")])
            .await
            .assert_status(303);
        // Erik began from version 0 too: his save is refused and his text shown on the newer one.
        let r = erik.post_form(&answer, &[("version", "0"), ("action", "save"), ("q.styrkor", "Landsbygd")]).await;
        r.assert_status(409).assert_contains("Någon annan har sparat").assert_contains("name=\"version\" value=\"1\"");
        let r = erik.get(&format!("/api/v1/surveys/{id}/response")).await;
        assert_eq!(r.json()["version"], 1);
        assert_eq!(r.json()["answers"]["styrkor"], "Närhet till Örebro, natur");
        // Submitting needs every shown required question: the follow-up only on "Nej".
        let r = erik
            .post_form(
                &answer,
                &[("version", "1"), ("action", "submit"), ("q.styrkor", "Närhet"), ("q.speglar", "Nej")],
            )
            .await;
        r.assert_status(422).assert_contains("id=\"e-varfor\"").assert_contains("id=\"e-utmaningar\"");
        let r = erik
            .post_form(
                &answer,
                &[
                    ("version", "1"),
                    ("action", "submit"),
                    ("q.styrkor", "Närhet till Örebro, natur och landsbygd"),
                    ("q.speglar", "Delvis"),
                    ("q.varfor", "dropped: the condition does not hold"),
                    ("q.stod", "Analys och statistik"),
                    ("q.stod", "Finansiering"),
                    ("q.nojd", "4"),
                    ("q.utmaningar.1", "Demografisk utveckling"),
                    ("q.utmaningar.2", "Lågt intresse för utbildning"),
                    ("q.utmaningar.3", "Lågt intresse för utbildning"),
                ],
            )
            .await;
        r.assert_status(422).assert_contains("Samma alternativ kan bara rangordnas en gång");
        let r = erik
            .post_form(
                &answer,
                &[
                    ("version", "1"),
                    ("action", "submit"),
                    ("q.styrkor", "Närhet till Örebro, natur och landsbygd"),
                    ("q.speglar", "Delvis"),
                    ("q.varfor", "dropped: the condition does not hold"),
                    ("q.stod", "Analys och statistik"),
                    ("q.stod", "Finansiering"),
                    ("q.nojd", "4"),
                    ("q.utmaningar.1", "Demografisk utveckling"),
                    ("q.utmaningar.2", "Lågt intresse för utbildning"),
                    ("q.utmaningar.3", "Kompetensförsörjning"),
                    ("q.lan.2", "Värmlands län"),
                    ("q.lan.2", "Västmanlands län"),
                ],
            )
            .await;
        r.assert_status(303);
        anna.get(&answer).await.assert_contains("Organisationens svar är inskickat").assert_lacks("name=\"action\"");
        let r = anna
            .json(Method::PUT, &format!("/api/v1/surveys/{id}/response"), &json!({"answers": {}, "version": 2}))
            .await;
        r.assert_status(409);
        assert_eq!(r.error().0, "already_submitted");
        // Laxå answers through the API.
        let mut lisa = official(&t, "lisa@laxa.se", "Lisa Holm", orgs[1]).await;
        let body = json!({"answers": {"styrkor": "Läget mellan Örebro och Karlstad", "speglar": "Nej", "varfor": "Landsbygden",
            "stod": ["Analys och statistik"], "utmaningar": ["Kompetensförsörjning", "Demografisk utveckling", "Digitalisering"],
            "lan": {"Lärosäten": ["Värmlands län"]}}, "version": 0});
        let r = lisa.json(Method::POST, &format!("/api/v1/surveys/{id}/response/submission"), &body).await;
        r.assert_status(200);
        assert_eq!(r.json()["status"], "submitted");

        // Results: the owner's, and nobody else's until published.
        anonymous.get(&format!("{base}/resultat")).await.assert_status(303);
        lisa.get(&format!("{base}/resultat")).await.assert_status(403);
        let j = admin.get(&format!("/api/v1/surveys/{id}/results")).await.json();
        assert_eq!(j["responses"], 2);
        let q = |k: &str| j["questions"].as_array().unwrap().iter().find(|q| q["key"] == k).unwrap().clone();
        // Multiple choice per option: "Analys och statistik" twice, not per combination.
        assert_eq!(q("stod")["counts"], json!([["Analys och statistik", 2], ["Processtöd", 0], ["Finansiering", 1]]));
        // Ranking: 3 + 2 for demography, 1 + 3 for skills supply.
        assert_eq!(q("utmaningar")["counts"][0], json!(["Demografisk utveckling", 5]));
        assert_eq!(q("utmaningar")["counts"][1], json!(["Kompetensförsörjning", 4]));
        assert_eq!(q("lan")["matrix"][1], json!(["Lärosäten", [["Värmlands län", 2], ["Västmanlands län", 1]]]));
        assert_eq!(q("nojd")["mean"], 4.0);
        assert_eq!(q("styrkor")["terms"][0]["answers"], 2, "Örebro in both: {}", q("styrkor"));
        let page = admin.get(&format!("{base}/resultat")).await;
        page.assert_status(200).assert_contains("<svg").assert_contains("class=\"heat-5\"").assert_contains("50 %");
        // Filtered by a county without answers: none.
        assert_eq!(admin.get(&format!("/api/v1/surveys/{id}/results?lan=17")).await.json()["responses"], 0);
        admin
            .get(&format!("{base}/organisationer"))
            .await
            .assert_status(200)
            .assert_contains("Laxå kommun")
            .assert_contains("Landsbygden");
        let csv = admin.get(&format!("{base}/svar.csv")).await;
        csv.assert_status(200);
        assert!(csv.body.starts_with("\u{feff}response_id,organisation"));
        assert!(csv.body.contains("Lekebergs kommun,municipality,18,"));
        assert!(
            csv.body.contains(
                ",utmaningar,Rangordna de tre största samhällsutmaningarna,2,Lågt intresse för utbildning\r\n"
            )
        );
        assert!(!csv.body.contains("dropped"), "a hidden question's answer is not kept");
        let rows = csv.body.lines().count() - 1;
        assert_eq!(rows, 10 + 8, "one row per answer and question, per option, place and matrix cell");
        check_pdf(&admin.get(&format!("{base}/resultat.pdf")).await.bytes);
        admin
            .post_form(&format!("{base}/resultat/publicering"), &[("results_public", "true")])
            .await
            .assert_status(303);
        anonymous.get(&format!("{base}/resultat")).await.assert_status(200).assert_contains("Kompetensförsörjning");
        anonymous.get("/enkater").await.assert_status(200).assert_contains(&format!("{base}/resultat"));
        admin.post_form(&format!("{base}/stang"), &[]).await.assert_status(303);
        lisa.get(&answer).await.assert_status(200);
        let audit = t.store().audit_events(&Default::default(), 200).await.unwrap().items;
        for action in [
            "survey.create",
            "survey.definition",
            "survey.recipients",
            "survey.send",
            "survey_response.save",
            "survey_response.submit",
            "survey.results",
            "survey.close",
        ] {
            assert!(audit.iter().any(|e| e.action == action), "{action} audited");
        }
    }
}

#[tokio::test]
async fn open_surveys_take_anyone_once_per_submission_and_bad_input_is_named() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": "open", "closes_on": ""});
        let r = admin.json(Method::POST, "/api/v1/surveys", &body).await;
        r.assert_status(201);
        let id = r.json()["id"].as_i64().unwrap();
        let r = admin
            .json(
                Method::POST,
                "/api/v1/surveys",
                &json!({"title": "", "audience": "alla", "closes_on": "2020-01-01", "x": 1}),
            )
            .await;
        r.assert_status(400);
        let r = admin
            .json(Method::POST, "/api/v1/surveys", &json!({"title": "", "audience": "alla", "closes_on": "2020-01-01"}))
            .await;
        r.assert_status(422);
        let errs = r.json();
        assert_eq!(errs["error"]["field"], "title", "{errs}");
        let r = admin.post_form("/enkater", &[("title", ""), ("audience", "alla"), ("closes_on", "2020-01-01")]).await;
        r.assert_status(422).assert_contains("id=\"f-title-error\"").assert_contains("id=\"f-closes_on-error\"");
        let def = json!({"sections": [{"title": "Framtid", "questions": [
            {"key": "prio", "text": "Vad bör prioriteras?", "kind": "multiple", "required": true,
             "options": ["Kompetensförsörjning", "Kollektivtrafik", "Bostäder"]}]}]});
        admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await.assert_status(200);
        let mut member = t.member().await;
        member.json(Method::POST, "/api/v1/surveys", &body).await.assert_status(403);
        member.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(403);
        admin
            .json(
                Method::POST,
                &format!("/api/v1/surveys/{id}/recipients"),
                &json!({"kind": "municipality", "county": "18"}),
            )
            .await
            .assert_status(422);
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(200);
        let mut anyone = t.client();
        anyone.get(&format!("/enkater/{id}/oppet-svar")).await.assert_status(200).assert_contains("Bostäder");
        let r = anyone.post_form(&format!("/enkater/{id}/oppet-svar"), &[("idempotency_key", "k1")]).await;
        r.assert_status(422).assert_contains("Frågan måste besvaras");
        let r = anyone
            .post_form(
                &format!("/enkater/{id}/oppet-svar"),
                &[("idempotency_key", "k1"), ("q.prio", "Bostäder"), ("q.prio", "Kollektivtrafik")],
            )
            .await;
        r.assert_status(303);
        anyone
            .post_form(&format!("/enkater/{id}/oppet-svar"), &[("idempotency_key", "k1"), ("q.prio", "Bostäder")])
            .await
            .assert_status(303);
        assert_eq!(t.count("survey_responses").await, 1, "a retry with the same key is the same response");
        let r = anyone
            .json(Method::POST, &format!("/api/v1/surveys/{id}/responses"), &json!({"answers": {"prio": ["Okänt"]}}))
            .await;
        r.assert_status(422);
        assert_eq!(r.error(), ("invalid_answer".to_string(), Some("q.prio".to_string())));
        let r = anyone
            .json(
                Method::POST,
                &format!("/api/v1/surveys/{id}/responses"),
                &json!({"answers": {"nej": "x", "prio": ["Bostäder"]}}),
            )
            .await;
        assert_eq!(r.error().0, "unknown_question");
        for _ in 1..web_open_limit() {
            anyone
                .json(
                    Method::POST,
                    &format!("/api/v1/surveys/{id}/responses"),
                    &json!({"answers": {"prio": ["Bostäder"]}}),
                )
                .await
                .assert_status(201);
        }
        let r = anyone
            .json(Method::POST, &format!("/api/v1/surveys/{id}/responses"), &json!({"answers": {"prio": ["Bostäder"]}}))
            .await;
        r.assert_status(429);
        assert_eq!(t.count("survey_responses").await, web_open_limit());
        let j = admin.get(&format!("/api/v1/surveys/{id}/results")).await.json();
        assert_eq!(j["questions"][0]["counts"][2], json!(["Bostäder", web_open_limit()]));
        // Open responses have no organisation: a filter by kind leaves them out.
        assert_eq!(admin.get(&format!("/api/v1/surveys/{id}/results?typ=municipality")).await.json()["responses"], 0);
        // A drafted survey is not found by others; a closed one takes no answers.
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/closing"), &json!({})).await.assert_status(200);
        let r = t
            .client()
            .json(Method::POST, &format!("/api/v1/surveys/{id}/responses"), &json!({"answers": {"prio": ["Bostäder"]}}))
            .await;
        assert_eq!(r.error().0, "survey_closed");
        member.get(&format!("/api/v1/surveys/{id}/results")).await.assert_status(403);
        let draft = admin.json(Method::POST, "/api/v1/surveys", &json!({"title": "Utkast"})).await.json()["id"]
            .as_i64()
            .unwrap();
        t.client().get(&format!("/api/v1/surveys/{draft}")).await.assert_status(404);
    }
}

fn web_open_limit() -> i64 {
    20
}

async fn run_jobs(t: &TestApp) {
    while web::jobs::run_due_jobs(&t.app).await > 0 {}
    let failed = t.store().jobs(Some(store::jobs::JobState::Failed), 10).await.unwrap();
    assert!(failed.is_empty(), "failed jobs: {failed:?}");
}
