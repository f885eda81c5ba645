//! The installation's own look (issue 9): name, logo and accent colour, set by administrators
//! at `/admin/utseende` (or `PUT /api/v1/admin/branding`) and shown in the header, the page
//! titles, the notice board's heading and the PDFs. The rules (WCAG contrast, what a logo may
//! be) are `domain::branding`.
//!
//! Every request needs the look, so each process keeps it in memory and reloads it when the
//! data version moves (any committed write, on PostgreSQL also another process's, ADR 21) —
//! one small query after a write, none otherwise.
//!
//! Files: `settings` (the operation, the admin page and the API), `assets` (the stylesheet with
//! the accent and the logo, at addresses that change with them).

mod assets;
mod settings;

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::routing::{get, put};
use domain::branding::Branding;
use store::Store;

use crate::App;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin/utseende", get(settings::page).post(settings::page_post))
        .route("/varumarke.css", get(assets::css))
        .route("/varumarke/logo", get(assets::logo))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/admin/branding", get(settings::api_get).put(settings::api_put))
        .route("/admin/branding/logo", put(settings::api_put_logo).delete(settings::api_delete_logo))
}

/// The look of this process, as of a data version.
#[derive(Debug, Default)]
pub struct BrandCache {
    slot: RwLock<Option<(u64, Arc<Branding>)>>,
}

impl BrandCache {
    /// The look now: the kept one while no write has committed since it was read.
    pub async fn get(&self, store: &Store) -> Arc<Branding> {
        let version = store.data_version();
        let fresh = store.hears_other_processes();
        if fresh
            && let Some((v, b)) = self.slot.read().expect("the look's lock").as_ref()
            && *v == version
        {
            return b.clone();
        }
        let b = match store.branding().await {
            Ok(b) => Arc::new(b),
            Err(e) => {
                tracing::warn!(error = %e, "the installation's look could not be read; the product's own is shown");
                return Arc::new(Branding::default());
            }
        };
        // Read the version before the row: a write in between leaves a version that differs
        // at the next request, so nothing stale is kept.
        *self.slot.write().expect("the look's lock") = Some((version, b.clone()));
        b
    }
}

/// A PDF carries the installation's name on every page, in its footer before the page number,
/// and its logo at the right of the header when the logo is a PNG (a PDF cannot draw SVG).
pub async fn branded(app: &App, mut doc: ::pdf::Document) -> ::pdf::Document {
    let b = app.brand.get(&app.store).await;
    doc.footer_page_label = format!("{} · {}", b.name, doc.footer_page_label);
    if matches!(b.logo, Some((domain::branding::LogoKind::Png, _))) {
        match app.store.branding_logo().await {
            Ok(Some((domain::branding::LogoKind::Png, bytes))) => doc.logo = Some(bytes),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the logo could not be read; the PDF goes without it"),
        }
    }
    doc
}
