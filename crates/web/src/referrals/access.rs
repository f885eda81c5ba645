//! Who may do what with a referral: its drafters are the registrars of the case's organisation
//! (administrators too); a published referral and its published report are public; a
//! consultee's answer is drafted by the people of the consultee organisation (their account's
//! person belongs to it), by the named person asked, or by whoever holds its valid answer link.

use domain::ids::{ConsulteeId, UserId};
use store::referrals::{Consultee, Referral, ReferralStatus};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub async fn is_drafter(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<bool> {
    crate::cases::is_registrar(app, ctx, r.organisation_id).await
}

/// Refuses a caller who does not draft the referral: 401 signed out, 403 otherwise.
pub async fn require_drafter(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<()> {
    ctx.require_user()?;
    if is_drafter(app, ctx, r).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// A draft referral is its drafters' alone: others get 404, as if it did not exist.
pub async fn require_visible(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<bool> {
    let drafter = is_drafter(app, ctx, r).await?;
    if r.status == ReferralStatus::Draft && !drafter {
        return Err(AppError::NotFound);
    }
    Ok(drafter)
}

/// The answer link's token in the query (`?nyckel=`) or the form.
pub fn token_of(query: &str, form: Option<&str>) -> Option<String> {
    form.filter(|t| !t.is_empty()).map(str::to_string).or_else(|| url_query(query, "nyckel"))
}

fn url_query(query: &str, key: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// Whether the caller may draft and submit `k`'s answer: with the consultee's valid answer link,
/// or signed in as one of the consultee organisation's people (or the person asked).
pub async fn may_answer(app: &App, ctx: &Ctx, k: &Consultee, token: Option<&str>) -> AppResult<bool> {
    if let Some(t) = token {
        let hash = crate::secrets::sha256_hex(t);
        if app.store.consultee_by_token(&hash).await?.is_some_and(|c| c.id == k.id) {
            return Ok(true);
        }
    }
    let Some(u) = &ctx.user else { return Ok(false) };
    Ok(app.store.answers_for(ConsulteeId(k.id), UserId(u.id)).await?)
}

/// The consultees of `r` the signed-in caller answers for (the same rule as `may_answer`
/// without a link), in one query for the referral's page.
pub async fn answered_by_caller(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<Vec<i64>> {
    match &ctx.user {
        Some(u) => Ok(app.store.consultees_answered_by(r.id, UserId(u.id)).await?),
        None => Ok(Vec::new()),
    }
}

/// Refuses a caller who may not answer for `k`: 401 signed out without a valid link, 403 otherwise.
pub async fn require_answerer(app: &App, ctx: &Ctx, k: &Consultee, token: Option<&str>) -> AppResult<()> {
    if may_answer(app, ctx, k, token).await? {
        return Ok(());
    }
    ctx.require_user()?;
    Err(AppError::Forbidden)
}
