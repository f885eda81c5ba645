//! A body's meeting plan per year (admins and the body's secretary): the form post and the API.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use domain::structure::parse_meeting_dates;
use serde::Deserialize;
use serde_json::json;
use time::Date;

use super::access::require_manager;
use super::load_body;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::Input;
use crate::json::JsonInput;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingPlanForm {
    pub year: String,
    pub dates: String,
}

pub(super) fn year_field(v: &str) -> Result<i32, FieldError> {
    v.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| FieldError::new("year", "invalid_year", "Ange ett år, t.ex. 2026.", "Give a year, e.g. 2026."))
}

pub async fn set_meeting_plan(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<MeetingPlanForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let year = year_field(&f.year)?;
    let dates = parse_meeting_dates(&f.dates)?;
    app.store.set_meeting_plan(b.id, year, &dates, &ctx.actor()).await?;
    Ok(Redirect::to(&format!("/organ/{}?ar={year}&klart=sparat#plan", b.id)).into_response())
}

pub async fn api_meeting_plan(
    State(app): State<App>,
    Path((raw, year)): Path<(String, String)>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let year = year_field(&year)?;
    let dates: Vec<String> = app.store.meeting_plan(b.id, year).await?.iter().map(Date::to_string).collect();
    Ok(Json(json!({"year": year, "dates": dates})).into_response())
}

pub async fn api_set_meeting_plan(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, year)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let year = year_field(&year)?;
    let mut j = JsonInput::parse(&headers, &body, &["dates"])?;
    let dates = j.strings("dates");
    j.finish()?;
    let dates = parse_meeting_dates(&dates.join("\n"))?;
    app.store.set_meeting_plan(b.id, year, &dates, &ctx.actor()).await?;
    Ok(Json(json!({"year": year, "dates": dates.iter().map(Date::to_string).collect::<Vec<_>>()})).into_response())
}
