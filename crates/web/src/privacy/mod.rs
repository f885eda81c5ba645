//! Personal data (GDPR, rule 22, ADR 35), for administrators: the page of every place a
//! person's personal data is kept (`places`), its removal from the web with a reason
//! (`remove`), the export of everything about the person as JSON (`export`) and the register
//! extract to hand over (`extract`, GDPR art. 15). The published protocols are masked where
//! they are served (`meetings::protocol::record::published_copy`), from the removals on record.
//!
//! This room uses `people` (the person a route names) and `meetings` (serving PDFs); neither
//! uses it.

use axum::Router;
use axum::routing::{get, post};

use crate::App;

mod export;
mod extract;
mod places;
mod remove;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/personer/{id}/personuppgifter", get(places::page).post(remove::form_post))
        .route("/personer/{id}/registerutdrag", get(extract::page))
        .route("/personer/{id}/registerutdrag.pdf", get(extract::pdf))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/people/{id}/export", get(export::api))
        .route("/people/{id}/personal-data-removal", post(remove::api))
}
