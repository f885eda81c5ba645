//! The list of joint matters (`/samverkan`, public) with how many organisations have decided,
//! its JSON, and the small blocks the case page and the protocol show of a case's or a
//! paragraph's joint matters.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::ids::CaseId;
use serde_json::json;
use store::joint::MatterSummary;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "joint/list.html")]
struct ListPage {
    p: Chrome,
    matters: Vec<MatterSummary>,
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let matters = app.store.joint_matters(None, None).await?;
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "joint.title"));
    Ok(render(&ListPage { p, matters })?.into_response())
}

pub async fn api(State(app): State<App>) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.joint_matters(None, None).await?})).into_response())
}

/// The case page's block: the case's joint matters, and for the region's officers the link
/// that creates one.
#[derive(Template)]
#[template(path = "joint/case_block.html")]
pub struct CaseBlock {
    pub p: Chrome,
    pub case_id: CaseId,
    pub matters: Vec<MatterSummary>,
    pub may_create: bool,
}

/// The block's HTML for a case (rendered here so the case page only places it).
pub async fn case_block(app: &App, ctx: &Ctx, c: &domain::cases::Case) -> AppResult<String> {
    let matters = app.store.joint_matters(Some(c.id), None).await?;
    let may_create = super::access::is_region_officer(app, ctx, c.organisation_id).await? && ctx.signed_in();
    let block = CaseBlock { p: Chrome::new(ctx, ""), case_id: c.id, matters, may_create };
    Ok(render(&block)?.0)
}
