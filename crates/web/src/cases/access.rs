//! Who may do what in the registry (ADR 33): everyone reads the public registry; a registrar of
//! an organisation registers cases and documents in its series, moves its cases' status and
//! reads its secret documents, and grants others reading of them (`reader`, ADR 54); administrators may do all of it. The officers of an organisation
//! (its people and registrars) keep the paths of its cases through the structure (ADR 47).

use domain::cases::{Case, Reader};
use domain::ids::{OrganisationId, UserId};
use store::cases::Series;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Whether the caller registers for `org` (administrators register for all).
pub async fn is_registrar(app: &App, ctx: &Ctx, org: OrganisationId) -> AppResult<bool> {
    let Some(u) = &ctx.user else { return Ok(false) };
    if u.is_admin {
        return Ok(true);
    }
    Ok(app.store.registrar_of(UserId(u.id)).await?.contains(&org))
}

/// The caller as a reader of `c`'s documents (ADR 54): whether they register for its
/// organisation, and the secrecy grants they hold in it. Every read path asks
/// `Reader::may_read` of it, so no path decides on secrecy by itself.
pub async fn reader(app: &App, ctx: &Ctx, c: &Case) -> AppResult<Reader> {
    let Some(u) = &ctx.user else { return Ok(Reader::default()) };
    if is_registrar(app, ctx, c.organisation_id).await? {
        return Ok(Reader::registrar());
    }
    Ok(Reader { registrar: false, grants: app.store.reader_grants(UserId(u.id), c.id).await? })
}

/// Refuses a caller who does not register for `org`: 401 when signed out, 403 otherwise.
pub async fn require_registrar(app: &App, ctx: &Ctx, org: OrganisationId) -> AppResult<()> {
    ctx.require_user()?;
    if is_registrar(app, ctx, org).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The series the caller may register in; refuses one who registers for none.
pub async fn registering_series(app: &App, ctx: &Ctx) -> AppResult<Vec<Series>> {
    let u = ctx.require_user()?;
    let all = app.store.case_series().await?;
    if u.is_admin {
        return Ok(all);
    }
    let mine = app.store.registrar_of(UserId(u.id)).await?;
    let series: Vec<Series> = all.into_iter().filter(|s| mine.contains(&OrganisationId(s.organisation_id))).collect();
    if series.is_empty() { Err(AppError::Forbidden) } else { Ok(series) }
}

/// Whether the caller keeps the path of `org`'s cases: an officer of the organisation (a person
/// of it, or one of its registrars — `Store::officer_organisations`) or an administrator.
pub async fn is_case_officer(app: &App, ctx: &Ctx, org: OrganisationId) -> AppResult<bool> {
    let Some(u) = &ctx.user else { return Ok(false) };
    Ok(u.is_admin || app.store.officer_organisations(UserId(u.id)).await?.contains(&org))
}

/// Refuses a caller who does not keep `org`'s cases' paths: 401 signed out, 403 otherwise.
pub async fn require_case_officer(app: &App, ctx: &Ctx, org: OrganisationId) -> AppResult<()> {
    ctx.require_user()?;
    if is_case_officer(app, ctx, org).await? { Ok(()) } else { Err(AppError::Forbidden) }
}
