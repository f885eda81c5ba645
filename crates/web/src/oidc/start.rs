//! A sign-in through a provider begins: a fresh state, nonce and PKCE verifier (RFC 7636 §4.1,
//! S256) are stored with what the answer must complete, a cookie ties the flow to this browser,
//! and the browser goes to the provider's authorisation endpoint. Before an approval the same,
//! with `prompt=login` and `max_age` so that the provider authenticates the person again
//! (OpenID Connect Core 1.0 §3.1.2.1).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::identity::claims::REAUTH_MAX_AGE_SECONDS;
use domain::identity::starts;
use domain::identity::{Provider, Refusal};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use store::identity::{NewFlow, Reauthentication};
use time::Duration;

use super::{FLOW_COOKIE, ProviderPath, redirect_uri};
use crate::App;
use crate::auth::{linked_provider, new_secret, sha256_hex};
use crate::context::{Ctx, set_cookie};
use crate::error::AppResult;
use crate::forms::{Input, Pairs};
use crate::meetings::access::require_approver;
use crate::meetings::{MeetingPath, Posted, render_page};
use crate::pages::{safe_return, url_encode};

/// How long the person has at the provider.
const FLOW_MINUTES: i64 = 10;

/// Where the browser goes, and the cookie value that ties the flow to it.
pub struct Started {
    pub location: String,
    pub browser: String,
}

/// The operation: stores a new flow for `p` (a sign-in returning to `return_to`, or the
/// re-authentication of the signed-in account before an approval) and answers where to send
/// the browser. Refused when the caller's address has started too many sign-ins it left
/// unanswered (`domain::identity::starts`), before anything is fetched or stored, and with the
/// provider's failure when its metadata cannot be had.
pub async fn begin(
    app: &App,
    ctx: &Ctx,
    p: &Provider,
    return_to: &str,
    reauthentication: Option<Reauthentication>,
) -> AppResult<Result<Started, (Refusal, String)>> {
    let since = starts::window_start(app.store.now());
    let unanswered = app.store.unanswered_oidc_flows(&ctx.address, since).await?;
    if !starts::allows(unanswered) {
        let detail = format!("{unanswered} unanswered sign-ins started in {} minutes", starts::WINDOW_MINUTES);
        return Ok(Err((Refusal::TooManyStarts, detail)));
    }
    let meta = match super::provider::metadata(p).await {
        Ok(m) => m,
        Err(f) => return Ok(Err(f)),
    };
    let (state, nonce, verifier, browser) = (new_secret(), new_secret(), new_secret(), new_secret());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let again = reauthentication.is_some();
    app.store
        .start_oidc_flow(&NewFlow {
            state_hash: &sha256_hex(&state),
            address: &ctx.address,
            browser_hash: &sha256_hex(&browser),
            provider: p.number,
            nonce: &nonce,
            verifier: &verifier,
            return_to: &safe_return(return_to),
            reauthentication,
            expires_at: app.store.now() + Duration::minutes(FLOW_MINUTES),
        })
        .await?;
    let separator = if meta.authorization_endpoint.contains('?') { '&' } else { '?' };
    let mut location = format!(
        "{}{separator}response_type=code&client_id={}&redirect_uri={}&scope=openid%20email%20profile\
         &state={state}&nonce={nonce}&code_challenge={challenge}&code_challenge_method=S256",
        meta.authorization_endpoint,
        url_encode(&p.client_id),
        url_encode(&redirect_uri(app)),
    );
    if again {
        location.push_str(&format!("&prompt=login&max_age={REAUTH_MAX_AGE_SECONDS}"));
    }
    Ok(Ok(Started { location, browser }))
}

fn go(app: &App, started: Started) -> Response {
    let mut r = Redirect::to(&started.location).into_response();
    // Lax: sent along when the provider sends the browser back (a top-level GET).
    let cookie = set_cookie(app, FLOW_COOKIE, &started.browser, Some(FLOW_MINUTES * 60), "Lax");
    r.headers_mut().append(header::SET_COOKIE, cookie);
    r
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    tillbaka: String,
}

/// "Logga in med …": to the provider, or the sign-in page with why not.
pub async fn sign_in_post(
    State(app): State<App>,
    ctx: Ctx,
    ProviderPath(p): ProviderPath,
    Input(f): Input<SignInForm>,
) -> AppResult<Response> {
    match begin(&app, &ctx, &p, &f.tillbaka, None).await? {
        Ok(started) => Ok(go(&app, started)),
        Err((refusal, detail)) => super::callback::refused(&app, &ctx, p.number, refusal, &detail, &f.tillbaka).await,
    }
}

/// "Justera med …": the approver signs in again at their provider, then approves. The account
/// must be linked to a configured provider; the page says so at the password field otherwise.
pub async fn approval_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    pairs: Pairs,
) -> AppResult<Response> {
    let user = ctx.require_user()?.user_id();
    require_approver(&ctx, &m)?;
    let paragraph = match pairs.get("paragraph").as_str() {
        "" => None,
        s => Some(crate::forms::id::<i64>(s)?),
    };
    let field = paragraph.map_or_else(|| "password".to_string(), |n| format!("oj{n}-password"));
    let Some(p) = linked_provider(&app, user).await? else {
        let e = domain::FieldError::new(
            field,
            "no_provider",
            "Ditt konto är inte kopplat till någon inloggningstjänst. Justera med ditt lösenord.",
            "Your account is not linked to a sign-in service. Approve with your password.",
        );
        return render_page(&app, &ctx, m, Posted { invalid: Some(e.into()), ..Default::default() }).await;
    };
    let re = Reauthentication { user_id: user, meeting_id: m.id.0, paragraph };
    match begin(&app, &ctx, &p, &format!("/moten/{}/protokoll", m.id), Some(re)).await? {
        Ok(started) => Ok(go(&app, started)),
        Err((refusal, detail)) => {
            app.store.record_identity_refusal(p.number, refusal.code(), detail.into(), &ctx.actor()).await?;
            let invalid = refusal.at(&field).into();
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}
