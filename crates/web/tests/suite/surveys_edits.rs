//! Editing and sending a survey: the choice of organisations kept when it is refused, a
//! definition serde cannot read refused in Swedish.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

async fn open_survey(admin: &mut Client) -> i64 {
    let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": "open", "closes_on": ""});
    let id = admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap();
    let def = json!({"sections": [{"title": "Framtid", "questions": [
        {"key": "ide", "text": "Din idé", "kind": "text", "required": true}]}]});
    admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await.assert_status(200);
    id
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
