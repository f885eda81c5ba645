//! A benchmark, not a test (ADR 8): the demo's RUS case page with its path through the
//! structure (four steps, one deviation, the joint matter's link), as an officer loads it (the
//! three forms shown, outside the page cache), and `GET /api/v1/cases/{id}/routing`. Prints the
//! weights and the server's times; never fails on a slow machine.
//!
//! `cargo test -p web --test suite case_routing_bench -- --ignored --nocapture`

use crate::common;

use std::time::{Duration, Instant};

use common::*;

const RUNS: usize = 50;

/// The median and the minimum of `RUNS` loads of `url`, and the last body's size.
async fn measure(c: &mut Client, url: &str) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut size = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let r = c.get(url).await;
        times.push(start.elapsed());
        r.assert_status(200);
        size = r.body.len();
    }
    times.sort();
    (times[RUNS / 2], times[0], size)
}

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn the_rus_case_page_with_its_path() {
    let t = TestApp::sqlite().await;
    demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
    let cases = t.client().get("/api/v1/cases?limit=100").await.json();
    let rus = cases["items"].as_array().unwrap().iter().find(|c| c["public_title"] == demo::RUS_CASE).unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut admin = t.admin().await;
    let mut api = t.token_client("bench@test.se", true).await;
    for (name, c, url) in [
        ("case page, officer", &mut admin, format!("/diarium/{rus}")),
        ("routing API", &mut api, format!("/api/v1/cases/{rus}/routing")),
    ] {
        let (median, min, size) = measure(c, &url).await;
        println!("{name}: {size} B, median {median:.1?} (min {min:.1?}) over {RUNS} loads");
    }
}
