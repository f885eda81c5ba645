//! Protocols: drafting the working copy's paragraphs, submitting it for adjustment, approvals
//! with the password re-checked, immediate adjustment (OJ), corrections, the published protocol
//! (HTML and PDF), certified extracts and verification.
//!
//! One page, `/moten/{id}/protokoll` (`page`), shows what the viewer may see and do at the
//! protocol's stage. Each write is one operation in its use case's file (`draft`, `paragraphs`,
//! `submit`, `approve`, `correct`, and `editor`, the one form of the whole working copy, ADR 25)
//! that the page's form and the API both call; `verify` and `extract` read. Below them: `form`
//! (a paragraph's form), `record` (versions and approvals on record), `view` and `pdf` (a
//! protocol as pages and PDFs show it).

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::App;

mod approve;
mod correct;
mod draft;
mod editor;
mod extract;
mod form;
mod page;
mod paragraphs;
mod pdf;
mod record;
mod submit;
mod verify;
mod view;

// The decisions' recipients get the certified extract by e-mail (`crate::mail::decisions`).
pub(crate) use extract::extract_pdf;
// Approving after a re-authentication at the provider (`crate::oidc`), and its refusals shown
// on this page.
pub(crate) use approve::{approve, approve_paragraph};
pub(crate) use page::{Posted, back, prefixed, render_page};

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/moten/{id}/protokoll", get(page::page))
        .route("/moten/{id}/protokoll.pdf", get(extract::protocol_pdf))
        .route("/moten/{id}/protokoll/paborja", post(draft::form_post))
        .route("/moten/{id}/protokoll/lamna", post(submit::submit_post))
        .route("/moten/{id}/protokoll/ta-tillbaka", post(submit::reopen_post))
        .route("/moten/{id}/protokoll/justera", post(approve::form_post))
        .route("/moten/{id}/protokoll/rattelse", post(correct::form_post))
        .route("/moten/{id}/protokoll/verifiera", get(verify::page))
        .route("/moten/{id}/protokoll/paragrafer/{pid}", post(paragraphs::update_post))
        .route("/moten/{id}/protokoll/paragrafer/{pid}/{list}", post(paragraphs::add_post))
        .route("/moten/{id}/protokoll/paragrafer/{pid}/{list}/{index}/ta-bort", post(paragraphs::remove_post))
        .route("/moten/{id}/protokoll/{number}/justera", post(approve::paragraph_post))
        .route("/moten/{id}/protokoll/{number}/utdrag", get(extract::page))
        .route("/moten/{id}/protokoll/{number}/utdrag.pdf", get(extract::pdf))
        .route("/moten/{id}/protokoll/utkast", post(editor::post))
        .route("/static/protokoll.js", get(editor::script))
}

pub(super) fn api_routes() -> Router<App> {
    Router::new()
        .route("/meetings/{id}/protocol", get(page::api))
        .route("/meetings/{id}/protocol/start", post(draft::api))
        .route("/meetings/{id}/protocol/submit", post(submit::api_submit))
        .route("/meetings/{id}/protocol/reopen", post(submit::api_reopen))
        .route("/meetings/{id}/protocol/corrections", post(correct::api))
        .route("/meetings/{id}/protocol/verify", get(verify::api))
        .route("/meetings/{id}/paragraphs/{pid}", put(paragraphs::api_update).delete(editor::api_remove))
        .route("/meetings/{id}/paragraphs/{pid}/{list}", post(paragraphs::api_add))
        .route("/meetings/{id}/paragraphs/{pid}/{list}/{index}", delete(paragraphs::api_remove))
        .route("/meetings/{id}/approvals", get(approve::api_list).post(approve::api))
        .route("/meetings/{id}/paragraphs", post(editor::api_add))
        .route("/meetings/{id}/paragraphs/{pid}/move", post(editor::api_move))
}
