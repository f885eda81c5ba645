//! Surveys when two requests race (review finding 2): an edit, a new question and a whole new
//! definition name the version they began from, so the second of two begun from the same one is
//! refused with 409 (the form shown again with what was typed) instead of overwriting the first;
//! sending and closing twice is 409; and the unique constraints two simultaneous first saves
//! break are the ordinary answers (a stale version, the first open response's id), not a 500.

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

/// Waits until a statement starting with `prefix` waits for a lock in this test's database:
/// the store's insert, held up by the test's own uncommitted row with the same unique key.
async fn blocked(p: &sqlx::PgPool, prefix: &str) {
    for _ in 0..400 {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' \
             AND query LIKE $1",
        )
        .bind(format!("{prefix}%"))
        .fetch_one(p)
        .await
        .unwrap();
        if n > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the store's insert never waited for the concurrent one");
}

/// Runs `write` (the store's) while `first` holds an uncommitted row with the same unique key,
/// and commits `first` once `write` waits for it: the two inserts overlap as two requests can.
async fn overlapping<T: Send + 'static>(
    p: &sqlx::PgPool,
    first: sqlx::Transaction<'static, sqlx::Postgres>,
    write: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    let second = tokio::spawn(write);
    blocked(p, "INSERT INTO survey_responses").await;
    first.commit().await.unwrap();
    second.await.unwrap()
}

/// The first saves of two people of one organisation at once: both find no answer, both insert;
/// the second breaks the unique constraint when the first commits. (Only PostgreSQL lets the
/// two overlap: SQLite's writers take turns from the start.)
#[tokio::test]
async fn two_first_saves_at_once_are_a_stale_version_not_an_error() {
    for t in TestApp::each_engine().await {
        let store::Pool::Postgres(p) = &t.store().pool else { continue };
        let mut admin = t.admin().await;
        let body = json!({"name": "Lekebergs kommun", "kind": "municipality", "code": "1814", "email": ""});
        let org = admin.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap();
        let id = draft(&mut admin, "organisations").await;
        with_question(&mut admin, id).await;
        let recipients = format!("/api/v1/surveys/{id}/recipients");
        admin.json(Method::POST, &recipients, &json!({"organisation_id": org})).await.assert_status(200);
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(200);

        let mut first = p.begin().await.unwrap();
        sqlx::query(
            "INSERT INTO survey_responses (survey_id, organisation_id, answers, status, version, updated_by, \
             created_at, updated_at) VALUES ($1, $2, '{}', 'draft', 1, 'Anna', now(), now())",
        )
        .bind(id)
        .bind(org)
        .execute(&mut *first)
        .await
        .unwrap();
        let store = t.store().clone();
        let answers = domain::surveys::Answers::new();
        let second =
            async move { store.save_survey_response(id, org, &answers, 0, false, &store::Actor::system("Bo")).await };
        match overlapping(p, first, second).await {
            Err(store::StoreError::Invalid(i)) => assert_eq!(i.first().code, "stale_version"),
            other => panic!("expected stale_version, got {other:?}"),
        }
        assert_eq!(t.count("survey_responses").await, 1);
    }
}

/// Two open answers sent at once with the same idempotency key (a double click, a retry): the
/// second is the first's response.
#[tokio::test]
async fn two_open_answers_at_once_with_one_key_are_the_first() {
    for t in TestApp::each_engine().await {
        let store::Pool::Postgres(p) = &t.store().pool else { continue };
        let mut admin = t.admin().await;
        let id = draft(&mut admin, "open").await;
        with_question(&mut admin, id).await;
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(200);

        let mut first = p.begin().await.unwrap();
        let first_id: i64 = sqlx::query_scalar(
            "INSERT INTO survey_responses (survey_id, answers, status, version, updated_by, submitted_by, \
             submitted_at, address, idempotency_key, created_at, updated_at) \
             VALUES ($1, '{}', 'submitted', 1, 'x', 'x', now(), '192.0.2.1', 'k-1', now(), now()) RETURNING id",
        )
        .bind(id)
        .fetch_one(&mut *first)
        .await
        .unwrap();
        let store = t.store().clone();
        let answers = domain::surveys::Answers::new();
        let actor = store::Actor::system("x");
        let second =
            async move { store.create_open_response(id, &answers, "192.0.2.1", Some("k-1"), &actor, None).await };
        assert_eq!(overlapping(p, first, second).await.unwrap(), first_id);
        assert_eq!(t.count("survey_responses").await, 1);
    }
}
