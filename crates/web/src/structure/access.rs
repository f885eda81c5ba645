//! Who manages a body: administrators every body, a body's secretary (on the day) its
//! memberships, meeting plan and work plan. Everything else about a body is for administrators
//! (`Ctx::require_admin`).

use domain::ids::BodyId;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Whether the caller manages the body: an administrator, or the body's secretary today.
pub async fn can_manage(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<bool> {
    Ok(match &ctx.user {
        Some(u) => u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await?,
        None => false,
    })
}

/// Refuses everyone who does not manage the body (and asks people who are not signed in to sign
/// in).
pub async fn require_manager(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<()> {
    ctx.require_user()?;
    if can_manage(app, ctx, body).await? { Ok(()) } else { Err(AppError::Forbidden) }
}
