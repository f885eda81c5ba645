//! What arrives at the edge when probed as an attacker or a careless client would (issue 8):
//! bytes no person types, oversized bodies, idempotency keys out of bounds. Every answer is a
//! 4xx in the product's own format, naming the field where there is one, and nothing is stored.

use crate::common;

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

/// Hole 9: a key over 200 characters was silently ignored (a retry created a duplicate), and on
/// PostgreSQL simultaneous retries with one key got 409 instead of the first record.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotency_keys_are_bounded_and_simultaneous_retries_get_the_first_record() {
    for t in TestApp::each_engine().await {
        let api = t.token_client("api@test.se", true).await;
        let mut api = api;
        let org = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Boxholms kommun", "kind": "municipality", "code": "0560"}),
            )
            .await
            .json()["id"]
            .clone();
        let body = json!({"name": "Anna Andersson", "organisation_id": org}).to_string().into_bytes();
        let send = |c: &mut Client, key: String| {
            let body = body.clone();
            let bearer = c.bearer.clone();
            let mut c = t.client();
            c.bearer = bearer;
            async move {
                c.send_with(
                    Method::POST,
                    "/api/v1/people",
                    Some("application/json"),
                    body,
                    &[("idempotency-key", &key)],
                )
                .await
            }
        };
        let r = send(&mut api, "k".repeat(201)).await;
        r.assert_status(422);
        assert_eq!(r.error(), ("invalid_idempotency_key".into(), Some("idempotency_key".into())));
        assert_eq!(t.count("people").await, 0);
        let retries: Vec<_> = (0..8).map(|_| tokio::spawn(send(&mut api, "k".repeat(200)))).collect();
        let mut ids = std::collections::BTreeSet::new();
        for r in retries {
            let r = r.await.unwrap();
            r.assert_status(201);
            ids.insert(r.json()["id"].as_i64().unwrap());
        }
        assert_eq!(ids.len(), 1, "[{}] {ids:?}", t.engine);
        assert_eq!(t.count("people").await, 1);
    }
}

/// Hole 10: a body over 1 MiB got `413 text/plain` and a path id that is not UTF-8 `400
/// text/plain`. Every error from `/api/v1` is the JSON error body, every page error the page.
#[tokio::test]
async fn framework_rejections_come_in_the_products_format() {
    let t = TestApp::sqlite().await;
    let mut api = t.token_client("api@test.se", true).await;
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(1 << 20));
    let r = api.json_raw(Method::POST, "/api/v1/organisations", big.as_bytes()).await;
    r.assert_status(413);
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.error().0, "body_too_large");
    let r = api.get("/api/v1/organisations/%FF").await;
    assert!(r.status.is_client_error(), "{}", r.context);
    assert_eq!(r.headers["content-type"], "application/json", "{}", r.body);
    r.error();
    let mut admin = t.admin().await;
    let r = admin.post_form("/organisationer", &[("name", &"x".repeat(1 << 20)), ("kind", "region")]).await;
    r.assert_status(413);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"), "{}", r.body);
    r.assert_contains("för stort");
    let r = admin.get("/organisationer/%FF").await;
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"), "{}", r.body);
    assert_eq!(t.count("organisations").await, 0);
}

/// Hole 14: `Host: evil.example` was copied into the absolute links of the Atom feed and OParl.
/// Absolute links use the configured site address only; an https address sends HSTS.
#[tokio::test]
async fn absolute_links_use_the_configured_site_address_never_the_host_header() {
    let t = TestApp::sqlite().await.with_site_url("https://samverkan.example");
    let mut c = t.client();
    let evil = [("host", "evil.example"), ("x-forwarded-proto", "http")];
    for path in ["/anslagstavla.atom", "/oparl/v1.1/system", "/oparl/v1.1/body"] {
        let r = c.send_with(Method::GET, path, None, vec![], &evil).await;
        r.assert_status(200);
        assert!(!r.body.contains("evil.example"), "{}: {}", r.context, r.body);
        assert!(r.body.contains("https://samverkan.example/"), "{}: {}", r.context, r.body);
        assert_eq!(r.headers["strict-transport-security"], "max-age=31536000", "{}", r.context);
    }
}

/// Hole 11: a meeting in year −1 (after which the iCalendar feed emitted an invalid date),
/// memberships from 0001 to 9999, rule scopes with ids 0 and −3 (after which the bodies' list
/// broke its own schema), a plan of 10,000 dates and invisible direction characters in names
/// were all accepted. Each is refused at its field now, and nothing is stored.
#[tokio::test]
async fn dates_ranges_and_names_have_sane_bounds() {
    for t in TestApp::each_engine().await {
        let mut api = t.token_client("api@test.se", true).await;
        let r = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "\u{202E}Ydre kommun", "kind": "region", "code": "05"}),
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.error(), ("invisible_characters".into(), Some("name".into())));
        let org = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Region Östergötland", "kind": "region", "code": "05"}),
            )
            .await
            .json()["id"]
            .clone();
        let person =
            api.json(Method::POST, "/api/v1/people", &json!({"name": "Karin Ek", "organisation_id": org})).await.json()
                ["id"]
                .clone();
        let body = api
            .json(
                Method::POST,
                "/api/v1/bodies",
                &json!({"name": "Samrådet", "kind": "consultation_group", "organisations": [org]}),
            )
            .await
            .json()["id"]
            .clone();
        for date in ["-001-01-01", "0001-01-01", "9999-12-31"] {
            let r = api.json(Method::POST, &format!("/api/v1/bodies/{body}/meetings"), &json!({"date": date})).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some("date"), "{date}");
        }
        let r = api
            .json(
                Method::POST,
                &format!("/api/v1/bodies/{body}/memberships"),
                &json!({"person_id": person, "organisation_id": org, "role": "member", "side": "majority", "start": "0001-01-01", "end": "9999-12-31"}),
            )
            .await;
        r.assert_status(422);
        for ids in [json!([0]), json!([-3]), json!([org, 0])] {
            let rules = json!({"rules": [{"kind": "seats_per_organisation", "scope": {"kind": "organisations", "ids": ids}, "min": 1}]});
            let r = api.json(Method::PUT, &format!("/api/v1/bodies/{body}/rules"), &rules).await;
            assert!(r.status.is_client_error(), "{}: {}", r.context, r.body);
        }
        api.get("/api/v1/bodies").await.assert_status(200);
        let many: Vec<String> = (0..10_000).map(|i| format!("2027-01-{:02}", 1 + i % 28)).collect();
        let r =
            api.json(Method::PUT, &format!("/api/v1/bodies/{body}/meeting-plan/2027"), &json!({"dates": many})).await;
        r.assert_status(422);
        assert_eq!(r.error().0, "too_many_dates");
        assert_eq!((t.count("meetings").await, t.count("memberships").await), (0, 0), "[{}]", t.engine);
    }
}
