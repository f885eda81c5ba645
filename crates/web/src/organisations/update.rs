//! Editing an organisation (administrators): the operation, the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::organisations::{Organisation, OrganisationInput};

use super::OrganisationPath;
use super::form::{self, OrgForm, Target};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an administrator replaces the organisation's fields.
pub async fn update(app: &App, ctx: &Ctx, o: &Organisation, input: &OrganisationInput) -> AppResult<Organisation> {
    ctx.require_admin()?;
    app.store.update_organisation(o.id, input, &ctx.actor()).await.map_err(form::conflict_on_code)?;
    app.store.organisation(o.id).await?.ok_or(AppError::NotFound)
}

fn target(o: &Organisation) -> Target {
    let here = format!("/organisationer/{}", o.id);
    Target { title_key: "org.edit", action: here.clone(), cancel: here }
}

pub async fn form(ctx: Ctx, OrganisationPath(o): OrganisationPath) -> AppResult<Response> {
    ctx.require_admin()?;
    form::page(&ctx, target(&o), OrgForm::of(&o), None)
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    OrganisationPath(o): OrganisationPath,
    Input(f): Input<OrgForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &o, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(o) => Ok(Redirect::to(&format!("/organisationer/{}?klart=sparat", o.id)).into_response()),
        Err(e) => form::page(&ctx, target(&o), f, Some(&reshown(e)?)),
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    OrganisationPath(o): OrganisationPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = form::parse_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, &o, &input).await?).into_response())
}
