//! The receipt of an open survey's answer, on both engines (issue 14): an address given on the
//! form or through the API brings a copy of the answers (title, day, each answer, the survey's
//! link) in the page's language, plain text and HTML, read here from the outbox; a bad address
//! is named at its field with the answers kept; a resent form mails nothing twice; the address
//! is kept with neither the response nor the audit log.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

/// A sent open survey of seed 004's kind: a multiple choice and a free text; its id.
async fn open_survey(admin: &mut Client) -> i64 {
    let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": "open", "closes_on": ""});
    let id = admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap();
    let def = json!({"sections": [{"title": "Framtid", "questions": [
        {"key": "prio", "text": "Vad bör prioriteras?", "kind": "multiple", "required": true,
         "options": ["Kompetensförsörjning", "Kollektivtrafik", "Bostäder"]},
        {"key": "ide", "text": "Din idé", "kind": "text"}]}]});
    admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await.assert_status(200);
    admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(200);
    id
}

async fn receipts(t: &TestApp) -> Vec<store::mail::OutboxMessage> {
    t.store().outbox(100).await.unwrap().into_iter().filter(|m| m.kind == "survey.receipt").collect()
}

#[tokio::test]
async fn an_open_answer_brings_a_receipt_to_the_address_given_and_keeps_it_nowhere_else() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = open_survey(&mut admin).await;
        let here = format!("/enkater/{id}/oppet-svar");
        let mut anyone = t.client();
        let form = anyone.get(&here).await;
        form.assert_status(200)
            .assert_contains(r#"name="receipt_email" type="email""#)
            .assert_contains("personuppgift");

        // A bad address: named at its field, the answers and the address kept, nothing stored.
        let bad = [
            ("idempotency_key", "r1"),
            ("q.prio", "Kollektivtrafik"),
            ("q.ide", "Tåg varje halvtimme till Nässjö"),
            ("receipt_email", "anna@"),
        ];
        let r = anyone.post_form(&here, &bad).await;
        r.assert_status(422)
            .assert_contains("f-receipt_email-error")
            .assert_contains(r#"value="anna@""#)
            .assert_contains("Tåg varje halvtimme till Nässjö")
            .assert_contains(r#"value="Kollektivtrafik" checked"#);
        // With an unanswered required question too: both named.
        let r = anyone.post_form(&here, &[("idempotency_key", "r1"), ("receipt_email", "anna@")]).await;
        r.assert_status(422).assert_contains("f-receipt_email-error").assert_contains("Frågan måste besvaras");
        assert_eq!(t.count("survey_responses").await, 0);
        assert!(receipts(&t).await.is_empty());

        // A good one: stored, thanked, one receipt in Swedish; sent again, nothing more.
        let good = [
            ("idempotency_key", "r1"),
            ("q.prio", "Kollektivtrafik"),
            ("q.prio", "Bostäder"),
            ("q.ide", "Tåg varje halvtimme till Nässjö"),
            ("receipt_email", " Anna.Berg@Example.se "),
        ];
        let r = anyone.post_form(&here, &good).await;
        r.assert_status(303);
        assert_eq!(r.location(), format!("{here}?tack=1&kvitto=1"));
        anyone.get(&r.location()).await.assert_contains("Ett kvitto med dina svar skickas");
        anyone.post_form(&here, &good).await.assert_status(303);
        assert_eq!(t.count("survey_responses").await, 1);
        let got = receipts(&t).await;
        assert_eq!(got.len(), 1, "a resent form mails nothing twice");
        let m = &got[0];
        assert_eq!((m.recipient.as_str(), m.lang.as_str()), ("anna.berg@example.se", "sv"));
        assert_eq!(m.subject, "Kvitto: Hur vill du att länet ska utvecklas?");
        // The store's today, written out in words ("måndag 16 november 2026").
        let day = format!(" {} november {}", TODAY.day(), TODAY.year());
        for part in [&m.text_body, &m.html_body] {
            assert!(part.contains("togs emot ") && part.contains(&day), "{part}");
            assert!(part.contains("Vad bör prioriteras? — Kollektivtrafik; Bostäder"), "{part}");
            assert!(part.contains("Din idé — Tåg varje halvtimme till Nässjö"), "{part}");
            assert!(part.contains(&format!("/enkater/{id}/oppet-svar")), "{part}");
        }
        assert!(m.html_body.contains(r#"lang="sv""#));

        // The address is in the message only: not with the response, not in the audit log, not
        // in any job's payload.
        let sql = "SELECT COUNT(*) FROM survey_responses WHERE answers LIKE '%anna%' OR address LIKE '%anna%'";
        let in_jobs = "SELECT COUNT(*) FROM jobs WHERE payload LIKE '%anna%'";
        let in_audit = "SELECT COUNT(*) FROM audit_events WHERE changes LIKE '%anna%'";
        for q in [sql, in_jobs, in_audit] {
            assert_eq!(scalar(&t, q).await, 0, "{q}");
        }

        // Through the API, in English for a visitor reading in English; a bad address is 422.
        let mut english = t.client();
        english.post_form("/sprak", &[("lang", "en"), ("tillbaka", "/")]).await;
        let api = format!("/api/v1/surveys/{id}/responses");
        let r =
            english.json(Method::POST, &api, &json!({"answers": {"prio": ["Bostäder"]}, "receipt_email": "x"})).await;
        assert_eq!((r.status.as_u16(), r.error()), (422, ("invalid_email".into(), Some("receipt_email".into()))));
        let r = english
            .json(Method::POST, &api, &json!({"answers": {"prio": ["Bostäder"]}, "receipt_email": "erik@example.org"}))
            .await;
        r.assert_status(201);
        english.json(Method::POST, &api, &json!({"answers": {"prio": ["Bostäder"]}})).await.assert_status(201);
        let got = receipts(&t).await;
        assert_eq!(got.len(), 2, "none without an address");
        let m = got.iter().find(|m| m.recipient == "erik@example.org").unwrap();
        assert_eq!((m.lang.as_str(), m.subject.as_str()), ("en", "Receipt: Hur vill du att länet ska utvecklas?"));
        assert!(m.text_body.contains("Vad bör prioriteras? — Bostäder"), "{}", m.text_body);
        assert!(m.text_body.contains("You answered:"), "{}", m.text_body);

        // Each is delivered by a job of its own, as every message is.
        assert_eq!(scalar(&t, "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'").await, 2);
    }
}

async fn scalar(t: &TestApp, sql: &'static str) -> i64 {
    match &t.store().pool {
        store::Pool::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        store::Pool::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}
