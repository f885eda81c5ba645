//! Meetings: a body's meetings and plan, the meeting page with its agenda and attachments, the
//! notice (kallelse), attendance, and the iCalendar feeds.

use axum::Router;

use crate::App;

pub(crate) fn routes() -> Router<App> {
    Router::new()
}

pub(crate) fn api_routes() -> Router<App> {
    Router::new()
}
