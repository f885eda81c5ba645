//! The outbox for administrators: every message with its delivery status, and one message with
//! both its parts, as pages and as API.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::mail::OutboxMessage;

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
}

pub async fn show(ctx: Ctx, OutboxPath(m): OutboxPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let p = Chrome::new(&ctx, m.subject.clone());
    Ok(render(&MessagePage { p, m })?.into_response())
}

/// `GET /api/v1/admin/outbox`: the newest messages, newest first.
pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let messages = app.store.outbox(SHOWN).await?;
    Ok(Json(json!({"smtp_configured": app.config.smtp.is_some(), "items": messages})).into_response())
}

/// `GET /api/v1/admin/outbox/{id}`.
pub async fn api_show(ctx: Ctx, OutboxPath(m): OutboxPath) -> AppResult<Response> {
    ctx.require_admin()?;
    Ok(Json(m).into_response())
}

/// The status as the page says it.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "sent" => "outbox.status_sent",
        "failed" => "outbox.status_failed",
        "outbox" => "outbox.status_outbox",
        _ => "outbox.status_queued",
    }
}
