//! Indicators (issue 13): the public list `/indikatorer` with each indicator's status, its page
//! (status with the figures behind it, a line chart comparing a municipality with its county and
//! Sweden, the chart's data table, text summary and CSV), and for the region's strategy owners —
//! administrators, until the strategy room gives owners of their own — the definition form and
//! the import of values (a dry run first, then all or nothing). The JSON API under
//! `/api/v1/indicators`.
//!
//! This room uses `store::indicators` and the `chart` crate's line chart; the strategy pages
//! may call `store::Store::indicator_summary`.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use store::indicators::Indicator;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub(crate) mod card;
mod create;
mod delete;
mod form;
mod import;
mod list;
pub(crate) mod series;
mod show;
mod update;

/// The largest file an import takes: a Kolada response for every municipality and year of a
/// KPI is a few MB.
pub const UPLOAD_LIMIT: usize = 16 << 20;

/// `{id}` in a route: the indicator (404 in the caller's format).
pub struct IndicatorPath(pub Indicator);
crate::path_entity!(IndicatorPath, "id", |app, id| app.store.indicator(id).await);

/// Who edits indicators and imports values: the region's strategy owners.
pub fn require_owner(ctx: &Ctx) -> AppResult<()> {
    ctx.require_strategy_owner()
}

/// An unpublished indicator is not found for anyone but its owners.
pub fn visible(ctx: &Ctx, i: &Indicator) -> AppResult<()> {
    if i.published || require_owner(ctx).is_ok() { Ok(()) } else { Err(AppError::NotFound) }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/indikatorer", get(list::page).post(create::form_post))
        .route("/indikatorer/ny", get(create::form))
        .route("/indikatorer/{id}", get(show::page))
        .route("/indikatorer/{id}/varden.csv", get(show::csv))
        .route("/indikatorer/{id}/andra", get(update::form).post(update::form_post))
        .route("/indikatorer/{id}/ta-bort", get(delete::confirm).post(delete::form_post))
        .route("/indikatorer/{id}/import", get(import::upload_page))
        .route(
            "/indikatorer/{id}/import/provkorning",
            post(import::dry_run_post).layer(DefaultBodyLimit::max(UPLOAD_LIMIT + (64 << 10))),
        )
        .route(
            "/indikatorer/{id}/import/verkstall",
            post(import::apply_post).layer(DefaultBodyLimit::max(3 * UPLOAD_LIMIT)),
        )
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/indicators", get(list::api).post(create::api))
        .route("/indicators/{id}", get(show::api).put(update::api).delete(delete::api))
        .route("/indicators/{id}/values", get(show::values_api))
        .route("/indicators/{id}/imports", post(import::api).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
}
