//! The results exported, for those who may see them, with the results page's filter: CSV with
//! one row per answer and question (streamed: the rows are written page by page as the client
//! reads, so 100,000 rows never sit in memory at once) and the results as a tagged PDF.
//!
//! A CSV row holds one value: a multiple choice answer gives a row per chosen option, a
//! ranking a row per place (`part` is the place), a matrix a row per chosen cell (`part` is the
//! row), so a spreadsheet's pivot counts them without splitting cells.

use ::pdf::{Block, Document};
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::privacy::Removed;
use domain::surveys::definition::Kind;
use domain::surveys::{Answer, Answers, Definition};
use store::surveys::{ExportRow, Filter};

use super::results::{PAGE, filter_of, tally, views};
use super::{SurveyPath, require_results};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::i18n::text;

const HEAD: [&str; 11] = [
    "response_id",
    "organisation",
    "organisation_kind",
    "county_code",
    "submitted_at",
    "section",
    "question_number",
    "question_key",
    "question",
    "part",
    "answer",
];

/// The CSV lines of one response, appended to `out`; free text masked as published (hiding the
/// names in `hidden`) unless `raw` (the survey's owners' export).
pub fn response_lines(def: &Definition, r: &ExportRow, raw: bool, hidden: &[Removed], out: &mut String) {
    let answers: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
    let answers = if raw { answers } else { domain::surveys::published::masked(def, &answers, hidden) };
    let submitted =
        r.submitted_at.and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok()).unwrap_or_default();
    let id = r.id.to_string();
    let head = [
        id.as_str(),
        r.organisation.as_deref().unwrap_or(""),
        r.kind.as_deref().unwrap_or(""),
        r.county_code.as_deref().unwrap_or(""),
        submitted.as_str(),
    ];
    let mut n = 0;
    for s in &def.sections {
        for q in &s.questions {
            n += 1;
            let Some(a) = answers.get(&q.key) else { continue };
            let values: Vec<(String, String)> = match (a, &q.kind) {
                (Answer::Text(t), _) => vec![(String::new(), t.clone())],
                (Answer::Scale(x), _) => vec![(String::new(), x.to_string())],
                (Answer::List(l), Kind::Ranking { .. }) => {
                    l.iter().enumerate().map(|(i, v)| ((i + 1).to_string(), v.clone())).collect()
                }
                (Answer::List(l), _) => l.iter().map(|v| (String::new(), v.clone())).collect(),
                (Answer::Matrix(m), _) => {
                    m.iter().flat_map(|(row, cs)| cs.iter().map(move |c| (row.clone(), c.clone()))).collect()
                }
            };
            let number = n.to_string();
            for (part, value) in values {
                let rest = [s.title.as_str(), number.as_str(), q.key.as_str(), q.text.as_str(), part.as_str(), &value];
                crate::csv::push_row(out, head.iter().copied().chain(rest));
            }
        }
    }
}

/// `GET /enkater/{id}/svar.csv?lan=&typ=`: every submitted answer, streamed; the free text as
/// typed for the survey's owners, masked as published for everyone else.
pub async fn csv(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_results(&ctx, &s)?;
    let raw = super::is_owner(&ctx);
    let filter: Filter = filter_of(&ctx.query);
    // The first page is read before answering, so a database error is a proper error page.
    let first = app.store.submitted_responses(s.id, &filter, 0, PAGE).await?;
    let hidden = app.store.hidden_outside_protocols().await?;
    let (tx, body) = crate::download::channel(4);
    let id = s.id;
    tokio::spawn(async move {
        let mut out = String::from(crate::csv::BOM);
        crate::csv::push_row(&mut out, HEAD);
        let mut rows = first;
        loop {
            for r in &rows {
                response_lines(&s.definition, r, raw, &hidden, &mut out);
            }
            if tx.send(Ok(Bytes::from(std::mem::take(&mut out)))).await.is_err() {
                return; // the client went away
            }
            let Some(last) = rows.last().map(|r| r.id) else { return };
            if (rows.len() as i64) < PAGE {
                return;
            }
            rows = match app.store.submitted_responses(s.id, &filter, last, PAGE).await {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(survey = s.id, error = %e, "survey export stopped");
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return;
                }
            };
        }
    });
    Ok((crate::csv::headers(&format!("enkat-{id}-svar.csv")), body).into_response())
}

/// `GET /enkater/{id}/resultat.pdf?lan=&typ=`: the results page as a tagged PDF, each chart's
/// table as a table.
pub async fn pdf(State(app): State<App>, ctx: Ctx, SurveyPath(s): SurveyPath) -> AppResult<Response> {
    require_results(&ctx, &s)?;
    let lang = ctx.lang;
    let t = |k| text(lang, k).to_string();
    let filter = filter_of(&ctx.query);
    let tally = tally(&app, &s, &filter).await?;
    let title = format!("{} – {}", t("survey.results"), s.title);
    let mut blocks = vec![
        Block::Heading { level: 1, text: title.clone() },
        Block::Paragraph(format!("{} {}.", tally.responses, t("survey.responses"))),
    ];
    for q in views(&s, &tally, lang) {
        blocks.push(Block::Heading { level: 2, text: format!("{}. {}", q.number, q.text) });
        blocks.push(Block::Paragraph(format!("{} · {} {}", q.kind, q.answered, t("survey.answered"))));
        if !q.table.is_empty() {
            let ranking = !q.extra_head.is_empty();
            let third = if ranking { q.extra_head.to_string() } else { t("survey.share") };
            blocks.push(Block::Table {
                caption: None,
                header: vec![t("survey.option"), q.value_head.to_string(), third],
                rows: q
                    .table
                    .iter()
                    .map(|r| {
                        vec![r.label.clone(), r.value.clone(), if ranking { r.extra.clone() } else { r.share.clone() }]
                    })
                    .collect(),
                widths: vec![3.0, 1.0, 1.0],
            });
        }
        if !q.mean.is_empty() {
            blocks.push(Block::Field { label: t("survey.mean"), value: q.mean.clone() });
        }
        if !q.heat.is_empty() {
            let mut header = vec![String::new()];
            header.extend(q.columns.iter().cloned());
            let rows = q
                .heat
                .iter()
                .map(|r| {
                    let mut row = vec![r.label.clone()];
                    row.extend(r.cells.iter().map(|(n, _)| n.to_string()));
                    row
                })
                .collect();
            blocks.push(Block::Table { caption: Some(t("survey.heat_caption")), header, rows, widths: vec![] });
        }
        if !q.terms.is_empty() {
            blocks.push(Block::Field {
                label: t("survey.terms"),
                value: q.terms.iter().map(|(w, n)| format!("{w} ({n})")).collect::<Vec<_>>().join(", "),
            });
        }
        if !q.texts.is_empty() {
            blocks.push(Block::List(
                q.texts.iter().map(|(who, x)| if who.is_empty() { x.clone() } else { format!("{who}: {x}") }).collect(),
            ));
        }
    }
    let doc = Document {
        title: title.clone(),
        lang: if lang == Lang::Sv { "sv-SE" } else { "en-GB" }.into(),
        header: Some(s.title.clone()),
        footer_page_label: if lang == Lang::Sv { "Sida {page} av {pages}" } else { "Page {page} of {pages}" }.into(),
        blocks,
        ..Default::default()
    };
    let doc = crate::branding::branded(&app, doc).await;
    Ok(crate::download::pdf_response(::pdf::render(&doc), &format!("enkat-{}-resultat", s.id)))
}
