//! Benchmark of the public registry narrowed by words at national scale (issue 11: "public
//! registry search p95"): 21 regions × 400 cases a year × 10 years = 84,000 cases with 210,000
//! documents (one to four a case) and their search entries, written in bulk straight into the
//! tables (what `demo::registry_history` writes through the store in ten minutes of release
//! build), then `GET /api/v1/cases?q=…` (the registry's list, as `/diarium?q=` reads it, outside
//! the page cache) timed for common words, a phrase, a word in one year and a rare word. A
//! benchmark, not a timed test (`#[ignore]`): it prints what it measured and checks only that
//! the first page of a common word is full.
//!
//! ```sh
//! export SAMVERKAN_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//! cargo test --workspace --test suite cases_registry_bench -- --ignored --nocapture
//! ```

use crate::common;

use std::time::Instant;

use common::TestApp;
use domain::ids::OrganisationId;
use domain::search::SearchQuery;
use domain::search::terms::document_terms;
use store::cases::CaseFilter;
use store::{Pool, Store};

use crate::cases_numbers::region;

const REGIONS: usize = 21;
const YEARS: i32 = 10;
const RUNS: usize = 20;
/// The 21 counties' codes.
const COUNTIES: [&str; REGIONS] = [
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23",
    "24", "25",
];

fn per_year() -> usize {
    std::env::var("REGISTRY_BENCH_PER_YEAR").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

/// The themes and kinds of `demo::registry_history`, so words match as often as there.
const KINDS: [&str; 5] = ["Remiss:", "Yttrande över", "Uppföljning av", "Överenskommelse om", "Samverkan kring"];
const THEMES: [&str; 8] = [
    "kompetensförsörjning i länet",
    "regional utvecklingsstrategi",
    "länstransportplan",
    "bredbandsutbyggnad på landsbygden",
    "regional kulturplan",
    "folkhälsa och jämlik hälsa",
    "klimatomställning och energi",
    "digital agenda",
];
const DOCUMENTS: [&str; 4] = ["Inkommen skrivelse", "Tjänsteskrivelse", "Beslut expedierat", "Svar på skrivelse"];

pub(crate) async fn exec(store: &Store, sql: &str) {
    match &store.pool {
        Pool::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
        Pool::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
    }
}

/// The head of an insert of index entries.
pub(crate) const INDEX_HEAD: &str = "INSERT INTO search_documents (kind, ref_id, owner, title, text, url, body_id, year, \
     date, readers, title_terms, terms)";

/// Writes `rows` (each a parenthesised tuple) into `head` 500 at a time.
pub(crate) async fn insert(store: &Store, head: &str, rows: &[String]) {
    for chunk in rows.chunks(500) {
        exec(store, &format!("{head} VALUES {}", chunk.join(", "))).await;
    }
}

/// The registry: returns (cases, documents).
pub(crate) async fn generate(store: &Store) -> (usize, usize) {
    let per_year = per_year();
    let this_year = store.today().year();
    let (mut cases, mut docs, mut index) = (Vec::new(), Vec::new(), Vec::new());
    let (mut case_id, mut doc_id) = (1_000_000i64, 1_000_000i64);
    for (r, county) in COUNTIES.iter().enumerate().take(REGIONS) {
        let prefix = format!("R{}", (b'A' + r as u8) as char);
        let org = region(store, &prefix, county).await;
        for y in 0..YEARS {
            let year = this_year - YEARS + y;
            for seq in 1..=per_year {
                case_id += 1;
                let i = seq + r * 7 + y as usize * 3;
                let title = format!("{} {}", KINDS[i % KINDS.len()], THEMES[(i / 5) % THEMES.len()]);
                let day = format!("{year}-{:02}-{:02}", 1 + seq * 11 / per_year.max(1) % 12, 1 + seq % 28);
                let n = 1 + i % 4;
                let number = format!("{prefix} {year}/{seq}");
                cases.push(format!(
                    "({case_id}, {}, '{prefix}', {year}, {seq}, '{title}', '{title}', 'closed', NULL, NULL, '{day}', {n}, '{day}', '{day}')",
                    org.0
                ));
                index.push(format!(
                    "('case', {case_id}, 'case:{case_id}', '{number} {title}', '{title} · ', '/diarium/{case_id}', NULL, {year}, '{day}', NULL, '{}', '{}')",
                    document_terms(&format!("{number} {title}")),
                    document_terms(&format!("{title} · "))
                ));
                for d in 1..=n {
                    doc_id += 1;
                    let desc = format!("{} om {}", DOCUMENTS[d - 1], THEMES[(i / 5) % THEMES.len()]);
                    docs.push(format!(
                        "({doc_id}, {case_id}, {d}, '{day}', '{day}', '{day}', 'incoming', NULL, '{desc}', NULL, NULL, NULL)"
                    ));
                    let text = format!("{desc} Registrerad {day}.");
                    let title = format!("{number}-{d} {desc}");
                    index.push(format!(
                        "('case_document', {doc_id}, 'case:{case_id}', '{title}', '{text}', '/diarium/{case_id}#handling-{d}', NULL, {year}, '{day}', NULL, '{}', '{}')",
                        document_terms(&title),
                        document_terms(&text)
                    ));
                }
            }
        }
    }
    insert(
        store,
        "INSERT INTO cases (id, organisation_id, prefix, year, seq, internal_title, public_title, status, responsible, \
         body_id, opened_on, documents, created_at, updated_at)",
        &cases,
    )
    .await;
    insert(
        store,
        "INSERT INTO case_documents (id, case_id, number, registered_on, registered_at, document_date, direction, \
         counterpart, description, secrecy_provision, secrecy_until, secrecy_set_by)",
        &docs,
    )
    .await;
    insert(store, INDEX_HEAD, &index).await;
    // As a server's tables are: analysed, and vacuumed (hint bits set and pages marked all
    // visible), rather than by the first queries measured or by autovacuum during them.
    if let Pool::Postgres(_) = &store.pool {
        exec(store, "VACUUM ANALYZE").await;
    }
    (cases.len(), docs.len())
}

/// The median and the 95th percentile.
pub(crate) fn percentiles(ms: &mut [f64]) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[ms.len() * 95 / 100])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn the_registry_narrowed_by_words_at_national_scale() {
    for t in TestApp::each_engine().await {
        let started = Instant::now();
        let (cases, documents) = generate(t.store()).await;
        println!(
            "{}: {cases} cases, {documents} documents generated in {:.1} s",
            t.engine,
            started.elapsed().as_secs_f64()
        );
        let year = t.store().today().year() - 3;
        let mut api = t.token_client("registry-bench@test.se", false).await;
        let first = api.get("/api/v1/cases?q=bredband").await;
        first.assert_status(200);
        assert_eq!(first.json()["items"].as_array().unwrap().len(), 50, "{}", t.engine);
        let words = |q: &str| Some(SearchQuery::parse(q, "", "", "").unwrap());
        let queries = [
            ("q=bredband".to_string(), CaseFilter { words: words("bredband"), ..Default::default() }),
            (
                "q=kompetensf%C3%B6rs%C3%B6rjning+i+l%C3%A4net".into(),
                CaseFilter { words: words("kompetensförsörjning i länet"), ..Default::default() },
            ),
            (
                format!("q=tj%C3%A4nsteskrivelse&year={year}"),
                CaseFilter { words: words("tjänsteskrivelse"), year: Some(year), ..Default::default() },
            ),
            (
                "q=kulturplan&organisation=2".into(),
                CaseFilter {
                    words: words("kulturplan"),
                    organisation_id: Some(OrganisationId(2)),
                    ..Default::default()
                },
            ),
            ("q=saknasilistan".into(), CaseFilter { words: words("saknasilistan"), ..Default::default() }),
        ];
        let build = if cfg!(debug_assertions) { "debug" } else { "release" };
        for (q, filter) in queries {
            let path = format!("/api/v1/cases?{q}");
            let mut ms = Vec::with_capacity(RUNS);
            let mut n = 0;
            for _ in 0..RUNS {
                let s = Instant::now();
                let r = api.get(&path).await;
                ms.push(s.elapsed().as_secs_f64() * 1000.0);
                n = r.assert_status(200).json()["items"].as_array().unwrap().len();
            }
            let (p50, p95) = percentiles(&mut ms);
            println!(
                "{}: GET {path}: {n} on the first page; p50 {p50:.1} ms, p95 {p95:.1} ms ({RUNS} runs, {build} build)",
                t.engine
            );
            // The store's two ways in the same run: collecting the cases the matching entries
            // name, and walking the cases newest first (what `cases` chooses from WALK_FROM on).
            for (way, walk_from) in [("collecting", i64::MAX), ("walking", 0)] {
                let mut ms = Vec::with_capacity(RUNS);
                for _ in 0..RUNS {
                    let s = Instant::now();
                    n = t.store().cases_walking_from(&filter, None, 50, walk_from).await.unwrap().items.len();
                    ms.push(s.elapsed().as_secs_f64() * 1000.0);
                }
                let (p50, p95) = percentiles(&mut ms);
                println!("{}:   store, {way}: {n}; p50 {p50:.1} ms, p95 {p95:.1} ms", t.engine);
            }
        }
    }
}
