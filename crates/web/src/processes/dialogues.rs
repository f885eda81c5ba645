//! Dialogue meetings of a process (seed 003's dialogues in every municipality): the form for a
//! new one (its owners), its page with the invitees by kind, the questions discussed, its notes
//! and the inputs written down from it; the JSON.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::processes::dialogue::INVITEE_FIELDS;
use domain::processes::{DialogueFields, Moderation, ParticipantKind};
use serde_json::json;
use store::processes::{Dialogue, InputRecord, Process, Question};

use super::ProcessPath;
use super::access::{is_owner, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// `{id}/dialoger/{d}`: a readable process and one of its dialogues.
pub struct DialoguePath(pub Process, pub Dialogue);

impl FromRequestParts<App> for DialoguePath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let d: i64 = crate::extract::path_id(parts, "d").await?;
        let ProcessPath(x) = ProcessPath::from_request_parts(parts, app).await?;
        let d = app.store.dialogue(x.id, d).await?.ok_or(AppError::NotFound)?;
        Ok(DialoguePath(x, d))
    }
}

/// The operation: an owner records a dialogue meeting; a retry with the same key returns it.
pub async fn create(app: &App, ctx: &Ctx, x: &Process, f: &DialogueFields, key: Option<&str>) -> AppResult<Dialogue> {
    require_owner(app, ctx, x).await?;
    let input = f.parse()?;
    let id = app.store.save_dialogue(x.id, None, &input, &ctx.actor(), key).await?;
    app.store.dialogue(x.id, id).await?.ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "processes/dialogue_form.html")]
struct FormPage {
    p: Chrome,
    x: Process,
    f: DialogueFields,
    key: String,
    organisations: Vec<Named>,
    invitee_fields: Vec<(&'static str, String, String)>,
}

async fn show_form(
    app: &App,
    ctx: &Ctx,
    x: Process,
    f: DialogueFields,
    key: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "process.dialogue_new")).form(invalid);
    let organisations = super::organisations(app).await?;
    let invitee_fields = INVITEE_FIELDS
        .iter()
        .zip(ParticipantKind::ALL)
        .enumerate()
        .map(|(i, (name, kind))| (*name, kind.key(), f.invitees[i].clone()))
        .collect();
    let page = FormPage { p, x, f, key, organisations, invitee_fields };
    Ok((status, render(&page)?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let f =
        DialogueFields { question_ids: x.questions.iter().map(|q| q.id.to_string()).collect(), ..Default::default() };
    show_form(&app, &ctx, x, f, crate::auth::new_secret(), None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let f = DialogueFields {
        title: form.get("title"),
        organisation_id: form.get("organisation_id"),
        theme: form.get("theme"),
        held_on: form.get("held_on"),
        place: form.get("place"),
        invitees: INVITEE_FIELDS.map(|n| form.get(n)),
        notes: form.get("notes"),
        question_ids: form.all("question_ids"),
    };
    let key = form.get("idempotency_key");
    match create(&app, &ctx, &x, &f, Some(key.as_str()).filter(|k| !k.is_empty())).await {
        Ok(d) => Ok(Redirect::to(&format!("/processer/{}/dialoger/{}?klart=skapat", x.id, d.id)).into_response()),
        Err(e) => show_form(&app, &ctx, x, f, key, Some(&reshown(e)?)).await,
    }
}

#[derive(Template)]
#[template(path = "processes/dialogue.html")]
struct Page {
    p: Chrome,
    x: Process,
    d: Dialogue,
    owner: bool,
    questions: Vec<Question>,
    invitees: Vec<(String, String)>,
    inputs: Vec<InputRecord>,
}

pub async fn page(State(app): State<App>, ctx: Ctx, DialoguePath(x, d): DialoguePath) -> AppResult<Response> {
    let owner = is_owner(&app, &ctx, &x).await?;
    let questions = x.questions.iter().filter(|q| d.question_ids.contains(&q.id)).cloned().collect();
    let invitees =
        d.invitees.iter().zip(ParticipantKind::ALL).filter_map(|(v, k)| v.clone().map(|v| (k.key(), v))).collect();
    let inputs = app
        .store
        .process_inputs(x.id, Some(Moderation::Published))
        .await?
        .into_iter()
        .filter(|i| i.dialogue_id == Some(d.id))
        .collect();
    let p = Chrome::new(&ctx, d.title.clone());
    Ok(render(&Page { p, x, d, owner, questions, invitees, inputs })?.into_response())
}

pub async fn api(State(app): State<App>, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.dialogues(x.id).await?})).into_response())
}

pub async fn create_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let mut fields = vec!["title", "organisation_id", "theme", "held_on", "place", "notes", "question_ids"];
    fields.extend(INVITEE_FIELDS);
    let mut j = JsonInput::parse(&headers, &body, &fields)?;
    let f = DialogueFields {
        title: j.str("title"),
        organisation_id: j.id("organisation_id").map(|i| i.to_string()).unwrap_or_default(),
        theme: j.str("theme"),
        held_on: j.str("held_on"),
        place: j.str("place"),
        invitees: INVITEE_FIELDS.map(|n| j.str(n)),
        notes: j.str("notes"),
        question_ids: j.ids("question_ids").into_iter().map(|i| i.to_string()).collect(),
    };
    j.finish()?;
    let d = create(&app, &ctx, &x, &f, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/processes/{}/dialogues", x.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(d)).into_response())
}
