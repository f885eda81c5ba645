//! Deleting an organisation (administrators): the operation, the confirmation page, the form
//! post and the API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::organisations::Organisation;

use super::OrganisationPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, DeletePage, render};

/// The operation: an administrator deletes the organisation (refused while people or bodies
/// refer to it).
pub async fn delete(app: &App, ctx: &Ctx, o: &Organisation) -> AppResult<()> {
    ctx.require_admin()?;
    Ok(app.store.delete_organisation(o.id, &ctx.actor()).await?)
}

pub async fn confirm(ctx: Ctx, OrganisationPath(o): OrganisationPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), o.name));
    let (action, cancel) = (format!("/organisationer/{}/ta-bort", o.id), format!("/organisationer/{}", o.id));
    Ok(render(&DeletePage { p, name: o.name, action, cancel, consequences: Vec::new() })?.into_response())
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, OrganisationPath(o): OrganisationPath) -> AppResult<Response> {
    delete(&app, &ctx, &o).await?;
    Ok(Redirect::to("/organisationer?klart=borttaget").into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, OrganisationPath(o): OrganisationPath) -> AppResult<Response> {
    delete(&app, &ctx, &o).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
