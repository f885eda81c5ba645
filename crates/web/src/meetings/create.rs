//! Creating a meeting of a body (admins and the body's secretary): the operation, the form post
//! from the body's meetings page and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::meetings::MeetingInput;
use store::meetings::Meeting;
use store::structure::Body;

use super::access::require_create;
use super::form::{self, MeetingForm};
use super::list::body_page;
use super::path::BodyPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::forms::reshown;

/// The operation: a planned meeting of the body; a retry with the same idempotency key returns
/// the first one.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    b: &Body,
    input: &MeetingInput,
    idempotency_key: Option<&str>,
) -> AppResult<Meeting> {
    require_create(app, ctx, b.id).await?;
    let id = app.store.create_meeting(b.id, input, &ctx.actor(), idempotency_key).await?;
    app.store.meeting(id).await?.ok_or(AppError::NotFound)
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<MeetingForm>,
) -> AppResult<Response> {
    require_create(&app, &ctx, b.id).await?;
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &b, &input, f.key()).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(m) => Ok(Redirect::to(&format!("/moten/{}?klart=skapat", m.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let year = f.day(app.store.today()).year();
            body_page(&app, &ctx, b, year, f, Some(&invalid)).await
        }
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_create(&app, &ctx, b.id).await?;
    let input = form::parse_json(&headers, &body)?;
    let m = create(&app, &ctx, &b, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/meetings/{}", m.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(m)).into_response())
}
