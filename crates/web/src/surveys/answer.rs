//! An organisation's one answer: its people (signed in, their person belonging to an
//! organisation the survey asks) draft it together — any of them saves, a save over a newer one
//! is refused and the newer one shown — and one of them submits it on the organisation's
//! behalf; after that it is read-only. The page and the API call the same operation.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::surveys::{Answers, Audience, Mode};
use serde_json::json;
use store::surveys::{ResponseStatus, Survey};

use super::view::{SectionView, sections};
use super::{SurveyPath, conflicts, form_status, require_visible};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The organisation the caller answers for: one the survey asks, to which the caller's person
/// belongs. 401 signed out, 403 for anyone else.
pub async fn answering_for(app: &App, ctx: &Ctx, s: &Survey) -> AppResult<(i64, String)> {
    let u = ctx.require_user()?;
    let org = app.store.user_organisation(u.id).await?.ok_or(AppError::Forbidden)?;
    if s.audience != Audience::Organisations || !app.store.survey_asks(s.id, org.0).await? {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

/// The operation: saves the caller's organisation's draft (begun from `from_version`), or
/// submits it when `submit` — then every shown required question must be answered.
pub async fn save(
    app: &App,
    ctx: &Ctx,
    s: &Survey,
    answers: Answers,
    from_version: i64,
    submit: bool,
) -> AppResult<store::surveys::Response> {
    require_visible(ctx, s)?;
    let (org, _) = answering_for(app, ctx, s).await?;
    let mode = if submit { Mode::Submit } else { Mode::Draft };
    let kept = domain::surveys::check(&s.definition, answers, mode)?;
    app.store.save_survey_response(s.id, org, &kept, from_version, submit, &ctx.actor()).await.map_err(conflicts)
}

#[derive(Template)]
#[template(path = "surveys/answer.html")]
struct AnswerPage {
    p: Chrome,
    s: Survey,
    organisation: String,
    sections: Vec<SectionView>,
    readonly: bool,
    version: i64,
    /// "Saved by … at …" of the current draft or submission.
    saved: String,
    open: bool,
}

async fn page_with(
    app: &App,
    ctx: &Ctx,
    s: Survey,
    typed: Option<(Answers, i64)>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (org, organisation) = answering_for(app, ctx, &s).await?;
    let current = app.store.survey_response(s.id, org).await?;
    let readonly = current.as_ref().is_some_and(|r| r.status == ResponseStatus::Submitted);
    let saved = current
        .as_ref()
        .map(|r| match (r.status, ctx.lang) {
            (ResponseStatus::Submitted, domain::error::Lang::Sv) => {
                format!(
                    "Inskickat av {} {}.",
                    r.submitted_by.clone().unwrap_or_default(),
                    super::view::when(r.submitted_at.unwrap_or(r.updated_at))
                )
            }
            (ResponseStatus::Submitted, _) => {
                format!(
                    "Submitted by {} {}.",
                    r.submitted_by.clone().unwrap_or_default(),
                    super::view::when(r.submitted_at.unwrap_or(r.updated_at))
                )
            }
            (_, domain::error::Lang::Sv) => {
                format!("Utkastet sparades senast av {} {}.", r.updated_by, super::view::when(r.updated_at))
            }
            (_, _) => format!("The draft was last saved by {} {}.", r.updated_by, super::view::when(r.updated_at)),
        })
        .unwrap_or_default();
    let stored_version = current.as_ref().map_or(0, |r| r.version);
    let (answers, version) = match typed {
        // A stale save shows what was typed, on the newer version, to be saved again.
        Some((a, _)) if invalid.is_some_and(|i| i.first().code == "stale_version") => (a, stored_version),
        Some((a, v)) => (a, v),
        None => (current.map(|r| r.answers).unwrap_or_default(), stored_version),
    };
    let title = s.title.clone();
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let status = form_status(status, invalid);
    let sections = sections(&s.definition, &answers, &p.errors, ctx.lang);
    let open = s.takes_answers(app.store.today());
    let page = AnswerPage { p, s, organisation, sections, readonly, version, saved, open };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_visible(&ctx, &s)?;
    page_with(&app, &ctx, s, None, None).await
}

pub async fn save_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    pairs: Pairs,
) -> AppResult<Response> {
    require_visible(&ctx, &s)?;
    answering_for(&app, &ctx, &s).await?;
    let submit = pairs.get("action") == "submit";
    let version = pairs.get("version").trim().parse::<i64>().unwrap_or(0);
    let typed = domain::surveys::from_form(&s.definition, &pairs.0);
    let answers = match &typed {
        Ok(a) => a.clone(),
        Err(_) => Answers::new(),
    };
    let result = match typed {
        Ok(a) => save(&app, &ctx, &s, a, version, submit).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/enkater/{}/svara?klart=sparat", s.id)).into_response()),
        Err(e) => page_with(&app, &ctx, s, Some((answers, version)), Some(&reshown(e)?)).await,
    }
}

fn response_json(s: &Survey, r: Option<store::surveys::Response>, org: i64) -> serde_json::Value {
    match r {
        Some(r) => json!(r),
        None => json!({"survey_id": s.id, "organisation_id": org, "answers": {}, "status": "none", "version": 0}),
    }
}

/// `GET /api/v1/surveys/{id}/response`: the caller's organisation's answer (version 0 when
/// none is begun).
pub async fn show_api(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_visible(&ctx, &s)?;
    let (org, _) = answering_for(&app, &ctx, &s).await?;
    let r = app.store.survey_response(s.id, org).await?;
    Ok(Json(response_json(&s, r, org)).into_response())
}

fn parse_body(headers: &HeaderMap, body: &Bytes) -> AppResult<(Answers, i64)> {
    let mut j = JsonInput::parse(headers, body, &["answers", "version"])?;
    let raw = j.raw("answers").unwrap_or_else(|| json!({}));
    let version = j.int("version").unwrap_or(0);
    j.finish()?;
    Ok((domain::surveys::from_json(&raw)?, version))
}

/// `PUT /api/v1/surveys/{id}/response`: saves the draft, `{"answers": {…}, "version": n}`.
pub async fn save_api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let (answers, version) = parse_body(&headers, &body)?;
    Ok(Json(save(&app, &ctx, &s, answers, version, false).await?).into_response())
}

/// `POST /api/v1/surveys/{id}/response/submission`: submits these answers on the
/// organisation's behalf.
pub async fn submit_api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let (answers, version) = parse_body(&headers, &body)?;
    Ok(Json(save(&app, &ctx, &s, answers, version, true).await?).into_response())
}
