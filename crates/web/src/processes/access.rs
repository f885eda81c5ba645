//! Who may do what with a process — one rule, here (ADR 49). A process's owners edit it: the
//! registrars of its owner organisation (administrators too), as they draft its referrals.
//! Members of the bodies involved (holding a role, or a forum at a milestone) read it before it
//! is published; everyone reads it once published. Anyone may send an input while it is open.

use domain::ids::{OrganisationId, UserId};
use store::processes::Process;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Whether the caller owns processes of `org`.
pub async fn owns(app: &App, ctx: &Ctx, org: i64) -> AppResult<bool> {
    crate::cases::is_registrar(app, ctx, OrganisationId(org)).await
}

pub async fn is_owner(app: &App, ctx: &Ctx, p: &Process) -> AppResult<bool> {
    owns(app, ctx, p.owner.id).await
}

/// Refuses a caller who does not own the process: 401 signed out, 403 otherwise.
pub async fn require_owner(app: &App, ctx: &Ctx, p: &Process) -> AppResult<()> {
    ctx.require_user()?;
    if is_owner(app, ctx, p).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The organisations whose processes the caller owns (all, for administrators); refuses a
/// caller who owns none.
pub async fn owned_organisations(app: &App, ctx: &Ctx) -> AppResult<Vec<domain::named::Named>> {
    let u = ctx.require_user()?;
    let all = super::organisations(app).await?;
    let mine: Vec<OrganisationId> = if u.is_admin { Vec::new() } else { app.store.registrar_of(UserId(u.id)).await? };
    let out: Vec<domain::named::Named> =
        all.into_iter().filter(|o| u.is_admin || mine.contains(&OrganisationId(o.id))).collect();
    if out.is_empty() { Err(AppError::Forbidden) } else { Ok(out) }
}

/// The unpublished processes the caller may read (as a member of an involved body); `true`
/// first when the caller reads them all (an administrator).
pub async fn readable(app: &App, ctx: &Ctx) -> AppResult<(bool, Vec<i64>)> {
    let Some(u) = &ctx.user else { return Ok((false, Vec::new())) };
    if u.is_admin {
        return Ok((true, Vec::new()));
    }
    Ok((false, involved(app, u.id).await?))
}

/// The processes a user is involved in: those whose involved bodies they sit in and those of
/// the organisations they register for (two queries, however many).
pub async fn involved(app: &App, user_id: i64) -> AppResult<Vec<i64>> {
    let mut ids = app.store.processes_read_by_member(user_id).await?;
    ids.extend(app.store.processes_owned_by_registrar(user_id).await?);
    Ok(ids)
}

/// Whether the caller may read the process: published, or one of its owners, or a member of an
/// involved body. An unreadable process is not found (404), as if it did not exist.
pub async fn require_visible(app: &App, ctx: &Ctx, p: &Process) -> AppResult<()> {
    if p.published || is_owner(app, ctx, p).await? {
        return Ok(());
    }
    if let Some(u) = &ctx.user
        && app.store.processes_read_by_member(u.id).await?.contains(&p.id)
    {
        return Ok(());
    }
    Err(AppError::NotFound)
}
