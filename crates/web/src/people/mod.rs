//! People: the public list and page (contact details for signed-in users only), admin forms,
//! CSV export and the JSON API.
//!
//! Laid out like the model room (`organisations`): `PersonPath` loads the person a route names;
//! creating, editing and deleting are operations (`create`, `update`, `delete`) that the page
//! handler and the API handler both call. This room does not use `structure` (which uses it):
//! the person page reads the person's memberships from the store.

use axum::Router;
use axum::routing::get;
use store::people::PersonView;

use crate::App;

mod create;
mod delete;
mod form;
mod list;
mod show;
mod update;

pub(crate) use list::{all_organisations, all_people};
pub(crate) use show::require_public;

/// `{id}` in a route: the person, loaded (404 in the caller's format when missing).
pub struct PersonPath(pub PersonView);
crate::path_entity!(PersonPath, "id", |app, id| app.store.person(id).await);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/personer", get(list::page).post(create::form_post))
        .route("/personer.csv", get(list::csv))
        .route("/personer/ny", get(create::form))
        .route("/personer/{id}", get(show::page).post(update::form_post))
        .route("/personer/{id}/redigera", get(update::form))
        .route("/personer/{id}/ta-bort", get(delete::confirm).post(delete::form_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/people", get(list::api).post(create::api))
        .route("/people/{id}", get(show::api).put(update::api).delete(delete::api))
}
