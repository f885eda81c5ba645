//! The annual report as a tagged PDF (the `pdf` crate, ADR 12), from the same `ReportView` as
//! the page: per area its text, goals, a table of the indicators' status and latest values,
//! per indicator its chart (the page's marks drawn as a tagged `Figure`, its alt text the
//! chart's summary), the summary and the chart's values as a table (the text alternative, as on
//! the page), and the activities done and still open.

use ::pdf::{Block, Document};
use axum::extract::State;
use axum::response::Response;
use domain::error::Lang;

use super::report_view::{ReportPath, ReportView, report_view};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::i18n::text;

pub fn report_document(v: &ReportView, lang: Lang) -> Document {
    let t = |k| text(lang, k).to_string();
    let title = format!("{} {} – {}", t("actionplans.report"), v.year, v.title);
    let mut blocks = vec![
        Block::Heading { level: 1, text: title.clone() },
        Block::Field { label: t("actionplans.owner"), value: v.owner.clone() },
    ];
    if let Some(vision) = &v.vision {
        blocks.push(Block::Field { label: t("actionplans.vision"), value: vision.clone() });
    }
    blocks.push(Block::Paragraph(t("actionplans.report_basis")));
    for a in &v.areas {
        blocks.push(Block::Heading { level: 2, text: a.title.clone() });
        match &a.text {
            Some(x) => blocks.push(Block::Paragraph(x.clone())),
            None => blocks.push(Block::Paragraph(t("actionplans.no_text"))),
        }
        if !a.goals.is_empty() {
            blocks.push(Block::Heading { level: 3, text: t("actionplans.goals") });
            blocks.push(Block::List(
                a.goals.iter().map(|(title, kind, _)| format!("{} ({})", title, text(lang, kind))).collect(),
            ));
        }
        if !a.indicators.is_empty() {
            blocks.push(Block::Table {
                caption: Some(t("actionplans.indicator_status")),
                header: vec![t("indicators.indicator"), t("indicators.status"), t("indicators.latest")],
                rows: a
                    .indicators
                    .iter()
                    .map(|c| {
                        vec![
                            c.title.clone(),
                            c.status.map(|s| s.1.to_string()).unwrap_or_else(|| "–".into()),
                            c.latest
                                .as_ref()
                                .map(|(y, x)| format!("{x} {} ({y})", c.unit))
                                .unwrap_or_else(|| "–".into()),
                        ]
                    })
                    .collect(),
                widths: vec![],
            });
            for c in &a.indicators {
                let Some(figure) = c.figure() else { continue };
                blocks.push(Block::Heading { level: 3, text: c.title.clone() });
                blocks.push(Block::Figure(figure));
                if !c.summary.is_empty() {
                    blocks.push(Block::List(c.summary.clone()));
                }
                blocks.push(Block::Table {
                    caption: Some(format!("{} – {} ({})", t("indicators.table"), c.title, c.unit)),
                    header: std::iter::once(t("indicators.year")).chain(c.areas.iter().cloned()).collect(),
                    rows: c
                        .rows
                        .iter()
                        .map(|(y, r)| std::iter::once(y.to_string()).chain(r.iter().cloned()).collect())
                        .collect(),
                    widths: vec![],
                });
            }
        }
        blocks.push(Block::Heading { level: 3, text: t("actionplans.done_activities") });
        if a.done.is_empty() {
            blocks.push(Block::Paragraph(t("actionplans.none_done")));
        } else {
            blocks.push(Block::List(a.done.iter().map(|x| format!("{} – {}", x.title, x.forum)).collect()));
        }
        if !a.open.is_empty() {
            blocks.push(Block::Heading { level: 3, text: t("actionplans.open_activities") });
            blocks.push(Block::List(
                a.open.iter().map(|x| format!("{} – {} ({} %)", x.title, x.forum, x.progress)).collect(),
            ));
        }
    }
    Document {
        title: title.clone(),
        lang: if lang == Lang::Sv { "sv-SE" } else { "en-GB" }.into(),
        header: Some(format!("{} {} · {}", t("actionplans.report").to_uppercase(), v.year, v.owner)),
        footer_page_label: if lang == Lang::Sv { "Sida {page} av {pages}" } else { "Page {page} of {pages}" }.into(),
        subject: Some(t("actionplans.report_basis")),
        blocks,
        ..Default::default()
    }
}

/// `GET /strategier/{id}/rapport/{year}/rapport.pdf`.
pub async fn pdf(State(app): State<App>, ctx: Ctx, ReportPath(s, year): ReportPath) -> AppResult<Response> {
    let v = report_view(&app, &ctx, &s, year).await?;
    let doc = crate::branding::branded(&app, report_document(&v, ctx.lang)).await;
    Ok(crate::download::pdf_response(::pdf::render(&doc), &format!("arsrapport-{}-{year}", s.id)))
}
