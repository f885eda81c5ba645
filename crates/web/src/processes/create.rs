//! A new process (its owners: the registrars of the owner organisation), empty or from a
//! template whose dates are moved to the chosen start; the form, the API call, and the templates.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::processes::template::{self, TEMPLATES};
use domain::processes::{ProcessFields, ProcessInput};
use serde_json::json;
use store::processes::{FromTemplate, Process};

use super::access::{owned_organisations, owns};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an owner of the organisation creates a process, from a template when given;
/// a retry with the same key returns the first.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    input: &ProcessInput,
    tpl: &str,
    start: &str,
    key: Option<&str>,
) -> AppResult<Process> {
    ctx.require_user()?;
    if !owns(app, ctx, input.owner_id).await? {
        return Err(AppError::Forbidden);
    }
    let chosen = template::choose(tpl, start)?;
    let from = chosen.map(|(t, phases)| FromTemplate {
        key: t.key,
        phases,
        roles: t.roles.iter().map(|(k, n)| (*k, n.map(str::to_string))).collect(),
    });
    let id = app.store.create_process(input, from.as_ref(), &ctx.actor(), key).await?;
    app.store.process(id).await?.ok_or(AppError::NotFound)
}

/// Both faces' parse: the process's fields and the template's, every error at once.
fn parse(f: &ProcessFields, tpl: &str, start: &str) -> Result<ProcessInput, domain::Invalid> {
    match (f.parse(), template::choose(tpl, start)) {
        (Ok(i), Ok(_)) => Ok(i),
        (Err(mut a), Err(b)) => {
            a.0.extend(b.0);
            Err(a)
        }
        (Err(a), _) | (_, Err(a)) => Err(a),
    }
}

#[derive(Template)]
#[template(path = "processes/new.html")]
struct FormPage {
    p: Chrome,
    f: ProcessFields,
    template: String,
    start: String,
    key: String,
    organisations: Vec<Named>,
    templates: Vec<(&'static str, &'static str)>,
    /// The process being edited (its own fields only), or none for a new one.
    editing: Option<i64>,
    strategies: Vec<Named>,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn show(
    app: &App,
    ctx: &Ctx,
    f: ProcessFields,
    tpl: String,
    start: String,
    key: String,
    invalid: Option<&domain::Invalid>,
    editing: Option<i64>,
) -> AppResult<Response> {
    let organisations = owned_organisations(app, ctx).await?;
    let title = if editing.is_some() { "process.edit" } else { "process.new" };
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, title)).form(invalid);
    let templates = TEMPLATES.iter().map(|t| (t.key, t.title(ctx.lang))).collect();
    let strategies = app.store.strategies(true).await?.into_iter().map(|s| Named { id: s.id, name: s.title }).collect();
    let page = FormPage { p, f, template: tpl, start, key, organisations, templates, editing, strategies };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let start = app.store.today().to_string();
    show(&app, &ctx, ProcessFields::default(), String::new(), start, crate::auth::new_secret(), None, None).await
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, form: Pairs) -> AppResult<Response> {
    ctx.require_user()?;
    let f = fields_of_form(&form);
    let (tpl, start, key) = (form.get("template"), form.get("start"), form.get("idempotency_key"));
    let result = match parse(&f, &tpl, &start) {
        Ok(input) => create(&app, &ctx, &input, &tpl, &start, Some(key.as_str()).filter(|k| !k.is_empty())).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/processer/{}?klart=skapat", p.id)).into_response()),
        Err(e) => show(&app, &ctx, f, tpl, start, key, Some(&reshown(e)?), None).await,
    }
}

/// The process's own fields from a form (creating and editing share them).
pub(super) fn fields_of_form(form: &Pairs) -> ProcessFields {
    ProcessFields {
        owner_id: form.get("owner_id"),
        title: form.get("title"),
        description: form.get("description"),
        published: form.get("published") == "on",
        open_for_input: form.get("open_for_input") == "on",
        strategy_id: form.get("strategy_id"),
    }
}

/// The process's own fields from a JSON body (creating and editing share them).
pub(super) fn fields_of(j: &mut JsonInput) -> ProcessFields {
    let text = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    ProcessFields {
        owner_id: text(j.id("owner_id")),
        strategy_id: text(j.id("strategy_id")),
        title: j.str("title"),
        description: j.str("description"),
        published: j.bool("published").unwrap_or(false),
        open_for_input: j.bool("open_for_input").unwrap_or(false),
    }
}

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_user()?;
    let allowed =
        ["owner_id", "title", "description", "published", "open_for_input", "strategy_id", "template", "start"];
    let mut j = JsonInput::parse(&headers, &body, &allowed)?;
    let f = fields_of(&mut j);
    let (tpl, start) = (j.str("template"), j.str("start"));
    j.finish()?;
    let input = parse(&f, &tpl, &start)?;
    let p = create(&app, &ctx, &input, &tpl, &start, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/processes/{}", p.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(p)).into_response())
}

/// `GET /api/v1/process-templates`: the templates with their plans at the seeds' own dates.
pub async fn templates_api(ctx: Ctx) -> AppResult<Response> {
    let items: Vec<_> = TEMPLATES
        .iter()
        .map(|t| {
            json!({"key": t.key, "title": t.title(ctx.lang), "reference_start": t.reference_start.to_string(),
                "phases": t.plan(t.reference_start).unwrap_or_default().iter().map(|p| json!({
                    "title": p.title, "starts_on": p.starts_on.to_string(), "ends_on": p.ends_on.to_string(),
                    "milestones": p.milestones.iter().map(|m| json!({"title": m.title, "planned_on": m.planned_on.to_string(),
                        "forums": m.forums.iter().map(|(n, r)| json!({"name": n, "role": r})).collect::<Vec<_>>()})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "roles": t.roles.iter().map(|(k, n)| json!({"kind": k, "holder": n})).collect::<Vec<_>>()})
        })
        .collect();
    Ok(Json(json!({"items": items})).into_response())
}
