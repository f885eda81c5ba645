//! Who manages a body: administrators every body, a body's secretary its memberships, meeting
//! plan and work plan.

use domain::ids::BodyId;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Admins manage every body; a body's secretary manages its memberships, meeting plan and work
/// plan. Everyone else is refused (and people who are not signed in are asked to sign in).
pub(super) async fn require_manager(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<()> {
    let u = ctx.require_user()?;
    if u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) async fn can_manage(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<bool> {
    Ok(match &ctx.user {
        Some(u) => u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await?,
        None => false,
    })
}
