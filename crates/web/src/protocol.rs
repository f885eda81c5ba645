//! Protocols: drafting paragraphs, adjustment with approvals, corrections, the published
//! protocol (HTML and PDF), certified extracts, verification, and the notice board.

use axum::Router;

use crate::App;

pub(crate) fn routes() -> Router<App> {
    Router::new()
}

pub(crate) fn api_routes() -> Router<App> {
    Router::new()
}
