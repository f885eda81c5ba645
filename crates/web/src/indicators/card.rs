//! An indicator as other rooms show it (a strategy node's page, the annual report): its status,
//! latest value, a small chart of its own area against its county and Sweden, the chart's text
//! summary and data table — the same rows as the indicator's own page (`series::Table`).

use domain::error::Lang;
use serde::Serialize;
use store::indicators::IndicatorSummary;

use super::series::{Choice, Table};
use crate::App;
use crate::error::AppResult;

#[derive(Clone, Debug, Serialize)]
pub struct Card {
    pub id: i64,
    pub title: String,
    pub unit: String,
    /// The status's code and label, when there is one.
    pub status: Option<(&'static str, &'static str)>,
    /// The latest year with a value and the value as written in the language.
    pub latest: Option<(i32, String)>,
    #[serde(skip)]
    pub svg: String,
    pub summary: Vec<String>,
    /// The areas compared (names), and per year a cell per area.
    pub areas: Vec<String>,
    pub rows: Vec<(i32, Vec<String>)>,
}

impl Card {
    /// Whether the indicator has a value for `year` (or later) in its own area.
    pub fn has_year(&self, year: i32) -> bool {
        self.latest.as_ref().is_some_and(|(y, _)| *y >= year)
    }
}

/// The cards of `summaries` in `lang`.
pub async fn cards(app: &App, summaries: &[IndicatorSummary], lang: Lang) -> AppResult<Vec<Card>> {
    let mut out = Vec::with_capacity(summaries.len());
    for s in summaries {
        let i = &s.indicator;
        let table = Table::load(app, i, &Choice::of(i, ""), lang).await?;
        let summary = table.summary(&i.unit, lang);
        let svg = chart::line::line_svg(&i.title, &summary.join(" "), &i.unit, &table.series(), lang);
        let missing = crate::i18n::text(lang, "indicators.missing");
        let rows = table
            .rows
            .iter()
            .map(|(y, c)| {
                (
                    *y,
                    c.iter()
                        .map(|v| v.map(|x| chart::line::number(x, lang)).unwrap_or_else(|| missing.into()))
                        .collect(),
                )
            })
            .collect();
        out.push(Card {
            id: i.id,
            title: i.title.clone(),
            unit: i.unit.clone(),
            status: s.assessment.map(|a| (a.progress.as_str(), a.progress.label(lang))),
            latest: s.latest.map(|p| (p.year, chart::line::number(p.value, lang))),
            svg,
            summary,
            areas: table.areas.iter().map(|(_, n)| n.clone()).collect(),
            rows,
        });
    }
    Ok(out)
}
