//! Creating a body (administrators): the operation, the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::structure::{BodyInput, Rule};
use store::structure::Body;

use super::body_form::{self, BodyForm, Target};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};

/// The operation: an administrator creates the body with its rules (none from the form); a retry
/// with the same idempotency key returns the first one.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    input: &BodyInput,
    rules: &[Rule],
    idempotency_key: Option<&str>,
) -> AppResult<Body> {
    ctx.require_admin()?;
    let id = app.store.create_body(input, rules, &ctx.actor(), idempotency_key).await?;
    app.store.body(id).await?.ok_or(AppError::NotFound)
}

fn target() -> Target {
    Target { title_key: "body.new", action: "/organ".into(), cancel: "/organ".into() }
}

pub async fn form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm {
        idempotency_key: crate::auth::new_secret(),
        kind: "consultation_group".into(),
        ..Default::default()
    };
    body_form::page(&app, &ctx, target(), f, None).await
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, pairs: Pairs) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm::from_pairs(&pairs);
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &input, &[], key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(b) => Ok(Redirect::to(&format!("/organ/{}?klart=skapat", b.id)).into_response()),
        Err(e) => body_form::page(&app, &ctx, target(), f, Some(&reshown(e)?)).await,
    }
}

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let (input, rules) = body_form::parse_json(&headers, &body)?;
    let b = create(&app, &ctx, &input, &rules.unwrap_or_default(), crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/bodies/{}", b.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(b)).into_response())
}
