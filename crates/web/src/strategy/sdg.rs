//! Agenda 2030 (`/sdg`): the 17 goals with their Swedish names, a goal's page with its targets
//! (the UN's English text, and the Swedish text where an administrator has added one, with the
//! small form that adds it) and the strategy nodes linked to the goal; their JSON.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawPathParams, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::named::Named;
use domain::strategy::SdgRef;
use domain::strategy::sdg::{self, Goal};
use serde::Serialize;
use serde_json::json;

use super::{require_owner, sees_drafts};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "strategy/sdg.html")]
struct ListPage {
    p: Chrome,
    goals: &'static [Goal],
}

pub async fn page(ctx: Ctx) -> AppResult<Response> {
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "strategy.sdg"));
    Ok(render(&ListPage { p, goals: sdg::goals() })?.into_response())
}

pub async fn api() -> AppResult<Response> {
    Ok(Json(json!({"items": sdg::goals()})).into_response())
}

/// A target with its Swedish text when there is one.
#[derive(Clone, Debug, Serialize)]
pub struct TargetLine {
    pub code: String,
    pub title_en: String,
    pub title_sv: Option<String>,
}

/// A node linked to the goal or one of its targets.
#[derive(Clone, Debug, Serialize)]
pub struct Linked {
    pub node: Named,
    pub strategy: Named,
    pub code: String,
}

async fn goal_of(params: &RawPathParams) -> AppResult<&'static Goal> {
    let raw = params.iter().find(|(k, _)| *k == "goal").map(|(_, v)| v).ok_or(AppError::NotFound)?;
    raw.parse::<u8>().ok().and_then(sdg::goal).ok_or(AppError::NotFound)
}

async fn lines(app: &App, g: &Goal) -> AppResult<Vec<TargetLine>> {
    let texts = app.store.sdg_target_texts().await?;
    Ok(sdg::targets_of(g.number)
        .map(|t| TargetLine {
            code: t.code.clone(),
            title_en: t.title_en.clone(),
            title_sv: texts.iter().find(|x| x.code == t.code).map(|x| x.title_sv.clone()),
        })
        .collect())
}

async fn linked(app: &App, ctx: &Ctx, g: &Goal) -> AppResult<Vec<Linked>> {
    Ok(app
        .store
        .nodes_linked_to_goal(g.number, sees_drafts(ctx))
        .await?
        .into_iter()
        .map(|(node, strategy, code)| Linked { node, strategy, code })
        .collect())
}

#[derive(Template)]
#[template(path = "strategy/sdg_goal.html")]
struct GoalPage {
    p: Chrome,
    g: &'static Goal,
    targets: Vec<TargetLine>,
    linked: Vec<Linked>,
    /// The target whose form was refused, with what was typed.
    refused: Option<(String, String)>,
}

impl GoalPage {
    fn refused_for(&self, code: &str) -> Option<&str> {
        self.refused.as_ref().filter(|(c, _)| c == code).map(|(_, v)| v.as_str())
    }
}

async fn goal_response(
    app: &App,
    ctx: &Ctx,
    g: &'static Goal,
    refused: Option<(String, String)>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let title = format!("{} {}", g.number, if ctx.lang == domain::error::Lang::Sv { &g.title_sv } else { &g.short_en });
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let page = GoalPage { p, g, targets: lines(app, g).await?, linked: linked(app, ctx, g).await?, refused };
    Ok((status, render(&page)?).into_response())
}

pub async fn goal_page(State(app): State<App>, ctx: Ctx, params: RawPathParams) -> AppResult<Response> {
    let g = goal_of(&params).await?;
    goal_response(&app, &ctx, g, None, None).await
}

pub async fn goal_api(State(app): State<App>, ctx: Ctx, params: RawPathParams) -> AppResult<Response> {
    let g = goal_of(&params).await?;
    Ok(Json(json!({"goal": g, "targets": lines(&app, g).await?, "linked_nodes": linked(&app, &ctx, g).await?}))
        .into_response())
}

/// The target named in the path: one of the reference data's (404 otherwise).
fn target_of(params: &RawPathParams) -> AppResult<SdgRef> {
    let raw = params.iter().find(|(k, _)| *k == "code").map(|(_, v)| v).ok_or(AppError::NotFound)?;
    SdgRef::parse("code", raw).ok().filter(SdgRef::is_target).ok_or(AppError::NotFound)
}

/// The operation: an administrator sets (or, with an empty text, removes) a target's Swedish text.
pub async fn set_target_text(app: &App, ctx: &Ctx, target: &SdgRef, text: &str) -> AppResult<()> {
    require_owner(ctx)?;
    let text = sdg::target_sv(text)?;
    Ok(app.store.set_sdg_target_text(target.code(), text.as_deref(), &ctx.actor()).await?)
}

pub async fn target_post(State(app): State<App>, ctx: Ctx, params: RawPathParams, form: Pairs) -> AppResult<Response> {
    require_owner(&ctx)?;
    let t = target_of(&params)?;
    let text = form.get("title_sv");
    match set_target_text(&app, &ctx, &t, &text).await {
        Ok(()) => Ok(Redirect::to(&format!("/sdg/{}?klart=sparat#t-{}", t.goal(), t.code())).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let g = sdg::goal(t.goal()).ok_or(AppError::NotFound)?;
            goal_response(&app, &ctx, g, Some((t.code().to_string(), text)), Some(&invalid)).await
        }
    }
}

pub async fn target_api(
    State(app): State<App>,
    ctx: Ctx,
    params: RawPathParams,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&ctx)?;
    let t = target_of(&params)?;
    let mut j = JsonInput::parse(&headers, &body, &["title_sv"])?;
    let text = j.str("title_sv");
    j.finish()?;
    set_target_text(&app, &ctx, &t, &text).await?;
    let sv = app.store.sdg_target_texts().await?.into_iter().find(|x| x.code == t.code()).map(|x| x.title_sv);
    let en = sdg::target(t.code()).map(|x| x.title_en.clone()).unwrap_or_default();
    Ok(Json(TargetLine { code: t.code().to_string(), title_en: en, title_sv: sv }).into_response())
}
