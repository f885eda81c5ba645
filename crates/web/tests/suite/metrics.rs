//! `/metrics` (ADR 23): Prometheus text that parses line by line, requests counted by matched
//! route and status, the queue and the outbox by state, read only from allowed addresses or with
//! an administrator's API token.

use crate::common;

use common::*;

/// Checks every line against the text exposition format 0.0.4 and returns the samples as
/// (name with labels, value).
fn parse(text: &str) -> Vec<(String, f64)> {
    let mut samples = Vec::new();
    let mut typed = std::collections::HashSet::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("# TYPE name kind");
            assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            assert!(typed.insert(name.to_string()), "one TYPE per metric: {line}");
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        assert!(!line.is_empty() && !line.starts_with('#'), "unexpected line {line:?}");
        let (series, value) = line.rsplit_once(' ').expect("a sample is `series value`");
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("a number: {line}"));
        let name = series.split('{').next().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "metric name: {line}"
        );
        let labels = &series[name.len()..];
        if !labels.is_empty() {
            assert!(labels.starts_with('{') && labels.ends_with('}'), "labels: {line}");
            for pair in labels[1..labels.len() - 1].split("\",") {
                let (k, _) = pair.split_once("=\"").unwrap_or_else(|| panic!("label: {line}"));
                assert!(k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "label name: {line}");
            }
        }
        let family = ["_bucket", "_sum", "_count"].iter().fold(name, |n, s| n.strip_suffix(s).unwrap_or(n));
        assert!(typed.contains(name) || typed.contains(family), "sample before its TYPE: {line}");
        samples.push((series.to_string(), value));
    }
    samples
}

fn value(samples: &[(String, f64)], series: &str) -> Option<f64> {
    samples.iter().find(|(s, _)| s == series).map(|(_, v)| *v)
}

#[tokio::test]
async fn metrics_count_requests_and_are_read_only_by_those_allowed() {
    for t in TestApp::each_engine().await {
        let mut local = t.client();
        local.address = Some("127.0.0.1".into());
        for _ in 0..3 {
            local.get("/healthz").await.assert_status(200);
        }
        local.get("/organisationer/999999").await.assert_status(404);
        local.get("/nothing-here").await.assert_status(404);
        let r = local.get("/metrics").await;
        r.assert_status(200);
        assert!(
            r.headers[axum::http::header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain; version=0.0.4"),
            "[{}]",
            t.engine
        );
        let samples = parse(&r.body);
        let healthz = r#"method="GET",route="/healthz",status="200""#;
        assert_eq!(value(&samples, &format!("samverkan_http_requests_total{{{healthz}}}")), Some(3.0), "{}", r.body);
        assert_eq!(
            value(&samples, &format!("samverkan_http_request_duration_seconds_bucket{{{healthz},le=\"+Inf\"}}")),
            Some(3.0)
        );
        let by_route = r#"samverkan_http_requests_total{method="GET",route="/organisationer/{id}",status="404"}"#;
        assert_eq!(value(&samples, by_route), Some(1.0), "the matched route, not the path: {}", r.body);
        let unmatched = r#"samverkan_http_requests_total{method="GET",route="unmatched",status="404"}"#;
        assert_eq!(value(&samples, unmatched), Some(1.0), "{}", r.body);
        for series in [
            r#"samverkan_jobs{state="queued"}"#,
            r#"samverkan_jobs{state="dead"}"#,
            r#"samverkan_mail_messages{status="sent"}"#,
            r#"samverkan_mail_messages{status="failed"}"#,
            "samverkan_db_pool_connections",
            "samverkan_db_pool_idle",
        ] {
            assert!(value(&samples, series).is_some(), "[{}] {series} in {}", t.engine, r.body);
        }

        // A stranger, and a signed-in administrator from elsewhere, find nothing there.
        let mut stranger = t.client();
        stranger.address = Some("203.0.113.9".into());
        stranger.get("/metrics").await.assert_status(404);
        let mut admin = t.admin().await;
        admin.address = Some("203.0.113.9".into());
        admin.get("/metrics").await.assert_status(404);
        // An administrator's API token reads them from anywhere; a user's does not.
        let mut user = t.token_client("anvandare@test.se", false).await;
        user.address = Some("203.0.113.9".into());
        user.get("/metrics").await.assert_status(404);
        let mut token = t.token_client("drift@test.se", true).await;
        token.address = Some("203.0.113.9".into());
        let r = token.get("/metrics").await;
        r.assert_status(200);
        parse(&r.body);
    }
}
