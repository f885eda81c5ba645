//! Reading assignments in the API: the list by body and one assignment (a body's page lists them
//! with `domain::assignments::BodyAssignments`).

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::ids::{BodyId, MeetingId};
use serde_json::json;

use super::AssignmentPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::meetings::access::can_prepare;
use crate::pages::query_value;

/// `GET /api/v1/assignments?body_id=…`: a body's public assignments, given and taken.
pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let body = query_value(&ctx.query, "body_id").unwrap_or_default();
    let body = domain::assignments::assignment::required_id("body_id", &body).map_err(domain::Invalid::one)?;
    let today = app.store.today();
    let items: Vec<serde_json::Value> = app
        .store
        .body_assignments(BodyId(body))
        .await?
        .into_iter()
        .map(|a| {
            let overdue = a.is_overdue_at(today);
            let mut j = json!(a);
            j["overdue"] = json!(overdue);
            j
        })
        .collect();
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}

/// `GET /api/v1/assignments/{id}`: public once its protocol is; before that, to those who
/// prepare the meeting that gave it (404 to others, who may not know it exists).
pub async fn api_one(State(app): State<App>, ctx: Ctx, AssignmentPath(a): AssignmentPath) -> AppResult<Response> {
    if !app.store.assignment_is_public(a.id).await? {
        let m = app.store.meeting(MeetingId(a.given_in.meeting_id)).await?.ok_or(AppError::NotFound)?;
        if !can_prepare(&app, &ctx, &m).await? {
            return Err(AppError::NotFound);
        }
    }
    let mut j = json!(a);
    j["overdue"] = json!(a.is_overdue_at(app.store.today()));
    Ok(Json(j).into_response())
}
