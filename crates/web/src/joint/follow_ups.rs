//! Follow-up items of a joint matter (the duty to report back, seed 000's point 3): the
//! region's officers add them; they or the named organisation's officers mark them done.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::joint::FollowUpInput;
use serde::Deserialize;
use store::joint::JointMatter;

use super::JointPath;
use super::access::{officer_of, require_region_officer};
use super::show::{FollowUpFormView, matter_page};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// The operation: the region's officer adds an item; a retry with the same key adds it once.
pub async fn add(
    app: &App,
    ctx: &Ctx,
    m: &JointMatter,
    input: &FollowUpInput,
    key: Option<&str>,
) -> AppResult<JointMatter> {
    require_region_officer(app, ctx, m.owner_id).await?;
    app.store.add_joint_follow_up(m.id, input, &ctx.actor(), key).await?;
    app.store.joint_matter(m.id).await?.ok_or(AppError::NotFound)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub text: String,
    pub due_on: String,
    pub organisation_id: String,
    pub idempotency_key: String,
}

pub async fn add_post(
    State(app): State<App>,
    ctx: Ctx,
    JointPath(m): JointPath,
    Input(f): Input<FollowUpForm>,
) -> AppResult<Response> {
    require_region_officer(&app, &ctx, m.owner_id).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match FollowUpInput::parse(&f.text, &f.due_on, &f.organisation_id) {
        Ok(input) => add(&app, &ctx, &m, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(m) => Ok(Redirect::to(&format!("/samverkan/{}?klart=sparat#uppfoljning", m.id)).into_response()),
        Err(e) => {
            let form = FollowUpFormView {
                text: f.text,
                due_on: f.due_on,
                organisation_id: f.organisation_id,
                idempotency_key: f.idempotency_key,
            };
            matter_page(&app, &ctx, m, form, Some(&reshown(e)?)).await
        }
    }
}

/// Marks an item done: the region's officers, or the officers of the organisation it names.
pub async fn done_post(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((id, fid)): axum::extract::Path<(String, String)>,
) -> AppResult<Response> {
    ctx.require_user()?;
    let id: i64 = crate::forms::id(&id)?;
    let fid: i64 = crate::forms::id(&fid)?;
    let m = app.store.joint_matter(id).await?.ok_or(AppError::NotFound)?;
    let item = m.follow_ups.iter().find(|f| f.id == fid).ok_or(AppError::NotFound)?;
    let mine = officer_of(&app, &ctx).await?;
    let allowed =
        ctx.is_admin() || mine.contains(&m.owner_id) || item.organisation_id.is_some_and(|o| mine.contains(&o));
    if !allowed {
        return Err(AppError::Forbidden);
    }
    app.store.complete_joint_follow_up(m.id, fid, &ctx.actor()).await?;
    Ok(Redirect::to(&format!("/samverkan/{}?klart=sparat#uppfoljning", m.id)).into_response())
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    JointPath(m): JointPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_region_officer(&app, &ctx, m.owner_id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["text", "due_on", "organisation_id"])?;
    let (text, due_on) = (j.str("text"), j.str("due_on"));
    let org = j.id("organisation_id").map(|i| i.to_string()).unwrap_or_default();
    j.finish()?;
    let input = FollowUpInput::parse(&text, &due_on, &org)?;
    let m = add(&app, &ctx, &m, &input, crate::json::idempotency_key(&headers)).await?;
    Ok((StatusCode::CREATED, Json(m)).into_response())
}
