//! Changing an indicator's definition (the region's strategy owners): operation, form and API.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use store::indicators::{Indicator, IndicatorInput};

use super::IndicatorPath;
use super::form::{self, IndicatorForm, Target};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an owner replaces the definition (its values stay).
pub async fn update(app: &App, ctx: &Ctx, i: &Indicator, input: &IndicatorInput) -> AppResult<Indicator> {
    super::require_owner(ctx)?;
    app.store.update_indicator(i.id, input, &ctx.actor()).await?;
    app.store.indicator(i.id).await?.ok_or(AppError::NotFound)
}

fn target(ctx: &Ctx, i: &Indicator) -> Target {
    Target {
        title: format!("{}: {}", crate::i18n::text(ctx.lang, "indicators.edit"), i.title),
        action: format!("/indikatorer/{}/andra", i.id),
        cancel: format!("/indikatorer/{}", i.id),
    }
}

pub async fn form(ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let f = IndicatorForm { raw: i.raw(), idempotency_key: String::new() };
    form::page(&ctx, target(&ctx, &i), f, None)
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    IndicatorPath(i): IndicatorPath,
    Input(f): Input<IndicatorForm>,
) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let result = match IndicatorInput::parse(&f.raw) {
        Ok(input) => update(&app, &ctx, &i, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(i) => Ok(Redirect::to(&format!("/indikatorer/{}", i.id)).into_response()),
        Err(e) => form::page(&ctx, target(&ctx, &i), f, Some(&reshown(e)?)),
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    IndicatorPath(i): IndicatorPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let input = form::parse_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, &i, &input).await?).into_response())
}
