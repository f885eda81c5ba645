//! Surveys' reminders (issue 14) on both engines: a week before the closing day the morning's
//! job writes to each organisation asked that has not submitted, at its functional address,
//! once however often the job runs; an organisation that has submitted is not reminded.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

fn worker_at(t: &TestApp, days: i64) -> web::App {
    let at = t.store().now() + time::Duration::days(days);
    web::App { store: t.app.store.clone().with_clock(store::Clock::starting_at(at)), ..t.app.clone() }
}

async fn reminders(t: &TestApp) -> Vec<store::mail::OutboxMessage> {
    t.store().outbox(500).await.unwrap().into_iter().filter(|m| m.kind == "survey.reminder").collect()
}

#[tokio::test]
async fn organisations_that_have_not_submitted_are_reminded_a_week_before_the_closing_day() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let mut orgs = Vec::new();
        for (name, code, email) in
            [("Lekebergs kommun", "1814", "kommun@lekeberg.example"), ("Laxå kommun", "1860", "kommun@laxa.example")]
        {
            let body = json!({"name": name, "kind": "municipality", "code": code, "email": email});
            orgs.push(admin.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap());
        }
        let closes_on = (TODAY + time::Duration::days(10)).to_string();
        let r = admin
            .post_form(
                "/enkater",
                &[("title", "Enkät inför arbete med ny RUS"), ("audience", "organisations"), ("closes_on", &closes_on)],
            )
            .await;
        r.assert_status(303);
        let id = id_in(&r.location());
        let sections = json!({"sections": [{"title": "Styrkor", "questions": [{"key": "styrkor", "text": "Kommunens styrkor", "kind": "text"}]}]});
        admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &sections).await.assert_status(200);
        let base = format!("/enkater/{id}");
        admin
            .post_form(&format!("{base}/mottagare"), &[("kind", "municipality"), ("county", "18")])
            .await
            .assert_status(303);
        admin.post_form(&format!("{base}/skicka"), &[]).await.assert_status(303);
        // Laxå submits; Lekeberg does not.
        t.store()
            .save_survey_response(id, orgs[1], &Default::default(), 0, true, &store::Actor::system("test"))
            .await
            .unwrap();

        web::jobs::run_due_jobs(&worker_at(&t, 2)).await;
        assert!(reminders(&t).await.is_empty(), "not before the day");
        web::jobs::run_due_jobs(&worker_at(&t, 3)).await;
        web::jobs::run_due_jobs(&worker_at(&t, 3)).await;
        let sent = reminders(&t).await;
        assert_eq!(sent.len(), 1, "{}: {sent:?}", t.engine);
        assert_eq!(sent[0].recipient, "kommun@lekeberg.example");
        assert!(sent[0].subject.starts_with("Påminnelse"), "{}", sent[0].subject);
        assert!(sent[0].text_body.contains(&closes_on), "{}", sent[0].text_body);
        assert!(sent[0].text_body.contains(&format!("/enkater/{id}/svara")), "{}", sent[0].text_body);
        web::jobs::run_due_jobs(&worker_at(&t, 4)).await;
        assert_eq!(reminders(&t).await.len(), 1, "once");
    }
}
