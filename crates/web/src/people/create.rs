//! Creating a person (administrators): the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{PersonForm, form_page, parse_json};
use super::show::public_json;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;

pub async fn new_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let organisation_id = crate::pages::query_value(&ctx.query, "organisation").unwrap_or_default();
    let f = PersonForm { idempotency_key: crate::auth::new_secret(), organisation_id, ..Default::default() };
    form_page(&app, &ctx, "person.new", f, "/personer".into(), "/personer".into(), None).await
}

pub async fn create(State(app): State<App>, ctx: Ctx, Input(f): Input<PersonForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match f.parse() {
        Ok(input) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_person(&input, &ctx.actor(), key).await
        }
        Err(inv) => Err(store::StoreError::Invalid(inv)),
    };
    match result {
        Ok(pid) => Ok(Redirect::to(&format!("/personer/{pid}?klart=skapat")).into_response()),
        Err(store::StoreError::Invalid(inv)) => {
            form_page(&app, &ctx, "person.new", f, "/personer".into(), "/personer".into(), Some(&inv)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn api_create(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let input = parse_json(&headers, &body)?;
    let pid = app.store.create_person(&input, &ctx.actor(), crate::json::idempotency_key(&headers)).await?;
    let v = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/people/{pid}"))], Json(public_json(&ctx, &v)))
        .into_response())
}
