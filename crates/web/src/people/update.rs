//! Editing a person (administrators): the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::PersonPath;
use super::form::{PersonForm, form_page, parse_json};
use super::show::public_json;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;

pub async fn edit_form(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid = v.person.id;
    let path = format!("/personer/{pid}");
    form_page(&app, &ctx, "person.edit", PersonForm::of(&v), path.clone(), path, None).await
}

pub async fn update(
    State(app): State<App>,
    ctx: Ctx,
    PersonPath(v): PersonPath,
    Input(f): Input<PersonForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid = v.person.id;
    let result = match f.parse() {
        Ok(input) => app.store.update_person(pid, &input, &ctx.actor()).await,
        Err(inv) => Err(store::StoreError::Invalid(inv)),
    };
    let path = format!("/personer/{pid}");
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{path}?klart=sparat")).into_response()),
        Err(store::StoreError::Invalid(inv)) => {
            form_page(&app, &ctx, "person.edit", f, path.clone(), path, Some(&inv)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    PersonPath(v): PersonPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid = v.person.id;
    let input = parse_json(&headers, &body)?;
    app.store.update_person(pid, &input, &ctx.actor()).await?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    Ok(Json(public_json(&ctx, &v)).into_response())
}
