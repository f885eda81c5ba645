//! Adjustment: the chair and the elected adjusters approve the protocol out for adjustment (the
//! last approval adjusts, locks and announces it), or one paragraph at once at the meeting (OJ).
//! Each approval re-checks the account's password through the one throttled, audited check,
//! from the page and from the API alike. The operations, the forms and the API calls.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::meetings::{ApprovalOutcome, Meeting};

use super::page::{Posted, back, prefixed, render_page};
use crate::App;
use crate::auth::{Confirmation, confirm};
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::Pairs;
use crate::forms::reshown;
use crate::json::JsonInput;
use crate::meetings::access::{require_approver, require_protocol};
use crate::meetings::path::{MeetingPath, ParagraphNumber};

/// The operation: the signed-in approver (chair or adjuster) approves the protocol out for
/// adjustment, signing its digest, once their confirmation checks out: the password (a wrong
/// one is an error on `field`) or a fresh sign-in at their provider (`oidc`).
pub async fn approve(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    confirmation: Confirmation<'_>,
    field: &str,
) -> AppResult<ApprovalOutcome> {
    let person = require_approver(ctx, m)?;
    confirm(app, ctx, confirmation, field).await?;
    let user = ctx.user.as_ref().map(|u| u.user_id());
    Ok(app.store.approve_protocol(m.id, person, user, app.store.now(), &ctx.actor()).await?)
}

/// The operation: the same for paragraph `number` marked for immediate adjustment, while the
/// protocol is being written.
pub async fn approve_paragraph(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    number: i64,
    confirmation: Confirmation<'_>,
    field: &str,
) -> AppResult<ApprovalOutcome> {
    let person = require_approver(ctx, m)?;
    confirm(app, ctx, confirmation, field).await?;
    let user = ctx.user.as_ref().map(|u| u.user_id());
    Ok(app.store.approve_paragraph(m.id, number, person, user, &ctx.actor()).await?)
}

/// A wrong password, or why the approval cannot be made, is shown at the password field.
pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    pairs: Pairs,
) -> AppResult<Response> {
    match approve(&app, &ctx, &m, Confirmation::Password(&pairs.get("password")), "password").await {
        Ok(ApprovalOutcome::Adjusted) => Ok(back(m.id, "klart")),
        Ok(ApprovalOutcome::Recorded) => Ok(back(m.id, "justerat")),
        Err(e) => {
            let invalid = prefixed(reshown(e)?, "", &["password"]);
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}

/// The same for an OJ paragraph, at that paragraph's password field (`oj3-password`).
pub async fn paragraph_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphNumber(number): ParagraphNumber,
    pairs: Pairs,
) -> AppResult<Response> {
    let prefix = format!("oj{number}-");
    let password = pairs.get("password");
    let confirmation = Confirmation::Password(&password);
    match approve_paragraph(&app, &ctx, &m, number, confirmation, &format!("{prefix}password")).await {
        Ok(_) => Ok(back(m.id, "oj")),
        Err(e) => {
            let invalid = prefixed(reshown(e)?, &prefix, &["password"]);
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}

/// `{"password": …}` approves the protocol; with `"paragraph": N` the OJ paragraph N.
pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["password", "paragraph"])?;
    let (password, paragraph) = (j.str("password"), j.int("paragraph"));
    j.finish()?;
    let outcome = match paragraph {
        Some(n) => approve_paragraph(&app, &ctx, &m, n, Confirmation::Password(&password), "password").await?,
        None => approve(&app, &ctx, &m, Confirmation::Password(&password), "password").await?,
    };
    Ok((StatusCode::CREATED, Json(json!({"outcome": outcome, "approvals": app.store.approvals(m.id).await?})))
        .into_response())
}

pub async fn api_list(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_protocol(&app, &ctx, &m).await?;
    Ok(Json(json!({"items": app.store.approvals(m.id).await?})).into_response())
}
