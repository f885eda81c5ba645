//! What arrives at the edge when probed as an attacker or a careless client would (issue 8):
//! bytes no person types, oversized bodies, idempotency keys out of bounds. Every answer is a
//! 4xx in the product's own format, naming the field where there is one, and nothing is stored.

mod common;

use axum::http::Method;
use common::*;
use serde_json::json;

/// Hole 8: on PostgreSQL a NUL byte in an audit filter gave a 500. NUL is refused at the edge on
/// both engines, in queries, forms and JSON, naming the field.
#[tokio::test]
async fn a_nul_byte_is_refused_at_the_edge_naming_the_field() {
    for t in TestApp::each_engine().await {
        let mut api = t.token_client("api@test.se", true).await;
        let r = api.get("/api/v1/audit?actor=%00").await;
        r.assert_status(400);
        assert_eq!(r.error(), ("invalid_character".into(), Some("actor".into())));
        let mut admin = t.admin().await;
        admin
            .get("/admin/logg?actor=a%00b")
            .await
            .assert_status(400)
            .assert_contains("innehåller ett otillåtet tecken");
        admin.get("/organisationer?q=%00").await.assert_status(400);
        let r = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Region\u{0}", "kind": "region", "code": "06"}),
            )
            .await;
        r.assert_status(400);
        assert_eq!(r.error().1.as_deref(), Some("name"));
        let r = admin.post_form("/organisationer", &[("name", "Ödeshög\0"), ("kind", "municipality")]).await;
        r.assert_status(400).assert_contains("name");
        assert_eq!(t.count("organisations").await, 0, "[{}]", t.engine);
    }
}
