//! The notice (kallelse) of a meeting: the page with its agenda and attachments, and the same as
//! a tagged, accessible PDF (`/moten/{id}/kallelse.pdf`) to print or send. Public, like the
//! meeting.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use pdf::{Block, Document};
use store::meetings::{AgendaItem, Attachment, Meeting};

use domain::meetings::attachment::file_stem;

use super::items::{ItemView, item_views};
use super::parts::{long_date, time_span};
use super::path::MeetingPath;
use crate::context::Ctx;
use crate::download::pdf_response;
use crate::error::AppResult;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "meetings/notice.html")]
struct NoticePage {
    p: Chrome,
    m: Meeting,
    date: String,
    time: String,
    agenda: Vec<ItemView>,
    attachments: Vec<Attachment>,
}

impl NoticePage {
    fn item_attachments(&self, item: &i64) -> Vec<&Attachment> {
        self.attachments.iter().filter(|a| a.agenda_item_id == Some(*item)).collect()
    }
}

pub async fn page(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    let p = Chrome::new(&ctx, format!("{} – {} {}", i18n::text(ctx.lang, "meeting.notice"), m.body_name, m.date));
    let page = NoticePage {
        p,
        date: long_date(m.date, ctx.lang),
        time: time_span(&m.start, &m.end),
        agenda: item_views(app.store.agenda(m.id).await?, ctx.lang),
        attachments: app.store.attachments(m.id).await?,
        m,
    };
    Ok(render(&page)?.into_response())
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
        logo: None,
        blocks,
    }
}

pub async fn pdf(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    let agenda = app.store.agenda(m.id).await?;
    let doc = crate::branding::branded(&app, notice_document(&m, &agenda, ctx.lang)).await;
    Ok(pdf_response(::pdf::render(&doc), &file_stem("kallelse", &m.body_name, m.date)))
}
