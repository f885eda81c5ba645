//! Sending the notice (kallelse) by e-mail (those who prepare the meeting, before it is held):
//! the operation, the button on the meeting page and the API call. The store records it and
//! enqueues the job that writes the messages with their invitations (`crate::mail::notice`), in
//! one transaction; sending again before anything changed sends nothing new.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use store::meetings::{Meeting, NoticeSent};

use super::access::require_prepare;
use super::page::{Forms, back, meeting_page};
use super::path::MeetingPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::reshown;

/// The operation.
pub async fn send(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<NoticeSent> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.send_notice(m.id, &ctx.actor()).await?)
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    match send(&app, &ctx, &m).await {
        Ok(_) => Ok(back(m.id, "kallelse", "notice")),
        Err(e) => meeting_page(&app, &ctx, m, Forms::default(), Some(&reshown(e)?)).await,
    }
}

/// `POST /api/v1/meetings/{id}/notice`: no body; the record of the notice sent.
pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(send(&app, &ctx, &m).await?).into_response())
}
