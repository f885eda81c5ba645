//! E-mail (ADR 19): every message is written to the outbox in the transaction of the job that
//! decides to send it, and delivered by a job of its own (`mail.send`). With an SMTP server
//! configured (`--smtp-url`) the delivery job sends it and records the server's answer; without
//! one (the demo) the message stays in the outbox, where administrators read it
//! (`/admin/utkorg`), so the demo shows what would have been sent.
//!
//! Files: `compose` (the messages from their templates), `smtp` (the URL and lettre),
//! `outbox` (the administrators' pages and API), `notice` (the notice of a meeting with its
//! invitation, ADR 24), `decisions` (the certified extracts to a decision's recipients), `digest` (each
//! person's setting and the morning's digest).

pub mod compose;
pub mod decisions;
pub mod digest;
// Requests for official documents (cases room, ADR 48).
pub mod document_requests;
pub mod notice;
mod outbox;
pub mod settings;
mod smtp;

pub use smtp::SmtpUrl;

use axum::Router;
use axum::routing::get;
use domain::error::Lang;
use domain::ids::PersonId;
use store::mail::OutboxMessage;

use crate::App;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin/utkorg", get(outbox::list))
        .route("/admin/utkorg/{id}", get(outbox::show))
        .route("/admin/utkorg/{id}/filer/{position}", get(outbox::file))
}

pub fn api_routes() -> Router<App> {
    Router::new().route("/admin/outbox", get(outbox::api_list)).route("/admin/outbox/{id}", get(outbox::api_show))
}

/// Delivers outbox message `id` (the `mail.send` job): sent once, kept in the outbox without an
/// SMTP server, or failed with the server's answer (an error, so the job tries again later).
pub async fn deliver(app: &App, id: i64) -> Result<(), String> {
    let m: OutboxMessage = match app.store.outbox_message(id).await.map_err(|e| e.to_string())? {
        Some(m) => m,
        None => return Ok(()),
    };
    if m.status == "sent" {
        return Ok(());
    }
    let Some(url) = &app.config.smtp else {
        return app.store.mark_message(id, "outbox", None).await.map_err(|e| e.to_string());
    };
    let host = site_host(&app.config.site_url);
    let files = app.store.message_attachments(id).await.map_err(|e| e.to_string())?;
    match smtp::send(url, &app.config.mail_from, &m, &files, &host).await {
        Ok(answer) => app.store.mark_message(id, "sent", Some(&answer)).await.map_err(|e| e.to_string()),
        Err(answer) => {
            app.store.mark_message(id, "failed", Some(&answer)).await.map_err(|e| e.to_string())?;
            Err(answer)
        }
    }
}

/// The host of the site's address, for message ids.
fn site_host(site_url: &str) -> String {
    let rest = site_url.split_once("://").map_or(site_url, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or("localhost").to_string()
}

/// Someone a message goes to.
pub struct Addressee {
    pub name: String,
    pub email: String,
    pub lang: Lang,
}

/// The person's name, address and language, when they have an address.
pub async fn addressee(app: &App, person: PersonId) -> Result<Option<Addressee>, String> {
    let p = app.store.person(person).await.map_err(|e| e.to_string())?;
    Ok(p.and_then(|p| {
        let email = p.person.email.clone().filter(|e| !e.trim().is_empty())?;
        Some(Addressee { name: p.person.name, email, lang: p.person.lang })
    }))
}
