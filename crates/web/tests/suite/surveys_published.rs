//! Surveys' published results (`domain.md` rule 22): free text is shown to everyone who may
//! read the results — the page, the API, side by side, the PDF and the CSV — with personal data
//! masked; only the survey's owners export it as typed.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

#[tokio::test]
async fn free_text_is_published_masked_and_only_owners_export_it_raw() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": "open", "closes_on": ""});
        let id = admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap();
        let def = json!({"sections": [{"title": "Framtid", "questions": [
            {"key": "ide", "text": "Din idé", "kind": "text", "required": true}]}]});
        admin.json(Method::PUT, &format!("/api/v1/surveys/{id}/definition"), &def).await.assert_status(200);
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(200);
        let typed = "Fler bussar till Lekeberg, ring mig på 070-123 45 67 eller anna.lind@lekeberg.se";
        let mut anyone = t.client();
        anyone
            .json(Method::POST, &format!("/api/v1/surveys/{id}/responses"), &json!({"answers": {"ide": typed}}))
            .await
            .assert_status(201);
        admin
            .json(Method::PUT, &format!("/api/v1/surveys/{id}/results-publication"), &json!({"results_public": true}))
            .await
            .assert_status(200);
        let base = format!("/enkater/{id}");
        anyone
            .get(&format!("{base}/resultat"))
            .await
            .assert_status(200)
            .assert_contains("Fler bussar till Lekeberg")
            .assert_contains("[maskerat]")
            .assert_lacks("070-123 45 67")
            .assert_lacks("anna.lind@lekeberg.se");
        let j = anyone.get(&format!("/api/v1/surveys/{id}/results")).await.json().to_string();
        assert!(!j.contains("anna") && !j.contains("maskerat"), "no term from personal data: {j}");
        let csv = anyone.get(&format!("{base}/svar.csv")).await;
        csv.assert_status(200).assert_contains("[maskerat]").assert_lacks("070-123 45 67").assert_lacks("anna.lind");
        let pdf = anyone.get(&format!("{base}/resultat.pdf")).await;
        check_pdf(&pdf.bytes);
        // The owners' export has what was typed.
        admin.get(&format!("{base}/svar.csv")).await.assert_status(200).assert_contains(typed);
    }
}
