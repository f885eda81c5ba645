//! Accounts without the command line (issue 9): administrators create accounts, grant or
//! withdraw administration, disable and enable them, and link an account to the person it acts
//! as by searching the person's name; an account's page shows its per-body roles.
//!
//! Files: `create` (a new account), `show` (the account's page and its JSON), `change` (admin,
//! disabled, the linked person: one operation, a form per change and a PATCH).

mod change;
mod create;
mod show;

use axum::Router;
use axum::routing::{get, post};
use store::accounts::User;

use crate::App;

pub struct UserPath(pub User);
crate::path_entity!(UserPath, "id", |app, id| app.store.user(id).await);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin/konton/ny", get(create::form).post(create::form_post))
        .route("/admin/konton/{id}", get(show::page))
        .route("/admin/konton/{id}/behorighet", post(change::admin_post))
        .route("/admin/konton/{id}/status", post(change::disabled_post))
        .route("/admin/konton/{id}/person", post(change::person_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/admin/users", get(show::api_list).post(create::api))
        .route("/admin/users/{id}", get(show::api).patch(change::api))
}
