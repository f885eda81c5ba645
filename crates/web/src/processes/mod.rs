//! Processes (issue 14, first part): `/processer` with a page per process (its plan with phases
//! and milestones, the process organisation, questions), a page per milestone (its forums and
//! what actually happened: linked agenda items and referrals), the timeline as an SVG Gantt with
//! its table and an iCalendar feed, the stakeholder analysis, dialogue meetings, the public
//! input form with moderation, and the compilation of inputs as HTML and tagged PDF. Who may do
//! what is `access` (ADR 49). The JSON API under `/api/v1/processes`.

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use domain::named::Named;
use store::processes::Process;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub mod access;
mod compilation;
mod create;
mod dialogues;
mod edit;
mod inputs;
mod list;
mod milestone;
mod parts;
mod phase;
mod remove;
mod show;
mod stakeholders;
mod timeline;

/// `{id}`: a process the caller may read (404 otherwise, in the caller's format).
pub struct ProcessPath(pub Process);

impl FromRequestParts<App> for ProcessPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let id: i64 = crate::extract::path_id(parts, "id").await?;
        let p = app.store.process(id).await?.ok_or(AppError::NotFound)?;
        let ctx = Ctx::from_request_parts(parts, app).await?;
        access::require_visible(app, &ctx, &p).await?;
        Ok(ProcessPath(p))
    }
}

/// `{id}/…/{m}`: a readable process and one of its milestones' ids.
pub struct MilestonePath(pub Process, pub i64);

impl FromRequestParts<App> for MilestonePath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let m: i64 = crate::extract::path_id(parts, "m").await?;
        let ProcessPath(p) = ProcessPath::from_request_parts(parts, app).await?;
        if p.milestone(m).is_none() {
            return Err(AppError::NotFound);
        }
        Ok(MilestonePath(p, m))
    }
}

/// The processes the signed-in user follows — those whose involved bodies they sit in and those
/// they own — with their next milestones (the start page, issue 14); none for a visitor.
pub async fn followed(app: &App, ctx: &Ctx) -> AppResult<Vec<store::processes::ProcessSummary>> {
    let Some(u) = &ctx.user else { return Ok(Vec::new()) };
    let ids = access::involved(app, u.id).await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut all = app.store.processes(true, &[]).await?;
    all.retain(|x| ids.contains(&x.id));
    Ok(all)
}

/// The organisations a form offers.
pub(crate) async fn organisations(app: &App) -> AppResult<Vec<Named>> {
    let f = store::organisations::OrganisationFilter::default();
    let all = store::every_page(|c| app.store.organisations(&f, c, 500)).await?;
    Ok(all.into_iter().map(|o| Named { id: o.id.0, name: o.name }).collect())
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/processer", get(list::page).post(create::form_post))
        .route("/processer/ny", get(create::form))
        .route("/processer/{id}", get(show::page).post(edit::form_post))
        .route("/processer/{id}/redigera", get(edit::form))
        .route("/processer/{id}/tidslinje", get(timeline::page))
        .route("/processer/{id}/kalender.ics", get(timeline::ical))
        .route("/processer/{id}/delar/{part}", get(parts::form).post(parts::form_post))
        .route("/processer/{id}/faser/{phase}", get(phase::form).post(phase::form_post))
        .route("/processer/{id}/faser/{phase}/ta-bort", post(phase::remove_post))
        .route("/processer/{id}/roller/{role}/ta-bort", get(remove::confirm).post(remove::remove_post))
        .route("/processer/{id}/fragor/{question}/ta-bort", get(remove::confirm).post(remove::remove_post))
        .route("/processer/{id}/milstolpar/{m}", get(milestone::page).post(milestone::update_post))
        .route("/processer/{id}/milstolpar/{m}/forum", post(milestone::forum_post))
        .route("/processer/{id}/milstolpar/{m}/kopplingar", post(milestone::link_post))
        .route("/processer/{id}/intressenter", get(stakeholders::page).post(stakeholders::form_post))
        .route("/processer/{id}/dialoger", post(dialogues::form_post))
        .route("/processer/{id}/dialoger/ny", get(dialogues::form))
        .route("/processer/{id}/dialoger/{d}", get(dialogues::page))
        .route("/processer/{id}/inspel", get(inputs::form).post(inputs::form_post))
        .route("/processer/{id}/inspel/moderering", get(inputs::queue))
        .route("/processer/{id}/inspel/kvitto", get(inputs::receipt))
        .route("/processer/{id}/inspel/{i}", post(inputs::moderate_post))
        .route("/processer/{id}/sammanstallning", get(compilation::page))
        .route("/processer/{id}/sammanstallning.pdf", get(compilation::pdf))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/processes", get(list::api).post(create::api))
        .route("/process-templates", get(create::templates_api))
        .route("/processes/{id}", get(show::api).put(edit::api))
        .route("/processes/{id}/phases", post(parts::phase_api))
        .route("/processes/{id}/milestones", post(parts::milestone_api))
        .route("/processes/{id}/roles", post(parts::role_api))
        .route("/processes/{id}/questions", post(parts::question_api))
        .route("/processes/{id}/phases/{phase}", axum::routing::put(phase::update_api).delete(phase::remove_api))
        .route("/processes/{id}/roles/{role}", axum::routing::delete(remove::api))
        .route("/processes/{id}/questions/{question}", axum::routing::delete(remove::api))
        .route("/processes/{id}/milestones/{m}", axum::routing::put(milestone::update_api))
        .route("/processes/{id}/milestones/{m}/forums", post(milestone::forum_api))
        .route("/processes/{id}/milestones/{m}/links", post(milestone::link_api))
        .route("/processes/{id}/stakeholders", get(stakeholders::api).post(stakeholders::create_api))
        .route("/processes/{id}/dialogues", get(dialogues::api).post(dialogues::create_api))
        .route("/processes/{id}/inputs", get(inputs::api).post(inputs::create_api))
        .route("/processes/{id}/inputs/{i}", axum::routing::patch(inputs::moderate_api))
        .route("/processes/{id}/compilation", get(compilation::api))
}
