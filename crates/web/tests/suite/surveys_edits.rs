//! Editing and sending a survey when what the form read has moved on: a closing day that has
//! passed (kept on an edit, refused at sending), the choice of organisations kept when it is
//! refused, a definition serde cannot read refused in Swedish, and concurrent writes refused
//! with 409 rather than lost or answered 500.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

/// Stores a closing day as if it had been set before `day` passed (the clock does not move).
async fn set_closes_on(t: &TestApp, id: i64, day: time::Date) {
    let sql = "UPDATE surveys SET closes_on = $1 WHERE id = $2";
    match &t.store().pool {
        store::Pool::Sqlite(p) => {
            sqlx::query(sql).bind(day).bind(id).execute(p).await.unwrap();
        }
        store::Pool::Postgres(p) => {
            sqlx::query(sql).bind(day).bind(id).execute(p).await.unwrap();
        }
    }
}

async fn open_survey(admin: &mut Client) -> i64 {
    let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": "open", "closes_on": ""});
    let id = admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap();
    let def = json!({"sections": [{"title": "Framtid", "questions": [
        {"key": "ide", "text": "Din idé", "kind": "text", "required": true}]}]});
    admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await.assert_status(200);
    id
}

#[tokio::test]
async fn a_passed_closing_day_blocks_sending_but_not_editing_the_other_fields() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = open_survey(&mut admin).await;
        let passed = TODAY - time::Duration::days(3);
        set_closes_on(&t, id, passed).await;
        let base = format!("/enkater/{id}");
        admin
            .post_form(&format!("{base}/skicka"), &[])
            .await
            .assert_status(422)
            .assert_contains("id=\"f-closes_on\"")
            .assert_contains("Sista svarsdag har passerat");
        let r = admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await;
        assert_eq!(r.error(), ("closed_before_sending".to_string(), Some("closes_on".to_string())));
        // The title is corrected while the passed day stays.
        let fields = [("title", "Länets utveckling"), ("intro", ""), ("audience", "open"), ("closes_on", "")];
        let mut form = fields.to_vec();
        let day = passed.to_string();
        form[3].1 = &day;
        admin.post_form(&format!("{base}/andra"), &form).await.assert_status(303);
        let body = json!({"title": "Länets utveckling 2040", "audience": "open", "closes_on": day});
        let r = admin.json(Method::PUT, &format!("/api/v1/surveys/{id}"), &body).await;
        r.assert_status(200);
        assert_eq!(r.json()["closes_on"], day);
        // Another passed day is still refused.
        let earlier = (passed - time::Duration::days(1)).to_string();
        form[3].1 = &earlier;
        admin
            .post_form(&format!("{base}/andra"), &form)
            .await
            .assert_status(422)
            .assert_contains("id=\"f-closes_on-error\"");
    }
}

#[tokio::test]
async fn a_refused_choice_of_organisations_is_shown_as_chosen() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let body = json!({"title": "Enkät till regionerna", "audience": "organisations", "closes_on": ""});
        let id = admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap();
        admin
            .post_form(&format!("/enkater/{id}/mottagare"), &[("kind", "region"), ("county", "17")])
            .await
            .assert_status(422)
            .assert_contains("Det finns inga organisationer av den sorten i länet")
            .assert_contains("<option value=\"region\" selected>")
            .assert_contains("<option value=\"17\" selected>")
            .assert_lacks("<option value=\"municipality\" selected>");
    }
}

#[tokio::test]
async fn an_unreadable_definition_is_refused_in_swedish_from_us() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = open_survey(&mut admin).await;
        let r = admin
            .json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &json!({"sections": [{"title": 5}]}))
            .await;
        r.assert_status(422);
        assert_eq!(r.error(), ("invalid_definition".to_string(), Some("sections".to_string())));
        let message = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.starts_with("Frågorna kunde inte läsas.") && !message.contains("invalid type"), "{message}");
    }
}
