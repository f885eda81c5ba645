//! Creating an indicator (the region's strategy owners): the operation, the form and the API.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use store::indicators::{Indicator, IndicatorInput};

use super::form::{self, IndicatorForm, Target};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an owner creates the indicator; a retry with the same key returns the first.
pub async fn create(app: &App, ctx: &Ctx, input: &IndicatorInput, key: Option<&str>) -> AppResult<Indicator> {
    super::require_owner(ctx)?;
    let id = app.store.create_indicator(input, &ctx.actor(), key).await?;
    app.store.indicator(id).await?.ok_or(AppError::NotFound)
}

fn target(ctx: &Ctx) -> Target {
    Target {
        title: crate::i18n::text(ctx.lang, "indicators.new").into(),
        action: "/indikatorer".into(),
        cancel: "/indikatorer".into(),
    }
}

pub async fn form(ctx: Ctx) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let mut f = IndicatorForm { idempotency_key: crate::auth::new_secret(), ..Default::default() };
    f.raw.source = "kolada".into();
    f.raw.direction = "increase".into();
    form::page(&ctx, target(&ctx), f, None)
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<IndicatorForm>) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match IndicatorInput::parse(&f.raw) {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(i) => Ok(Redirect::to(&format!("/indikatorer/{}", i.id)).into_response()),
        Err(e) => form::page(&ctx, target(&ctx), f, Some(&reshown(e)?)),
    }
}

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let input = form::parse_json(&headers, &body)?;
    let i = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/indicators/{}", i.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(i)).into_response())
}
