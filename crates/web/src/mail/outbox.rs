//! The outbox for administrators: every message with its delivery status, and one message with
//! both its parts, as pages and as API.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::mail::{MessageAttachment, OutboxMessage};

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

/// How many of the newest messages the list shows.
const SHOWN: i64 = 200;

pub struct OutboxPath(pub OutboxMessage);
crate::path_entity!(OutboxPath, "id", |app, id| app.store.outbox_message(id).await);

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct ListPage {
    p: Chrome,
    messages: Vec<OutboxMessage>,
    smtp: bool,
}

pub async fn list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let messages = app.store.outbox(SHOWN).await?;
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "outbox.title"));
    Ok(render(&ListPage { p, messages, smtp: app.config.smtp.is_some() })?.into_response())
}

#[derive(Template)]
#[template(path = "admin/outbox_message.html")]
struct MessagePage {
    p: Chrome,
    m: OutboxMessage,
    files: Vec<MessageAttachment>,
}

pub async fn show(State(app): State<App>, ctx: Ctx, OutboxPath(m): OutboxPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let files = app.store.message_attachments(m.id).await?;
    let p = Chrome::new(&ctx, m.subject.clone());
    Ok(render(&MessagePage { p, m, files })?.into_response())
}

/// `GET /admin/utkorg/{id}/filer/{position}`: one file of a message, as it was sent.
pub async fn file(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((id, position)): axum::extract::Path<(i64, i64)>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let files = app.store.message_attachments(id).await?;
    let f = files.into_iter().find(|f| f.position == position).ok_or(crate::error::AppError::NotFound)?;
    let headers = crate::download::headers(&f.filename, &f.content_type, crate::download::PRIVATE)?;
    Ok((headers, f.bytes).into_response())
}

/// `GET /api/v1/admin/outbox`: the newest messages, newest first.
pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let messages = app.store.outbox(SHOWN).await?;
    Ok(Json(json!({"smtp_configured": app.config.smtp.is_some(), "items": messages})).into_response())
}

/// `GET /api/v1/admin/outbox/{id}`.
/// With its files: name, type, size and SHA-256.
pub async fn api_show(State(app): State<App>, ctx: Ctx, OutboxPath(m): OutboxPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let files: Vec<_> = app
        .store
        .message_attachments(m.id)
        .await?
        .iter()
        .map(|f| {
            json!({"position": f.position, "filename": f.filename, "content_type": f.content_type,
                   "size": f.size(), "sha256": store::files::sha256_hex(&f.bytes)})
        })
        .collect();
    let mut v = serde_json::to_value(&m).unwrap_or_default();
    v["attachments"] = json!(files);
    Ok(Json(v).into_response())
}

/// The status as the page says it.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "sent" => "outbox.status_sent",
        "failed" => "outbox.status_failed",
        "outbox" => "outbox.status_outbox",
        "held" => "outbox.status_held",
        "digested" => "outbox.status_digested",
        _ => "outbox.status_queued",
    }
}
