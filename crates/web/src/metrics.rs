//! `/metrics` in the Prometheus text exposition format 0.0.4 (ADR 23): requests by matched route,
//! method and status with a latency histogram, jobs by state, e-mail messages by status, and the
//! database pool. A small registry of our own: a map of histograms behind a mutex, held by the
//! app, so two apps (tests) never mix their figures.
//!
//! Only addresses in `--metrics-allow` (default 127.0.0.1 and ::1) or an administrator's API
//! token read it; everyone else gets the same 404 as for a page that does not exist.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use store::Via;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Upper bounds of the latency buckets, in seconds (Prometheus' defaults).
const BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// The route label of a request no route matched: one label, whatever was asked, so a scan of
/// random paths cannot grow the registry.
const UNMATCHED: &str = "unmatched";

#[derive(Default)]
struct Histogram {
    /// Observations at or below each of `BUCKETS` (not yet cumulative).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The request figures since the process started.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), Histogram>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    /// Counts one answered request.
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        let mut map = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        let h = map.entry((route.to_string(), method.to_string(), status)).or_default();
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            h.buckets[i] += 1;
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// The request figures as exposition text.
    fn write_requests(&self, out: &mut String) {
        let map = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        out.push_str(
            "# HELP samverkan_http_requests_total HTTP requests answered, by matched route, method and status.\n",
        );
        out.push_str("# TYPE samverkan_http_requests_total counter\n");
        for ((route, method, status), h) in map.iter() {
            let labels = format!("method=\"{}\",route=\"{}\",status=\"{status}\"", escape(method), escape(route));
            let _ = writeln!(out, "samverkan_http_requests_total{{{labels}}} {}", h.count);
        }
        out.push_str("# HELP samverkan_http_request_duration_seconds Time to answer (until the headers), by matched route, method and status.\n");
        out.push_str("# TYPE samverkan_http_request_duration_seconds histogram\n");
        for ((route, method, status), h) in map.iter() {
            let labels = format!("method=\"{}\",route=\"{}\",status=\"{status}\"", escape(method), escape(route));
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "samverkan_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(out, "samverkan_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "samverkan_http_request_duration_seconds_sum{{{labels}}} {}", h.sum);
            let _ = writeln!(out, "samverkan_http_request_duration_seconds_count{{{labels}}} {}", h.count);
        }
    }
}

/// A label value with `\`, `"` and line breaks escaped, as the format asks.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The layer that times every request (after routing, so the matched route is known).
pub async fn track(State(app): State<App>, req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map_or(UNMATCHED, |m| m.as_str()).to_string();
    let method = req.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    app.metrics.observe(&route, &method, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// Whether `ctx` may read the figures: an allowed address, or an administrator's API token.
fn allowed(app: &App, ctx: &Ctx) -> bool {
    let by_token = ctx.via == Via::Token && ctx.user.as_ref().is_some_and(|u| u.is_admin);
    let by_address = ctx.address.parse::<IpAddr>().is_ok_and(|a| app.config.metrics_allow.contains(&a));
    by_token || by_address
}

/// `GET /metrics`.
pub async fn render(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    if !allowed(&app, &ctx) {
        return Err(AppError::NotFound);
    }
    let mut out = String::with_capacity(8192);
    app.metrics.write_requests(&mut out);
    let jobs = app.store.job_counts().await?;
    out.push_str("# HELP samverkan_jobs Background jobs in the queue, by state.\n# TYPE samverkan_jobs gauge\n");
    for (state, n) in [
        ("queued", jobs.queued),
        ("running", jobs.running),
        ("failed", jobs.failed),
        ("dead", jobs.dead),
        ("done", jobs.done),
    ] {
        let _ = writeln!(out, "samverkan_jobs{{state=\"{state}\"}} {n}");
    }
    let mut mail: BTreeMap<String, i64> =
        ["queued", "sent", "failed", "outbox"].into_iter().map(|s| (s.to_string(), 0)).collect();
    mail.extend(app.store.outbox_counts().await?);
    out.push_str(
        "# HELP samverkan_mail_messages E-mail messages written, by delivery status (sent, failed, queued, or \
         kept in the outbox without an SMTP server).\n# TYPE samverkan_mail_messages gauge\n",
    );
    for (status, n) in mail {
        let _ = writeln!(out, "samverkan_mail_messages{{status=\"{}\"}} {n}", escape(&status));
    }
    let pool = app.store.pool_stats();
    for (name, help, n) in [
        ("samverkan_db_pool_connections", "Database connections open.", pool.size),
        ("samverkan_db_pool_idle", "Database connections open and idle.", pool.idle),
        ("samverkan_db_pool_max", "The most database connections the pool opens.", pool.max),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {n}");
    }
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_is_cumulative_and_counts_every_request() {
        let m = Metrics::default();
        m.observe("/moten/{id}", "GET", 200, 0.003);
        m.observe("/moten/{id}", "GET", 200, 0.2);
        m.observe("/moten/{id}", "GET", 200, 30.0);
        let mut out = String::new();
        m.write_requests(&mut out);
        let l = r#"method="GET",route="/moten/{id}",status="200""#;
        assert!(out.contains(&format!("samverkan_http_requests_total{{{l}}} 3\n")), "{out}");
        assert!(out.contains(&format!("_bucket{{{l},le=\"0.005\"}} 1\n")), "{out}");
        assert!(out.contains(&format!("_bucket{{{l},le=\"0.25\"}} 2\n")), "{out}");
        assert!(out.contains(&format!("_bucket{{{l},le=\"10\"}} 2\n")), "{out}");
        assert!(out.contains(&format!("_bucket{{{l},le=\"+Inf\"}} 3\n")), "{out}");
        assert!(out.contains(&format!("_count{{{l}}} 3\n")), "{out}");
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
