//! Follow-up rounds: the list, a round's page (each forum asked, its state and its summary) and
//! opening a round (a strategy owner or the asking body's secretary). Rounds are the region's
//! working material: signed-in members read them.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::actionplans::RoundFields;
use domain::named::Named;
use serde_json::json;
use store::actionplans::{Round, RoundInput};

use super::RoundPath;
use super::access::{editable_forums, may_open_rounds, require_round_opener};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: opens a round asking every forum whose published plan covers the year.
pub async fn create(app: &App, ctx: &Ctx, input: &RoundInput, key: Option<&str>) -> AppResult<Round> {
    require_round_opener(app, ctx, Some(input.body_id)).await?;
    let id = app.store.create_followup_round(input, &ctx.actor(), key).await?;
    app.store.followup_round(id).await?.ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "actionplans/rounds.html")]
struct ListPage {
    p: Chrome,
    rounds: Vec<Round>,
    may_open: bool,
}

impl ListPage {
    fn answered(&self, r: &Round) -> usize {
        r.requests.iter().filter(|q| q.state.is_answered()).count()
    }
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    let rounds = app.store.followup_rounds().await?;
    let may_open = may_open_rounds(&app, &ctx).await?;
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "actionplans.rounds"));
    Ok(render(&ListPage { p, rounds, may_open })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    Ok(Json(json!({"rounds": app.store.followup_rounds().await?})).into_response())
}

#[derive(Template)]
#[template(path = "actionplans/round.html")]
struct ShowPage {
    p: Chrome,
    r: Round,
    /// Per request (same order): whether the caller answers for the forum.
    answers_for: Vec<bool>,
}

pub async fn show(State(app): State<App>, ctx: Ctx, RoundPath(r): RoundPath) -> AppResult<Response> {
    ctx.require_user()?;
    let forums: Vec<i64> = editable_forums(&app, &ctx).await?.into_iter().map(|b| b.id).collect();
    let answers_for = r.requests.iter().map(|q| forums.contains(&q.forum.id)).collect();
    let p = Chrome::new(&ctx, r.title.clone());
    Ok(render(&ShowPage { p, r, answers_for })?.into_response())
}

pub async fn show_api(State(app): State<App>, ctx: Ctx, RoundPath(r): RoundPath) -> AppResult<Response> {
    ctx.require_user()?;
    let _ = app;
    Ok(Json(r).into_response())
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoundForm {
    #[serde(flatten)]
    pub f: RoundFields,
    pub idempotency_key: String,
}

#[derive(Template)]
#[template(path = "actionplans/round_form.html")]
struct FormPage {
    p: Chrome,
    f: RoundForm,
    bodies: Vec<Named>,
}

async fn form_page(app: &App, ctx: &Ctx, f: RoundForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "actionplans.round_new")).form(invalid);
    let bodies = crate::strategy::document_form::bodies(app).await?;
    Ok((status, render(&FormPage { p, f, bodies })?).into_response())
}

pub async fn create_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    if !may_open_rounds(&app, &ctx).await? {
        return Err(AppError::Forbidden);
    }
    let today = app.store.today();
    let f = RoundFields {
        year: today.year().to_string(),
        due_on: (today + time::Duration::days(30)).to_string(),
        ..Default::default()
    };
    form_page(&app, &ctx, RoundForm { f, idempotency_key: crate::auth::new_secret() }, None).await
}

pub async fn create_post(State(app): State<App>, ctx: Ctx, Input(f): Input<RoundForm>) -> AppResult<Response> {
    ctx.require_user()?;
    if !may_open_rounds(&app, &ctx).await? {
        return Err(AppError::Forbidden);
    }
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.f.parse(app.store.today()) {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(r) => Ok(Redirect::to(&format!("/uppfoljningar/{}?klart=skapat", r.id)).into_response()),
        Err(e) => form_page(&app, &ctx, f.clone(), Some(&reshown(e)?)).await,
    }
}

pub async fn create_api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_user()?;
    if !may_open_rounds(&app, &ctx).await? {
        return Err(AppError::Forbidden);
    }
    let mut j = JsonInput::parse(&headers, &body, &["body_id", "title", "year", "due_on"])?;
    let num = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = RoundFields {
        body_id: num(j.id("body_id")),
        title: j.str("title"),
        year: num(j.int("year")),
        due_on: j.str("due_on"),
    };
    j.finish()?;
    let input = f.parse(app.store.today())?;
    let r = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/action-plans/rounds/{}", r.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(r)).into_response())
}
