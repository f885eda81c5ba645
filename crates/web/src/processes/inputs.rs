//! Inputs (inspel) to a process. Anyone may send one through the public form while the process
//! is open; it waits for moderation and the public form is throttled per client address
//! (`LIMIT`, `crate::throttle`, as document requests are). The process's owners write inputs down from a
//! dialogue meeting through the same form, published at once. The owners' moderation queue
//! publishes (with personal data masked, domain.md rule 22) or rejects. The JSON: published
//! inputs for everyone (never the sender's name or address), all of them for the owners.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::processes::{InputFields, Moderation, ParticipantKind};
use serde_json::json;
use store::processes::{InputRecord, Process};

use super::ProcessPath;
use super::access::{is_owner, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// Inputs one client address may send in an hour through the public form.
pub const LIMIT: crate::throttle::PerAddress = crate::throttle::PerAddress { limit: 10, message: "process.throttled" };

/// The operation: anyone sends an input to an open process (the owners to any of theirs, and
/// theirs are published at once); a retry with the same key returns the first.
pub async fn send(
    app: &App,
    ctx: &Ctx,
    x: &Process,
    f: &InputFields,
    key: Option<&str>,
) -> AppResult<(i64, Moderation)> {
    let owner = is_owner(app, ctx, x).await?;
    if !owner && !x.open_for_input {
        return Err(AppError::Conflict(domain::FieldError::new(
            "text",
            "closed",
            "Processen tar inte emot inspel just nu.",
            "The process is not taking inputs at the moment.",
        )));
    }
    let input = f.parse()?;
    if !owner {
        let sent = app.store.process_inputs_from(&ctx.address, LIMIT.since(app)).await?;
        let stored = match key {
            Some(k) if sent >= LIMIT.limit => app.store.process_input_by_key(x.id, k).await?.is_some(),
            _ => false,
        };
        LIMIT.check(sent, stored)?;
    }
    Ok(app.store.create_process_input(x.id, &input, owner, Some(&ctx.address), &ctx.actor(), key).await?)
}

/// The operation: an owner publishes or rejects an input.
pub async fn moderate(app: &App, ctx: &Ctx, x: &Process, id: i64, to: &str) -> AppResult<()> {
    require_owner(app, ctx, x).await?;
    let to = Moderation::chosen("status", to).map_err(domain::Invalid::one)?;
    Ok(app.store.moderate_input(x.id, id, to, &ctx.actor()).await?)
}

fn from_pairs(f: &Pairs) -> InputFields {
    InputFields {
        kind: f.get("kind"),
        author_name: f.get("author_name"),
        author_email: f.get("author_email"),
        organisation_name: f.get("organisation_name"),
        question_id: f.get("question_id"),
        dialogue_id: f.get("dialogue_id"),
        area_ids: f.all("area_ids"),
        sdg: f.get("sdg"),
        text: f.get("text"),
    }
}

/// The strategy areas an input may be tagged with: the nodes of the process's strategy.
pub async fn areas(app: &App, x: &Process) -> AppResult<Vec<Named>> {
    let Some(s) = &x.strategy else { return Ok(Vec::new()) };
    let Some(s) = app.store.strategy(s.id).await? else { return Ok(Vec::new()) };
    Ok(s.nodes.into_iter().map(|n| Named { id: n.id, name: format!("{}{}", "– ".repeat(n.depth), n.title) }).collect())
}

#[derive(Template)]
#[template(path = "processes/input_form.html")]
struct FormPage {
    p: Chrome,
    x: Process,
    f: InputFields,
    key: String,
    owner: bool,
    areas: Vec<Named>,
    dialogues: Vec<Named>,
    kinds: Vec<(&'static str, String)>,
    throttled: bool,
    received: Option<Moderation>,
}

#[allow(clippy::too_many_arguments)]
async fn show(
    app: &App,
    ctx: &Ctx,
    x: Process,
    f: InputFields,
    key: String,
    invalid: Option<&domain::Invalid>,
    throttled: bool,
    received: Option<Moderation>,
) -> AppResult<Response> {
    let owner = is_owner(app, ctx, &x).await?;
    // A receipt stays readable after the process closes; the form does not.
    if !owner && !x.open_for_input && received.is_none() {
        return Err(AppError::NotFound);
    }
    let title =
        crate::i18n::text(ctx.lang, if received.is_some() { "process.input_received" } else { "process.send_input" });
    let (p, mut status) = Chrome::new(ctx, title).form(invalid);
    if throttled {
        status = StatusCode::TOO_MANY_REQUESTS;
    }
    let areas = areas(app, &x).await?;
    let dialogues = if owner {
        app.store
            .dialogues(x.id)
            .await?
            .into_iter()
            .map(|d| Named { id: d.id, name: format!("{} ({})", d.title, d.held_on) })
            .collect()
    } else {
        Vec::new()
    };
    let kinds = ParticipantKind::ALL.iter().map(|k| (k.as_str(), k.key())).collect();
    let page = FormPage { p, x, f, key, owner, areas, dialogues, kinds, throttled, received };
    Ok((status, render(&page)?).into_response())
}

/// `?dialog=` preselects a dialogue meeting (the owners' link from a dialogue's page).
pub struct DialogueQuery(pub String);

impl<S: Send + Sync> FromRequestParts<S> for DialogueQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        Ok(DialogueQuery(crate::pages::query_value(q, "dialog").unwrap_or_default()))
    }
}

pub async fn form(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    DialogueQuery(d): DialogueQuery,
) -> AppResult<Response> {
    let f = InputFields { kind: "resident".into(), dialogue_id: d, ..Default::default() };
    show(&app, &ctx, x, f, crate::auth::new_secret(), None, false, None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    form: Pairs,
) -> AppResult<Response> {
    let f = from_pairs(&form);
    // The form carries its key; a form without one gets one here, so that it has a receipt.
    let key = Some(form.get("idempotency_key")).filter(|k| !k.is_empty()).unwrap_or_else(crate::auth::new_secret);
    match send(&app, &ctx, &x, &f, Some(key.as_str())).await {
        // Post/redirect/get: reloading the receipt sends nothing again.
        Ok(_) => Ok(Redirect::to(&receipt_url(&x, &key)).into_response()),
        Err(AppError::Throttled(_)) => show(&app, &ctx, x, f, key, None, true, None).await,
        Err(e) => show(&app, &ctx, x, f, key, Some(&reshown(e)?), false, None).await,
    }
}

fn receipt_url(x: &Process, key: &str) -> String {
    format!("/processer/{}/inspel/kvitto?nyckel={}", x.id, crate::pages::url_encode(key))
}

/// `GET /processer/{id}/inspel/kvitto?nyckel=…`: the receipt of a sent input (whether it waits
/// for moderation or is published), found by the form's key; 404 for an unknown key.
pub async fn receipt(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    let key = crate::pages::query_value(q.as_deref().unwrap_or(""), "nyckel").ok_or(AppError::NotFound)?;
    let (_, m) = app.store.process_input_by_key(x.id, &key).await?.ok_or(AppError::NotFound)?;
    let f = InputFields { kind: "resident".into(), ..Default::default() };
    show(&app, &ctx, x, f, crate::auth::new_secret(), None, false, Some(m)).await
}

pub async fn create_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let fields = [
        "kind",
        "author_name",
        "author_email",
        "organisation_name",
        "question_id",
        "dialogue_id",
        "area_ids",
        "sdg",
        "text",
    ];
    let mut j = JsonInput::parse(&headers, &body, &fields)?;
    let text = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = InputFields {
        kind: j.str("kind"),
        author_name: j.str("author_name"),
        author_email: j.str("author_email"),
        organisation_name: j.str("organisation_name"),
        question_id: text(j.id("question_id")),
        dialogue_id: text(j.id("dialogue_id")),
        area_ids: j.ids("area_ids").into_iter().map(|i| i.to_string()).collect(),
        sdg: j.strings("sdg").join(","),
        text: j.str("text"),
    };
    j.finish()?;
    let (id, status) = send(&app, &ctx, &x, &f, crate::json::idempotency_key(&headers)).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": id, "status": status}))).into_response())
}

#[derive(Template)]
#[template(path = "processes/moderation.html")]
struct QueuePage {
    p: Chrome,
    x: Process,
    pending: Vec<InputRecord>,
    done: Vec<InputRecord>,
}

pub async fn queue(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let all = app.store.process_inputs(x.id, None).await?;
    let (pending, done): (Vec<_>, Vec<_>) = all.into_iter().partition(|i| i.status == Moderation::Pending);
    let p = Chrome::new(&ctx, format!("{} – {}", crate::i18n::text(ctx.lang, "process.moderation"), x.title));
    Ok(render(&QueuePage { p, x, pending, done })?.into_response())
}

/// `{id}/inspel/{i}`: the input's id (404 when it is not the process's, from the store).
pub struct InputId(pub i64);
crate::path_entity!(InputId, "i", |_app, id| Ok::<_, AppError>(Some(id)));

pub async fn moderate_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    InputId(i): InputId,
    form: Pairs,
) -> AppResult<Response> {
    moderate(&app, &ctx, &x, i, &form.get("status")).await?;
    Ok(Redirect::to(&format!("/processer/{}/inspel/moderering?klart=sparat", x.id)).into_response())
}

pub async fn moderate_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    InputId(i): InputId,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut j = JsonInput::parse(&headers, &body, &["status"])?;
    let status = j.str("status");
    j.finish()?;
    moderate(&app, &ctx, &x, i, &status).await?;
    let r = app.store.process_inputs(x.id, None).await?.into_iter().find(|r| r.id == i).ok_or(AppError::NotFound)?;
    Ok(Json(r).into_response())
}

/// `GET /api/v1/processes/{id}/inputs`: the published inputs as the public sees them; every
/// input, with its sender, for the owners.
pub async fn api(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    if is_owner(&app, &ctx, &x).await? {
        return Ok(Json(json!({"items": app.store.process_inputs(x.id, None).await?})).into_response());
    }
    let items: Vec<_> =
        app.store.process_inputs(x.id, Some(Moderation::Published)).await?.iter().map(InputRecord::public).collect();
    Ok(Json(json!({"items": items})).into_response())
}
