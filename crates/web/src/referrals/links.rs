//! Revoking a consultee's personal answer link (issue 12: "a signed, expiring token,
//! revocable"): its drafters, from the dashboard or the API. A revoked link stops working at
//! once; the consultee's people may still answer after signing in, and a new invitation (a
//! consultee added again after publication) sets a new link.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use store::referrals::{Consultee, Referral};

use super::access::require_drafter;
use super::{AnswerPath, ReferralPath};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;

/// The operation: the link is revoked; revoking it again changes nothing more. 404 when the
/// consultee never had a link.
pub async fn revoke(app: &App, ctx: &Ctx, r: &Referral, k: &Consultee) -> AppResult<()> {
    require_drafter(app, ctx, r).await?;
    Ok(app.store.revoke_answer_token(domain::ids::ConsulteeId(k.id), &ctx.actor()).await?)
}

pub async fn revoke_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    AnswerPath(k): AnswerPath,
) -> AppResult<Response> {
    revoke(&app, &ctx, &r, &k).await?;
    Ok(super::saved(&r, "/svar", ""))
}

/// `DELETE /api/v1/referrals/{id}/consultees/{consultee}/answer-link`.
pub async fn revoke_api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    AnswerPath(k): AnswerPath,
) -> AppResult<Response> {
    ctx.require_user()?;
    revoke(&app, &ctx, &r, &k).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
