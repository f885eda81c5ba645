//! Benchmark of the registry's registration throughput (issue 11: "benchmark registration
//! throughput with 16 concurrent writers (zero duplicate numbers)"): 16 registrars at once, each
//! registering cases in one organisation's series with a document in each, on each engine. A
//! benchmark, not a timed test (`#[ignore]`): it prints what it measured and checks only that
//! every number of the series was taken once, without gaps.
//!
//! ```sh
//! export SAMVERKAN_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//! cargo test --release --workspace --test suite cases_bench -- --ignored --nocapture
//! ```

use crate::common;

use std::collections::BTreeSet;
use std::time::Instant;

use common::TestApp;
use store::Actor;

use crate::cases_numbers::{case_input, document, region};

const WRITERS: usize = 16;

fn each() -> usize {
    std::env::var("CASES_BENCH_EACH").ok().and_then(|v| v.parse().ok()).unwrap_or(100)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn registration_throughput_with_16_concurrent_registrars() {
    let each = each();
    for t in TestApp::each_engine().await {
        let store = t.store().clone();
        let org = region(&store, "RJL", "06").await;
        let started = Instant::now();
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let actor = Actor::system(&format!("registrator-{w}"));
                let mut ids = Vec::new();
                for i in 0..each {
                    let title = format!("Skrivelse om kompetensförsörjning {w}-{i}");
                    let case = store.register_case(&case_input(org, &title), &actor, None).await.unwrap();
                    let doc = document(store.today(), "Inkommen skrivelse");
                    store.register_document(case, &doc, &[], &actor, None).await.unwrap();
                    ids.push(case);
                }
                ids
            }));
        }
        let mut ids = Vec::new();
        for task in tasks {
            ids.extend(task.await.unwrap());
        }
        let took = started.elapsed().as_secs_f64();
        let mut numbers = BTreeSet::new();
        for id in &ids {
            numbers.insert(store.case(*id).await.unwrap().unwrap().number.to_string());
        }
        let n = WRITERS * each;
        let year = store.today().year();
        let expected: BTreeSet<String> = (1..=n).map(|s| format!("RJL {year}/{s}")).collect();
        assert_eq!(numbers, expected, "{}: every number once, no gaps", t.engine);
        println!(
            "{}: {WRITERS} registrars, {n} cases and {n} documents in {took:.2} s: {:.0} cases/s, {:.0} registrations/s; \
             0 duplicate numbers",
            t.engine,
            n as f64 / took,
            (2 * n) as f64 / took
        );
    }
}
