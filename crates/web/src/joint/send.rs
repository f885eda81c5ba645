//! Sending a joint matter to its organisations (the region's officers) and moving one
//! organisation's status forward (its own officers or the region's): the operations, the
//! forms on the matter's page and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::OrganisationId;
use domain::joint::StatusInput;
use serde::Deserialize;
use store::joint::JointMatter;

use super::access::{recorder, require_region_officer};
use super::show::{FollowUpFormView, matter_page};
use super::{JointPath, PartyPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// The operation: the region's officer sends the matter to every organisation not yet sent to.
pub async fn send(app: &App, ctx: &Ctx, m: &JointMatter) -> AppResult<u64> {
    require_region_officer(app, ctx, m.owner_id).await?;
    Ok(app.store.send_joint_matter(m.id, Some(super::mail::SENT_JOB), &ctx.actor()).await?)
}

pub async fn send_post(State(app): State<App>, ctx: Ctx, JointPath(m): JointPath) -> AppResult<Response> {
    send(&app, &ctx, &m).await?;
    Ok(Redirect::to(&format!("/samverkan/{}?klart=sparat", m.id)).into_response())
}

/// The operation: the status of `org`'s row moves forward (the domain's rule), by its own
/// officer or the region's.
pub async fn change(
    app: &App,
    ctx: &Ctx,
    m: &JointMatter,
    org: OrganisationId,
    input: StatusInput,
) -> AppResult<JointMatter> {
    recorder(app, ctx, m, org).await?;
    app.store.change_joint_party_status(m.id, org, input.status, &ctx.actor()).await?;
    app.store.joint_matter(m.id).await?.ok_or(AppError::NotFound)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

pub async fn status_post(
    State(app): State<App>,
    ctx: Ctx,
    PartyPath(m, org): PartyPath,
    Input(f): Input<StatusForm>,
) -> AppResult<Response> {
    recorder(&app, &ctx, &m, org).await?;
    let result = match StatusInput::parse(&f.status) {
        Ok(input) => change(&app, &ctx, &m, org, input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(m) => Ok(Redirect::to(&format!("/samverkan/{}?klart=sparat#org-{org}", m.id)).into_response()),
        Err(e) => matter_page(&app, &ctx, m, FollowUpFormView::default(), Some(&reshown(e)?)).await,
    }
}

pub async fn status_api(
    State(app): State<App>,
    ctx: Ctx,
    PartyPath(m, org): PartyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    recorder(&app, &ctx, &m, org).await?;
    let mut j = JsonInput::parse(&headers, &body, &["status"])?;
    let status = j.str("status");
    j.finish()?;
    let m = change(&app, &ctx, &m, org, StatusInput::parse(&status)?).await?;
    Ok(Json(m).into_response())
}
