//! Editing a person (administrators): the operation, the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::organisations::PersonInput;
use store::people::PersonView;

use super::PersonPath;
use super::form::{self, PersonForm, Target};
use super::show::public_json;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an administrator replaces the person's fields.
pub async fn update(app: &App, ctx: &Ctx, v: &PersonView, input: &PersonInput) -> AppResult<PersonView> {
    ctx.require_admin()?;
    app.store.update_person(v.person.id, input, &ctx.actor()).await?;
    app.store.person(v.person.id).await?.ok_or(AppError::NotFound)
}

fn target(v: &PersonView) -> Target {
    let here = format!("/personer/{}", v.person.id);
    Target { title_key: "person.edit", action: here.clone(), cancel: here }
}

pub async fn form(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    form::page(&app, &ctx, target(&v), PersonForm::of(&v), None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    PersonPath(v): PersonPath,
    Input(f): Input<PersonForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &v, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(v) => Ok(Redirect::to(&format!("/personer/{}?klart=sparat", v.person.id)).into_response()),
        Err(e) => form::page(&app, &ctx, target(&v), f, Some(&reshown(e)?)).await,
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    PersonPath(v): PersonPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = form::parse_json(&headers, &body)?;
    let v = update(&app, &ctx, &v, &input).await?;
    Ok(Json(public_json(&ctx, &v)).into_response())
}
