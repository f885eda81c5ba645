//! A node's page: where it stands in its strategy, its description, dimensions, Agenda 2030
//! goals and targets (with the Swedish target text where an administrator has added one), the
//! bodies that own the work, and the parts under it; its JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::strategy::sdg;
use serde::Serialize;
use store::strategy::{Node, Strategy};

use super::NodePath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// A linked goal or target with the texts to show.
#[derive(Clone, Debug, Serialize)]
pub struct SdgLine {
    pub code: String,
    pub goal: u8,
    pub is_target: bool,
    /// The goal's Swedish name, or the target's Swedish text when there is one.
    pub title_sv: Option<String>,
    pub title_en: String,
}

/// The lines of a node's references, with the Swedish target texts kept here.
pub async fn sdg_lines(app: &App, node: &Node) -> AppResult<Vec<SdgLine>> {
    let texts = app.store.sdg_target_texts().await?;
    Ok(node
        .sdg
        .iter()
        .map(|r| {
            if r.is_target() {
                SdgLine {
                    code: r.code().to_string(),
                    goal: r.goal(),
                    is_target: true,
                    title_sv: texts.iter().find(|t| t.code == r.code()).map(|t| t.title_sv.clone()),
                    title_en: sdg::target(r.code()).map(|t| t.title_en.clone()).unwrap_or_default(),
                }
            } else {
                let g = sdg::goal(r.goal());
                SdgLine {
                    code: r.code().to_string(),
                    goal: r.goal(),
                    is_target: false,
                    title_sv: g.map(|g| g.title_sv.clone()),
                    title_en: g.map(|g| g.short_en.clone()).unwrap_or_default(),
                }
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "strategy/node.html")]
struct ShowPage {
    p: Chrome,
    s: Strategy,
    id: i64,
    sdg: Vec<SdgLine>,
    cards: Vec<crate::indicators::card::Card>,
    activities: Vec<(store::actionplans::ReportActivity, &'static str, &'static str)>,
}

impl ShowPage {
    fn n(&self) -> &Node {
        self.s.node(self.id).unwrap_or(&self.s.nodes[0])
    }

    fn path(&self) -> Vec<&Node> {
        self.s.path(self.id)
    }

    fn children(&self) -> Vec<&Node> {
        self.s.children(Some(self.id)).collect()
    }
}

pub async fn show(State(app): State<App>, ctx: Ctx, NodePath(s, id): NodePath) -> AppResult<Response> {
    let node = s.node(id).cloned().ok_or(crate::error::AppError::NotFound)?;
    let sdg = sdg_lines(&app, &node).await?;
    let ids: Vec<i64> = node.indicators.iter().map(|i| i.id).collect();
    let visible: Vec<_> = app
        .store
        .indicator_summary(&ids)
        .await?
        .into_iter()
        .filter(|x| x.indicator.published || ctx.is_admin())
        .collect();
    let cards = crate::indicators::card::cards(&app, &visible, ctx.lang).await?;
    let today = app.store.today();
    let activities = app
        .store
        .strategy_activities(s.id, today.year())
        .await?
        .into_iter()
        .filter(|a| a.node_id == id)
        .map(|a| {
            let shown = domain::actionplans::status::effective_status(a.status, a.ends_on, today);
            let label = crate::i18n::text(ctx.lang, &shown.key());
            (a, shown.as_str(), label)
        })
        .collect();
    let p = Chrome::new(&ctx, node.title.clone());
    Ok(render(&ShowPage { p, s, id, sdg, cards, activities })?.into_response())
}

pub async fn show_api(State(app): State<App>, NodePath(s, id): NodePath) -> AppResult<Response> {
    let node = s.node(id).cloned().ok_or(crate::error::AppError::NotFound)?;
    let sdg = sdg_lines(&app, &node).await?;
    Ok(Json(serde_json::json!({"strategy": {"id": s.id, "title": s.title}, "node": node, "sdg_links": sdg}))
        .into_response())
}
