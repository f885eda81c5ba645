//! A meeting's life by hand (those who prepare it): notice sent, held, cancelled. The operation,
//! the button on the meeting page and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use domain::meetings::MeetingStatus;
use serde::Deserialize;
use store::meetings::Meeting;

use super::access::require_prepare;
use super::page::{Forms, back, meeting_page};
use super::path::MeetingPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::forms::reshown;
use crate::json::JsonInput;

/// The operation: moves the meeting to `to` if its state machine allows it (else 422).
pub async fn set_status(app: &App, ctx: &Ctx, m: &Meeting, to: MeetingStatus) -> AppResult<Meeting> {
    require_prepare(app, ctx, m).await?;
    app.store.set_meeting_status(m.id, to, &ctx.actor()).await?;
    app.store.meeting(m.id).await?.ok_or(AppError::NotFound)
}

fn parse(status: &str) -> Result<MeetingStatus, FieldError> {
    MeetingStatus::parse(status)
        .ok_or_else(|| FieldError::new("status", "invalid_status", "Okänd status.", "Unknown status."))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

/// An unknown status is the error page; a step the meeting cannot take is shown on its page.
pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    Input(f): Input<StatusForm>,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let to = parse(&f.status)?;
    match set_status(&app, &ctx, &m, to).await {
        Ok(_) => Ok(back(m.id, "sparat", "status")),
        Err(e) => meeting_page(&app, &ctx, m, Forms::default(), Some(&reshown(e)?)).await,
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["status"])?;
    let status = j.str("status");
    j.finish()?;
    let to = parse(&status)?;
    Ok(Json(set_status(&app, &ctx, &m, to).await?).into_response())
}
