//! Removing a person's personal data from the web (administrators, with a reason): the
//! operation, the form post of the person's personal-data page and the API call
//! (`POST /api/v1/people/{id}/personal-data-removal` with `{"reason": "…"}`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::privacy::RemovalInput;
use serde::Deserialize;
use serde_json::json;
use store::people::PersonView;
use store::privacy::RemovalOutcome;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::people::PersonPath;

/// The operation: an administrator removes the person's personal data from the web, giving the
/// reason. The contact details are deleted, the name is hidden in the published protocols where
/// the person is not an elected representative, the archived versions keep everything, and
/// the audit log records the reason. Doing it again changes nothing.
pub async fn remove(app: &App, ctx: &Ctx, v: &PersonView, input: &RemovalInput) -> AppResult<RemovalOutcome> {
    ctx.require_admin()?;
    Ok(app.store.remove_personal_data(v.person.id, input, &ctx.actor()).await?)
}

#[derive(Debug, Default, Deserialize)]
pub struct RemovalForm {
    #[serde(default)]
    pub reason: String,
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    PersonPath(v): PersonPath,
    Input(f): Input<RemovalForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match RemovalInput::parse(&f.reason) {
        Ok(input) => remove(&app, &ctx, &v, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/personer/{}/personuppgifter?klart=sparat", v.person.id)).into_response()),
        Err(e) => super::places::render_page(&app, &ctx, &v, &f.reason, Some(&reshown(e)?)).await,
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    PersonPath(v): PersonPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut j = JsonInput::parse(&headers, &body, &["reason"])?;
    let reason = j.str("reason");
    j.finish()?;
    let input = RemovalInput::parse(&reason)?;
    let outcome = remove(&app, &ctx, &v, &input).await?;
    let removal = app.store.removal(v.person.id).await?;
    Ok(Json(json!({
        "person_id": v.person.id.0,
        "changed": outcome == RemovalOutcome::Removed,
        "removal": removal,
    }))
    .into_response())
}
