//! Editing a body (administrators): the operation, the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::structure::{BodyInput, Rule};
use store::structure::Body;

use super::BodyPath;
use super::body_form::{self, BodyForm, Target};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};

/// The operation: an administrator replaces the body's fields and, when given (the API), its
/// rules.
pub async fn update(app: &App, ctx: &Ctx, b: &Body, input: &BodyInput, rules: Option<&[Rule]>) -> AppResult<Body> {
    ctx.require_admin()?;
    app.store.update_body(b.id, input, &ctx.actor()).await?;
    if let Some(rules) = rules {
        super::rules::set(app, ctx, b, rules).await?;
    }
    app.store.body(b.id).await?.ok_or(AppError::NotFound)
}

fn target(b: &Body) -> Target {
    let here = format!("/organ/{}", b.id);
    Target { title_key: "body.edit", action: here.clone(), cancel: here }
}

pub async fn form(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    body_form::page(&app, &ctx, target(&b), BodyForm::of(&b), None).await
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath, pairs: Pairs) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm::from_pairs(&pairs);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &b, &input, None).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(b) => Ok(Redirect::to(&format!("/organ/{}?klart=sparat", b.id)).into_response()),
        Err(e) => body_form::page(&app, &ctx, target(&b), f, Some(&reshown(e)?)).await,
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let (input, rules) = body_form::parse_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, &b, &input, rules.as_deref()).await?).into_response())
}
