//! Changing a case's path (officers of the case's organisation, ADR 47): recording its traits
//! (which writes the proposed path), deviating from the proposal with a reason, and setting a
//! step's status (a skip needs its reason). Each is one operation that the case page's forms
//! and the API both call; every write is audited by the store.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::cases::Case;
use domain::cases::path::{DeviationInput, StepStatusInput, parse_traits};
use domain::cases::routing::CaseTraits;

use super::CasePath;
use super::access::require_case_officer;
use super::route_form::RouteForm;
use super::routing::timeline;
use super::show::case_page_with;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// The operation: records the case's traits; the store writes the path they propose.
pub async fn record_traits(app: &App, ctx: &Ctx, c: &Case, traits: CaseTraits) -> AppResult<()> {
    require_case_officer(app, ctx, c.organisation_id).await?;
    Ok(app.store.record_case_traits(c.id, traits, &ctx.actor()).await?)
}

/// The operation: a deviation from the proposal, with its reason.
pub async fn deviate(app: &App, ctx: &Ctx, c: &Case, input: &DeviationInput, key: Option<&str>) -> AppResult<i64> {
    require_case_officer(app, ctx, c.organisation_id).await?;
    Ok(app.store.deviate_case_route(c.id, input, &ctx.actor(), key).await?)
}

/// The operation: a step's new status.
pub async fn set_status(app: &App, ctx: &Ctx, c: &Case, step: i64, input: &StepStatusInput) -> AppResult<()> {
    require_case_officer(app, ctx, c.organisation_id).await?;
    Ok(app.store.set_route_step_status(c.id, step, input, &ctx.actor()).await?)
}

/// After a post: back to the timeline, or the case page again with the errors and values.
async fn done(app: &App, ctx: &Ctx, c: Case, f: RouteForm, result: AppResult<()>) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/diarium/{}?klart=sparat#arendets-gang", c.id)).into_response()),
        Err(e) => case_page_with(app, ctx, c, String::new(), Some(f), Some(&reshown(e)?)).await,
    }
}

pub async fn traits_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Input(f): Input<RouteForm>,
) -> AppResult<Response> {
    require_case_officer(&app, &ctx, c.organisation_id).await?;
    let result = match parse_traits(f.flags(), &f.strategy) {
        Ok(t) => record_traits(&app, &ctx, &c, t).await,
        Err(invalid) => Err(invalid.into()),
    };
    done(&app, &ctx, c, f, result).await
}

pub async fn deviation_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Input(f): Input<RouteForm>,
) -> AppResult<Response> {
    require_case_officer(&app, &ctx, c.organisation_id).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match DeviationInput::parse(&f.action, &f.step, &f.kind, &f.line, &f.reason) {
        Ok(input) => deviate(&app, &ctx, &c, &input, key).await.map(|_| ()),
        Err(invalid) => Err(invalid.into()),
    };
    done(&app, &ctx, c, f, result).await
}

/// The step's form names its fields `step_status` and `step_note` (the case's own status form
/// has `status`, and `note` is another form's label).
fn as_step_status(e: AppError) -> AppError {
    match e {
        AppError::Invalid(Invalid(mut errors)) => {
            for err in &mut errors {
                if err.field == "status" || err.field == "note" {
                    err.field = format!("step_{}", err.field);
                }
            }
            AppError::Invalid(Invalid(errors))
        }
        e => e,
    }
}

pub async fn step_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Input(f): Input<RouteForm>,
) -> AppResult<Response> {
    require_case_officer(&app, &ctx, c.organisation_id).await?;
    let step = f.step.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    let result = match StepStatusInput::parse(&f.step_status, &f.step_note) {
        Ok(input) => set_status(&app, &ctx, &c, step, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    done(&app, &ctx, c, f, result.map_err(as_step_status)).await
}

/// The path as the API answers after a write.
async fn answer(app: &App, ctx: &Ctx, c: &Case, code: StatusCode) -> AppResult<Response> {
    let route = app.store.case_route(c.id).await?;
    Ok((code, Json(timeline(app, ctx, c, route).await?)).into_response())
}

/// `PUT /api/v1/cases/{id}/routing`: the traits, as booleans and a strategy code or null.
pub async fn traits_api(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_case_officer(&app, &ctx, c.organisation_id).await?;
    const FLAGS: [&str; 5] = [
        "division_of_responsibility",
        "within_care",
        "needs_formal_views",
        "needs_board_decisions",
        "funds_joint_initiatives",
    ];
    let mut j = JsonInput::parse(&headers, &body, &[&FLAGS[..], &["strategy"]].concat())?;
    let flags = FLAGS.map(|f| j.bool(f).unwrap_or(false));
    let strategy = j.str("strategy");
    j.finish()?;
    record_traits(&app, &ctx, &c, parse_traits(flags, &strategy)?).await?;
    answer(&app, &ctx, &c, StatusCode::OK).await
}

/// `POST /api/v1/cases/{id}/routing/deviations`.
pub async fn deviation_api(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_case_officer(&app, &ctx, c.organisation_id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["action", "step", "kind", "line", "reason"])?;
    let step = j.id("step").map(|s| s.to_string()).unwrap_or_default();
    let (action, kind, line, reason) = (j.str("action"), j.str("kind"), j.str("line"), j.str("reason"));
    j.finish()?;
    let input = DeviationInput::parse(&action, &step, &kind, &line, &reason)?;
    deviate(&app, &ctx, &c, &input, crate::json::idempotency_key(&headers)).await?;
    answer(&app, &ctx, &c, StatusCode::CREATED).await
}

/// `PATCH /api/v1/cases/{id}/routing/steps/{step}`.
pub async fn step_api(
    State(app): State<App>,
    ctx: Ctx,
    StepPath(c, step): StepPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_case_officer(&app, &ctx, c.organisation_id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["status", "note"])?;
    let (status, note) = (j.str("status"), j.str("note"));
    j.finish()?;
    set_status(&app, &ctx, &c, step, &StepStatusInput::parse(&status, &note)?).await?;
    answer(&app, &ctx, &c, StatusCode::OK).await
}

/// `{id}/…/{step}`: the case and the id of a step of its path (404 when the case is missing;
/// a step not on its path is a 404 from the store).
pub struct StepPath(pub Case, pub i64);

impl axum::extract::FromRequestParts<App> for StepPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, app: &App) -> Result<Self, Self::Rejection> {
        let id: i64 = crate::extract::path_id(parts, "id").await?;
        let step: i64 = crate::extract::path_id(parts, "step").await?;
        let c = app.store.case(domain::ids::CaseId(id)).await?.ok_or(AppError::NotFound)?;
        Ok(StepPath(c, step))
    }
}
