//! Who may do what with a meeting and its protocol (issue 4): the body's secretary (or the
//! meeting's, or an admin) prepares; the chair and the elected adjusters approve; members of
//! the body read drafts; everyone reads what is announced.

use domain::ids::PersonId;
use domain::meetings::MeetingStatus;
use store::meetings::Meeting;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// The person the signed-in account acts as.
pub fn person(ctx: &Ctx) -> Option<PersonId> {
    ctx.user.as_ref().and_then(|u| u.person_id).map(PersonId)
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
