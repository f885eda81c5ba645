//! The processes (`/processer`) with their next milestone and how many have slipped; their JSON.
//! Unpublished processes are listed for those who may read them.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::processes::ProcessSummary;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

async fn visible(app: &App, ctx: &Ctx) -> AppResult<Vec<ProcessSummary>> {
    let (all, ids) = super::access::readable(app, ctx).await?;
    Ok(app.store.processes(all, &ids).await?)
}

#[derive(Template)]
#[template(path = "processes/list.html")]
struct ListPage {
    p: Chrome,
    processes: Vec<ProcessSummary>,
    may_create: bool,
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let processes = visible(&app, &ctx).await?;
    let may_create = ctx.signed_in() && super::access::owned_organisations(&app, &ctx).await.is_ok();
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "process.processes"));
    Ok(render(&ListPage { p, processes, may_create })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    Ok(Json(json!({"items": visible(&app, &ctx).await?})).into_response())
}
