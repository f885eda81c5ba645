//! Who may do what with a joint matter (ADR 39). Everyone reads the matter and its matrix. The
//! region's officers — officers of the organisation that owns the matter's case — create it,
//! send it, move an organisation's status and add follow-up items; an administrator may do all
//! of it. An organisation's own officers record its decision and move its status; the region's
//! officers may record on its behalf, with a note that the matrix shows.
//!
//! An account is an officer of an organisation when the person it acts as belongs to it, or it
//! is one of the organisation's registrars (`Store::officer_organisations`).

use domain::ids::{OrganisationId, UserId};
use store::joint::JointMatter;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// The organisations the caller is an officer of (none when signed out).
pub async fn officer_of(app: &App, ctx: &Ctx) -> AppResult<Vec<OrganisationId>> {
    match &ctx.user {
        Some(u) => Ok(app.store.officer_organisations(UserId(u.id)).await?),
        None => Ok(Vec::new()),
    }
}

/// Whether the caller acts for the region that owns `owner`'s matters.
pub async fn is_region_officer(app: &App, ctx: &Ctx, owner: OrganisationId) -> AppResult<bool> {
    Ok(ctx.is_admin() || officer_of(app, ctx).await?.contains(&owner))
}

/// Refuses a caller who does not act for the owning region: 401 signed out, 403 otherwise.
pub async fn require_region_officer(app: &App, ctx: &Ctx, owner: OrganisationId) -> AppResult<()> {
    ctx.require_user()?;
    if is_region_officer(app, ctx, owner).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// How the caller records for `org`: `Ok(false)` as its own officer, `Ok(true)` on its behalf
/// as the region's officer (or an administrator who is not its officer); refused otherwise.
pub async fn recorder(app: &App, ctx: &Ctx, m: &JointMatter, org: OrganisationId) -> AppResult<bool> {
    ctx.require_user()?;
    let mine = officer_of(app, ctx).await?;
    if mine.contains(&org) {
        return Ok(false);
    }
    if ctx.is_admin() || mine.contains(&m.owner_id) {
        return Ok(true);
    }
    Err(AppError::Forbidden)
}
