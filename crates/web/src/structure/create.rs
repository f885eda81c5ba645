//! Creating a body (administrators): the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::body_form::{BodyForm, form_error, form_page, parse_body_json};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub async fn new_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm {
        idempotency_key: crate::auth::new_secret(),
        kind: "consultation_group".into(),
        ..Default::default()
    };
    form_page(&app, &ctx, "body.new", f, "/organ".into(), "/organ".into(), None).await
}

pub async fn create(State(app): State<App>, ctx: Ctx, pairs: crate::forms::Pairs) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm::from_pairs(&pairs);
    let result = match f.parse() {
        Ok(input) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_body(&input, &[], &ctx.actor(), key).await.map_err(form_error)
        }
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(bid) => Ok(Redirect::to(&format!("/organ/{bid}?klart=skapat")).into_response()),
        Err(Ok(inv)) => form_page(&app, &ctx, "body.new", f, "/organ".into(), "/organ".into(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

pub async fn api_create(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let (input, rules) = parse_body_json(&headers, &body)?;
    let key = crate::json::idempotency_key(&headers);
    let bid = app.store.create_body(&input, &rules.unwrap_or_default(), &ctx.actor(), key).await?;
    let b = app.store.body(bid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/bodies/{bid}"))], Json(b)).into_response())
}
