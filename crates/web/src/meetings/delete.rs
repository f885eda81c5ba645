//! Deleting a meeting that has not been held (those who prepare it): the operation, the
//! confirmation page, the form post and the API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use store::meetings::Meeting;

use super::access::require_prepare;
use super::path::MeetingPath;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, DeletePage, render};
use crate::{App, i18n};

/// The operation: refused (422) once the meeting was held, for its protocol is an official
/// document.
pub async fn delete(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.delete_meeting(m.id, &ctx.actor()).await?)
}

pub async fn confirm(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let name = format!("{} {}", m.body_name, m.date);
    let p = Chrome::new(&ctx, format!("{} {name}", i18n::text(ctx.lang, "form.delete")));
    let (action, cancel) = (format!("/moten/{}/ta-bort", m.id), format!("/moten/{}", m.id));
    Ok(render(&DeletePage { p, name, action, cancel, consequences: Vec::new() })?.into_response())
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    delete(&app, &ctx, &m).await?;
    Ok(Redirect::to(&format!("/organ/{}/moten?ar={}&klart=borttaget", m.body_id, m.date.year())).into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    delete(&app, &ctx, &m).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
