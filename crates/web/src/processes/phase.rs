//! A phase of a process's plan, edited by its owners: its title, days and place in the plan
//! (`/processer/{id}/faser/{phase}`, `PUT /api/v1/processes/{id}/phases/{phase}`), and removed
//! (`…/ta-bort`, `DELETE`). A phase that still holds milestones is not removed: its owner moves
//! them to another phase (or to none) on each milestone's page first, so no milestone loses its
//! place in the plan unnoticed. The page says so before anyone tries.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawPathParams, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use domain::processes::PhaseFields;
use store::processes::{Milestone, Phase, Process, Removal};

use super::ProcessPath;
use super::access::require_owner;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// `{id}/faser/{phase}`: a readable process and one of its phases.
pub struct PhasePath(pub Process, pub Phase);

impl FromRequestParts<App> for PhasePath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let id: i64 = crate::extract::path_id(parts, "phase").await?;
        let ProcessPath(p) = ProcessPath::from_request_parts(parts, app).await?;
        let phase = p.phases.iter().find(|x| x.id == id).cloned().ok_or(AppError::NotFound)?;
        Ok(PhasePath(p, phase))
    }
}

/// The operation: an owner replaces the phase's title and days, and moves it when a place is
/// given.
pub async fn update(app: &App, ctx: &Ctx, x: &Process, phase: i64, f: &PhaseFields) -> AppResult<Process> {
    require_owner(app, ctx, x).await?;
    let input = f.parse()?;
    app.store.update_phase(x.id, phase, &input, &ctx.actor()).await?;
    app.store.process(x.id).await?.ok_or(AppError::NotFound)
}

/// Why a phase with milestones is not removed, in both languages.
pub fn holds_milestones(n: i64) -> FieldError {
    FieldError::new(
        "phase",
        "phase_has_milestones",
        format!(
            "Fasen har {n} milstolpe(ar). Flytta dem till en annan fas (eller ingen) på varje milstolpes sida \
             innan du tar bort fasen."
        ),
        format!(
            "The phase holds {n} milestone(s). Move them to another phase (or none) on each milestone's page \
             before removing the phase."
        ),
    )
}

/// The operation: an owner removes a phase without milestones (409 with the reason otherwise).
pub async fn remove(app: &App, ctx: &Ctx, x: &Process, phase: i64) -> AppResult<()> {
    require_owner(app, ctx, x).await?;
    match app.store.remove_phase(x.id, phase, &ctx.actor()).await? {
        Removal::Removed => Ok(()),
        Removal::InUse(n) => Err(AppError::Conflict(holds_milestones(n))),
    }
}

/// A phase's fields by name, from a form or the API's body (adding a phase and editing one).
pub(super) fn fields_from(get: &dyn Fn(&str) -> String) -> PhaseFields {
    PhaseFields { title: get("title"), starts_on: get("starts_on"), ends_on: get("ends_on"), order: get("order") }
}

fn fields_of(ph: &Phase) -> PhaseFields {
    PhaseFields {
        title: ph.title.clone(),
        starts_on: ph.starts_on.to_string(),
        ends_on: ph.ends_on.to_string(),
        order: ph.order.to_string(),
    }
}

#[derive(Template)]
#[template(path = "processes/phase.html")]
struct Page {
    p: Chrome,
    x: Process,
    phase: Phase,
    f: PhaseFields,
    /// The milestones the phase holds: while there are any it is not removed.
    held: Vec<Milestone>,
    /// Why the removal was just refused, if it was.
    refused: Option<String>,
}

async fn show(
    ctx: &Ctx,
    x: Process,
    phase: Phase,
    f: PhaseFields,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "process.edit_phase"), phase.title);
    let (p, mut status) = Chrome::new(ctx, title).form(invalid);
    let held = x.milestones.iter().filter(|m| m.phase_id == Some(phase.id)).cloned().collect();
    let refused = invalid.and_then(|i| i.for_field("phase")).map(|e| e.message(ctx.lang).to_string());
    if refused.is_some() {
        status = StatusCode::CONFLICT;
    }
    Ok((status, render(&Page { p, x, phase, f, held, refused })?).into_response())
}

pub async fn form(ctx: Ctx, State(app): State<App>, PhasePath(x, phase): PhasePath) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let f = fields_of(&phase);
    show(&ctx, x, phase, f, None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    PhasePath(x, phase): PhasePath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let f = fields_from(&|name| form.get(name));
    match update(&app, &ctx, &x, phase.id, &f).await {
        Ok(_) => Ok(Redirect::to(&format!("/processer/{}?klart=sparat#plan", x.id)).into_response()),
        Err(e) => show(&ctx, x, phase, f, Some(&reshown(e)?)).await,
    }
}

/// `POST …/ta-bort`: the removal from the phase's page. A phase already gone (the form sent
/// twice) leads back to the process as the first did; one with milestones re-shows its page
/// with the reason (409).
pub async fn remove_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    params: RawPathParams,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let Some(phase) =
        super::remove::param(&params, "phase").and_then(|id| x.phases.iter().find(|p| p.id == id).cloned())
    else {
        return Ok(Redirect::to(&format!("/processer/{}?klart=borttaget#plan", x.id)).into_response());
    };
    match remove(&app, &ctx, &x, phase.id).await {
        Ok(()) => Ok(Redirect::to(&format!("/processer/{}?klart=borttaget#plan", x.id)).into_response()),
        Err(e) => {
            let f = fields_of(&phase);
            show(&ctx, x, phase, f, Some(&reshown(e)?)).await
        }
    }
}

pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    PhasePath(x, phase): PhasePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut j = JsonInput::parse(&headers, &body, &["title", "starts_on", "ends_on", "order"])?;
    let f = PhaseFields {
        title: j.str("title"),
        starts_on: j.str("starts_on"),
        ends_on: j.str("ends_on"),
        order: j.int("order").map(|n| n.to_string()).unwrap_or_default(),
    };
    j.finish()?;
    let x = update(&app, &ctx, &x, phase.id, &f).await?;
    let phase = x.phases.into_iter().find(|p| p.id == phase.id).ok_or(AppError::NotFound)?;
    Ok(Json(phase).into_response())
}

pub async fn remove_api(State(app): State<App>, ctx: Ctx, PhasePath(x, phase): PhasePath) -> AppResult<Response> {
    remove(&app, &ctx, &x, phase.id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
