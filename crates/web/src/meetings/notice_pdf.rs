//! The notice (kallelse) of a meeting with its agenda as a tagged, accessible PDF
//! (`/moten/{id}/kallelse.pdf`), the printable counterpart of the notice page.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use domain::error::Lang;
use pdf::{Block, Document};
use store::meetings::{AgendaItem, Meeting};

use super::path::MeetingPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;

pub(crate) fn routes() -> Router<App> {
    Router::new().route("/moten/{id}/kallelse.pdf", get(notice_pdf))
}

/// A file name without extension from a kind, a body and a date:
/// "kallelse-kommunalt-forum-2024-10-11".
pub fn file_stem(kind: &str, body: &str, date: time::Date) -> String {
    let mut slug = String::new();
    for c in body.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && (slug.is_empty() || slug.ends_with('-'))) {
            slug.push(c);
        }
    }
    format!("{kind}-{}-{date}", slug.trim_end_matches('-'))
}

/// A PDF shown inline, with a plain ASCII file name (`stem` + ".pdf").
pub fn pdf_response(bytes: Vec<u8>, stem: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{stem}.pdf\"")),
        ],
        bytes,
    )
        .into_response()
}

/// The notice as a document: when and where, the agenda with presenters and time slots, and
/// the attachments as "Bilaga N".
pub fn notice_document(m: &Meeting, agenda: &[AgendaItem], lang: Lang) -> Document {
    let sv = lang == Lang::Sv;
    let t = |s: &'static str, e: &'static str| if sv { s } else { e };
    let mut when = m.date.to_string();
    match (&m.start, &m.end) {
        (Some(s), Some(e)) => when.push_str(&format!(" {s}–{e}")),
        (Some(s), None) => when.push_str(&format!(" {s}")),
        _ => {}
    }
    let mut blocks = vec![
        Block::Heading { level: 1, text: format!("{} – {}", t("Kallelse", "Notice of meeting"), m.body_name) },
        Block::Field { label: t("Tid", "Time").into(), value: when },
    ];
    if let Some(p) = &m.place {
        blocks.push(Block::Field { label: t("Plats", "Place").into(), value: p.clone() });
    }
    if let Some(u) = &m.online_url {
        blocks.push(Block::Field { label: t("Delta digitalt", "Join online").into(), value: u.clone() });
    }
    if let Some(c) = &m.chair {
        blocks.push(Block::Field { label: t("Ordförande", "Chair").into(), value: c.name.clone() });
    }
    if let Some(s) = &m.secretary {
        blocks.push(Block::Field { label: t("Sekreterare", "Secretary").into(), value: s.name.clone() });
    }
    blocks.push(Block::Heading { level: 2, text: t("Dagordning", "Agenda").into() });
    let mut attachments = Vec::new();
    for (i, item) in agenda.iter().enumerate() {
        blocks.push(Block::Heading { level: 3, text: format!("{}. {}", i + 1, item.title) });
        let mut facts = vec![format!("{}: {}", t("Typ", "Kind"), item.kind.label(lang))];
        if let Some(c) = &item.case_number {
            facts.push(format!("{}: {c}", t("Diarienummer", "Case number")));
        }
        if let (Some(s), Some(e)) = (&item.starts_at, &item.ends_at) {
            facts.push(format!("{}: {s}–{e}", t("Tid", "Time")));
        }
        if !item.presenters.is_empty() {
            facts.push(format!("{}: {}", t("Föredragande", "Presenters"), item.presenters.join(", ")));
        }
        blocks.push(Block::Paragraph(facts.join("\n")));
        if let Some(d) = &item.description {
            blocks.push(Block::Paragraph(d.clone()));
        }
        for a in &item.attachments {
            attachments.push(format!("{} {}: {} ({})", t("Bilaga", "Attachment"), a.number, a.title, a.file_name));
        }
    }
    if !attachments.is_empty() {
        blocks.push(Block::Heading { level: 2, text: t("Bilagor", "Attachments").into() });
        blocks.push(Block::List(attachments));
    }
    Document {
        title: format!("{} {} {}", t("Kallelse", "Notice of meeting"), m.body_name, m.date),
        lang: if sv { "sv-SE" } else { "en-GB" }.into(),
        author: m.secretary.as_ref().map(|s| s.name.clone()),
        subject: Some(format!("{} {}", m.body_name, m.date)),
        header: Some(format!("{} · {} · {}", t("KALLELSE", "NOTICE"), m.body_name, m.date)),
        footer_page_label: t("Sida {page} av {pages}", "Page {page} of {pages}").into(),
        blocks,
    }
}

/// Public like the meeting page.
async fn notice_pdf(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    let agenda = app.store.agenda(m.id).await?;
    let doc = notice_document(&m, &agenda, ctx.lang);
    Ok(pdf_response(pdf::render(&doc), &file_stem("kallelse", &m.body_name, m.date)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_plain_ascii() {
        let d = time::macros::date!(2024 - 10 - 11);
        assert_eq!(super::file_stem("kallelse", "Kommunalt forum", d), "kallelse-kommunalt-forum-2024-10-11");
        assert_eq!(
            super::file_stem("protokoll", "Samrådet för strategiska frågor – Östergötland", d),
            "protokoll-samradet-for-strategiska-fragor-ostergotland-2024-10-11"
        );
    }
}
