//! An indicator as other rooms show it (a strategy node's page, the annual report): its status,
//! latest value, a small chart of its own area against its county and Sweden, the chart's text
//! summary and data table — the same rows as the indicator's own page (`series::Table`). The
//! chart is laid out once (`chart::line::Drawing`): the pages show it as SVG, the annual
//! report's PDF draws the same marks as a tagged figure (`Card::figure`).

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
    /// The chart's marks, for the PDF.
    #[serde(skip)]
    pub drawing: chart::line::Drawing,
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
        let drawing = chart::line::drawing(&i.unit, &table.series(), lang);
        let svg = drawing.svg(&i.title, &summary.join(" "));
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
            drawing,
            summary,
            areas: table.areas.iter().map(|(_, n)| n.clone()).collect(),
            rows,
        });
    }
    Ok(out)
}

impl Card {
    /// The chart as a PDF figure with the same marks as the page's SVG, its text alternative the
    /// indicator's title and the chart's text summary; `None` when there is no value to show.
    pub fn figure(&self) -> Option<::pdf::Figure> {
        use chart::line::{Anchor, FONT_SIZE, H, Mark, W};
        if !self.drawing.has_values {
            return None;
        }
        let p = |(x, y): (f64, f64)| (x as f32, y as f32);
        let shapes = self
            .drawing
            .marks
            .iter()
            .map(|m| match m {
                Mark::Line { points, colour, width, dash } => ::pdf::Shape::Line {
                    points: points.iter().copied().map(p).collect(),
                    width: *width as f32,
                    colour: *colour,
                    dash: dash.iter().map(|d| *d as f32).collect(),
                },
                Mark::Marker { shape, at, colour } => match shape.polygon(at.0, at.1) {
                    None => ::pdf::Shape::Disc { centre: p(*at), radius: 3.5, colour: *colour },
                    Some(points) => {
                        ::pdf::Shape::Polygon { points: points.into_iter().map(p).collect(), colour: *colour }
                    }
                },
                Mark::Text { at, anchor, colour, text } => ::pdf::Shape::Text {
                    at: p(*at),
                    anchor: match anchor {
                        Anchor::Start => ::pdf::Anchor::Start,
                        Anchor::Middle => ::pdf::Anchor::Middle,
                        Anchor::End => ::pdf::Anchor::End,
                    },
                    size: FONT_SIZE as f32,
                    colour: *colour,
                    text: text.clone(),
                },
            })
            .collect();
        let alt = std::iter::once(format!("{}.", self.title.trim_end_matches('.'))).chain(self.summary.iter().cloned());
        Some(::pdf::Figure { alt: alt.collect::<Vec<_>>().join(" "), width: W as f32, height: H as f32, shapes })
    }
}
