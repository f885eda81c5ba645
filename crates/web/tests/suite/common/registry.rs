//! A registry kept here, for the tests of what links to it: Region Jönköpings län with the
//! series "RJL" (seed `003_…`), one registered case and Kommunalt forum behind the region.

use axum::http::Method;
use serde_json::{Value, json};

use super::{Client, TestApp};

pub struct RegisteredCase {
    /// An administrator's API client, and the same administrator signed in to the pages.
    pub api: Client,
    pub admin: Client,
    pub region: i64,
    pub case: i64,
    /// Its number as the registry gave it ("RJL 2026/1").
    pub number: String,
    /// Kommunalt forum's id.
    pub body: Value,
}

pub async fn registered_case(t: &TestApp) -> RegisteredCase {
    let mut api = t.token_client("kansli@registry-test.se", true).await;
    let region = api
        .json(
            Method::POST,
            "/api/v1/organisations",
            &json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let mut admin = t.admin().await;
    admin
        .post_form("/diarium/serier", &[("organisation_id", &region.to_string()), ("prefix", "RJL")])
        .await
        .assert_status(303);
    let r = api
        .json(
            Method::POST,
            "/api/v1/cases",
            &json!({"organisation_id": region, "internal_title": "Sammanträdesdatum", "public_title": "Sammanträdesdatum 2027"}),
        )
        .await;
    r.assert_status(201);
    let (case, number) = (r.json()["id"].as_i64().unwrap(), r.json()["number"].as_str().unwrap().to_string());
    let body = api
        .json(
            Method::POST,
            "/api/v1/bodies",
            &json!({"name": "Kommunalt forum", "kind": "consultation_group", "county_code": "06", "organisations": [region]}),
        )
        .await
        .json()["id"]
        .clone();
    RegisteredCase { api, admin, region, case, number, body }
}
