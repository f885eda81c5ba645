//! The protocol and its certified extracts as tagged PDF: one mapping from the protocol's view
//! to the `pdf` crate's document, so that both say exactly what the HTML pages say.

use ::pdf::{Block, Document, Signature};
use domain::error::Lang;

use super::view::{DocView, ParagraphView};
use crate::i18n::text;

/// A text as written, with its typed bullet lines tagged as a list (L/LI) rather than as lines
/// of one paragraph.
fn text_blocks(s: &str, out: &mut Vec<Block>) {
    for part in domain::text::parts(s) {
        out.push(match part {
            domain::text::TextPart::Paragraph(p) => Block::Paragraph(p),
            domain::text::TextPart::List(items) => Block::List(items),
        });
    }
}

fn paragraph_blocks(p: &ParagraphView, lang: Lang, out: &mut Vec<Block>) {
    let t = |k| text(lang, k).to_string();
    out.push(Block::Heading { level: 2, text: format!("§ {} {}", p.number, p.title) });
    if p.immediate {
        let mut s = t("protocol.immediate");
        if !p.immediate_by.is_empty() {
            s = format!("{s} {}: {}", t("protocol.immediate_by"), p.immediate_by.join("; "));
        }
        out.push(Block::Paragraph(s));
    }
    if let Some(c) = &p.case_number {
        out.push(Block::Field { label: t("protocol.case_number"), value: c.clone() });
    }
    out.push(Block::Heading { level: 3, text: t("protocol.decision") });
    text_blocks(&p.decision, out);
    if let Some(s) = &p.summary {
        out.push(Block::Heading { level: 3, text: t("protocol.summary") });
        text_blocks(s, out);
    }
    if !p.motions.is_empty() {
        out.push(Block::Heading { level: 3, text: t("protocol.motions") });
        out.push(Block::List(p.motions.iter().map(|(by, x)| format!("{by}: {x}")).collect()));
    }
    for v in &p.votes {
        out.push(Block::Heading { level: 3, text: t("protocol.vote") });
        out.push(Block::Field { label: t("protocol.vote_question"), value: v.question.clone() });
        out.push(Block::Table {
            caption: Some(format!("{}: {}", t("protocol.vote"), v.question)),
            header: vec![t("protocol.voter"), t("protocol.ballot")],
            rows: v.ballots.iter().map(|(n, c)| vec![n.clone(), (*c).to_string()]).collect(),
            widths: vec![3.0, 1.0],
        });
        out.push(Block::Field { label: t("protocol.tally"), value: v.tally.clone() });
        out.push(Block::Field { label: t("protocol.vote_result"), value: v.result.clone() });
    }
    if !p.dissents.is_empty() {
        out.push(Block::Heading { level: 3, text: t("protocol.dissents") });
        out.push(Block::List(
            p.dissents.iter().map(|(by, g)| g.as_ref().map_or(by.clone(), |g| format!("{by}: {g}"))).collect(),
        ));
    }
    if !p.conflicts.is_empty() {
        out.push(Block::Heading { level: 3, text: t("protocol.conflicts") });
        out.push(Block::List(
            p.conflicts.iter().map(|(by, g)| g.as_ref().map_or(by.clone(), |g| format!("{by}: {g}"))).collect(),
        ));
    }
    if !p.basis.is_empty() {
        out.push(Block::Heading { level: 3, text: t("protocol.basis") });
        out.push(Block::List(p.basis.clone()));
    }
    if !p.recipients.is_empty() {
        out.push(Block::Heading { level: 3, text: t("protocol.recipients") });
        out.push(Block::Paragraph(p.recipients.join("\n")));
    }
    for a in &p.attachments {
        out.push(Block::Paragraph(format!("{} {}: {}", t("protocol.attachment"), a.number, a.title)));
    }
}

/// What the published protocol says about appeal: how to appeal a decision of an organisation's
/// own board, or that a joint body has no decision power to appeal (KL 13 kap.; rule 9).
fn appeal_blocks(d: &DocView, lang: Lang, out: &mut Vec<Block>) {
    let Some(appeal) = d.appeal else { return };
    let (heading, body) = match appeal.appealable() {
        true => ("board.appeal_title", "board.appeal_text"),
        false => ("board.no_appeal_title", "board.no_appeal_text"),
    };
    out.push(Block::Heading { level: 2, text: text(lang, heading).to_string() });
    out.push(Block::Paragraph(text(lang, body).to_string()));
}

/// The protocol (`extract` None) or a certified extract of one paragraph with its certification
/// line, as a PDF document.
pub fn document(d: &DocView, extract: Option<(u32, String)>, lang: Lang) -> Document {
    let t = |k| text(lang, k).to_string();
    let kind = if extract.is_some() { t("extract.title") } else { t("protocol.kind") };
    let mut blocks = vec![Block::Heading { level: 1, text: format!("{kind} – {}", d.body) }];
    if d.masked {
        blocks.push(Block::Paragraph(t("privacy.masked_note")));
    }
    blocks.push(Block::Field { label: t("protocol.meeting_date"), value: d.date.clone() });
    blocks.push(Block::Field { label: t("protocol.time_place"), value: d.time_place.clone() });
    if extract.is_none() {
        blocks.push(Block::Field { label: t("protocol.present"), value: t("protocol.present_see") });
    }
    if let Some(s) = &d.secretary {
        blocks.push(Block::Field { label: t("protocol.secretary"), value: s.clone() });
    }
    if let Some(c) = &d.chair {
        blocks.push(Block::Field { label: t("protocol.chair"), value: c.clone() });
    }
    if !d.adjusters.is_empty() {
        blocks.push(Block::Field { label: t("protocol.adjusters"), value: d.adjusters.join(", ") });
    }
    blocks.push(Block::Heading { level: 2, text: t("protocol.adjustment") });
    if d.approvals.is_empty() {
        blocks.push(Block::Paragraph(t("protocol.not_adjusted")));
    } else {
        blocks.push(Block::Signatures(
            d.approvals
                .iter()
                .map(|a| Signature {
                    role: a.role.to_string(),
                    name: a.name.clone(),
                    detail: format!("{} {}", t("protocol.adjusted_digitally"), a.when),
                })
                .collect(),
        ));
    }
    blocks.push(Block::Paragraph(t("protocol.digital_note")));
    match &extract {
        Some((n, certified)) => {
            if let Some(p) = d.paragraph(*n) {
                paragraph_blocks(p, lang, &mut blocks);
            }
            blocks.push(Block::Heading { level: 2, text: t("extract.certification") });
            blocks.push(Block::Paragraph(certified.clone()));
            appeal_blocks(d, lang, &mut blocks);
        }
        None => {
            for p in &d.paragraphs {
                paragraph_blocks(p, lang, &mut blocks);
            }
            appeal_blocks(d, lang, &mut blocks);
            blocks.push(Block::PageBreak);
            blocks
                .push(Block::Heading {
                    level: 2, text: format!("{} – {} {}", t("protocol.appendix"), d.body, d.date)
                });
            let rows = d
                .attendance
                .iter()
                .flat_map(|(org, rows)| {
                    rows.iter().map(move |r| {
                        vec![
                            r.name.clone(),
                            org.clone(),
                            r.role.to_string(),
                            if r.present { "X".into() } else { String::new() },
                            r.note.clone(),
                        ]
                    })
                })
                .collect();
            blocks.push(Block::Table {
                caption: Some(t("protocol.attendance")),
                header: vec![
                    t("protocol.name"),
                    t("protocol.organisation"),
                    t("protocol.attendance_role"),
                    t("protocol.present_x"),
                    t("protocol.note"),
                ],
                rows,
                widths: vec![3.0, 3.0, 2.0, 1.3, 2.0],
            });
        }
    }
    Document {
        title: format!("{kind} – {} {}", d.body, d.date),
        lang: if lang == Lang::En { "en-GB".into() } else { "sv-SE".into() },
        author: Some(d.body.clone()),
        subject: Some(subject(d, lang)),
        header: Some(format!("{} · {} · {}", kind.to_uppercase(), d.body, d.date)),
        footer_page_label: t("pdf.page"),
        logo: None,
        blocks,
    }
}

/// The document's description (Info `/Subject`, XMP `dc:description`): the version and its
/// SHA-256 checksums, kept in the metadata for whoever verifies, out of the reader's way.
fn subject(d: &DocView, lang: Lang) -> String {
    let t = |k| text(lang, k);
    let mut s = format!("{} {}", t("protocol.version"), d.version);
    if let Some(digest) = &d.digest {
        s.push_str(&format!(". {}: {digest}", t("protocol.checksums")));
    }
    for a in &d.approvals {
        s.push_str(&format!(". {} ({}): {}", a.name, a.role, a.digest));
    }
    s
}
