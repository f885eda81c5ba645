//! Submitting the working copy for adjustment, which freezes it as a version in canonical form
//! with its SHA-256 digest, and taking it back before anyone has approved it (those who prepare
//! the meeting). The operations, the buttons on the protocol page and the API calls.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::Invalid;
use serde_json::json;
use store::meetings::Meeting;

use super::page::{Posted, back, render_page};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::reshown;
use crate::meetings::access::require_prepare;
use crate::meetings::path::MeetingPath;

/// The operation: the digest of the frozen version (422 while a decision is missing).
pub async fn submit(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<String> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.submit_protocol(m.id, &ctx.actor()).await?)
}

/// The operation: the meeting, its protocol back in the secretary's hands.
pub async fn reopen(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<Meeting> {
    require_prepare(app, ctx, m).await?;
    app.store.reopen_protocol(m.id, &ctx.actor()).await?;
    app.store.meeting(m.id).await?.ok_or(AppError::NotFound)
}

/// What keeps the protocol from being submitted is shown at the submit button.
pub async fn submit_post(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    match submit(&app, &ctx, &m).await {
        Ok(_) => Ok(back(m.id, "lamnat")),
        Err(e) => {
            let at_button = |mut e: domain::FieldError| {
                e.field = "submit".into();
                e
            };
            let invalid = Invalid(reshown(e)?.0.into_iter().map(at_button).collect());
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}

/// A refused reopening is the error page.
pub async fn reopen_post(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    reopen(&app, &ctx, &m).await?;
    Ok(back(m.id, "tillbaka"))
}

pub async fn api_submit(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    let digest = submit(&app, &ctx, &m).await?;
    Ok(Json(json!({"status": "protocol_drafted", "digest": digest})).into_response())
}

pub async fn api_reopen(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(reopen(&app, &ctx, &m).await?).into_response())
}
