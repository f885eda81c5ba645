//! Search (ADR 20): the page `/sok` with highlighted snippets and facets, the search field in
//! every page's header (in `templates/base.html`), and `GET /api/v1/search`.
//!
//! Both faces read the same query (`domain::search::SearchQuery`) and ask the store for one page
//! of what the caller may read: everything public, the drafts of the bodies a signed-in user
//! sits in or is secretary of, everything for admins.

use axum::Router;
use axum::routing::get;

use crate::App;

mod find;

pub fn routes() -> Router<App> {
    Router::new().route("/sok", get(find::page))
}

pub fn api_routes() -> Router<App> {
    Router::new().route("/search", get(find::api))
}
