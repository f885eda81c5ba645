//! What a region's IT administrator sets at start (ADR 23): log lines as JSON, and who may read
//! `/metrics`.

use crate::common;

use std::time::{Duration, Instant};

use common::{Dir, Server, bin};

#[test]
fn logs_are_json_lines_and_metrics_are_for_allowed_addresses_or_an_admin_token() {
    let d = Dir::new("ops");
    let o = bin()
        .args(["--data-dir", &d.arg(), "user", "add", "--email", "drift@region.se", "--name", "Drift", "--admin"])
        .arg("--password-stdin")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b"ett langt losenord for drift")?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(o.status.success());
    let o = bin().args(["--data-dir", &d.arg(), "token", "create", "--email", "drift@region.se"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_string();

    let server = Server::start({
        let mut c = bin();
        c.args(["--data-dir", &d.arg(), "serve", "--addr", "127.0.0.1:0", "--metrics-allow", "192.0.2.1,2001:db8::1"])
            .env("SAMVERKAN_LOG_FORMAT", "json")
            .env("SAMVERKAN_LOG", "info");
        c
    });
    assert_eq!(server.get("/healthz", &[]).status, 200);
    // 127.0.0.1 is not among the allowed addresses now: a stranger, who finds nothing.
    assert_eq!(server.get("/metrics", &[]).status, 404);
    let bearer = format!("Bearer {token}");
    let r = server.get("/metrics", &[("Authorization", &bearer)]);
    assert_eq!(r.status, 200, "{}", r.head);
    assert!(
        r.text().contains(r#"samverkan_http_requests_total{method="GET",route="/healthz",status="200"} 1"#),
        "{}",
        r.text()
    );

    // Every line on standard error is a JSON object with a level and its fields.
    let stderr = std::sync::Arc::clone(&server.stderr);
    drop(server);
    let began = Instant::now();
    while !stderr.lock().unwrap().contains("shutting down") && began.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let logs = stderr.lock().unwrap().clone();
    let lines: Vec<&str> = logs.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "the shutdown at least is logged: {logs}");
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["level"].is_string() && v["fields"].is_object() && v["timestamp"].is_string(), "{line}");
    }
}
