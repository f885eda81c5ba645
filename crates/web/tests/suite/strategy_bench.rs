//! A benchmark, not a test (ADR 8): the strategy's pages at national scale (issue 13: "the
//! strategy dashboard at national scale (290 municipalities × 50 indicators × 20 years) under
//! 200 ms", and the annual report PDF). A region's strategy of five areas with ten prioritised
//! areas each, every one followed by its own indicator; each indicator has generated values in
//! the shape of Kolada's files (`indicators_bench::kolada_file_for`: the 290 municipalities, 21
//! regions and the country, 20 years, T/K/M) — never presented as Kolada's. Prints the median
//! and the slowest of `RUNS` loads of the strategy's page, its annual report and the report's
//! PDF, through the whole router, on each engine.
//!
//! `cargo test --release -p web --test suite strategy_bench -- --ignored --nocapture`

use crate::common;

use std::time::Instant;

use axum::http::Method;
use common::*;
use domain::indicators::import::Expect;
use domain::indicators::read::parse;
use domain::indicators::{Format, IndicatorInput, definition::RawIndicator};
use serde_json::json;
use store::Actor;

const AREAS: usize = 5;
const PER_AREA: usize = 10;
const YEARS: std::ops::RangeInclusive<i32> = 2004..=2023;
const RUNS: usize = 15;

async fn timed(c: &mut Client, path: &str) -> (f64, f64, usize) {
    let mut ms = Vec::with_capacity(RUNS);
    let mut bytes = 0;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let r = c.get(path).await;
        ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.status, 200, "{path}");
        bytes = r.bytes.len();
    }
    ms.sort_by(f64::total_cmp);
    (ms[RUNS / 2], ms[RUNS - 1], bytes)
}

/// The first area of the strategy (its id).
async fn first_area(t: &TestApp, strategy: i64) -> i64 {
    let s = t.store().strategy(strategy).await.unwrap().unwrap();
    s.children(None).next().unwrap().id
}

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn the_strategy_dashboard_and_report_at_national_scale() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let body = json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"});
        let region = admin.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap();
        let body = json!({"owner_id": region, "title": "Regional utvecklingsstrategi 2020–2035", "first_year": 2020,
                          "last_year": 2035, "status": "adopted"});
        let strategy = admin.json(Method::POST, "/api/v1/strategies", &body).await.json()["id"].as_i64().unwrap();
        let (s, actor) = (t.store(), Actor::system("bench"));
        let t0 = Instant::now();
        let mut values = 0;
        for a in 0..AREAS {
            let nodes = format!("/api/v1/strategies/{strategy}/nodes");
            let r =
                admin.json(Method::POST, &nodes, &json!({"kind": "area", "title": format!("Område {}", a + 1)})).await;
            let area = r.json()["id"].as_i64().unwrap();
            for p in 0..PER_AREA {
                let k = a * PER_AREA + p;
                let kpi = format!("N8{k:04}");
                let raw = RawIndicator {
                    title: format!("Indikator {}", k + 1),
                    unit: "antal".into(),
                    source: "kolada".into(),
                    kolada_kpi: kpi.clone(),
                    direction: "increase".into(),
                    geography: "0006".into(),
                    published: "true".into(),
                    baseline_year: "2015".into(),
                    baseline_value: "1000".into(),
                    target_year: "2030".into(),
                    target_value: "2000".into(),
                    ..RawIndicator::default()
                };
                let id = s.create_indicator(&IndicatorInput::parse(&raw).unwrap(), &actor, None).await.unwrap();
                let file = crate::indicators_bench::kolada_file_for(&kpi, k, YEARS);
                let parsed = parse(Format::Kolada, &file, Expect { kolada_kpi: Some(&kpi) }).unwrap();
                values += parsed.observations.len();
                s.import_indicator_values(id, Format::Kolada, "bench.json", &parsed, &actor, None).await.unwrap();
                let node = json!({"kind": "priority", "title": format!("Prioritering {}", k + 1), "parent_id": area,
                                  "indicators": [id]});
                admin.json(Method::POST, &nodes, &node).await.assert_status(201);
            }
        }
        let setup = t0.elapsed().as_secs_f64();
        let year = *YEARS.end();
        println!("[{:?}] {} indicators, {values} values, loaded in {setup:.1} s", s.engine(), AREAS * PER_AREA);
        // A signed-in reader is served outside the page cache (ADR 21): every load is built.
        let mut visitor = t.client();
        for (what, path) in [
            ("strategy page", format!("/strategier/{strategy}")),
            ("an area's page", format!("/strategier/{strategy}/delar/{}", first_area(&t, strategy).await)),
            ("annual report, HTML (50 indicator cards with charts)", format!("/strategier/{strategy}/rapport/{year}")),
            ("annual report, tagged PDF", format!("/strategier/{strategy}/rapport/{year}/rapport.pdf")),
        ] {
            let (median, max, bytes) = timed(&mut admin, &path).await;
            let (cached, _, _) = timed(&mut visitor, &path).await;
            println!(
                "[{:?}] {what}: built median {median:.1} ms, slowest {max:.1} ms of {RUNS}; anonymous \
                 median {cached:.1} ms; {bytes} bytes",
                s.engine(),
            );
        }
    }
}
