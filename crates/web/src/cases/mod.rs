//! The registry (diarium, issue 11): the public registry `/diarium` and each case's page, and
//! for registrars the forms that register cases and documents and move a case's status; the
//! JSON API under `/api/v1/cases`. Administrators set each organisation's number series and
//! its registrars (`series`, ADR 33). A case's path through the consultation structure is
//! `routing` (the timeline) and `route_edit` (its traits, deviations and steps' statuses, ADR 47). Requests for official
//! documents and the registrars' queue are `requests` (ADR 48). Who besides the registrars
//! reads secret documents is `grants`; archive packages of closed cases are `archive` (ADR 54).

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};
use store::cases::{Case, DocumentFile};

use crate::App;

mod access;
mod archive;
mod documents;
mod files;
mod form;
mod grant_block;
mod grants;
mod list;
mod register;
mod requests;
mod route_edit;
mod route_form;
mod routing;
mod series;
mod show;
mod status;
mod view;
mod zip;

pub(crate) use access::{is_registrar, require_registrar};
pub use requests::MAIL_JOB as REQUEST_MAIL_JOB;

/// `{id}` in a route: the case, loaded (404 in the caller's format when missing).
pub struct CasePath(pub Case);
crate::path_entity!(CasePath, "id", |app, id| app.store.case(id).await);

/// `{id}` of a registered document's file.
pub struct DocumentFilePath(pub DocumentFile);
crate::path_entity!(DocumentFilePath, "id", |app, id| app.store.case_document_file(id).await);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/diarium", get(list::page).post(register::form_post))
        .route("/diarium.csv", get(list::csv))
        .route("/diarium/nytt", get(register::form))
        .route("/diarium/serier", get(series::page).post(series::set_post))
        .route("/diarium/serier/registratorer", post(series::grant_post))
        .route("/diarium/{id}", get(show::page))
        .route("/diarium/{id}/begaran", get(requests::form).post(requests::form_post))
        .route("/diarium/begaranden", get(requests::queue_get))
        .route("/diarium/begaranden/{rid}", post(requests::handle_post))
        .route("/diarium/{id}/status", post(status::form_post))
        .route("/diarium/{id}/gang", post(route_edit::traits_post))
        .route("/diarium/{id}/gang/avvikelse", post(route_edit::deviation_post))
        .route("/diarium/{id}/gang/steg", post(route_edit::step_post))
        .route("/diarium/{id}/handlingar/ny", get(documents::form))
        .route(
            "/diarium/{id}/handlingar",
            post(documents::form_post).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route("/diarium/filer/{id}/{name}", get(files::download))
        .route("/diarium/{id}/behorigheter", post(grants::form_post))
        .route("/diarium/{id}/arkiv.zip", get(archive::case_zip))
        .route("/diarium/arkiv", get(archive::page))
        .route("/diarium/behorigheter/{id}/aterkalla", post(grants::revoke_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/cases", get(list::api).post(register::api))
        .route("/cases/{id}", get(show::api).patch(status::api))
        .route(
            "/cases/{id}/documents",
            get(show::api_documents).post(documents::api).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route("/cases/{id}/routing", get(routing::api).put(route_edit::traits_api))
        .route("/cases/{id}/routing/deviations", post(route_edit::deviation_api))
        .route("/cases/{id}/routing/steps/{step}", patch(route_edit::step_api))
        .route("/cases/{id}/requests", post(requests::api))
        .route("/cases/archive", get(archive::year_api))
        .route("/cases/{id}/archive", get(archive::case_zip))
        .route("/cases/{id}/secrecy-grants", get(grants::api_list).post(grants::api_create))
        .route("/secrecy-grants/{id}", axum::routing::delete(grants::api_revoke))
        .route("/organisations/{id}/document-requests", get(requests::queue_api))
        .route("/organisations/{id}/document-requests/{rid}", patch(requests::handle_api))
}
