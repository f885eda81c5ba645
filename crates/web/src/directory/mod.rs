//! The people register kept in step with the region's directory (issue 15, ADR 40), for
//! administrators: upload a CSV or SCIM-like JSON export (`/admin/katalog`), see the dry run of
//! what would change (`plan`), and apply exactly that, all or nothing (`apply`). The same as API:
//! `POST /api/v1/admin/directory/dry-run` and `POST /api/v1/admin/directory/apply`.
//!
//! This room uses `people` (the organisations to match); nothing uses it.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use domain::FieldError;
use domain::directory::{Entry, Lookup, RowError};
use domain::ids::{BodyId, OrganisationId};

use crate::App;
use crate::error::AppResult;

mod apply;
mod plan;

/// The largest export accepted: a region's politicians and officials fit many times over.
pub const UPLOAD_LIMIT: usize = 4 << 20;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin/katalog", get(plan::upload_page))
        .route("/admin/katalog/provkorning", post(plan::form_post).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/admin/katalog/verkstall", post(apply::form_post).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/admin/directory/dry-run", post(plan::api).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/admin/directory/apply", post(apply::api).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
}

/// The file's format: JSON when it starts with `{` or `[`, CSV otherwise.
pub fn is_scim(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '['])
}

/// The names of organisations and bodies, for reading a file and for showing a plan.
pub struct Names {
    organisations: Vec<(OrganisationId, String, Option<String>)>,
    bodies: Vec<(BodyId, String)>,
}

impl Names {
    pub async fn load(app: &App) -> AppResult<Names> {
        let organisations =
            crate::people::all_organisations(app).await?.into_iter().map(|o| (o.id, o.name, o.code)).collect();
        let bodies = app.store.all_bodies().await?.into_iter().map(|b| (b.id, b.name)).collect();
        Ok(Names { organisations, bodies })
    }

    /// Reads the export (CSV or SCIM-like JSON), finding organisations by code or exact name
    /// and bodies by number or exact name.
    pub fn read(&self, text: &str) -> Result<Vec<Entry>, Vec<RowError>> {
        let organisation = |s: &str| {
            self.organisations
                .iter()
                .find(|(_, name, code)| code.as_deref() == Some(s) || name.eq_ignore_ascii_case(s))
                .map(|(id, ..)| *id)
        };
        let body = |s: &str| {
            self.bodies
                .iter()
                .find(|(id, name)| id.0.to_string() == s || name.eq_ignore_ascii_case(s))
                .map(|(id, _)| *id)
        };
        let lookup = Lookup { organisation: &organisation, body: &body };
        if is_scim(text) {
            domain::directory::scim::parse(text, &lookup)
        } else {
            domain::directory::csv::parse(text, &lookup)
        }
    }

    pub fn organisation(&self, id: OrganisationId) -> String {
        self.organisations.iter().find(|(o, ..)| *o == id).map_or_else(|| id.to_string(), |(_, n, _)| n.clone())
    }

    pub fn body(&self, id: BodyId) -> String {
        self.bodies.iter().find(|(b, _)| *b == id).map_or_else(|| id.to_string(), |(_, n)| n.clone())
    }
}

/// Row errors as field errors for the API: the field is "rad 3: epost" (the row, then the
/// column or attribute), as the members' import names them.
pub fn row_errors(errors: Vec<RowError>) -> domain::Invalid {
    domain::Invalid(
        errors
            .into_iter()
            .map(|(row, e)| {
                let sv = format!("Rad {row}: {}", e.message(domain::error::Lang::Sv));
                let en = format!("Row {row}: {}", e.message(domain::error::Lang::En));
                FieldError::new(format!("rad {row}: {}", e.field), e.code, sv, en)
            })
            .collect(),
    )
}
