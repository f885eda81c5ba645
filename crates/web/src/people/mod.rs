//! People: the public list and page (contact details for signed-in users only), admin forms,
//! CSV export and the JSON API.

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

/// `{id}` in a route: the person, loaded (404 in the caller's format when missing).
pub struct PersonPath(pub PersonView);
crate::path_entity!(PersonPath, "id", |app, id| app.store.person(id).await);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/personer", get(list::list).post(create::create))
        .route("/personer.csv", get(list::export_csv))
        .route("/personer/ny", get(create::new_form))
        .route("/personer/{id}", get(show::show).post(update::update))
        .route("/personer/{id}/redigera", get(update::edit_form))
        .route("/personer/{id}/ta-bort", get(delete::delete_form).post(delete::delete))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/people", get(list::api_list).post(create::api_create))
        .route("/people/{id}", get(show::api_get).put(update::api_update).delete(delete::api_delete))
}
