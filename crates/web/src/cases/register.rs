//! Registering a case (registrars, in their organisation's series): the operation, the form
//! and the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::{Case, CaseInput};
use domain::structure::Body;
use store::cases::Series;

use super::access::{registering_series, require_registrar};
use super::form::{CaseForm, case_json};
use super::view::case_view;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::pages::{Chrome, render};

/// The operation: a registrar of the case's organisation registers it; its number is the next
/// of the series. A retry with the same idempotency key returns the first registration.
pub async fn register(app: &App, ctx: &Ctx, input: &CaseInput, key: Option<&str>) -> AppResult<Case> {
    require_registrar(app, ctx, input.organisation_id).await?;
    let id = app.store.register_case(input, &ctx.actor(), key).await?;
    app.store.case(id).await?.ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "cases/register.html")]
struct FormPage {
    p: Chrome,
    f: CaseForm,
    series: Vec<Series>,
    bodies: Vec<Body>,
}

async fn page(app: &App, ctx: &Ctx, f: CaseForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let series = registering_series(app, ctx).await?;
    let bodies = app.store.all_bodies().await?;
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "case.new")).form(invalid);
    Ok((status, render(&FormPage { p, f, series, bodies })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let f = CaseForm { idempotency_key: crate::auth::new_secret(), ..Default::default() };
    page(&app, &ctx, f, None).await
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<CaseForm>) -> AppResult<Response> {
    registering_series(&app, &ctx).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse() {
        Ok(input) => register(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(c) => Ok(Redirect::to(&format!("/diarium/{}?klart=skapat", c.id)).into_response()),
        Err(e) => page(&app, &ctx, f, Some(&reshown(e)?)).await,
    }
}

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    registering_series(&app, &ctx).await?;
    let input = case_json(&headers, &body)?;
    let c = register(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/cases/{}", c.id);
    let view = case_view(&app, &c, true).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view)).into_response())
}
