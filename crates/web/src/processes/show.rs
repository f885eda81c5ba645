//! A process's page: its facts, the process organisation, the plan phase by phase with each
//! milestone's forums, what actually happened and whether it slipped, the questions, and the
//! way to its timeline, stakeholders, dialogues, inputs and compilation; its JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::processes::Moderation;
use store::processes::{Dialogue, Milestone, Phase, Process};

use super::ProcessPath;
use super::access::is_owner;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// The plan as the page groups it: each phase with its milestones, then those in no phase.
pub fn groups(p: &Process) -> Vec<(Option<&Phase>, Vec<&Milestone>)> {
    let mut out: Vec<(Option<&Phase>, Vec<&Milestone>)> = p
        .phases
        .iter()
        .map(|ph| (Some(ph), p.milestones.iter().filter(|m| m.phase_id == Some(ph.id)).collect()))
        .collect();
    let loose: Vec<&Milestone> =
        p.milestones.iter().filter(|m| m.phase_id.is_none_or(|id| !p.phases.iter().any(|ph| ph.id == id))).collect();
    if !loose.is_empty() {
        out.push((None, loose));
    }
    out
}

#[derive(Template)]
#[template(path = "processes/show.html")]
struct ShowPage {
    p: Chrome,
    x: Process,
    owner: bool,
    dialogues: Vec<Dialogue>,
    stakeholders: usize,
    published_inputs: usize,
    pending_inputs: usize,
    slipped: usize,
}

impl ShowPage {
    fn groups(&self) -> Vec<(Option<&Phase>, Vec<&Milestone>)> {
        groups(&self.x)
    }
}

pub async fn page(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let owner = is_owner(&app, &ctx, &x).await?;
    let inputs = app.store.process_inputs(x.id, None).await?;
    let published_inputs = inputs.iter().filter(|i| i.status == Moderation::Published).count();
    let pending_inputs = inputs.iter().filter(|i| i.status == Moderation::Pending).count();
    let dialogues = app.store.dialogues(x.id).await?;
    let stakeholders = app.store.stakeholders(x.id).await?.len();
    let slipped = x.milestones.iter().filter(|m| m.progress.slipped()).count();
    let p = Chrome::new(&ctx, x.title.clone());
    let page = ShowPage { p, x, owner, dialogues, stakeholders, published_inputs, pending_inputs, slipped };
    Ok(render(&page)?.into_response())
}

pub async fn api(ProcessPath(x): ProcessPath) -> AppResult<Response> {
    Ok(Json(x).into_response())
}
