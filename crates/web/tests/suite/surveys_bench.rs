//! A benchmark, not a test (ADR 8): survey results at national scale (issue 14). The generator
//! makes the 290 municipalities, a survey of 40 questions (free text, single and multiple
//! choice, scale, ranking, matrix) answered by every one of them, and an open survey answered
//! 10,000 times (ten questions each, so its CSV has 100,000 answer rows). Answers are generated,
//! never anyone's. Prints the time of the results page (the tally) and of the streamed CSV on
//! each engine (PostgreSQL when `SAMVERKAN_TEST_POSTGRES_URL` is set), next to the reference of
//! reading the same responses from the store without tallying them.
//!
//! `scripts/bench-surveys.sh`, or
//! `cargo test --release -p web --test suite surveys_bench -- --ignored --nocapture`

use crate::common;

use std::time::Instant;

use common::*;
use domain::ids::OrganisationId;
use domain::surveys::{Answer, Answers, Definition, Mode, SurveyInput, check};
use store::Actor;
use store::surveys::Filter;

const OPEN_RESPONSES: usize = 10_000;

fn opts(n: usize, prefix: &str) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix} {i}")).collect()
}

/// 40 questions: 10 of each of text, single, multiple and scale, then ranking and matrix in
/// place of two of them.
fn definition(questions: usize) -> Definition {
    let mut qs = Vec::new();
    for i in 0..questions {
        let kind = match i % 6 {
            0 => serde_json::json!({"kind": "text"}),
            1 => serde_json::json!({"kind": "single", "options": opts(5, "Alternativ")}),
            2 => serde_json::json!({"kind": "multiple", "options": opts(6, "Val")}),
            3 => serde_json::json!({"kind": "scale", "min": 1, "max": 5, "min_label": "Låg", "max_label": "Hög"}),
            4 => serde_json::json!({"kind": "ranking", "options": opts(7, "Utmaning"), "top": 3}),
            _ => {
                serde_json::json!({"kind": "matrix", "rows": opts(8, "Område"), "columns": opts(5, "Län"), "multiple": true})
            }
        };
        let mut q = serde_json::json!({"key": format!("q{i}"), "text": format!("Fråga {i}")});
        q.as_object_mut().unwrap().extend(kind.as_object().unwrap().clone());
        qs.push(q);
    }
    serde_json::from_value(serde_json::json!({"sections": [{"title": "Enkät", "questions": qs}]})).unwrap()
}

const WORDS: [&str; 8] = [
    "kompetensförsörjning",
    "landsbygden",
    "kollektivtrafiken",
    "bostäder",
    "näringslivet",
    "unga",
    "kulturen",
    "vården",
];

fn answers(def: &Definition, n: usize, only: usize) -> Answers {
    let mut a = Answers::new();
    for (i, (_, q)) in def.questions().enumerate().take(only) {
        let v = match &q.kind {
            domain::surveys::Kind::Text => {
                Answer::Text(format!("Vi behöver satsa på {} och {}.", WORDS[(n + i) % 8], WORDS[(n * 3 + i) % 8]))
            }
            domain::surveys::Kind::Single { options } => Answer::Text(options[(n + i) % options.len()].clone()),
            domain::surveys::Kind::Multiple { options } => Answer::List(
                options.iter().enumerate().filter(|(k, _)| (k + n).is_multiple_of(3)).map(|(_, o)| o.clone()).collect(),
            ),
            domain::surveys::Kind::Scale { .. } => Answer::Scale(1 + ((n + i) % 5) as i64),
            domain::surveys::Kind::Ranking { options, .. } => {
                Answer::List((0..3).map(|k| options[(n + k * 2) % options.len()].clone()).collect())
            }
            domain::surveys::Kind::Matrix { rows, columns, .. } => Answer::Matrix(
                rows.iter()
                    .enumerate()
                    .map(|(r, row)| (row.clone(), vec![columns[(r + n) % columns.len()].clone()]))
                    .collect(),
            ),
        };
        a.insert(q.key.clone(), v);
    }
    check(def, a, Mode::Draft).unwrap()
}

async fn survey(t: &TestApp, audience: &str, def: &Definition, actor: &Actor) -> i64 {
    let input = SurveyInput::parse("Benchmark", "", audience, "", t.store().today()).unwrap();
    let id = t.store().create_survey(&input, actor, None).await.unwrap();
    t.store().set_survey_definition(id, def, None, actor).await.unwrap();
    id
}

async fn time_get(c: &mut Client, path: &str) -> (f64, usize) {
    let start = Instant::now();
    let r = c.get(path).await;
    r.assert_status(200);
    (start.elapsed().as_secs_f64(), r.bytes.len())
}

async fn reference(t: &TestApp, id: i64) -> (f64, usize) {
    let start = Instant::now();
    let (mut after, mut n) = (0, 0);
    loop {
        let rows = t.store().submitted_responses(id, &Filter::default(), after, 1000).await.unwrap();
        let Some(last) = rows.last() else { break };
        after = last.id;
        n += rows.len();
    }
    (start.elapsed().as_secs_f64(), n)
}

#[tokio::test]
#[ignore]
async fn survey_results_and_export_at_national_scale() {
    for t in TestApp::each_engine().await {
        let actor = Actor::system("bench");
        let mut admin = t.admin().await;
        // The 290 municipalities.
        let mut orgs = Vec::new();
        for m in domain::reference::municipalities() {
            let body =
                serde_json::json!({"name": format!("{} kommun", m.name), "kind": "municipality", "code": m.code});
            let r = admin.json(axum::http::Method::POST, "/api/v1/organisations", &body).await;
            orgs.push(OrganisationId(r.json()["id"].as_i64().unwrap()));
        }
        let def = definition(40);
        let orgs_survey = survey(&t, "organisations", &def, &actor).await;
        t.store().add_survey_recipients(orgs_survey, &orgs, &actor).await.unwrap();
        t.store().send_survey(orgs_survey, &actor).await.unwrap();
        let started = Instant::now();
        for (n, o) in orgs.iter().enumerate() {
            t.store().save_survey_response(orgs_survey, o.0, &answers(&def, n, 40), 0, true, &actor).await.unwrap();
        }
        let open = survey(&t, "open", &def, &actor).await;
        t.store().send_survey(open, &actor).await.unwrap();
        for n in 0..OPEN_RESPONSES {
            // Ten questions each (text, single, multiple, scale, ranking, matrix …): the CSV has
            // one row per value.
            t.store().create_open_response(open, &answers(&def, n, 10), "bench", None, &actor, None).await.unwrap();
        }
        let generated = started.elapsed().as_secs_f64();
        let (ref_orgs, n_orgs) = reference(&t, orgs_survey).await;
        let (ref_open, n_open) = reference(&t, open).await;
        let (results_orgs, _) = time_get(&mut admin, &format!("/enkater/{orgs_survey}/resultat")).await;
        let (results_orgs_api, _) = time_get(&mut admin, &format!("/api/v1/surveys/{orgs_survey}/results")).await;
        let (results_open, _) = time_get(&mut admin, &format!("/enkater/{open}/resultat")).await;
        let start = Instant::now();
        let csv = admin.get(&format!("/enkater/{open}/svar.csv")).await;
        let csv_s = start.elapsed().as_secs_f64();
        let rows = csv.body.lines().count() - 1;
        let (pdf_s, pdf_bytes) = time_get(&mut admin, &format!("/enkater/{orgs_survey}/resultat.pdf")).await;
        println!(
            "[{}] generated {} + {} responses in {generated:.1} s\n\
             reference: read {n_orgs} responses × 40 questions in {ref_orgs:.3} s, {n_open} open responses in {ref_open:.3} s\n\
             results page, 290 organisations × 40 questions: {results_orgs:.3} s (API {results_orgs_api:.3} s)\n\
             results page, {OPEN_RESPONSES} open responses: {results_open:.3} s\n\
             CSV of the open survey: {rows} answer rows, {} bytes in {csv_s:.3} s ({:.0} rows/s)\n\
             PDF of the organisations' results: {pdf_bytes} bytes in {pdf_s:.3} s",
            t.engine,
            n_orgs,
            n_open,
            csv.bytes.len(),
            rows as f64 / csv_s
        );
        assert!(rows >= 100_000, "{rows} rows");
    }
}
