//! Meetings: a body's meetings and plan, the meeting page with its agenda and attachments, the
//! notice (kallelse), attendance, iCalendar feeds, the protocol (`protocol/`) and the notice
//! board, as pages and as the JSON API.
//!
//! Meetings are public; those who prepare a meeting (an admin, the body's secretary or the
//! meeting's secretary) change it, the chair and the adjusters approve its protocol, and the
//! body's members read the protocol and the attendance before they are adjusted (`access`).
//!
//! The room follows `organisations/` (docs/architecture.md, ADR 16). Each write is one
//! operation in its use case's file, taking the app, the caller, the loaded meeting and the
//! parsed input and checking permission itself; the page handler and the API handler both call
//! it and only parse and render. Files use only those below them:
//!
//! - bottom: `path` (what a route names), `access` (who may), `parts` (dates, rows, choices,
//!   form pages), `form` (the meeting form), `items` (an agenda item shown and parsed), `files`
//!   (uploads, downloads, PDF names);
//! - pages: `page` (the meeting page, shown again by the writes that post from it), `list`
//!   (overview, a body's meetings, JSON list), `notice`, `calendar`, `board`;
//! - writes: `create`, `update`, `delete`, `status`, `adjusters`, `agenda`, `attachments`,
//!   `attendance`, `send_notice` (the notice by e-mail);
//! - `protocol/`, which uses the bottom files only.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

use crate::App;

pub(crate) mod access;
mod adjusters;
mod agenda;
mod agenda_batch;
mod attachments;
mod attendance;
mod board;
mod calendar;
mod create;
mod delete;
mod files;
pub(crate) use files::UPLOAD_LIMIT;
mod form;
mod items;
mod list;
mod notice;
mod page;
pub(crate) mod parts;
mod path;
mod protocol;
mod send_notice;
mod status;
mod update;

// Named by the templates (`crate::meetings::attachment_href`) and by the demo.
pub(crate) use files::{attachment_href, human_size};
pub(crate) use path::MeetingPath;
pub(crate) use protocol::extract_pdf;
pub(crate) use protocol::{Posted, approve, approve_paragraph, back, prefixed, render_page};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/moten", get(list::overview))
        .route("/organ/{id}/moten", get(list::body_meetings).post(create::form_post))
        .route("/organ/{id}/kalender.ics", get(calendar::body))
        .route("/personer/{id}/kalender.ics", get(calendar::person))
        .route("/moten/{id}", get(page::show).post(update::form_post))
        .route("/moten/{id}/redigera", get(update::form))
        .route("/moten/{id}/ta-bort", get(delete::confirm).post(delete::form_post))
        .route("/moten/{id}/status", post(status::form_post))
        .route("/moten/{id}/justerare", post(adjusters::form_post))
        .route("/moten/{id}/dagordning", post(agenda::add_post))
        .route("/moten/{id}/dagordning/{item}", post(agenda::update_post))
        .route("/moten/{id}/dagordning/{item}/redigera", get(agenda::edit_form))
        .route("/moten/{id}/dagordning/{item}/ta-bort", post(agenda::delete_post))
        .route("/moten/{id}/dagordning/{item}/flytta", post(agenda::move_post))
        .route("/moten/{id}/bilagor", post(attachments::upload_post).layer(DefaultBodyLimit::max(files::UPLOAD_LIMIT)))
        .route("/moten/{id}/bilagor/{aid}/ta-bort", post(attachments::delete_post))
        .route("/bilagor/{id}/{name}", get(attachments::download))
        .route("/moten/{id}/kallelse", get(notice::page))
        .route("/moten/{id}/kallelse.pdf", get(notice::pdf))
        .route("/moten/{id}/narvaro", get(attendance::show).post(attendance::form_post))
        .route("/anslagstavla", get(board::board))
        .route("/anslagstavla.atom", get(board::feed))
        .route("/anslagstavla/arkiv", get(board::archive))
        .route("/anslagstavla/{id}", get(board::show))
        .route("/moten/{id}/dagordning/flera", post(agenda_batch::add_many_post))
        .route("/moten/{id}/dagordning/ordning", post(agenda_batch::reorder_post))
        .merge(protocol::routes())
        .route("/moten/{id}/kallelse/skicka", post(send_notice::form_post))
}

pub(crate) fn api_routes() -> Router<App> {
    Router::new()
        .route("/meetings", get(list::api))
        .route("/bodies/{id}/meetings", post(create::api))
        .route("/meetings/{id}", get(page::api).put(update::api).delete(delete::api))
        .route("/meetings/{id}/status", post(status::api))
        .route("/meetings/{id}/adjusters", put(adjusters::api))
        .route("/meetings/{id}/agenda", get(agenda::api_list).post(agenda::api_add))
        .route("/meetings/{id}/agenda/{item}", put(agenda::api_update).delete(agenda::api_delete))
        .route("/meetings/{id}/attachments", get(attachments::api_list))
        .route("/meetings/{id}/attendance", get(attendance::api).put(attendance::api_put))
        .route("/notice-board", get(board::api))
        .route("/announcements/{id}", get(board::api_show))
        .route("/meetings/{id}/agenda/order", put(agenda_batch::api_reorder))
        .merge(protocol::api_routes())
        .route("/meetings/{id}/notice", post(send_notice::api))
}
