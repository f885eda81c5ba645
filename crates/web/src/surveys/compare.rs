//! Organisations' answers side by side (issue 14): a table with a row per question and a
//! column per chosen organisation (`?org=…`, at most `MAX`; the first submitted ones when none
//! is chosen), for those who may see the results; free text masked as the results publish it.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::view::answer_text;
use super::{SurveyPath, require_results};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// The most organisations shown side by side (a wider table does not read).
pub const MAX: usize = 6;

pub struct Column {
    pub name: String,
}

pub struct Line {
    pub number: usize,
    pub text: String,
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "surveys/compare.html")]
struct ComparePage {
    p: Chrome,
    id: i64,
    title: String,
    /// Every organisation that submitted: (id, name, chosen).
    choices: Vec<(i64, String, bool)>,
    columns: Vec<Column>,
    lines: Vec<Line>,
}

pub async fn page(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_results(&ctx, &s)?;
    let asked: Vec<i64> =
        ctx.query.split('&').filter_map(|kv| kv.strip_prefix("org=")).filter_map(|v| v.parse().ok()).collect();
    let submitted: Vec<_> = app
        .store
        .survey_recipients(s.id)
        .await?
        .into_iter()
        .filter(|r| r.status == Some(store::surveys::ResponseStatus::Submitted))
        .collect();
    let chosen: Vec<&store::surveys::Recipient> = if asked.is_empty() {
        submitted.iter().take(4).collect()
    } else {
        submitted.iter().filter(|r| asked.contains(&r.organisation_id)).take(MAX).collect()
    };
    let mut answers = Vec::new();
    let hidden = app.store.hidden_outside_protocols().await?;
    for r in &chosen {
        let a = app.store.survey_response(s.id, r.organisation_id).await?.map(|x| x.answers).unwrap_or_default();
        answers.push(domain::surveys::published::masked(&s.definition, &a, &hidden));
    }
    let lines = s
        .definition
        .questions()
        .enumerate()
        .map(|(i, (_, q))| Line {
            number: i + 1,
            text: q.text.clone(),
            cells: answers.iter().map(|a| answer_text(a.get(&q.key))).collect(),
        })
        .collect();
    let choices = submitted
        .iter()
        .map(|r| (r.organisation_id, r.name.clone(), chosen.iter().any(|c| c.organisation_id == r.organisation_id)))
        .collect();
    let columns = chosen.iter().map(|r| Column { name: r.name.clone() }).collect();
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "survey.side_by_side"), s.title);
    let page = ComparePage { p: Chrome::new(&ctx, title), id: s.id, title: s.title, choices, columns, lines };
    Ok(render(&page)?.into_response())
}
