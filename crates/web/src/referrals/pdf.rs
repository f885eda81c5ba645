//! Referrals as tagged PDF (the `pdf` crate, ADR 12): the published consultation report next to
//! its HTML, from the same `ReportView`, and every submitted answer of a referral in one file
//! for its drafters (issue 12: "All answers downloadable as CSV and as one PDF").

use ::pdf::{Block, Document};
use axum::extract::State;
use axum::response::Response;
use domain::error::Lang;
use domain::referrals::{Position, Verdict};
use store::referrals::Referral;

use super::ReferralPath;
use super::access::require_drafter;
use super::report_view::{ReportView, report_view};
use super::show::kind_label;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::i18n::text;

fn document(title: String, header: String, lang: Lang, blocks: Vec<Block>) -> Document {
    Document {
        title,
        lang: if lang == Lang::Sv { "sv-SE" } else { "en-GB" }.into(),
        header: Some(header),
        footer_page_label: if lang == Lang::Sv { "Sida {page} av {pages}" } else { "Page {page} of {pages}" }.into(),
        blocks,
        ..Default::default()
    }
}

/// The report as a PDF document: the counts, the table by kind of respondent, how the document
/// changed, then every section's comments with their responses.
pub fn report_document(r: &Referral, v: &ReportView, lang: Lang) -> Document {
    let t = |k| text(lang, k).to_string();
    let title = format!("{} – {}", t("referral.report"), r.title);
    let mut blocks = vec![
        Block::Heading { level: 1, text: title.clone() },
        Block::Field { label: t("referral.case_number"), value: r.case_number.clone() },
        Block::Paragraph(format!("{}.", v.sentence)),
    ];
    let verdicts: Vec<String> = Verdict::ALL.iter().map(|x| x.label(lang).to_string()).collect();
    let mut header = vec![t("referral.kind"), t("referral.answers_count"), t("referral.comments_count")];
    header.extend(verdicts.iter().cloned());
    let rows = v
        .by_kind
        .iter()
        .map(|k| {
            let mut row = vec![k.kind.clone(), k.answers.to_string(), k.comments.to_string()];
            row.extend(k.by_verdict.iter().map(usize::to_string));
            row
        })
        .collect();
    blocks.push(Block::Table { caption: Some(t("referral.by_respondent")), header, rows, widths: vec![] });
    if let Some(ch) = &v.changes {
        blocks.push(Block::Heading { level: 2, text: t("referral.changes") });
        blocks.push(Block::Paragraph(ch.clone()));
    }
    for g in &v.sections {
        blocks.push(Block::Heading { level: 2, text: g.heading.clone() });
        for c in &g.comments {
            blocks.push(Block::Heading { level: 3, text: format!("{} ({})", c.respondent, c.kind) });
            blocks.push(Block::Paragraph(c.text.clone()));
            if let Some(label) = c.verdict {
                let reason = if c.reason.is_empty() { String::new() } else { format!(" {}", c.reason) };
                blocks.push(Block::Field { label: t("referral.response"), value: format!("{label}.{reason}") });
            }
        }
    }
    document(title, format!("{} · {}", t("referral.report").to_uppercase(), r.case_number), lang, blocks)
}

/// `GET /remisser/{id}/redogorelse.pdf`: whoever may read the report (its drafters at every
/// step, everyone once published).
pub async fn report(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    let v = report_view(&app, &ctx, &r).await?;
    let doc = crate::branding::branded(&app, report_document(&r, &v, ctx.lang)).await;
    Ok(crate::download::pdf_response(::pdf::render(&doc), &format!("samradsredogorelse-{}", r.id)))
}

/// `GET /remisser/{id}/svar.pdf`: every submitted answer, one after the other, with its
/// position, own case number, summary, answers to the questions and comments (drafters).
pub async fn answers(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let lang = ctx.lang;
    let t = |k| text(lang, k).to_string();
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let comments = app.store.referral_comments(r.id, None).await?;
    let title = format!("{} – {}", t("referral.answers_pdf"), r.title);
    let mut blocks = vec![Block::Heading { level: 1, text: title.clone() }];
    for a in app.store.referral_answers(r.id).await?.into_iter().filter(|a| a.status == "submitted") {
        blocks.push(Block::Heading { level: 2, text: a.respondent_name.clone() });
        blocks.push(Block::Field { label: t("referral.kind"), value: kind_label(&a.respondent_kind, lang) });
        let position = a.position.as_deref().and_then(Position::parse).map(|p| p.label(lang).to_string());
        blocks.push(Block::Field { label: t("field.position"), value: position.unwrap_or_default() });
        if let Some(n) = &a.their_case_number {
            blocks.push(Block::Field { label: t("field.their_case_number"), value: n.clone() });
        }
        if let Some(d) = a.submitted_on {
            let late = if a.late { format!(" ({})", t("referral.late_flag")) } else { String::new() };
            blocks.push(Block::Field { label: t("referral.submitted_on"), value: format!("{d}{late}") });
        }
        if let Some(s) = a.summary.as_ref().filter(|s| !s.is_empty()) {
            blocks.push(Block::Paragraph(s.clone()));
        }
        let qa = app.store.answer_question_answers(domain::ids::AnswerId(a.id)).await?;
        for q in &questions {
            if let Some((_, answer)) = qa.iter().find(|(id, _)| *id == q.id) {
                blocks.push(Block::Field { label: format!("{}. {}", q.number, q.text), value: answer.clone() });
            }
        }
        let rows: Vec<Vec<String>> = comments
            .iter()
            .filter(|c| c.answer_id == a.id)
            .map(|c| {
                let section = c.section.and_then(|n| sections.iter().find(|s| s.number == n));
                let place = match section {
                    Some(s) => format!("{}. {}", s.number, s.heading),
                    None => t("referral.whole_document"),
                };
                vec![place, c.text.clone()]
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Table {
                caption: Some(t("referral.comments_count")),
                header: vec![t("referral.section"), t("referral.comment")],
                rows,
                widths: vec![1.0, 3.0],
            });
        }
    }
    let doc = document(title, format!("{} · {}", r.title, r.case_number), lang, blocks);
    let doc = crate::branding::branded(&app, doc).await;
    Ok(crate::download::pdf_response(::pdf::render(&doc), &format!("remissvar-{}", r.id)))
}
