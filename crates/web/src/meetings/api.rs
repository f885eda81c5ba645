//! The JSON API of the notice board (`/api/v1`): the announcements up today, and one.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::path::AnnouncementPath;
use crate::App;
use crate::error::AppResult;

pub(crate) fn routes() -> Router<App> {
    Router::new().route("/notice-board", get(notice_board)).route("/announcements/{id}", get(announcement))
}

/// The notice board: announcements up today, with their dates as ISO dates.
async fn notice_board(State(app): State<App>) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.notice_board(app.store.today()).await?})).into_response())
}

async fn announcement(AnnouncementPath(a): AnnouncementPath) -> Response {
    Json(a).into_response()
}
