//! The parts of a process's plan its owners add: a phase, a milestone, a role of the process
//! organisation, a question. One form page per part (`/processer/{id}/delar/fas|milstolpe|roll|fraga`),
//! re-shown with its errors; and the API calls.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawPathParams, State};
use axum::http::request::Parts as RequestParts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::processes::process::RoleInput;
use domain::processes::{MilestoneFields, RoleKind};
use serde_json::json;
use store::processes::Process;

use super::ProcessPath;
use super::access::require_owner;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Phase,
    Milestone,
    Role,
    Question,
}

impl Part {
    fn slug(self) -> &'static str {
        match self {
            Part::Phase => "fas",
            Part::Milestone => "milstolpe",
            Part::Role => "roll",
            Part::Question => "fraga",
        }
    }

    fn title_key(self) -> &'static str {
        match self {
            Part::Phase => "process.add_phase",
            Part::Milestone => "process.add_milestone",
            Part::Role => "process.add_role",
            Part::Question => "process.add_question",
        }
    }
}

/// `{part}`: which part's form (404 for any other word).
pub struct PartPath(pub Part);

impl FromRequestParts<App> for PartPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut RequestParts, _: &App) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, &()).await.map_err(|_| AppError::NotFound)?;
        let slug = params.iter().find(|(k, _)| *k == "part").map(|(_, v)| v.to_string()).unwrap_or_default();
        [Part::Phase, Part::Milestone, Part::Role, Part::Question]
            .into_iter()
            .find(|p| p.slug() == slug)
            .map(PartPath)
            .ok_or(AppError::NotFound)
    }
}

/// The operation: an owner adds a part, parsed from its fields by name; returns its id.
pub async fn add(
    app: &App,
    ctx: &Ctx,
    x: &Process,
    part: Part,
    get: &(dyn Fn(&str) -> String + Sync),
    key: Option<&str>,
) -> AppResult<i64> {
    require_owner(app, ctx, x).await?;
    let actor = ctx.actor();
    Ok(match part {
        Part::Phase => {
            let f = super::phase::fields_from(get);
            app.store.add_phase(x.id, &f.parse()?, &actor).await?
        }
        Part::Milestone => {
            let f = MilestoneFields {
                phase_id: get("phase_id"),
                title: get("title"),
                planned_on: get("planned_on"),
                actual_on: get("actual_on"),
                status: get("status"),
                note: get("note"),
            };
            app.store.add_milestone(x.id, &f.parse(app.store.today())?, &actor, key).await?
        }
        Part::Role => {
            let r = RoleInput::parse(&get("kind"), &get("body_id"), &get("organisation_id"), &get("label"))?;
            app.store.add_role(x.id, &r, &actor).await?
        }
        Part::Question => {
            let t = domain::processes::question::parse("text", &get("text")).map_err(domain::Invalid::one)?;
            app.store.add_question(x.id, &t, &actor).await?
        }
    })
}

#[derive(Template)]
#[template(path = "processes/part.html")]
struct FormPage {
    p: Chrome,
    x: Process,
    part: &'static str,
    key: String,
    /// What was typed, by field name.
    typed: Vec<(String, String)>,
    bodies: Vec<Named>,
    organisations: Vec<Named>,
    roles: Vec<(&'static str, String)>,
}

impl FormPage {
    fn v(&self, name: &str) -> String {
        self.typed.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

async fn show(
    app: &App,
    ctx: &Ctx,
    x: Process,
    part: Part,
    typed: Vec<(String, String)>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, part.title_key())).form(invalid);
    let bodies = app.store.all_bodies().await?.into_iter().map(|b| Named { id: b.id.0, name: b.name }).collect();
    let organisations = if part == Part::Role { super::organisations(app).await? } else { Vec::new() };
    let roles = RoleKind::ALL.iter().map(|k| (k.as_str(), k.key())).collect();
    let key = typed
        .iter()
        .find(|(k, _)| k == "idempotency_key")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(crate::auth::new_secret);
    let page = FormPage { p, x, part: part.slug(), key, typed, bodies, organisations, roles };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    PartPath(part): PartPath,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    show(&app, &ctx, x, part, Vec::new(), None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    PartPath(part): PartPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let key = form.get("idempotency_key");
    match add(&app, &ctx, &x, part, &|n| form.get(n), Some(key.as_str()).filter(|k| !k.is_empty())).await {
        Ok(id) if part == Part::Milestone => {
            Ok(Redirect::to(&format!("/processer/{}/milstolpar/{id}?klart=skapat", x.id)).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("/processer/{}?klart=sparat", x.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            show(&app, &ctx, x, part, form.0, Some(&invalid)).await
        }
    }
}

async fn api(
    app: App,
    ctx: Ctx,
    x: Process,
    part: Part,
    headers: HeaderMap,
    body: Bytes,
    fields: &[&str],
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut j = JsonInput::parse(&headers, &body, fields)?;
    let values: Vec<(String, String)> = fields
        .iter()
        .map(|f| {
            let v = match j.raw(f) {
                Some(serde_json::Value::String(s)) => s,
                Some(serde_json::Value::Number(n)) => n.to_string(),
                Some(serde_json::Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            };
            (f.to_string(), v)
        })
        .collect();
    j.finish()?;
    let get = |n: &str| values.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let id = add(&app, &ctx, &x, part, &get, crate::json::idempotency_key(&headers)).await?;
    let x = app.store.process(x.id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(json!({"id": id, "process": x}))).into_response())
}

pub async fn phase_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    api(app, ctx, x, Part::Phase, headers, body, &["title", "starts_on", "ends_on", "order"]).await
}

pub async fn milestone_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    api(
        app,
        ctx,
        x,
        Part::Milestone,
        headers,
        body,
        &["phase_id", "title", "planned_on", "actual_on", "status", "note"],
    )
    .await
}

pub async fn role_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    api(app, ctx, x, Part::Role, headers, body, &["kind", "body_id", "organisation_id", "label"]).await
}

pub async fn question_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    api(app, ctx, x, Part::Question, headers, body, &["text"]).await
}
