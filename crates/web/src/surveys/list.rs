//! The surveys (`/enkater`): for owners every survey with its state and a way to make a new
//! one; for an organisation's people the surveys their organisation is asked with how far its
//! answer has come; for everyone the open surveys and those whose results are published.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::surveys::{Audience, ResponseStatus, Survey, SurveyStatus};

use super::is_owner;
use super::show::status_label;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

pub struct Row {
    pub id: i64,
    pub title: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub closes_on: String,
    pub open_answer: bool,
    pub results: bool,
}

pub struct Asked {
    pub id: i64,
    pub title: String,
    pub state: &'static str,
}

#[derive(Template)]
#[template(path = "surveys/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<Row>,
    asked: Vec<Asked>,
    organisation: String,
    owner: bool,
}

/// The surveys the caller may see: all for owners; otherwise sent ones that are open to anyone
/// or have published results.
async fn visible(app: &App, ctx: &Ctx) -> AppResult<Vec<Survey>> {
    let owner = is_owner(ctx);
    let all = app.store.surveys(owner).await?;
    Ok(all.into_iter().filter(|s| owner || s.results_public || s.audience == Audience::Open).collect())
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let lang = ctx.lang;
    let today = app.store.today();
    let owner = is_owner(&ctx);
    let items = visible(&app, &ctx)
        .await?
        .into_iter()
        .map(|s| Row {
            id: s.id,
            status: status_label(s.status, lang),
            status_code: s.status.as_str(),
            closes_on: s.closes_on.map(|d| d.to_string()).unwrap_or_default(),
            open_answer: s.audience == Audience::Open && s.takes_answers(today),
            results: (owner && s.status != SurveyStatus::Draft) || s.results_public,
            title: s.title,
        })
        .collect();
    let (mut asked, mut organisation) = (Vec::new(), String::new());
    if let Some(u) = &ctx.user
        && let Some((org, name)) = app.store.user_organisation(u.id).await?
    {
        organisation = name;
        asked = app
            .store
            .surveys_asking(org)
            .await?
            .into_iter()
            .map(|(id, title, state)| Asked {
                id,
                title,
                state: crate::i18n::text(
                    lang,
                    match state {
                        Some(ResponseStatus::Submitted) => "survey.answer_submitted",
                        Some(ResponseStatus::Draft) => "survey.answer_draft",
                        None => "survey.answer_none",
                    },
                ),
            })
            .collect();
    }
    let p = Chrome::new(&ctx, crate::i18n::text(lang, "survey.title"));
    Ok(render(&ListPage { p, items, asked, organisation, owner })?.into_response())
}

/// `GET /api/v1/surveys`: the surveys the caller may see, without their questions.
pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let items: Vec<_> = visible(&app, &ctx)
        .await?
        .into_iter()
        .map(|s| {
            json!({"id": s.id, "title": s.title, "audience": s.audience, "status": s.status,
                   "closes_on": s.closes_on.map(|d| d.to_string()), "results_public": s.results_public,
                   "questions": s.definition.question_count()})
        })
        .collect();
    Ok(Json(json!({"items": items})).into_response())
}
