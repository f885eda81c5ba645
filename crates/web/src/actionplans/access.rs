//! Who may do what with plans, rounds and reports (ADR 51).

use domain::ids::{BodyId, PersonId};
use domain::named::Named;
use store::actionplans::Plan;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Whether the caller works in the body: a member today or its secretary.
pub async fn in_body(app: &App, ctx: &Ctx, body: i64) -> AppResult<bool> {
    let Some(u) = &ctx.user else { return Ok(false) };
    let today = app.store.today();
    if let Some(p) = u.person_id
        && app.store.is_body_member(PersonId(p), BodyId(body), today).await?
    {
        return Ok(true);
    }
    Ok(app.store.is_body_secretary(u.user_id(), BodyId(body), today).await?)
}

/// Whether the caller edits the forum's plans and answers its follow-up: a strategy owner or
/// someone who works in the forum.
pub async fn may_edit_forum(app: &App, ctx: &Ctx, forum: i64) -> AppResult<bool> {
    Ok(ctx.require_strategy_owner().is_ok() || in_body(app, ctx, forum).await?)
}

pub async fn require_forum(app: &App, ctx: &Ctx, forum: i64) -> AppResult<()> {
    ctx.require_user()?;
    if may_edit_forum(app, ctx, forum).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// A plan not yet published is seen only by those who edit it (others: not found).
pub async fn require_visible(app: &App, ctx: &Ctx, p: &Plan) -> AppResult<()> {
    if p.published || may_edit_forum(app, ctx, p.body.id).await? { Ok(()) } else { Err(AppError::NotFound) }
}

/// Whether the caller opens rounds for the body: a strategy owner or the body's secretary.
pub async fn require_round_opener(app: &App, ctx: &Ctx, body: Option<i64>) -> AppResult<()> {
    let u = ctx.require_user()?;
    if ctx.require_strategy_owner().is_ok() {
        return Ok(());
    }
    match body {
        Some(b) if app.store.is_body_secretary(u.user_id(), BodyId(b), app.store.today()).await? => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether the caller may open a round at all (form page): a strategy owner or some body's
/// secretary.
pub async fn may_open_rounds(app: &App, ctx: &Ctx) -> AppResult<bool> {
    let Some(u) = &ctx.user else { return Ok(false) };
    if ctx.require_strategy_owner().is_ok() {
        return Ok(true);
    }
    Ok(app.store.bodies_worked_in(u.user_id(), app.store.today()).await?.iter().any(|(_, secretary)| *secretary))
}

/// The forums whose plans the caller edits, by name: every body for a strategy owner, else the
/// bodies they work in (one query, for lists and the plan form's choices).
pub async fn editable_forums(app: &App, ctx: &Ctx) -> AppResult<Vec<Named>> {
    let Some(u) = &ctx.user else { return Ok(Vec::new()) };
    if ctx.require_strategy_owner().is_ok() {
        return Ok(app.store.all_bodies().await?.into_iter().map(|b| Named { id: b.id.0, name: b.name }).collect());
    }
    Ok(app.store.bodies_worked_in(u.user_id(), app.store.today()).await?.into_iter().map(|(b, _)| b).collect())
}

/// A plan's forum must be one the caller edits: refused at `body_id`, so the form keeps what
/// was typed and names the field.
pub async fn require_forum_field(app: &App, ctx: &Ctx, forum: i64) -> AppResult<()> {
    ctx.require_user()?;
    if may_edit_forum(app, ctx, forum).await? {
        return Ok(());
    }
    Err(domain::Invalid::one(domain::FieldError::new(
        "body_id",
        "not_your_forum",
        "Du kan bara skapa handlingsplaner för forum du arbetar i.",
        "You can only create action plans for forums you work in.",
    ))
    .into())
}
