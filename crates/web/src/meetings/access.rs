//! Who may do what with a meeting and its protocol (issue 4): admins and the body's secretary
//! create a body's meetings; the body's secretary (or the meeting's, or an admin) prepares a
//! meeting; the chair and the elected adjusters approve; members of the body read drafts;
//! everyone reads what is announced.
//!
//! Every operation of the room checks its rule here itself; handlers that parse input call the
//! same check first, so that someone without permission is told so before their input is read.

use domain::ids::{BodyId, PersonId};
use domain::meetings::MeetingStatus;
use store::meetings::Meeting;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// The person the signed-in account acts as.
pub fn person(ctx: &Ctx) -> Option<PersonId> {
    ctx.user.as_ref().and_then(|u| u.person_id).map(PersonId)
}

/// Whether the user creates meetings of the body: an admin or the body's secretary.
pub async fn can_create(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<bool> {
    Ok(match &ctx.user {
        Some(u) => u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await?,
        None => false,
    })
}

pub async fn require_create(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<()> {
    ctx.require_user()?;
    if can_create(app, ctx, body).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Whether the user prepares this meeting: an admin, the body's secretary, or the person named
/// as the meeting's secretary.
pub async fn can_prepare(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<bool> {
    let Some(u) = &ctx.user else { return Ok(false) };
    if u.is_admin {
        return Ok(true);
    }
    if m.secretary.as_ref().is_some_and(|s| Some(s.id) == u.person_id) {
        return Ok(true);
    }
    Ok(app.store.is_body_secretary(u.user_id(), m.body_id, app.store.today()).await?)
}

pub async fn require_prepare(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<()> {
    ctx.require_user()?;
    if can_prepare(app, ctx, m).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The person the signed-in account acts as, when they approve this meeting's protocol (its
/// chair or an elected adjuster).
pub fn require_approver(ctx: &Ctx, m: &Meeting) -> AppResult<PersonId> {
    ctx.require_user()?;
    let p = person(ctx).ok_or(AppError::Forbidden)?;
    store::Store::approver_role(m, p).map(|_| p).ok_or(AppError::Forbidden)
}

/// Whether the user may read the protocol before it is adjusted: those who prepare it, its
/// approvers and the body's members on the day of the meeting.
pub async fn can_read_draft(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<bool> {
    if can_prepare(app, ctx, m).await? {
        return Ok(true);
    }
    let Some(p) = person(ctx) else { return Ok(false) };
    if store::Store::approver_role(m, p).is_some() {
        return Ok(true);
    }
    Ok(app.store.is_body_member(p, m.body_id, m.date).await?)
}

/// Whether the user may read the protocol as it stands: anyone once adjusted, else as drafts.
pub async fn can_read_protocol(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<bool> {
    if m.protocol_public() {
        return Ok(true);
    }
    if !m.status.was_held() && m.status != MeetingStatus::ProtocolDrafted {
        return Ok(false);
    }
    can_read_draft(app, ctx, m).await
}

/// Reading a meeting's protocol record (the protocol as it stands, its approvals and its
/// verification), the same through the page and the API: anyone once adjusted, before that
/// those who read drafts or prepare it. A meeting not yet held has no protocol (404) except for
/// those who prepare it; the rest are asked to sign in (401: the page face sends them to the
/// sign-in form) or refused (403).
pub async fn require_protocol(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<()> {
    if can_read_protocol(app, ctx, m).await? || can_prepare(app, ctx, m).await? {
        return Ok(());
    }
    if !m.status.was_held() {
        return Err(AppError::NotFound);
    }
    ctx.require_user()?;
    Err(AppError::Forbidden)
}

/// Reading the attendance list, the same through the page and the API: public once the
/// protocol is, before that for those who read drafts (the body's members on the day, the
/// approvers and those who prepare the meeting).
pub async fn require_attendance(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<()> {
    if m.protocol_public() || can_read_draft(app, ctx, m).await? {
        return Ok(());
    }
    ctx.require_user()?;
    Err(AppError::Forbidden)
}
