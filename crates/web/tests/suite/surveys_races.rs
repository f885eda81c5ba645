//! Surveys when two requests race (review finding 2): an edit, a new question and a whole new
//! definition name the version they began from, so the second of two begun from the same one is
//! refused with 409 (the form shown again with what was typed) instead of overwriting the first;
//! and sending and closing twice is 409.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

async fn draft(admin: &mut Client, audience: &str) -> i64 {
    let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": audience, "closes_on": ""});
    admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap()
}

async fn with_question(admin: &mut Client, id: i64) {
    let def = json!({"sections": [{"title": "Framtid", "questions": [
        {"key": "ide", "text": "Din idé", "kind": "text"}]}]});
    admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await.assert_status(200);
}

async fn version(admin: &mut Client, id: i64) -> i64 {
    admin.get(&format!("/api/v1/surveys/{id}")).await.json()["version"].as_i64().unwrap()
}

#[tokio::test]
async fn an_edit_begun_from_an_older_version_is_a_conflict_showing_what_was_typed() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = draft(&mut admin, "open").await;
        let first = version(&mut admin, id).await;
        let body = json!({"title": "Länets utveckling", "audience": "open", "closes_on": "", "version": first});
        let r = admin.json(Method::PUT, &format!("/api/v1/surveys/{id}"), &body).await;
        r.assert_status(200);
        assert_eq!(r.json()["version"], first + 1);
        // A second edit begun from the same version would overwrite the first.
        let body = json!({"title": "Regionens utveckling", "audience": "open", "closes_on": "", "version": first});
        let r = admin.json(Method::PUT, &format!("/api/v1/surveys/{id}"), &body).await;
        r.assert_status(409);
        assert_eq!(r.error(), ("stale_version".to_string(), Some("version".to_string())));
        let old = first.to_string();
        let form =
            [("title", "Mitt förslag"), ("intro", ""), ("audience", "open"), ("closes_on", ""), ("version", &old)];
        let now = (first + 1).to_string();
        admin
            .post_form(&format!("/enkater/{id}/andra"), &form)
            .await
            .assert_status(409)
            .assert_contains("Någon annan har ändrat enkäten under tiden")
            .assert_contains("value=\"Mitt förslag\"")
            .assert_contains(&format!("name=\"version\" value=\"{now}\""));
        assert_eq!(admin.get(&format!("/api/v1/surveys/{id}")).await.json()["title"], "Länets utveckling");
        // Saved again from the version shown, it goes through.
        let form =
            [("title", "Mitt förslag"), ("intro", ""), ("audience", "open"), ("closes_on", ""), ("version", &now)];
        admin.post_form(&format!("/enkater/{id}/andra"), &form).await.assert_status(303);
        admin
            .get(&format!("/enkater/{id}/andra"))
            .await
            .assert_contains(&format!("name=\"version\" value=\"{}\"", first + 2));
    }
}

/// Adds a free-text question to a new section through the builder's form, begun from `version`.
async fn add(admin: &mut Client, id: i64, text: &str, version: i64) -> Resp {
    let v = version.to_string();
    let form = [("section", "new"), ("new_section", "Framtid"), ("text", text), ("kind", "text"), ("version", &v)];
    admin.post_form(&format!("/enkater/{id}/fragor"), &form).await
}

async fn questions(admin: &mut Client, id: i64) -> Vec<serde_json::Value> {
    let s = admin.get(&format!("/api/v1/surveys/{id}")).await.json();
    s["definition"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|x| x["questions"].as_array().unwrap().clone())
        .collect()
}

#[tokio::test]
async fn two_questions_added_from_the_same_page_lose_neither() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = draft(&mut admin, "open").await;
        let page = version(&mut admin, id).await;
        add(&mut admin, id, "Vad fungerar i dag?", page).await.assert_status(303);
        let newer = version(&mut admin, id).await;
        add(&mut admin, id, "Vad saknas?", page)
            .await
            .assert_status(409)
            .assert_contains("Någon annan har ändrat enkäten under tiden")
            .assert_contains("Vad fungerar i dag?")
            .assert_contains("value=\"Vad saknas?\"")
            .assert_contains(&format!("name=\"version\" value=\"{newer}\""));
        assert_eq!(questions(&mut admin, id).await.len(), 1);
        // Added again from the page shown, both are kept.
        add(&mut admin, id, "Vad saknas?", newer).await.assert_status(303);
        let texts: Vec<_> = questions(&mut admin, id).await.iter().map(|q| q["text"].clone()).collect();
        assert_eq!(texts, [json!("Vad fungerar i dag?"), json!("Vad saknas?")]);
        // Removing a question and the API's whole definition name a version too.
        let key = questions(&mut admin, id).await[0]["key"].as_str().unwrap().to_string();
        admin
            .post_form(&format!("/enkater/{id}/fragor/{key}/ta-bort"), &[("version", &page.to_string())])
            .await
            .assert_status(409)
            .assert_contains("Vad fungerar i dag?");
        let def = json!({"sections": [{"title": "S", "questions": [{"key": "x", "text": "X", "kind": "text"}]}],
            "version": newer});
        let r = admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await;
        r.assert_status(409);
        assert_eq!(r.error().0, "stale_version");
        assert_eq!(questions(&mut admin, id).await.len(), 2);
    }
}

#[tokio::test]
async fn sending_or_closing_what_another_request_already_did_is_a_conflict() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = draft(&mut admin, "open").await;
        with_question(&mut admin, id).await;
        for (api, page, code, message) in [
            ("sending", "skicka", "already_sent", "Enkäten är redan utskickad"),
            ("closing", "stang", "already_closed", "Enkäten är redan stängd"),
        ] {
            let path = format!("/api/v1/surveys/{id}/{api}");
            admin.json(Method::POST, &path, &json!({})).await.assert_status(200);
            let r = admin.json(Method::POST, &path, &json!({})).await;
            r.assert_status(409);
            assert_eq!(r.error().0, code);
            let form = admin.post_form(&format!("/enkater/{id}/{page}"), &[]).await;
            form.assert_status(409).assert_contains(message);
        }
        // A draft that was never sent is not open: that is the caller's mistake (422).
        let other = draft(&mut admin, "open").await;
        let r = admin.json(Method::POST, &format!("/api/v1/surveys/{other}/closing"), &json!({})).await;
        r.assert_status(422);
        assert_eq!(r.error().0, "not_open");
    }
}
