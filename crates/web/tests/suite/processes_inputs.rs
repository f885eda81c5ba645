//! The public input form of a process (issue 14) against double submits and retries, on both
//! engines: the form's key makes a resent form return the first input, for visitors as for
//! signed-in callers; the HTML answer is a redirect to the receipt, so reloading it sends
//! nothing; the API with the same `Idempotency-Key` returns the first input too.

use crate::common;

use axum::http::Method;
use common::*;
use domain::processes::ProcessFields;
use serde_json::json;
use store::Actor;

/// A published process open for inputs; its id.
pub async fn open_process(t: &TestApp) -> i64 {
    let b = Fake::body().in_region("Region Jönköpings län").create(t).await;
    let f = ProcessFields {
        owner_id: b.region.0.to_string(),
        title: "Revidering av RUS".into(),
        published: true,
        open_for_input: true,
        ..Default::default()
    };
    t.store().create_process(&f.parse().unwrap(), None, &Actor::system("test"), None).await.unwrap()
}

#[tokio::test]
async fn a_resent_input_form_saves_one_input_and_answers_with_its_receipt() {
    for t in TestApp::each_engine().await {
        let id = open_process(&t).await;
        let here = format!("/processer/{id}/inspel");
        let mut visitor = t.client();
        let form = visitor.get(&here).await;
        form.assert_status(200).assert_contains(r#"name="idempotency_key""#);
        let key = form.body.split(r#"name="idempotency_key" value=""#).nth(1).unwrap().split('"').next().unwrap();
        let fields =
            [("kind", "resident"), ("text", "Fler tåg mellan Jönköping och Nässjö."), ("idempotency_key", key)];

        // Sent twice (a double click, or the browser's retry): one input, one receipt.
        let first = visitor.post_form(&here, &fields).await;
        first.assert_status(303);
        let receipt = first.location();
        assert!(receipt.starts_with(&format!("{here}/kvitto?nyckel=")), "{receipt}");
        let again = visitor.post_form(&here, &fields).await;
        again.assert_status(303);
        assert_eq!(again.location(), receipt, "the retry leads to the first input's receipt");
        assert_eq!(t.count("process_inputs").await, 1, "a resent form saves no second input");

        // The receipt says it waits for moderation; reloading it sends nothing.
        visitor.get(&receipt).await.assert_status(200).assert_contains("granskats");
        visitor.get(&receipt).await.assert_status(200);
        assert_eq!(t.count("process_inputs").await, 1);
        visitor.get(&format!("{here}/kvitto?nyckel=okand")).await.assert_status(404);
        visitor.get(&format!("{here}/kvitto")).await.assert_status(404);

        // Another visitor's form has its own key, and its input is saved.
        let mut other = t.client();
        let other_key = other.get(&here).await.body;
        assert!(!other_key.contains(key), "every form gets a key of its own");
        other.post_form(&here, &fields[..2]).await.assert_status(303);
        assert_eq!(t.count("process_inputs").await, 2);

        // The API: the same Idempotency-Key returns the first input.
        let csrf = visitor.csrf().await;
        let headers = [("idempotency-key", "api-1"), ("x-csrf-token", csrf.as_str())];
        let body = json!({"kind": "business", "text": "Kompetensförsörjningen."}).to_string();
        let path = format!("/api/v1/processes/{id}/inputs");
        let mut ids = Vec::new();
        for _ in 0..2 {
            let r = visitor
                .send_with(Method::POST, &path, Some("application/json"), body.clone().into_bytes(), &headers)
                .await;
            r.assert_status(201);
            assert_eq!(r.json()["status"], "pending");
            ids.push(r.json()["id"].as_i64().unwrap());
        }
        assert_eq!(ids[0], ids[1]);
        assert_eq!(t.count("process_inputs").await, 3);
    }
}
