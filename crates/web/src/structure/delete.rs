//! Deleting a body (administrators): the confirmation page, the form post and the API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::BodyPath;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

pub async fn delete_form(State(_app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let p = Chrome::new(&ctx, format!("{} {}", i18n::text(ctx.lang, "form.delete"), b.name));
    Ok(render(&crate::pages::DeletePage {
        p,
        name: b.name,
        action: format!("/organ/{}/ta-bort", b.id),
        cancel: format!("/organ/{}", b.id),
    })?
    .into_response())
}

pub async fn delete(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_body(b.id, &ctx.actor()).await?;
    Ok(Redirect::to("/organ?klart=borttaget").into_response())
}

pub async fn api_delete(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_body(b.id, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
