//! Single sign-on with OpenID Connect (issue 15, ADR 29): "Logga in med <label>" for each
//! configured provider on the sign-in page, the authorisation code flow with PKCE, state and
//! nonce, the ID token's signature and claims checked, the account found by its provider
//! account or verified e-mail or made just in time for its person; and re-authentication at the
//! provider before approving a protocol (`prompt=login`, `max_age`, `auth_time`).
//!
//! Files: `start` (a sign-in or re-authentication begins: the flow is stored and the browser
//! sent to the provider), `callback` (the provider's answer, checked, and what it completes),
//! `settings` (the administrators' page of providers and organisations without local
//! passwords), `sign_out` (signing out, at the provider too). Below them: `provider`
//! (discovery, keys, the token request), `jose` (the signature), `http` (the client they use).

mod callback;
mod http;
mod jose;
mod provider;
mod settings;
mod sign_out;
mod start;

use axum::Router;
use axum::routing::{get, post, put};
use domain::identity::Provider;

use crate::App;
use crate::error::AppError;
pub use sign_out::logout;
use sign_out::post_logout_redirect_uri;

/// Where providers send their answers: the one redirect URI to register with each of them,
/// `{site_url}/logga-in/oidc/svar`.
pub const CALLBACK_PATH: &str = "/logga-in/oidc/svar";

/// The cookie that ties a flow to the browser that started it.
const FLOW_COOKIE: &str = "samverkan_oidc";

/// `{n}` in `/logga-in/oidc/{n}`: a configured provider.
pub struct ProviderPath(pub Provider);
crate::path_entity!(ProviderPath, "n", |app, n| Ok::<_, AppError>(provider(app, n)));

fn provider(app: &App, number: i64) -> Option<Provider> {
    app.config.oidc.iter().find(|p| i64::from(p.number) == number).cloned()
}

/// The redirect URI registered with the providers.
fn redirect_uri(app: &App) -> String {
    format!("{}{CALLBACK_PATH}", app.config.site_url)
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/logga-in/oidc/{n}", post(start::sign_in_post))
        .route(CALLBACK_PATH, get(callback::page))
        .route("/moten/{id}/protokoll/justera/leverantor", post(start::approval_post))
        .route("/admin/inloggning", get(settings::page))
        .route("/admin/inloggning/losenord", post(settings::form_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/admin/sign-in", get(settings::api))
        .route("/admin/sign-in/organisations/{id}", put(settings::api_put))
}
