//! Building a drafted survey's questions (its owners): adding a question from the builder's
//! form (to a section or a new one), removing one, and the API's whole definition at once. Each
//! replaces the whole definition, so each names the version it began from: of two people adding
//! a question at once, the second is refused (409) and shown the form again, never losing one.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::surveys::Definition;
use store::surveys::Survey;

use super::form::AddForm;
use super::show::survey_page;
use super::{SurveyPath, as_now, conflicts, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};

/// The operation: an owner replaces the definition of a drafted survey, begun from `version`
/// (none: the one `s` was read at); a newer one stored meanwhile is a conflict.
pub async fn set_definition(app: &App, ctx: &Ctx, s: &Survey, def: &Definition, version: Option<i64>) -> AppResult<()> {
    require_owner(ctx)?;
    let version = Some(version.unwrap_or(s.version));
    app.store.set_survey_definition(s.id, def, version, &ctx.actor()).await.map_err(conflicts)
}

/// The survey page again after a refused change of the questions: on a race, the newer survey
/// (its questions as they now are) with what was typed.
async fn reshow(app: &App, ctx: &Ctx, s: Survey, f: AddForm, e: AppError) -> AppResult<Response> {
    let invalid = reshown(e)?;
    let s = as_now(app, s, &invalid).await?;
    survey_page(app, ctx, s, f, Default::default(), Some(&invalid)).await
}

/// The operation behind the builder's form: the question added to its section.
pub async fn add(app: &App, ctx: &Ctx, s: &Survey, f: &AddForm) -> AppResult<()> {
    require_owner(ctx)?;
    let mut def = s.definition.clone();
    let q = f.q.parse(|k| def.question(k).is_some())?;
    let section = f.section.trim().parse::<usize>().unwrap_or(usize::MAX);
    let new = if f.section.trim().is_empty() || f.section == "new" { Some(f.new_section.as_str()) } else { None };
    def.add(section, new, q)?;
    set_definition(app, ctx, s, &def, f.version()).await
}

pub async fn add_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    Input(f): Input<AddForm>,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    match add(&app, &ctx, &s, &f).await {
        Ok(()) => Ok(Redirect::to(&format!("/enkater/{}?klart=sparat#fragor", s.id)).into_response()),
        Err(e) => reshow(&app, &ctx, s, f, e).await,
    }
}

pub async fn remove_post(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    axum::extract::Path((_, key)): axum::extract::Path<(String, String)>,
    Input(f): Input<AddForm>,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let mut def = s.definition.clone();
    if !def.remove(&key) {
        return Err(AppError::NotFound);
    }
    match set_definition(&app, &ctx, &s, &def, f.version()).await {
        Ok(()) => Ok(Redirect::to(&format!("/enkater/{}?klart=borttaget#fragor", s.id)).into_response()),
        Err(e) => reshow(&app, &ctx, s, AddForm::default(), e).await,
    }
}

/// `PUT /api/v1/surveys/{id}/definition`: the whole definition, checked as one.
pub async fn definition_api(
    State(app): State<App>,
    ctx: Ctx,
    SurveyPath(s): SurveyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let mut j = crate::json::JsonInput::parse(&headers, &body, &["sections", "version"])?;
    let raw = j.raw("sections").unwrap_or(serde_json::Value::Null);
    let version = j.int("version");
    j.finish()?;
    let def = Definition::from_json(raw)?;
    def.check()?;
    set_definition(&app, &ctx, &s, &def, version).await?;
    let s = app.store.survey(s.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(s).into_response())
}
