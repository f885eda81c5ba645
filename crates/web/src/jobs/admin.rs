//! Jobs for administrators: queued, running, failed and dead jobs (and the latest done), and
//! retrying a failed or dead one — as a page with a form and as API.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use serde_json::json;
use store::StoreError;
use store::jobs::{Job, JobCounts, JobState};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, query_value, render};

/// How many jobs a list shows.
const SHOWN: i64 = 200;

pub struct JobPath(pub Job);
crate::path_entity!(JobPath, "id", |app, id| app.store.job(id).await);

/// The `state` filter of a query string: empty for all.
fn state_filter(query: &str) -> Result<Option<JobState>, FieldError> {
    match query_value(query, "state").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => JobState::parse(&s).map(Some).ok_or_else(|| {
            FieldError::new(
                "state",
                "invalid_state",
                "Välj ett av tillstånden köad, pågår, misslyckad, död eller klar.",
                "Choose one of the states queued, running, failed, dead or done.",
            )
        }),
    }
}

/// The operation: an administrator sends a failed or dead job round again.
pub async fn retry(app: &App, ctx: &Ctx, job: &Job) -> AppResult<Job> {
    ctx.require_admin()?;
    app.store.retry_job(job.id, &ctx.actor()).await.map_err(|e| match e {
        StoreError::Conflict(_) => AppError::Conflict(FieldError::new(
            "state",
            "not_retryable",
            "Bara misslyckade och döda jobb kan köras igen.",
            "Only failed and dead jobs can be retried.",
        )),
        other => other.into(),
    })?;
    app.store.job(job.id).await?.ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "admin/jobs.html")]
struct ListPage {
    p: Chrome,
    counts: JobCounts,
    jobs: Vec<Job>,
}

pub async fn list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "jobs.title"));
    let state = match state_filter(&ctx.query) {
        Ok(s) => s,
        Err(e) => {
            p = p.with_errors(&domain::Invalid::one(e));
            None
        }
    };
    if query_value(&ctx.query, "klart").as_deref() == Some("igen") {
        p.notice = Some("jobs.retried");
    }
    let jobs = app.store.jobs(state, SHOWN).await?;
    let counts = app.store.job_counts().await?;
    Ok(render(&ListPage { p, counts, jobs })?.into_response())
}

pub async fn retry_post(State(app): State<App>, ctx: Ctx, JobPath(job): JobPath) -> AppResult<Response> {
    retry(&app, &ctx, &job).await?;
    Ok(Redirect::to("/admin/jobb?klart=igen").into_response())
}

/// `GET /api/v1/admin/jobs[?state=…]`: the newest jobs, newest first, with counts per state.
pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let state = state_filter(&ctx.query)?;
    let jobs = app.store.jobs(state, SHOWN).await?;
    let counts = app.store.job_counts().await?;
    Ok(Json(json!({"counts": counts, "items": jobs})).into_response())
}

/// `POST /api/v1/admin/jobs/{id}/retry`.
pub async fn api_retry(State(app): State<App>, ctx: Ctx, JobPath(job): JobPath) -> AppResult<Response> {
    Ok(Json(retry(&app, &ctx, &job).await?).into_response())
}

/// The state as the page says it.
pub fn state_key(state: &JobState) -> &'static str {
    match state {
        JobState::Queued => "jobs.queued",
        JobState::Running => "jobs.running",
        JobState::Failed => "jobs.failed",
        JobState::Dead => "jobs.dead",
        JobState::Done => "jobs.done",
    }
}
