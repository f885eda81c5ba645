//! The strategies (`/strategier`) and a strategy's page with its tree as nested lists under
//! headings; their JSON. Strategies being drawn up are listed for signed-in members only.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::strategy::{Node, Strategy, StrategySummary};

use super::{StrategyPath, sees_drafts};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "strategy/strategies.html")]
struct ListPage {
    p: Chrome,
    strategies: Vec<StrategySummary>,
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let strategies = app.store.strategies(sees_drafts(&ctx)).await?;
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "strategy.strategies"));
    Ok(render(&ListPage { p, strategies })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.strategies(sees_drafts(&ctx)).await?})).into_response())
}

/// One line of the tree as the template writes it: the node, and how many lists close after
/// it (so the nested lists are written from the flat reading order).
pub struct Line<'a> {
    pub node: &'a Node,
    /// Whether the next node is its child (a list opens inside this item).
    pub opens: bool,
    /// How many levels close after this item.
    pub closes: usize,
}

/// The reading order as lines of nested lists.
pub fn lines(nodes: &[Node]) -> Vec<Line<'_>> {
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let next = nodes.get(i + 1).map_or(0, |m| m.depth);
            Line { node: n, opens: next > n.depth, closes: n.depth.saturating_sub(next) }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "strategy/strategy.html")]
struct ShowPage {
    p: Chrome,
    s: Strategy,
    /// The years whose annual follow-up report (`/strategier/{id}/rapport/{year}`) is offered.
    report_years: Vec<i32>,
}

impl ShowPage {
    fn lines(&self) -> Vec<Line<'_>> {
        lines(&self.s.nodes)
    }
}

pub async fn show(State(app): State<App>, ctx: Ctx, StrategyPath(s): StrategyPath) -> AppResult<Response> {
    let p = Chrome::new(&ctx, s.title.clone());
    let report_years = domain::strategy::plan::report_years(s.first_year, s.last_year, app.store.today().year());
    Ok(render(&ShowPage { p, s, report_years })?.into_response())
}

pub async fn show_api(StrategyPath(s): StrategyPath) -> AppResult<Response> {
    Ok(Json(s).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::strategy::NodeKind;

    fn n(id: i64, depth: usize) -> Node {
        Node {
            id,
            strategy_id: 1,
            parent_id: None,
            kind: NodeKind::Area,
            title: String::new(),
            description: None,
            dimensions: vec![],
            sdg: vec![],
            bodies: vec![],
            indicators: vec![],
            position: 1,
            depth,
        }
    }

    #[test]
    fn every_opened_list_is_closed() {
        let nodes = [n(1, 0), n(2, 1), n(3, 2), n(4, 0), n(5, 1)];
        let l = lines(&nodes);
        let shape: Vec<(bool, usize)> = l.iter().map(|l| (l.opens, l.closes)).collect();
        assert_eq!(shape, vec![(true, 0), (true, 0), (false, 2), (true, 0), (false, 1)]);
        assert_eq!(l.iter().filter(|l| l.opens).count(), l.iter().map(|l| l.closes).sum::<usize>());
    }
}
