//! Deleting a body (administrators): the operation, the confirmation page, the form post and the
//! API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use store::structure::Body;

use super::BodyPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, DeletePage, render};

/// The operation: an administrator deletes the body.
pub async fn delete(app: &App, ctx: &Ctx, b: &Body) -> AppResult<()> {
    ctx.require_admin()?;
    Ok(app.store.delete_body(b.id, &ctx.actor()).await?)
}

pub async fn confirm(ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), b.name));
    let (action, cancel) = (format!("/organ/{}/ta-bort", b.id), format!("/organ/{}", b.id));
    Ok(render(&DeletePage { p, name: b.name, action, cancel, consequences: Vec::new() })?.into_response())
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    delete(&app, &ctx, &b).await?;
    Ok(Redirect::to("/organ?klart=borttaget").into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    delete(&app, &ctx, &b).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
