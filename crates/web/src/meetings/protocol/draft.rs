//! Starting the protocol of a held meeting (those who prepare it): the working copy's
//! paragraphs are generated from the agenda, the election of adjusters first. The operation,
//! the button on the protocol page and the API call.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::meetings::{Meeting, ParagraphRow};

use super::page::back;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::meetings::access::require_prepare;
use crate::meetings::path::MeetingPath;

/// The operation: the working copy, generated.
pub async fn start(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<Vec<ParagraphRow>> {
    require_prepare(app, ctx, m).await?;
    app.store.start_protocol(m.id, &ctx.actor()).await?;
    Ok(app.store.paragraphs(m.id).await?)
}

/// A refused start is the error page.
pub async fn form_post(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    start(&app, &ctx, &m).await?;
    Ok(back(m.id, "paborjat"))
}

pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    let paragraphs = start(&app, &ctx, &m).await?;
    Ok(Json(json!({"paragraphs": paragraphs})).into_response())
}
