//! A benchmark, not a test (ADR 8): the web suite's `indicators_bench` on the store alone (its
//! release build links two crates, not the server), for measuring the import's writes
//! (docs/performance.md, "Indicator import"). Importing Kolada-shaped files at national scale. The
//! generator writes the shape of the real responses in `data/kolada/data/` (API v2 envelope, one
//! row per municipality and year with the values of T, K and M) for the 290 municipalities, 21
//! regions and the country, `YEARS` years and `INDICATORS_BENCH_KPIS` KPIs (10). The values are generated (a smooth
//! series per area), never presented as Kolada's. Prints parse and store throughput in values
//! per second on each engine (PostgreSQL when `SAMVERKAN_TEST_POSTGRES_URL` is set).
//!
//! `cargo test --release --workspace --test suite -- --ignored --nocapture store_indicators_bench`

use std::time::Instant;

use domain::indicators::import::Expect;
use domain::indicators::read::parse;
use domain::indicators::{Format, IndicatorInput, definition::RawIndicator};
use store::{Actor, Store};

/// How many KPIs (files), 10 unless `INDICATORS_BENCH_KPIS` says otherwise.
fn kpis() -> usize {
    std::env::var("INDICATORS_BENCH_KPIS").ok().and_then(|v| v.parse().ok()).unwrap_or(10)
}
const YEARS: std::ops::RangeInclusive<i32> = 1994..=2023;

/// One KPI's response body for every area and year of `YEARS`, in Kolada's v2 shape.
fn kolada_file(kpi: &str, k: usize) -> String {
    kolada_file_for(kpi, k, YEARS)
}

/// One KPI's response body for every area (290 municipalities, 21 regions, the country) and
/// every year of `years`, in Kolada's v2 shape; generated values, not Kolada's.
fn kolada_file_for(kpi: &str, k: usize, years: std::ops::RangeInclusive<i32>) -> String {
    let mut areas: Vec<String> = domain::reference::municipalities().iter().map(|m| m.code.clone()).collect();
    areas.extend(domain::reference::counties().iter().map(|c| format!("00{}", c.code)));
    areas.push("0000".into());
    let mut rows = Vec::new();
    for (a, area) in areas.iter().enumerate() {
        for year in years.clone() {
            let base = 1000.0 + (a * 37 + k * 11) as f64;
            let t = base * (1.0 + 0.01 * f64::from(year - 1994));
            rows.push(format!(
                r#"{{"kpi": "{kpi}", "municipality": "{area}", "period": {year}, "values": [{{"gender": "T", "value": {t:.1}}}, {{"gender": "K", "value": {:.1}}}, {{"gender": "M", "value": {:.1}}}]}}"#,
                t * 0.51,
                t * 0.49
            ));
        }
    }
    format!("{{\"count\": {}, \"values\": [\n{}]}}", rows.len(), rows.join(",\n"))
}

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn store_indicators_bench() {
    let files: Vec<(String, String)> = (0..kpis())
        .map(|k| {
            let kpi = format!("N9{k:04}");
            let f = kolada_file(&kpi, k);
            (kpi, f)
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, f)| f.len()).sum();
    for s in super::indicators::stores().await {
        let (s, actor): (&Store, _) = (&s, Actor::system("bench"));
        // The test's database was just made from a template: on PostgreSQL its pages are written
        // out now, not by a checkpoint in the middle of the imports measured.
        if let store::Pool::Postgres(p) = &s.pool {
            sqlx::query("CHECKPOINT").execute(p).await.unwrap();
        }
        let (mut parse_s, mut store_s, mut values) = (0.0, 0.0, 0usize);
        let mut per_file = Vec::new();
        for (kpi, file) in &files {
            let raw = RawIndicator {
                title: format!("Benchmark {kpi}"),
                unit: "antal".into(),
                source: "kolada".into(),
                kolada_kpi: kpi.clone(),
                direction: "increase".into(),
                geography: "0006".into(),
                ..RawIndicator::default()
            };
            let id = s.create_indicator(&IndicatorInput::parse(&raw).unwrap(), &actor, None).await.unwrap();
            let t0 = Instant::now();
            let parsed = parse(Format::Kolada, file, Expect { kolada_kpi: Some(kpi) }).unwrap();
            let t1 = Instant::now();
            let r = s.import_indicator_values(id, Format::Kolada, "bench.json", &parsed, &actor, None).await.unwrap();
            let t2 = Instant::now();
            assert_eq!(r.inserted as usize, parsed.observations.len());
            parse_s += (t1 - t0).as_secs_f64();
            store_s += (t2 - t1).as_secs_f64();
            per_file.push((t2 - t1).as_secs_f64() * 1e3);
            values += parsed.observations.len();
        }
        // A re-import of the first file with every value changed: the history path.
        let (kpi, file) = &files[0];
        let changed = file.replace(".0}", ".5}");
        let parsed = parse(Format::Kolada, &changed, Expect { kolada_kpi: Some(kpi) }).unwrap();
        let id = s
            .indicators(true)
            .await
            .unwrap()
            .iter()
            .find(|i| i.kolada_kpi.as_deref() == Some(kpi.as_str()))
            .unwrap()
            .id;
        let t0 = Instant::now();
        let r = s.import_indicator_values(id, Format::Kolada, "bench-2.json", &parsed, &actor, None).await.unwrap();
        let re_s = t0.elapsed().as_secs_f64();
        println!(
            "[{:?}] {} files, {values} values, {:.1} MB: parse {:.0} values/s, store {:.0} values/s, \
             end to end {:.0} values/s; re-import of {} values ({} changed, history kept): {:.0} values/s; \
             store per file {:.1?} ms",
            s.engine(),
            files.len(),
            bytes as f64 / 1e6,
            values as f64 / parse_s,
            values as f64 / store_s,
            values as f64 / (parse_s + store_s),
            parsed.observations.len(),
            r.updated,
            parsed.observations.len() as f64 / re_s,
            per_file,
        );
    }
}
