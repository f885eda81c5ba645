//! A body's meeting plan per year: the JSON for everyone, and setting it (admins and the body's
//! secretary): the operation, the form post and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawPathParams, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use domain::structure::parse_meeting_dates;
use serde::Deserialize;
use serde_json::json;
use store::structure::Body;
use time::Date;

use super::BodyPath;
use super::access::require_manager;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::json::JsonInput;

/// The operation: a manager of the body replaces its planned meeting dates of the year.
pub async fn set(app: &App, ctx: &Ctx, b: &Body, year: i32, dates: &[Date]) -> AppResult<()> {
    require_manager(app, ctx, b.id).await?;
    Ok(app.store.set_meeting_plan(b.id, year, dates, &ctx.actor()).await?)
}

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

/// `{year}` in a route: the plan's year (2000–2100); any other value is refused naming `year`.
pub struct PlanYear(pub i32);

impl FromRequestParts<App> for PlanYear {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &App) -> AppResult<Self> {
        let params = RawPathParams::from_request_parts(parts, &()).await.map_err(|_| AppError::NotFound)?;
        let raw = params.iter().find(|(k, _)| *k == "year").map(|(_, v)| v).unwrap_or_default();
        Ok(PlanYear(year_field(raw)?))
    }
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<MeetingPlanForm>,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let year = year_field(&f.year)?;
    let dates = parse_meeting_dates(&f.dates)?;
    set(&app, &ctx, &b, year, &dates).await?;
    Ok(Redirect::to(&format!("/organ/{}?ar={year}&klart=sparat#plan", b.id)).into_response())
}

pub async fn api(State(app): State<App>, BodyPath(b): BodyPath, PlanYear(year): PlanYear) -> AppResult<Response> {
    let dates: Vec<String> = app.store.meeting_plan(b.id, year).await?.iter().map(Date::to_string).collect();
    Ok(Json(json!({"year": year, "dates": dates})).into_response())
}

pub async fn api_set(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    PlanYear(year): PlanYear,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["dates"])?;
    let dates = j.strings("dates");
    j.finish()?;
    let dates = parse_meeting_dates(&dates.join("\n"))?;
    set(&app, &ctx, &b, year, &dates).await?;
    Ok(Json(json!({"year": year, "dates": dates.iter().map(Date::to_string).collect::<Vec<_>>()})).into_response())
}
