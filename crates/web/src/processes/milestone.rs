//! A milestone's page: its plan and state, the forums involved with their part, and what
//! actually happened (linked agenda items and referrals); its owners record that it was reached
//! (or moved, or cancelled), add a forum, and link an existing agenda item or referral. The same
//! operations as API calls.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::processes::milestone::ForumInput;
use domain::processes::{ForumRole, MilestoneFields, MilestoneStatus};
use store::processes::{AgendaCandidate, LinkKind, Milestone, Process};

use super::MilestonePath;
use super::access::{is_owner, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an owner replaces the milestone's plan and state.
pub async fn update(app: &App, ctx: &Ctx, x: &Process, m: i64, f: &MilestoneFields) -> AppResult<()> {
    require_owner(app, ctx, x).await?;
    let input = f.parse(app.store.today())?;
    Ok(app.store.update_milestone(x.id, m, &input, &ctx.actor()).await?)
}

/// The operation: an owner adds a forum with its part.
pub async fn add_forum(app: &App, ctx: &Ctx, x: &Process, m: i64, body: &str, name: &str, role: &str) -> AppResult<()> {
    require_owner(app, ctx, x).await?;
    let input = ForumInput::parse(body, name, role)?;
    app.store.add_forum(x.id, m, &input, &ctx.actor()).await?;
    Ok(())
}

/// The operation: an owner links an agenda item or a referral to the milestone.
pub async fn link(app: &App, ctx: &Ctx, x: &Process, m: i64, kind: &str, target: &str) -> AppResult<()> {
    require_owner(app, ctx, x).await?;
    let kind = domain::processes::choice_of("kind", kind, LinkKind::parse).map_err(domain::Invalid::one)?;
    let target = domain::strategy::document::optional_id("target_id", target)
        .and_then(|t| t.ok_or_else(|| domain::FieldError::required("target_id")))
        .map_err(domain::Invalid::one)?;
    Ok(app.store.link_milestone(x.id, m, kind, target, &ctx.actor()).await?)
}

fn fields_of(m: &Milestone) -> MilestoneFields {
    MilestoneFields {
        phase_id: m.phase_id.map(|i| i.to_string()).unwrap_or_default(),
        title: m.title.clone(),
        planned_on: m.planned_on.to_string(),
        actual_on: m.actual_on.map(|d| d.to_string()).unwrap_or_default(),
        status: m.status.as_str().into(),
        note: m.note.clone().unwrap_or_default(),
    }
}

fn from_pairs(f: &Pairs) -> MilestoneFields {
    MilestoneFields {
        phase_id: f.get("phase_id"),
        title: f.get("title"),
        planned_on: f.get("planned_on"),
        actual_on: f.get("actual_on"),
        status: f.get("status"),
        note: f.get("note"),
    }
}

#[derive(Template)]
#[template(path = "processes/milestone.html")]
struct Page {
    p: Chrome,
    x: Process,
    m: Milestone,
    owner: bool,
    f: MilestoneFields,
    bodies: Vec<Named>,
    items: Vec<AgendaCandidate>,
    referrals: Vec<(i64, String)>,
    statuses: Vec<(&'static str, String)>,
    forum_roles: Vec<(&'static str, String)>,
    /// What was typed in the forum or link form, by field name, when it is re-shown.
    typed: Vec<(String, String)>,
}

impl Page {
    fn v(&self, name: &str) -> String {
        self.typed.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

async fn show(
    app: &App,
    ctx: &Ctx,
    x: Process,
    m: i64,
    f: Option<MilestoneFields>,
    typed: Vec<(String, String)>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let owner = is_owner(app, ctx, &x).await?;
    let ms = x.milestone(m).cloned().ok_or(AppError::NotFound)?;
    let (p, status) = Chrome::new(ctx, ms.title.clone()).form(invalid);
    let (bodies, (items, referrals)) = if owner {
        let bodies = app.store.all_bodies().await?.into_iter().map(|b| Named { id: b.id.0, name: b.name }).collect();
        (bodies, app.store.link_candidates(x.id, x.owner.id, ms.planned_on, 120).await?)
    } else {
        (Vec::new(), (Vec::new(), Vec::new()))
    };
    let page = Page {
        p,
        f: f.unwrap_or_else(|| fields_of(&ms)),
        m: ms,
        x,
        owner,
        bodies,
        items,
        referrals,
        statuses: MilestoneStatus::ALL.iter().map(|s| (s.as_str(), s.key())).collect(),
        forum_roles: ForumRole::ALL.iter().map(|r| (r.as_str(), r.key())).collect(),
        typed,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, MilestonePath(x, m): MilestonePath) -> AppResult<Response> {
    show(&app, &ctx, x, m, None, Vec::new(), None).await
}

fn back(x: &Process, m: i64) -> Response {
    Redirect::to(&format!("/processer/{}/milstolpar/{m}?klart=sparat", x.id)).into_response()
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    MilestonePath(x, m): MilestonePath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let f = from_pairs(&form);
    match update(&app, &ctx, &x, m, &f).await {
        Ok(()) => Ok(back(&x, m)),
        Err(e) => show(&app, &ctx, x, m, Some(f), Vec::new(), Some(&reshown(e)?)).await,
    }
}

pub async fn forum_post(
    State(app): State<App>,
    ctx: Ctx,
    MilestonePath(x, m): MilestonePath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    match add_forum(&app, &ctx, &x, m, &form.get("body_id"), &form.get("forum_name"), &form.get("forum_role")).await {
        Ok(()) => Ok(back(&x, m)),
        Err(e) => {
            let invalid = reshown(e)?;
            show(&app, &ctx, x, m, None, form.0, Some(&invalid)).await
        }
    }
}

pub async fn link_post(
    State(app): State<App>,
    ctx: Ctx,
    MilestonePath(x, m): MilestonePath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    // One form per kind: the agenda item's select is `agenda_item_id`, the referral's `referral_id`.
    let kind = form.get("kind");
    let target = form.get(if kind == "referral" { "referral_id" } else { "agenda_item_id" });
    match link(&app, &ctx, &x, m, &kind, &target).await {
        Ok(()) => Ok(back(&x, m)),
        Err(e) => {
            let invalid = reshown(e)?;
            show(&app, &ctx, x, m, None, form.0, Some(&invalid)).await
        }
    }
}

async fn fresh(app: &App, x: &Process, m: i64) -> AppResult<Response> {
    let x = app.store.process(x.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(x.milestone(m).cloned().ok_or(AppError::NotFound)?).into_response())
}

pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    MilestonePath(x, m): MilestonePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut j = JsonInput::parse(&headers, &body, &["phase_id", "title", "planned_on", "actual_on", "status", "note"])?;
    let text = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = MilestoneFields {
        phase_id: text(j.id("phase_id")),
        title: j.str("title"),
        planned_on: j.str("planned_on"),
        actual_on: j.str("actual_on"),
        status: j.str("status"),
        note: j.str("note"),
    };
    j.finish()?;
    update(&app, &ctx, &x, m, &f).await?;
    fresh(&app, &x, m).await
}

pub async fn forum_api(
    State(app): State<App>,
    ctx: Ctx,
    MilestonePath(x, m): MilestonePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut j = JsonInput::parse(&headers, &body, &["body_id", "name", "role"])?;
    let b = j.id("body_id").map(|i| i.to_string()).unwrap_or_default();
    let (name, role) = (j.str("name"), j.str("role"));
    j.finish()?;
    add_forum(&app, &ctx, &x, m, &b, &name, &role).await?;
    fresh(&app, &x, m).await
}

pub async fn link_api(
    State(app): State<App>,
    ctx: Ctx,
    MilestonePath(x, m): MilestonePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut j = JsonInput::parse(&headers, &body, &["kind", "target_id"])?;
    let kind = j.str("kind");
    let target = j.id("target_id").map(|i| i.to_string()).unwrap_or_default();
    j.finish()?;
    link(&app, &ctx, &x, m, &kind, &target).await?;
    fresh(&app, &x, m).await
}
