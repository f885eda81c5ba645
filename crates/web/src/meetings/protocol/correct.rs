//! Correcting an adjusted protocol (rule 18, those who prepare the meeting): the changed working
//! copy becomes a new version beside the adjusted one, with its reason, never a change to it.
//! The operation, the form on the protocol page and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::meetings::correction_reason;
use serde_json::json;
use store::meetings::Meeting;

use super::page::{Posted, back, prefixed, render_page};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::Pairs;
use crate::forms::reshown;
use crate::json::JsonInput;
use crate::meetings::access::require_prepare;
use crate::meetings::path::MeetingPath;

/// The operation: the new version's number (422 when nothing has changed).
pub async fn correct(app: &App, ctx: &Ctx, m: &Meeting, reason: &str) -> AppResult<i64> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.correct_protocol(m.id, reason, &ctx.actor()).await?)
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    pairs: Pairs,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let reason = pairs.get("reason");
    let result = match correction_reason(&reason) {
        Ok(r) => correct(&app, &ctx, &m, &r).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(back(m.id, "rattat")),
        Err(e) => {
            let invalid = prefixed(reshown(e)?, "correction-", &["reason"]);
            let kept = vec![("correction-reason".to_string(), reason)];
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), kept, ..Default::default() }).await
        }
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["reason"])?;
    let reason = j.str("reason");
    j.finish()?;
    let version = correct(&app, &ctx, &m, &correction_reason(&reason)?).await?;
    Ok((StatusCode::CREATED, Json(json!({"version": version}))).into_response())
}
