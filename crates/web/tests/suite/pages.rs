//! Every page in the same accessible shape, the security headers, the error pages, health
//! checks and the OpenAPI document.

use crate::common;

use axum::http::{Method, header};
use common::*;

/// Pages of the demo region as each role sees them.
const PAGES: &[&str] = &[
    "/",
    "/logga-in",
    "/tillganglighet",
    "/organisationer",
    "/organisationer?kind=municipality&county=06",
    "/organisationer/1",
    "/personer",
    "/personer/1",
    "/diarium",
    "/diarium?q=arbetsprocess",
    "/diarium/3",
    "/finns-inte",
];
const ADMIN_PAGES: &[&str] = &[
    "/konto",
    "/admin",
    "/admin/logg",
    "/organisationer/ny",
    "/organisationer/1/redigera",
    "/organisationer/1/ta-bort",
    "/personer/ny",
    "/personer/1/redigera",
    "/diarium/nytt",
    "/diarium/serier",
    "/diarium/3/handlingar/ny",
];

fn check_shape(r: &Resp) {
    let b = &r.body;
    assert!(b.starts_with("<!doctype html>"), "{}", r.context);
    assert!(b.contains("<html lang=\"sv\">") || b.contains("<html lang=\"en\">"), "{}", r.context);
    assert_eq!(b.matches("<h1").count(), 1, "{}: exactly one h1", r.context);
    assert!(b.contains("<a class=\"skip\" href=\"#main\">"), "{}: skip link", r.context);
    assert!(
        b.contains("<main id=\"main\"") && b.contains("<nav aria-label=") && b.contains("<footer"),
        "{}: landmarks",
        r.context
    );
    assert!(!b.contains("style=") && !b.contains("<script"), "{}: no inline style or script", r.context);
    for input in b.split("<input ").skip(1) {
        let tag = &input[..input.find('>').unwrap()];
        if tag.contains("type=\"hidden\"") {
            continue;
        }
        let id = tag
            .split("id=\"")
            .nth(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .unwrap_or_else(|| panic!("{}: input without id: {tag}", r.context));
        assert!(b.contains(&format!("for=\"{id}\"")), "{}: input {id} has no label", r.context);
    }
    let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(r.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
}

#[tokio::test]
async fn every_page_has_the_same_accessible_shape_in_both_languages() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        demo::reset_passwords(t.store(), Some(PASSWORD)).await.unwrap();
        let mut anon = t.client();
        let mut admin = t.client();
        admin.login("admin@demo.samverkan.se", PASSWORD).await;
        for lang in ["sv", "en"] {
            anon.post_form("/sprak", &[("lang", lang)]).await;
            admin.post_form("/sprak", &[("lang", lang)]).await;
            for p in PAGES {
                let r = anon.get(p).await;
                assert!(r.status == 200 || (*p == "/finns-inte" && r.status == 404), "{}", r.context);
                check_shape(&r);
                assert!(r.body.contains(&format!("<html lang=\"{lang}\">")), "{}", r.context);
            }
            for p in PAGES.iter().chain(ADMIN_PAGES).filter(|p| **p != "/logga-in") {
                check_shape(&admin.get(p).await);
            }
        }
        let mut member = t.client();
        member.login("ledamot@demo.samverkan.se", PASSWORD).await;
        let forbidden = member.get("/admin").await;
        forbidden.assert_status(403).assert_contains("Ingen behörighet");
        check_shape(&forbidden);
    }
}

#[tokio::test]
async fn errors_keep_the_layout_for_people_and_the_json_shape_for_programs() {
    for t in TestApp::each_engine().await {
        let mut c = t.client();
        c.get("/organisationer/999").await.assert_status(404).assert_contains("Sidan finns inte");
        c.get("/organisationer/-1").await.assert_status(404);
        let r = c.send(Method::PATCH, "/api/v1/organisations", None, vec![]).await;
        r.assert_status(405);
        assert_eq!(r.error().0, "method_not_allowed");
        let r = c.get("/api/v1/nope").await;
        r.assert_status(404);
        assert_eq!(r.error().0, "not_found");
        let csrf = c.csrf().await;
        c.send_with(Method::DELETE, "/organisationer", None, vec![], &[("x-csrf-token", &csrf)])
            .await
            .assert_status(405)
            .assert_contains("<h1>");
    }
}

#[tokio::test]
async fn health_and_readiness_answer() {
    for t in TestApp::each_engine().await {
        let mut c = t.client();
        assert_eq!(c.get("/healthz").await.json()["status"], "ok");
        assert_eq!(c.get("/readyz").await.json()["status"], "ready");
        t.store().close().await;
        c.get("/readyz").await.assert_status(503);
        c.get("/healthz").await.assert_status(200);
        // With the database gone, people get the error page in the layout with a reference to
        // quote, programs the JSON error; neither sees the internal detail.
        let page = c.get("/organisationer").await;
        page.assert_status(500)
            .assert_contains("Felkod att uppge")
            .assert_contains("<h1>Något gick fel</h1>")
            .assert_lacks("pool");
        check_shape(&page);
        let api = c.get("/api/v1/organisations").await;
        api.assert_status(500);
        assert_eq!(api.error().0, "internal");
        assert_eq!(api.json()["error"]["reference"].as_str().map(str::len), Some(12));
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let t = TestApp::sqlite().await;
    let mut c = t.client();
    let doc = c.get("/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/api/v1/me", &["get"][..]),
        ("/api/v1/openapi.json", &["get"]),
        ("/api/v1/counties", &["get"]),
        ("/api/v1/organisations", &["get", "post"]),
        ("/api/v1/organisations/{id}", &["get", "put", "delete"]),
        ("/api/v1/people", &["get", "post"]),
        ("/api/v1/people/{id}", &["get", "put", "delete"]),
        ("/api/v1/audit", &["get"]),
        ("/api/v1/people/{id}/memberships", &["get"]),
        ("/api/v1/people/{id}/export", &["get"]),
        ("/api/v1/people/{id}/personal-data-removal", &["post"]),
        ("/api/v1/bodies", &["get", "post"]),
        ("/api/v1/bodies/{id}", &["get", "put", "delete"]),
        ("/api/v1/bodies/{id}/memberships", &["get", "post"]),
        ("/api/v1/bodies/{id}/compliance", &["get"]),
        ("/api/v1/bodies/{id}/rules", &["put"]),
        ("/api/v1/bodies/{id}/work-plans", &["get", "post"]),
        ("/api/v1/bodies/{id}/meeting-plan/{year}", &["get", "put"]),
        ("/api/v1/memberships/{id}", &["get", "put", "delete"]),
        ("/api/v1/compliance", &["get"]),
        ("/api/v1/meetings", &["get"]),
        ("/api/v1/bodies/{id}/meetings", &["post"]),
        ("/api/v1/meetings/{id}", &["get", "put", "delete"]),
        ("/api/v1/meetings/{id}/status", &["post"]),
        ("/api/v1/meetings/{id}/adjusters", &["put"]),
        ("/api/v1/meetings/{id}/agenda", &["get", "post"]),
        ("/api/v1/meetings/{id}/agenda/{item}", &["put", "delete"]),
        ("/api/v1/meetings/{id}/attachments", &["get"]),
        ("/api/v1/meetings/{id}/attendance", &["get", "put"]),
        ("/api/v1/meetings/{id}/protocol", &["get"]),
        ("/api/v1/meetings/{id}/protocol/start", &["post"]),
        ("/api/v1/meetings/{id}/protocol/submit", &["post"]),
        ("/api/v1/meetings/{id}/protocol/reopen", &["post"]),
        ("/api/v1/meetings/{id}/protocol/corrections", &["post"]),
        ("/api/v1/meetings/{id}/protocol/verify", &["get"]),
        ("/api/v1/meetings/{id}/paragraphs/{pid}", &["put"]),
        ("/api/v1/meetings/{id}/paragraphs/{pid}/{list}", &["post"]),
        ("/api/v1/meetings/{id}/paragraphs/{pid}/{list}/{index}", &["delete"]),
        ("/api/v1/meetings/{id}/approvals", &["get", "post"]),
        ("/api/v1/notice-board", &["get"]),
        ("/api/v1/announcements/{id}", &["get"]),
        ("/api/v1/admin/jobs", &["get"]),
        ("/api/v1/admin/jobs/{id}/retry", &["post"]),
        ("/api/v1/admin/outbox", &["get"]),
        ("/api/v1/admin/outbox/{id}", &["get"]),
        ("/api/v1/search", &["get"]),
        ("/api/v1/admin/branding", &["get", "put"]),
        ("/api/v1/admin/branding/logo", &["put", "delete"]),
        ("/api/v1/admin/users", &["get", "post"]),
        ("/api/v1/admin/users/{id}", &["get", "patch"]),
        ("/api/v1/meetings/{id}/agenda/order", &["put"]),
        ("/api/v1/meetings/{id}/paragraphs", &["post"]),
        ("/api/v1/meetings/{id}/paragraphs/{pid}/move", &["post"]),
        ("/api/v1/meetings/{id}/paragraphs/{pid}", &["delete"]),
        ("/api/v1/meetings/{id}/notice", &["post"]),
        ("/api/v1/admin/sign-in", &["get"]),
        ("/api/v1/admin/sign-in/organisations/{id}", &["put"]),
        ("/api/v1/cases", &["get", "post"]),
        ("/api/v1/cases/{id}", &["get", "patch"]),
        ("/api/v1/cases/{id}/documents", &["get", "post"]),
        // cases: the path through the structure (ADR 47)
        ("/api/v1/cases/{id}/routing", &["get", "put"]),
        ("/api/v1/cases/{id}/routing/deviations", &["post"]),
        ("/api/v1/cases/{id}/routing/steps/{step}", &["patch"]),
        // cases: requests for official documents (ADR 48)
        ("/api/v1/cases/{id}/requests", &["post"]),
        ("/api/v1/cases/{id}/secrecy-grants", &["get", "post"]),
        ("/api/v1/secrecy-grants/{id}", &["delete"]),
        ("/api/v1/cases/{id}/archive", &["get"]),
        ("/api/v1/cases/archive", &["get"]),
        ("/api/v1/organisations/{id}/document-requests", &["get"]),
        ("/api/v1/organisations/{id}/document-requests/{rid}", &["patch"]),
        ("/api/v1/admin/directory/dry-run", &["post"]),
        ("/api/v1/admin/directory/apply", &["post"]),
        // indicators (issue 13)
        ("/api/v1/indicators", &["get", "post"]),
        ("/api/v1/indicators/{id}", &["get", "put"]),
        ("/api/v1/indicators/{id}/values", &["get"]),
        ("/api/v1/indicators/{id}/imports", &["post"]),
        // action plans, follow-up rounds, the annual report (issue 13)
        ("/api/v1/action-plans", &["get", "post"]),
        ("/api/v1/action-plans/{id}", &["get"]),
        ("/api/v1/action-plans/{id}/areas", &["post"]),
        ("/api/v1/action-plans/{id}/activities", &["post"]),
        ("/api/v1/action-plans/{id}/activities/{activity}", &["put"]),
        ("/api/v1/action-plans/rounds", &["get", "post"]),
        ("/api/v1/action-plans/rounds/{id}", &["get"]),
        ("/api/v1/action-plans/rounds/{id}/answers/{plan}", &["put"]),
        ("/api/v1/strategies/{id}/report/{year}", &["get"]),
        ("/api/v1/strategies/{id}/report/{year}/readiness", &["get"]),
        ("/api/v1/strategies/{id}/report/{year}/areas/{node}", &["put"]),
        // a process's plan edited and its parts removed (issue 14)
        ("/api/v1/processes/{id}/phases/{phase}", &["put", "delete"]),
        ("/api/v1/processes/{id}/roles/{role}", &["delete"]),
        ("/api/v1/processes/{id}/questions/{question}", &["delete"]),
    ] {
        let item = paths.get(path).unwrap_or_else(|| panic!("{path} is not documented"));
        for m in methods {
            assert!(item.get(*m).is_some(), "{m} {path} is not documented");
        }
    }
    assert_eq!(paths.len(), 155, "a documented path that does not exist: {:?}", paths.keys().collect::<Vec<_>>());
}

#[tokio::test]
async fn the_audit_log_filters_by_record_actor_action_and_date() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        admin.post_form("/organisationer", &org_form("Ydre kommun", "municipality", "0512")).await.assert_status(303);
        let mut api = t.token_client("api@test.se", true).await;
        let all = api.get("/api/v1/audit").await.json();
        assert!(all["items"].as_array().unwrap().len() >= 4);
        let only = api.get("/api/v1/audit?entity_type=organisation&actor=ADMIN@test.se").await.json();
        let items = only["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{only}");
        assert_eq!(items[0]["action"], "organisation.create");
        assert_eq!(items[0]["changes"]["name"]["to"], "Ydre kommun");
        let today = TODAY;
        let r = api.get(&format!("/api/v1/audit?from={today}&to={today}&action=organisation.create")).await.json();
        assert_eq!(r["items"].as_array().unwrap().len(), 1);
        let r = api.get("/api/v1/audit?from=2001-01-01&to=2001-01-02").await.json();
        assert_eq!(r["items"].as_array().unwrap().len(), 0);
        let bad = api.get("/api/v1/audit?from=igår").await;
        bad.assert_status(422);
        assert_eq!(bad.error().1.as_deref(), Some("from"));
        admin.get("/admin/logg?from=igår").await.assert_status(200).assert_contains("ÅÅÅÅ-MM-DD");
        // Paging: newest first, then older.
        let first = api.get("/api/v1/audit").await.json();
        assert!(first["next_cursor"].is_null());
    }
}

#[tokio::test]
async fn processes_starting_together_migrate_once() {
    let Ok(base) = std::env::var("SAMVERKAN_TEST_POSTGRES_URL") else { return };
    if base.is_empty() {
        return;
    }
    // A fresh database, migrated by three "processes" at once: each version is applied once,
    // by one of them, and none fails.
    let name = format!("samverkan_test_{}", &web::auth::new_secret()[..16]);
    let admin = store::Store::connect(&base).await.unwrap();
    let store::Pool::Postgres(p) = &admin.pool else { unreachable!() };
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(p).await.unwrap();
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    let mut runs = Vec::new();
    for _ in 0..3 {
        let s = store::Store::connect(&url).await.unwrap();
        runs.push(tokio::spawn(async move { s.migrate().await }));
    }
    let mut applied: Vec<i64> = Vec::new();
    for r in runs {
        applied.extend(r.await.unwrap().unwrap());
    }
    applied.sort();
    // Every migration shipped, each applied by exactly one of the processes.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../store/migrations/postgres");
    let mut shipped: Vec<i64> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy()[..4].parse().unwrap())
        .collect();
    shipped.sort();
    assert_eq!(applied, shipped);
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)"))).execute(p).await.unwrap();
}
