//! Deleting a person (administrators): the operation, the confirmation page, the form post and
//! the API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use store::people::PersonView;

use super::PersonPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, DeletePage, render};

/// The operation: an administrator deletes the person.
pub async fn delete(app: &App, ctx: &Ctx, v: &PersonView) -> AppResult<()> {
    ctx.require_admin()?;
    Ok(app.store.delete_person(v.person.id, &ctx.actor()).await?)
}

pub async fn confirm(ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), v.person.name));
    let (action, cancel) = (format!("/personer/{}/ta-bort", v.person.id), format!("/personer/{}", v.person.id));
    Ok(render(&DeletePage { p, name: v.person.name, action, cancel, consequences: Vec::new() })?.into_response())
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    delete(&app, &ctx, &v).await?;
    Ok(Redirect::to("/personer?klart=borttaget").into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    delete(&app, &ctx, &v).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
