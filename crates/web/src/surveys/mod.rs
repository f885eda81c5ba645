//! Surveys (enkät, issue 14, ADR 50): the region's strategy owners build a survey (sections;
//! free text, single and multiple choice, scale, ranking, matrix; required questions and
//! conditions), send it to organisations — all of a kind in a county in one step, as referrals
//! choose consultees — or open it to anyone, and read the results: a chart and a table per
//! question, filters by county and kind of organisation, organisations side by side, CSV
//! (streamed) and PDF. An organisation's people draft its one answer together and submit it on
//! its behalf; the public answers open surveys; results are public once the owner publishes them.
//! The JSON API under `/api/v1/surveys` calls the same operations.

use axum::Router;
use axum::routing::{get, post, put};
use store::surveys::{Survey, SurveyStatus};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

mod answer;
mod builder;
mod compare;
mod create;
mod export;
mod form;
mod list;
pub mod mail;
mod open;
mod receipt;
pub mod reminders;
mod results;
mod send;
mod show;
mod view;

/// The job that mails a survey's invitations (handler in `jobs::handlers`).
pub const INVITATIONS: &str = store::surveys::INVITATIONS_JOB;

/// `{id}` in a route: the survey (404 in the caller's format).
pub struct SurveyPath(pub Survey);
crate::path_entity!(SurveyPath, "id", |app, id| app.store.survey(id).await);

/// Who builds surveys, sends them and reads every result: the region's strategy owners (the
/// rule the strategy and indicator rooms ask).
pub fn require_owner(ctx: &Ctx) -> AppResult<()> {
    ctx.require_strategy_owner()
}

pub fn is_owner(ctx: &Ctx) -> bool {
    require_owner(ctx).is_ok()
}

/// A drafted survey is its owners' alone: others get 404, as if it did not exist.
pub fn require_visible(ctx: &Ctx, s: &Survey) -> AppResult<()> {
    if s.status == SurveyStatus::Draft && !is_owner(ctx) { Err(AppError::NotFound) } else { Ok(()) }
}

/// The results are the owners', and everyone's once published.
pub fn require_results(ctx: &Ctx, s: &Survey) -> AppResult<()> {
    require_visible(ctx, s)?;
    if s.results_public || is_owner(ctx) {
        return Ok(());
    }
    ctx.require_user()?;
    Err(AppError::Forbidden)
}

/// The codes of store refusals that mean "someone else got there first": a newer version, an
/// answer already submitted, a survey already sent or closed.
const RACES: &[&str] = &["stale_version", "already_submitted", "already_sent", "already_closed"];

/// Whether a refusal is one of `RACES`.
pub fn is_race(invalid: &domain::Invalid) -> bool {
    RACES.contains(&invalid.first().code)
}

/// Store refusals that mean "someone else got there first" are conflicts (409), not input errors.
pub fn conflicts(e: store::StoreError) -> AppError {
    match e {
        store::StoreError::Invalid(i) if is_race(&i) => AppError::Conflict(i.first().clone()),
        e => e.into(),
    }
}

/// The status of a form re-shown with `invalid`: 409 for a race, else the form's own.
pub fn form_status(status: axum::http::StatusCode, invalid: Option<&domain::Invalid>) -> axum::http::StatusCode {
    if invalid.is_some_and(is_race) { axum::http::StatusCode::CONFLICT } else { status }
}

/// The survey to show again with a refused write: as it now is when another request got there
/// first (a race), else as it was read.
pub async fn as_now(app: &App, s: Survey, invalid: &domain::Invalid) -> AppResult<Survey> {
    if is_race(invalid) { app.store.survey(s.id).await?.ok_or(AppError::NotFound) } else { Ok(s) }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/enkater", get(list::page).post(create::form_post))
        .route("/enkater/ny", get(create::form))
        .route("/enkater/{id}", get(show::page))
        .route("/enkater/{id}/andra", get(create::edit_form).post(create::edit_post))
        .route("/enkater/{id}/fragor", post(builder::add_post))
        .route("/enkater/{id}/fragor/{key}/ta-bort", post(builder::remove_post))
        .route("/enkater/{id}/mottagare", post(send::recipients_post))
        .route("/enkater/{id}/skicka", post(send::send_post))
        .route("/enkater/{id}/stang", post(send::close_post))
        .route("/enkater/{id}/resultat/publicering", post(send::publish_post))
        .route("/enkater/{id}/svara", get(answer::page).post(answer::save_post))
        .route("/enkater/{id}/oppet-svar", get(open::page).post(open::submit_post))
        .route("/enkater/{id}/resultat", get(results::page))
        .route("/enkater/{id}/resultat.pdf", get(export::pdf))
        .route("/enkater/{id}/svar.csv", get(export::csv))
        .route("/enkater/{id}/organisationer", get(compare::page))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/surveys", get(list::api).post(create::api))
        .route("/surveys/{id}", get(show::api).put(create::edit_api))
        .route("/surveys/{id}/definition", put(builder::definition_api))
        .route("/surveys/{id}/recipients", get(send::recipients_api_get).post(send::recipients_api))
        .route("/surveys/{id}/sending", post(send::send_api))
        .route("/surveys/{id}/closing", post(send::close_api))
        .route("/surveys/{id}/results-publication", put(send::publish_api))
        .route("/surveys/{id}/response", get(answer::show_api).put(answer::save_api))
        .route("/surveys/{id}/response/submission", post(answer::submit_api))
        .route("/surveys/{id}/responses", post(open::api))
        .route("/surveys/{id}/results", get(results::api))
}
