//! The annual follow-up report of a strategy for a year, from live data (lag (2010:630) om
//! regionalt utvecklingsansvar 5 §): per top-level area of the strategy its text for the year,
//! its goals (the nodes under it), the status of the indicators linked to it or under it, with
//! charts, and the activities of the forums' plans linked to it — those done, those still open —
//! and what is still missing before the report can be sent (`domain::actionplans::readiness`).
//! The HTML page, the "% ready" view, the PDF and the JSON are all made from this one view.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::actionplans::{ActivityStatus, Readiness, ReadinessCounts};
use serde::Serialize;
use store::actionplans::ReportActivity;
use store::strategy::{Node, Strategy};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::indicators::card::{Card, cards};
use crate::strategy::StrategyPath;

/// `{id}/rapport/{year}`: a strategy the caller may see and a year of the product's range.
pub struct ReportPath(pub Strategy, pub i32);

impl FromRequestParts<App> for ReportPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let year: i64 = crate::extract::path_id(parts, "year").await?;
        let StrategyPath(s) = StrategyPath::from_request_parts(parts, app).await?;
        let year = i32::try_from(year).map_err(|_| AppError::NotFound)?;
        if !(domain::dates::FIRST_YEAR..=domain::dates::LAST_YEAR).contains(&year) {
            return Err(AppError::NotFound);
        }
        Ok(ReportPath(s, year))
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AreaView {
    pub id: i64,
    pub title: String,
    pub description: Option<String>,
    pub text: Option<String>,
    /// The nodes under the area, in reading order, with their depth below it.
    pub goals: Vec<(String, String, usize)>,
    pub indicators: Vec<Card>,
    pub done: Vec<ReportActivity>,
    pub open: Vec<ReportActivity>,
    /// Activities not cancelled that no round of the year followed up.
    pub missing_followup: Vec<ReportActivity>,
    /// Indicators without a value for the year.
    pub missing_values: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    pub strategy_id: i64,
    pub title: String,
    pub owner: String,
    pub vision: Option<String>,
    pub year: i32,
    pub areas: Vec<AreaView>,
    pub readiness: Readiness,
}

fn under(s: &Strategy, area: i64) -> Vec<&Node> {
    s.nodes.iter().filter(|n| n.id != area && s.path(n.id).iter().any(|p| p.id == area)).collect()
}

/// Builds the report of `year` for the caller (unpublished indicators only for strategy owners).
pub async fn report_view(app: &App, ctx: &Ctx, s: &Strategy, year: i32) -> AppResult<ReportView> {
    let texts = app.store.report_texts(s.id, year).await?;
    let activities = app.store.strategy_activities(s.id, year).await?;
    // Each area's indicators (its own and those of the nodes under it), then every card once.
    let per_area: Vec<(&Node, Vec<&Node>, Vec<i64>)> = s
        .children(None)
        .map(|area| {
            let below = under(s, area.id);
            let mut ids: Vec<i64> = Vec::new();
            for n in std::iter::once(area).chain(below.iter().copied()) {
                for i in &n.indicators {
                    if !ids.contains(&i.id) {
                        ids.push(i.id);
                    }
                }
            }
            (area, below, ids)
        })
        .collect();
    let mut all: Vec<i64> = per_area.iter().flat_map(|(_, _, ids)| ids.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    let owner = ctx.require_strategy_owner().is_ok();
    let summaries: Vec<_> =
        app.store.indicator_summary(&all).await?.into_iter().filter(|x| x.indicator.published || owner).collect();
    let all_cards = cards(app, &summaries, ctx.lang).await?;
    let mut counts = ReadinessCounts::default();
    let mut areas = Vec::new();
    for (area, below, ids) in per_area {
        let mut node_ids = vec![area.id];
        node_ids.extend(below.iter().map(|n| n.id));
        let indicators: Vec<Card> =
            ids.iter().filter_map(|id| all_cards.iter().find(|c| c.id == *id)).cloned().collect();
        let mut seen = Vec::new();
        let mine: Vec<ReportActivity> = activities
            .iter()
            .filter(|a| node_ids.contains(&a.node_id))
            .filter(|a| {
                let first = !seen.contains(&a.id);
                seen.push(a.id);
                first
            })
            .cloned()
            .collect();
        let live: Vec<&ReportActivity> = mine.iter().filter(|a| a.status != ActivityStatus::Cancelled).collect();
        let text = texts.iter().find(|t| t.node_id == area.id).map(|t| t.text.clone());
        let missing_values: Vec<String> =
            indicators.iter().filter(|c| !c.has_year(year)).map(|c| c.title.clone()).collect();
        counts.areas += 1;
        counts.areas_with_text += usize::from(text.is_some());
        counts.activities += live.len();
        counts.activities_followed_up += live.iter().filter(|a| a.followed_up).count();
        counts.indicators += indicators.len();
        counts.indicators_with_value += indicators.len() - missing_values.len();
        areas.push(AreaView {
            id: area.id,
            title: area.title.clone(),
            description: area.description.clone(),
            text,
            goals: below
                .iter()
                .map(|n| (n.title.clone(), n.kind.key(), n.depth.saturating_sub(area.depth + 1)))
                .collect(),
            missing_followup: live.iter().filter(|a| !a.followed_up).map(|a| (*a).clone()).collect(),
            done: mine.iter().filter(|a| a.status == ActivityStatus::Done).cloned().collect(),
            open: mine.iter().filter(|a| a.status.is_open()).cloned().collect(),
            indicators,
            missing_values,
        });
    }
    Ok(ReportView {
        strategy_id: s.id,
        title: s.title.clone(),
        owner: s.owner.name.clone(),
        vision: s.vision.clone(),
        year,
        areas,
        readiness: counts.readiness(),
    })
}
