//! Governing documents and the strategy model (issue 13). The register `/styrdokument` with a
//! page per document (relations, adoption linked to the protocol paragraph when it is here, the
//! review finding), the strategies `/strategier` with each one's tree and a page per node (its
//! Agenda 2030 goals and targets, its owning bodies), and Agenda 2030 itself `/sdg` (goals with
//! Swedish names, targets in English, Swedish target texts an administrator adds). The region's
//! strategy owners — administrators for now — create and edit (ADR 45); everyone reads what is
//! published, and strategies being drawn up are shown to signed-in members only. The JSON API
//! under `/api/v1/governing-documents`, `/api/v1/strategies` and `/api/v1/sdg`.

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use store::strategy::{GoverningDocument, Strategy, StrategyStatus};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub(crate) mod document_form;
mod documents;
mod node_form;
mod nodes;
mod sdg;
mod strategies;
mod strategy_form;

/// `{id}`: a governing document with its relations (404 in the caller's format).
pub struct DocumentPath(pub GoverningDocument);
crate::path_entity!(DocumentPath, "id", |app, id| app.store.governing_document(id).await);

/// `{id}`: a strategy with its tree. A strategy being drawn up is not found for a visitor who
/// is not signed in (ADR 45).
pub struct StrategyPath(pub Strategy);

impl FromRequestParts<App> for StrategyPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let id: i64 = crate::extract::path_id(parts, "id").await?;
        let s = app.store.strategy(id).await?.ok_or(AppError::NotFound)?;
        let ctx = Ctx::from_request_parts(parts, app).await?;
        visible(&ctx, &s)?;
        Ok(StrategyPath(s))
    }
}

/// `{id}/…/{node}`: a strategy and one of its nodes' ids (404 when the node is not in it).
pub struct NodePath(pub Strategy, pub i64);

impl FromRequestParts<App> for NodePath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let node: i64 = crate::extract::path_id(parts, "node").await?;
        let StrategyPath(s) = StrategyPath::from_request_parts(parts, app).await?;
        if s.node(node).is_none() {
            return Err(AppError::NotFound);
        }
        Ok(NodePath(s, node))
    }
}

/// Whether the caller may see strategies being drawn up: signed-in members (ADR 45).
pub fn sees_drafts(ctx: &Ctx) -> bool {
    ctx.signed_in()
}

fn visible(ctx: &Ctx, s: &Strategy) -> AppResult<()> {
    if s.status == StrategyStatus::Drafting && !sees_drafts(ctx) { Err(AppError::NotFound) } else { Ok(()) }
}

/// Who edits strategies and governing documents: the region's strategy owners.
pub fn require_owner(ctx: &Ctx) -> AppResult<()> {
    ctx.require_strategy_owner()
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/styrdokument", get(documents::page).post(document_form::create_post))
        .route("/styrdokument/nytt", get(document_form::create_form))
        .route("/styrdokument/{id}", get(documents::show).post(document_form::update_post))
        .route("/styrdokument/{id}/redigera", get(document_form::update_form))
        .route("/styrdokument/{id}/relationer", post(document_form::relation_post))
        .route("/strategier", get(strategies::page).post(strategy_form::create_post))
        .route("/strategier/ny", get(strategy_form::create_form))
        .route("/strategier/{id}", get(strategies::show).post(strategy_form::update_post))
        .route("/strategier/{id}/redigera", get(strategy_form::update_form))
        .route("/strategier/{id}/delar", post(node_form::create_post))
        .route("/strategier/{id}/delar/ny", get(node_form::create_form))
        .route("/strategier/{id}/delar/{node}", get(nodes::show).post(node_form::update_post))
        .route("/strategier/{id}/delar/{node}/redigera", get(node_form::update_form))
        .route("/sdg", get(sdg::page))
        .route("/sdg/{goal}", get(sdg::goal_page))
        .route("/sdg/delmal/{code}", post(sdg::target_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/governing-documents", get(documents::api).post(document_form::create_api))
        .route("/governing-documents/{id}", get(documents::show_api).put(document_form::update_api))
        .route("/governing-documents/{id}/relations", post(document_form::relation_api))
        .route("/strategies", get(strategies::api).post(strategy_form::create_api))
        .route("/strategies/{id}", get(strategies::show_api).put(strategy_form::update_api))
        .route("/strategies/{id}/nodes", post(node_form::create_api))
        .route("/strategies/{id}/nodes/{node}", get(nodes::show_api).put(node_form::update_api))
        .route("/sdg/goals", get(sdg::api))
        .route("/sdg/goals/{goal}", get(sdg::goal_api))
        .route("/sdg/targets/{code}", axum::routing::put(sdg::target_api))
}
