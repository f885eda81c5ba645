//! Joint matters (issue 11, rule 9): a consultation group's recommendation sent to each member
//! organisation for its own board's decision. The public list `/samverkan` and each matter's
//! page with its matrix (organisations × status, with each decision) and CSV; for the region's
//! officers the forms that create and send a matter and add follow-up items; for each
//! organisation's officers (or the region's on their behalf, with a note) the form that
//! records its decision with the extract. The JSON API under `/api/v1/joint-matters`.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use domain::ids::OrganisationId;
use store::joint::JointMatter;

use crate::App;
use crate::error::AppError;

pub mod access;
mod create;
mod files;
mod follow_ups;
mod list;
pub mod mail;
mod record;
pub mod reminders;
mod send;
mod show;

pub use list::case_block;

/// `{id}` in a route: the joint matter with its matrix (404 in the caller's format).
pub struct JointPath(pub JointMatter);
crate::path_entity!(JointPath, "id", |app, id| app.store.joint_matter(id).await);

/// `{id}/…/{org}`: the matter and one of its organisations (404 when it is not one).
pub struct PartyPath(pub JointMatter, pub OrganisationId);

impl FromRequestParts<App> for PartyPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let id: i64 = crate::extract::path_id(parts, "id").await?;
        let org: i64 = crate::extract::path_id(parts, "org").await?;
        let m = app.store.joint_matter(id).await?.ok_or(AppError::NotFound)?;
        let org = OrganisationId(org);
        if m.party(org).is_none() {
            return Err(AppError::NotFound);
        }
        Ok(PartyPath(m, org))
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/samverkan", get(list::page).post(create::form_post))
        .route("/samverkan/nytt", get(create::form))
        .route("/samverkan/{id}", get(show::page))
        .route("/samverkan/{id}/matris.csv", get(show::csv))
        .route("/samverkan/{id}/skicka", post(send::send_post))
        .route("/samverkan/{id}/uppfoljning", post(follow_ups::add_post))
        .route("/samverkan/{id}/uppfoljning/{fid}/klar", post(follow_ups::done_post))
        .route("/samverkan/{id}/organisationer/{org}/status", post(send::status_post))
        .route(
            "/samverkan/{id}/organisationer/{org}/beslut",
            get(record::form).post(record::form_post).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route("/samverkan/{id}/organisationer/{org}/utdrag", get(files::download))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/joint-matters", get(list::api).post(create::api))
        .route("/joint-matters/{id}", get(show::api))
        .route("/joint-matters/{id}/follow-ups", post(follow_ups::api))
        .route("/joint-matters/{id}/parties/{org}", axum::routing::patch(send::status_api))
        .route("/joint-matters/{id}/parties/{org}/decision", post(record::api))
}
