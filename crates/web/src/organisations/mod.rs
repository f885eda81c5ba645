//! Organisations (regions, municipalities, county boards, universities, associations …): the
//! public list and page, the admin forms, CSV export and the JSON API.
//!
//! The model room for every capability (docs/architecture.md): `path` loads the entity from the
//! route, each write is one operation in its use case's file (`create`, `update`, `delete`)
//! that the page handler and the API handler both call, and handlers only parse and render.

use axum::Router;
use axum::routing::get;
use domain::organisations::Organisation;

use crate::App;

mod create;
mod delete;
mod form;
mod list;
mod place;
mod show;
mod update;

/// `{id}` in a route: the organisation, loaded (404 in the caller's format when missing).
pub struct OrganisationPath(pub Organisation);
crate::path_entity!(OrganisationPath, "id", |app, id| app.store.organisation(id).await);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/organisationer", get(list::page).post(create::form_post))
        .route("/organisationer.csv", get(list::csv))
        .route("/organisationer/ny", get(create::form))
        .route("/organisationer/{id}", get(show::page).post(update::form_post))
        .route("/organisationer/{id}/redigera", get(update::form))
        .route("/organisationer/{id}/ta-bort", get(delete::confirm).post(delete::form_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/counties", get(list::api_counties))
        .route("/organisations", get(list::api).post(create::api))
        .route("/organisations/{id}", get(show::api).put(update::api).delete(delete::api))
}
