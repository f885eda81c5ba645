//! Signing out (`POST /logga-ut`): the session ends here, and a session opened through a
//! provider goes on to sign out at the provider too (OpenID Connect RP-Initiated Logout 1.0,
//! ADR 29), which sends the browser back to the start page.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use crate::App;
use crate::context::{Ctx, SESSION_COOKIE, set_cookie};
use crate::error::AppResult;

/// Where a signed-out browser lands: the start page saying so.
const SIGNED_OUT_PATH: &str = "/?klart=utloggad";

/// The address to register with each provider as the one it may send the browser back to after
/// signing out there: `{site_url}/?klart=utloggad`.
pub fn post_logout_redirect_uri(app: &App) -> String {
    format!("{}{SIGNED_OUT_PATH}", app.config.site_url)
}

/// Where to send the browser of a session opened through the provider with `issuer` to sign out
/// at the provider too (OpenID Connect RP-Initiated Logout 1.0 §2–3: `client_id` and the
/// registered `post_logout_redirect_uri`); `None` when that provider is no longer configured or
/// names no end-session endpoint or cannot be reached, and the browser just comes back signed
/// out here. The session here is already gone either way.
async fn sign_out_at(app: &App, issuer: &str) -> Option<String> {
    let p = app.config.oidc.iter().find(|p| p.issuer == issuer)?;
    let end = super::provider::metadata(p).await.ok()?.end_session_endpoint?;
    let separator = if end.contains('?') { '&' } else { '?' };
    Some(format!(
        "{end}{separator}client_id={}&post_logout_redirect_uri={}",
        crate::pages::url_encode(&p.client_id),
        crate::pages::url_encode(&post_logout_redirect_uri(app))
    ))
}

/// Signs out.
pub async fn logout(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let mut issuer = None;
    if let Some(hash) = &ctx.session_hash {
        issuer = app.store.delete_session(hash, &ctx.actor()).await?;
    }
    // A session opened through a provider signs out there too, and comes back signed out.
    let to = match issuer {
        Some(i) => sign_out_at(&app, &i).await,
        None => None,
    };
    let mut r = Redirect::to(to.as_deref().unwrap_or(SIGNED_OUT_PATH)).into_response();
    r.headers_mut().append(header::SET_COOKIE, set_cookie(&app, SESSION_COOKIE, "", Some(0), "Lax"));
    Ok(r)
}
