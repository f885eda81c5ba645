//! Everything the register keeps about one person, as JSON (GDPR art. 15 and 20), for
//! administrators: `GET /api/v1/people/{id}/export`.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::people::PersonPath;

pub async fn api(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let places = app.store.personal_data_places(v.person.id).await?;
    let name = format!("attachment; filename=\"person-{}.json\"", v.person.id);
    Ok(([(header::CONTENT_DISPOSITION, name)], Json(places)).into_response())
}
