//! Creating and editing a survey's own fields (its owners): the operations, the form and the
//! API calls. The questions are built on the survey's page (`builder`).

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::surveys::SurveyInput;
use serde::Deserialize;
use store::surveys::Survey;

use super::{SurveyPath, as_now, conflicts, form_status, is_race, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an owner creates a drafted survey; a retry with the same key returns the first.
pub async fn create(app: &App, ctx: &Ctx, input: &SurveyInput, key: Option<&str>) -> AppResult<Survey> {
    require_owner(ctx)?;
    let id = app.store.create_survey(input, &ctx.actor(), key).await?;
    app.store.survey(id).await?.ok_or(AppError::NotFound)
}

/// The operation: an owner changes title, introduction and closing day (and, while drafted,
/// whom it asks), begun from `version` (none: the one `s` was read at); a newer one stored
/// meanwhile is a conflict (`stale_version`), never overwritten.
pub async fn update(app: &App, ctx: &Ctx, s: &Survey, input: &SurveyInput, version: Option<i64>) -> AppResult<Survey> {
    require_owner(ctx)?;
    let version = Some(version.unwrap_or(s.version));
    app.store.update_survey(s.id, input, version, &ctx.actor()).await.map_err(conflicts)?;
    app.store.survey(s.id).await?.ok_or(AppError::NotFound)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SurveyForm {
    pub title: String,
    pub intro: String,
    pub audience: String,
    pub closes_on: String,
    pub idempotency_key: String,
    /// The version of the survey the edit began from (hidden in the form).
    pub version: String,
}

impl SurveyForm {
    /// The input of a new survey (`stored` none) or of an edit of one whose closing day is
    /// `stored`.
    fn parse(&self, today: time::Date, stored: Option<time::Date>) -> Result<SurveyInput, domain::Invalid> {
        SurveyInput::parse_edit(&self.title, &self.intro, &self.audience, &self.closes_on, today, stored)
    }

    fn of(s: &Survey) -> SurveyForm {
        SurveyForm {
            title: s.title.clone(),
            intro: s.intro.clone().unwrap_or_default(),
            audience: s.audience.as_str().into(),
            closes_on: s.closes_on.map(|d| d.to_string()).unwrap_or_default(),
            idempotency_key: String::new(),
            version: s.version.to_string(),
        }
    }

    /// The version the edit began from; a missing or garbled one is none.
    fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }
}

#[derive(Template)]
#[template(path = "surveys/form.html")]
struct FormPage {
    p: Chrome,
    f: SurveyForm,
    action: String,
    cancel: String,
    /// Whether the audience may still change (not once sent).
    audience_open: bool,
}

fn page(ctx: &Ctx, s: Option<&Survey>, f: SurveyForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let title = crate::i18n::text(ctx.lang, if s.is_some() { "survey.edit" } else { "survey.new" });
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let status = form_status(status, invalid);
    let (action, cancel) = match s {
        Some(s) => (format!("/enkater/{}/andra", s.id), format!("/enkater/{}", s.id)),
        None => ("/enkater".to_string(), "/enkater".to_string()),
    };
    let audience_open = s.is_none_or(|s| s.status == store::surveys::SurveyStatus::Draft);
    Ok((status, render(&FormPage { p, f, action, cancel, audience_open })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    require_owner(&ctx)?;
    let closes = app.store.today() + time::Duration::days(30);
    let f = SurveyForm {
        audience: "organisations".into(),
        closes_on: closes.to_string(),
        idempotency_key: crate::auth::new_secret(),
        ..Default::default()
    };
    page(&ctx, None, f, None)
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<SurveyForm>) -> AppResult<Response> {
    require_owner(&ctx)?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse(app.store.today(), None) {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(s) => Ok(Redirect::to(&format!("/enkater/{}?klart=skapat", s.id)).into_response()),
        Err(e) => page(&ctx, None, f, Some(&reshown(e)?)),
    }
}

pub async fn edit_form(ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let f = SurveyForm::of(&s);
    page(&ctx, Some(&s), f, None)
}

pub async fn edit_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    Input(f): Input<SurveyForm>,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let result = match f.parse(app.store.today(), s.closes_on) {
        Ok(input) => update(&app, &ctx, &s, &input, f.version()).await,
        Err(invalid) => Err(invalid.into()),
    };
    let invalid = match result {
        Ok(s) => return Ok(Redirect::to(&format!("/enkater/{}?klart=sparat", s.id)).into_response()),
        Err(e) => reshown(e)?,
    };
    // On a race, what was typed on the newer version, to be looked over and saved again.
    let s = as_now(&app, s, &invalid).await?;
    let f = if is_race(&invalid) { SurveyForm { version: s.version.to_string(), ..f } } else { f };
    page(&ctx, Some(&s), f, Some(&invalid))
}

const FIELDS: &[&str] = &["title", "intro", "audience", "closes_on"];
/// An edit also names the version it began from.
const EDIT_FIELDS: &[&str] = &["title", "intro", "audience", "closes_on", "version"];

/// The input, and the version an edit (of `s`) began from when it names one.
fn parse_json(
    app: &App,
    headers: &HeaderMap,
    body: &Bytes,
    s: Option<&Survey>,
) -> AppResult<(SurveyInput, Option<i64>)> {
    let mut j = JsonInput::parse(headers, body, if s.is_some() { EDIT_FIELDS } else { FIELDS })?;
    let f = SurveyForm {
        title: j.str("title"),
        intro: j.str("intro"),
        audience: if j.has("audience") { j.str("audience") } else { "organisations".into() },
        closes_on: j.str("closes_on"),
        idempotency_key: String::new(),
        version: String::new(),
    };
    let version = if s.is_some() { j.int("version") } else { None };
    j.finish()?;
    Ok((f.parse(app.store.today(), s.and_then(|s| s.closes_on))?, version))
}

/// `POST /api/v1/surveys`: the same operation.
pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    require_owner(&ctx)?;
    let (input, _) = parse_json(&app, &headers, &body, None)?;
    let s = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/surveys/{}", s.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(s)).into_response())
}

/// `PUT /api/v1/surveys/{id}`.
pub async fn edit_api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let (input, version) = parse_json(&app, &headers, &body, Some(&s))?;
    Ok(Json(update(&app, &ctx, &s, &input, version).await?).into_response())
}
