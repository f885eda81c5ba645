//! The results (owners, and everyone once published): per question a bar chart with its data
//! table — choices counted per option, the scale with its mean, rankings as weighted scores
//! (first place of N earns N points, see `domain::surveys::results`) — the matrix as a
//! heat-table, free text with its frequent stemmed terms; filtered by county and kind of
//! organisation. The tally reads the submitted responses page by page.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chart::bars::{Bar, bars_svg};
use domain::error::Lang;
use domain::organisations::OrganisationKind;
use domain::surveys::definition::Kind;
use domain::surveys::{Answers, Tally, published};
use serde_json::json;
use store::surveys::{Filter, Survey};

use super::{SurveyPath, require_results};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// Responses read per page.
pub const PAGE: i64 = 1_000;
/// Free-text answers listed per question on the page (the CSV has them all).
const TEXTS_SHOWN: usize = 100;

/// The filter of the query: `lan` (county code) and `typ` (kind of organisation).
pub fn filter_of(query: &str) -> Filter {
    let get = |k: &str| {
        query.split('&').filter_map(|kv| kv.split_once('=')).find(|(x, _)| *x == k).map(|(_, v)| v.to_string())
    };
    Filter {
        county: get("lan").filter(|c| domain::reference::county(c).is_some()),
        kind: get("typ").and_then(|k| OrganisationKind::parse(&k)),
    }
}

/// The tally of the submitted responses that `filter` keeps, free text masked as published
/// (`domain::surveys::published`): the page, the API and the PDF show it to all who may read
/// the results.
pub async fn tally(app: &App, s: &Survey, filter: &Filter) -> AppResult<Tally> {
    let mut t = Tally::new(&s.definition);
    let hidden = app.store.hidden_outside_protocols().await?;
    let mut after = 0;
    loop {
        let rows = app.store.submitted_responses(s.id, filter, after, PAGE).await?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        for r in &rows {
            let a: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
            t.add(r.organisation.as_deref().unwrap_or(""), &published::masked(&s.definition, &a, &hidden));
        }
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    Ok(t)
}

pub struct TableRow {
    pub label: String,
    pub value: String,
    pub share: String,
    pub extra: String,
}

pub struct HeatRow {
    pub label: String,
    /// (count, level 0–5 for the cell's shade)
    pub cells: Vec<(usize, usize)>,
}

pub struct QuestionResultView {
    pub number: usize,
    pub key: String,
    pub text: String,
    pub kind: &'static str,
    pub answered: usize,
    pub svg: String,
    pub value_head: &'static str,
    pub extra_head: &'static str,
    pub table: Vec<TableRow>,
    pub mean: String,
    pub columns: Vec<String>,
    pub heat: Vec<HeatRow>,
    pub terms: Vec<(String, usize)>,
    pub texts: Vec<(String, String)>,
    pub more_texts: usize,
}

fn pct(n: u64, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 * 100.0 / of as f64 }
}

/// The view of every question's results.
pub fn views(s: &Survey, t: &Tally, lang: Lang) -> Vec<QuestionResultView> {
    let tx = |k: &str| crate::i18n::text(lang, k);
    s.definition
        .questions()
        .zip(&t.questions)
        .enumerate()
        .map(|(i, ((_, q), r))| {
            let j = r.to_json(&q.kind);
            let mut v = QuestionResultView {
                number: i + 1,
                key: q.key.clone(),
                text: q.text.clone(),
                kind: tx(&format!("survey.kind_{}", q.kind.as_str())),
                answered: r.answered,
                svg: String::new(),
                value_head: tx("survey.count"),
                extra_head: "",
                table: Vec::new(),
                mean: String::new(),
                columns: Vec::new(),
                heat: Vec::new(),
                terms: Vec::new(),
                texts: Vec::new(),
                more_texts: 0,
            };
            let id = format!("chart-{}", i + 1);
            match &q.kind {
                Kind::Text => {
                    v.terms = j.terms.iter().map(|x| (x.word.clone(), x.answers)).collect();
                    if let domain::surveys::QuestionResult::Text { answers, .. } = &r.result {
                        v.texts = answers.iter().take(TEXTS_SHOWN).cloned().collect();
                        v.more_texts = answers.len().saturating_sub(TEXTS_SHOWN);
                    }
                }
                Kind::Ranking { top, .. } => {
                    v.value_head = tx("survey.points");
                    v.extra_head = tx("survey.first_places");
                    let bars: Vec<Bar> =
                        j.counts.iter().map(|(l, n)| Bar { label: l.clone(), value: *n as f64, share: None }).collect();
                    let desc = match lang {
                        Lang::Sv => format!("Poäng per alternativ: förstaplats ger {top} poäng, sista rangordnade 1."),
                        Lang::En => format!("Points per option: first place earns {top} points, the last ranked 1."),
                    };
                    v.svg = bars_svg(&id, &q.text, &desc, &bars, lang);
                    v.table = j
                        .counts
                        .iter()
                        .zip(&j.firsts)
                        .map(|((l, n), (_, f))| TableRow {
                            label: l.clone(),
                            value: n.to_string(),
                            share: String::new(),
                            extra: f.to_string(),
                        })
                        .collect();
                }
                Kind::Matrix { columns, .. } => {
                    v.columns = columns.clone();
                    let max = j.matrix.iter().flat_map(|(_, cs)| cs.iter().map(|c| c.1)).max().unwrap_or(0);
                    v.heat = j
                        .matrix
                        .iter()
                        .map(|(row, cs)| HeatRow {
                            label: row.clone(),
                            cells: cs
                                .iter()
                                .map(|(_, n)| (*n, if max == 0 { 0 } else { (n * 5).div_ceil(max) }))
                                .collect(),
                        })
                        .collect();
                }
                _ => {
                    let bars: Vec<Bar> = j
                        .counts
                        .iter()
                        .map(|(l, n)| Bar { label: l.clone(), value: *n as f64, share: Some(pct(*n, r.answered)) })
                        .collect();
                    let desc = match (lang, &q.kind) {
                        (Lang::Sv, Kind::Multiple { .. }) => "Antal svar per alternativ; flera alternativ kan väljas.",
                        (Lang::En, Kind::Multiple { .. }) => "Answers per option; several options may be chosen.",
                        (Lang::Sv, _) => "Antal svar per alternativ.",
                        (Lang::En, _) => "Answers per option.",
                    };
                    v.svg = bars_svg(&id, &q.text, desc, &bars, lang);
                    v.table = bars
                        .iter()
                        .map(|b| TableRow {
                            label: b.label.clone(),
                            value: chart::line::number(b.value, lang),
                            share: format!(
                                "{} %",
                                chart::line::number((b.share.unwrap_or(0.0) * 10.0).round() / 10.0, lang)
                            ),
                            extra: String::new(),
                        })
                        .collect();
                    v.mean = j.mean.map(|m| chart::line::number((m * 100.0).round() / 100.0, lang)).unwrap_or_default();
                }
            }
            v
        })
        .collect()
}

#[derive(Template)]
#[template(path = "surveys/results.html")]
struct ResultsPage {
    p: Chrome,
    s: Survey,
    responses: usize,
    asked: usize,
    questions: Vec<QuestionResultView>,
    counties: Vec<(String, String)>,
    kinds: Vec<(&'static str, &'static str)>,
    county: String,
    kind: String,
    query: String,
}

pub async fn page(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_results(&ctx, &s)?;
    let filter = filter_of(&ctx.query);
    let t = tally(&app, &s, &filter).await?;
    let asked = app.store.survey_recipients(s.id).await?.len();
    let lang = ctx.lang;
    let title = format!("{} – {}", crate::i18n::text(lang, "survey.results"), s.title);
    let query = ctx.query.clone();
    let page = ResultsPage {
        p: Chrome::new(&ctx, title),
        responses: t.responses,
        asked,
        questions: views(&s, &t, lang),
        counties: domain::reference::counties().iter().map(|c| (c.code.clone(), c.name.clone())).collect(),
        kinds: OrganisationKind::ALL.iter().map(|k| (k.as_str(), k.label(lang))).collect(),
        county: filter.county.clone().unwrap_or_default(),
        kind: filter.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        query: if query.is_empty() { String::new() } else { format!("?{query}") },
        s,
    };
    Ok(render(&page)?.into_response())
}

/// `GET /api/v1/surveys/{id}/results?lan=&typ=`: every question's figures.
pub async fn api(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_results(&ctx, &s)?;
    let filter = filter_of(&ctx.query);
    let t = tally(&app, &s, &filter).await?;
    let questions: Vec<_> = s
        .definition
        .questions()
        .zip(&t.questions)
        .map(|((_, q), r)| {
            let mut j = json!(r.to_json(&q.kind));
            j["text"] = json!(q.text);
            j
        })
        .collect();
    Ok(Json(json!({
        "survey_id": s.id,
        "responses": t.responses,
        "filter": {"county": filter.county, "kind": filter.kind.map(|k| k.as_str())},
        "questions": questions,
    }))
    .into_response())
}
