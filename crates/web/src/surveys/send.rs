//! Sending a survey (its owners): the organisations it asks — one, or all of a kind in a county
//! in one step, read as the referrals' consultees are (`referrals::organisations_in`) — sending
//! (the invitations go by job), closing, and publishing the results.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use store::surveys::Survey;

use super::form::RecipientsForm;
use super::show::survey_page;
use super::{SurveyPath, as_now, conflicts, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

fn saved(s: &Survey, anchor: &str) -> Response {
    Redirect::to(&format!("/enkater/{}?klart=sparat#{anchor}", s.id)).into_response()
}

/// The operation: adds the chosen organisations; returns how many were new.
pub async fn add_recipients(app: &App, ctx: &Ctx, s: &Survey, f: &RecipientsForm) -> AppResult<usize> {
    require_owner(ctx)?;
    let orgs = crate::referrals::organisations_in(app, &f.organisation_id, &f.kind, &f.county).await?;
    Ok(app.store.add_survey_recipients(s.id, &orgs, &ctx.actor()).await?)
}

pub async fn recipients_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    Input(f): Input<RecipientsForm>,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    match add_recipients(&app, &ctx, &s, &f).await {
        Ok(_) => Ok(saved(&s, "mottagare")),
        Err(e) => survey_page(&app, &ctx, s, Default::default(), f, Some(&reshown(e)?)).await,
    }
}

pub async fn recipients_api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let mut j = JsonInput::parse(&headers, &body, &["kind", "county", "organisation_id"])?;
    let f = RecipientsForm {
        kind: j.str("kind"),
        county: j.str("county"),
        organisation_id: j.id("organisation_id").map(|i| i.to_string()).unwrap_or_default(),
    };
    j.finish()?;
    let added = add_recipients(&app, &ctx, &s, &f).await?;
    Ok(Json(json!({"added": added, "items": app.store.survey_recipients(s.id).await?})).into_response())
}

/// `GET /api/v1/surveys/{id}/recipients`: the organisations asked and how far each has come.
pub async fn recipients_api_get(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    Ok(Json(json!({"items": app.store.survey_recipients(s.id).await?})).into_response())
}

/// The operation: sends a drafted survey; one another request sent first is a conflict.
pub async fn send(app: &App, ctx: &Ctx, s: &Survey) -> AppResult<Survey> {
    require_owner(ctx)?;
    app.store.send_survey(s.id, &ctx.actor()).await.map_err(conflicts)?;
    app.store.survey(s.id).await?.ok_or(AppError::NotFound)
}

/// The operation: closes an open survey; one another request closed first is a conflict.
pub async fn close(app: &App, ctx: &Ctx, s: &Survey) -> AppResult<Survey> {
    require_owner(ctx)?;
    app.store.close_survey(s.id, &ctx.actor()).await.map_err(conflicts)?;
    app.store.survey(s.id).await?.ok_or(AppError::NotFound)
}

/// The operation: publishes the results to everyone, or withdraws them.
pub async fn publish(app: &App, ctx: &Ctx, s: &Survey, public: bool) -> AppResult<Survey> {
    require_owner(ctx)?;
    app.store.publish_survey_results(s.id, public, &ctx.actor()).await?;
    app.store.survey(s.id).await?.ok_or(AppError::NotFound)
}

async fn reshow(app: &App, ctx: &Ctx, s: Survey, r: AppResult<Survey>, anchor: &str) -> AppResult<Response> {
    match r {
        Ok(s) => Ok(saved(&s, anchor)),
        Err(e) => {
            let invalid = reshown(e)?;
            let s = as_now(app, s, &invalid).await?;
            survey_page(app, ctx, s, Default::default(), Default::default(), Some(&invalid)).await
        }
    }
}

pub async fn send_post(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let r = send(&app, &ctx, &s).await;
    reshow(&app, &ctx, s, r, "status").await
}

pub async fn close_post(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_owner(&ctx)?;
    let r = close(&app, &ctx, &s).await;
    reshow(&app, &ctx, s, r, "status").await
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    pub results_public: String,
}

pub async fn publish_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    Input(f): Input<PublishForm>,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let r = publish(&app, &ctx, &s, f.results_public == "true").await;
    reshow(&app, &ctx, s, r, "status").await
}

pub async fn send_api(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    Ok(Json(send(&app, &ctx, &s).await?).into_response())
}

pub async fn close_api(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    Ok(Json(close(&app, &ctx, &s).await?).into_response())
}

/// `PUT /api/v1/surveys/{id}/results-publication`: `{"results_public": true}`.
pub async fn publish_api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let mut j = JsonInput::parse(&headers, &body, &["results_public"])?;
    let public = j.bool("results_public");
    j.finish()?;
    let public = public.ok_or_else(|| domain::FieldError::required("results_public"))?;
    Ok(Json(publish(&app, &ctx, &s, public).await?).into_response())
}
