//! Talking to a provider: its metadata (OpenID Connect Discovery 1.0 §4), its key set, and the
//! token request that trades the authorisation code and the PKCE verifier for the ID token
//! (OpenID Connect Core 1.0 §3.1.3, RFC 7636 §4.5). Each failure is a refusal with a detail for
//! the audit log. Fetched for each sign-in: sign-ins are rare, and a rotated key is then never
//! missed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use domain::identity::{Provider, Refusal};
use serde::Deserialize;
use serde_json::Value;

use super::http;
use crate::pages::url_encode;

/// What went wrong, and the detail for the log.
pub type Failure = (Refusal, String);

/// The endpoints of a provider, from its discovery document.
#[derive(Clone, Debug, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
    /// Where the browser signs out at the provider (RP-Initiated Logout 1.0 §2.1), if it says.
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

async fn json(url: &str, answer: Result<http::Answer, String>, refusal: Refusal) -> Result<Value, Failure> {
    let answer = answer.map_err(|e| (Refusal::Unreachable, e))?;
    if !answer.status.is_success() {
        let body = String::from_utf8_lossy(&answer.body).chars().take(300).collect::<String>();
        return Err((refusal, format!("{url}: {} {body}", answer.status)));
    }
    serde_json::from_slice(&answer.body).map_err(|e| (Refusal::Unreachable, format!("{url}: {e}")))
}

/// The provider's metadata; its `issuer` must be the configured one exactly (Discovery §4.3),
/// and it must support PKCE with S256 if it lists methods.
pub async fn metadata(p: &Provider) -> Result<Metadata, Failure> {
    let url = format!("{}/.well-known/openid-configuration", p.issuer);
    let doc = json(&url, http::get(&url).await, Refusal::Unreachable).await?;
    let meta: Metadata = serde_json::from_value(doc).map_err(|e| (Refusal::Unreachable, format!("{url}: {e}")))?;
    if meta.issuer != p.issuer {
        return Err((Refusal::Issuer, format!("{url}: issuer {} is not {}", meta.issuer, p.issuer)));
    }
    if meta.code_challenge_methods_supported.as_ref().is_some_and(|m| !m.iter().any(|x| x == "S256")) {
        return Err((Refusal::Unreachable, format!("{url}: no PKCE with S256")));
    }
    Ok(meta)
}

/// The provider's signing keys (a JWK Set).
pub async fn key_set(meta: &Metadata) -> Result<Value, Failure> {
    json(&meta.jwks_uri, http::get(&meta.jwks_uri).await, Refusal::Unreachable).await
}

/// Trades the code for the ID token, authenticating as the client with its secret in HTTP
/// Basic (RFC 6749 §2.3.1: both parts form-encoded first).
pub async fn id_token(
    p: &Provider,
    meta: &Metadata,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> Result<String, Failure> {
    let basic = STANDARD.encode(format!("{}:{}", url_encode(&p.client_id), url_encode(&p.client_secret)).as_bytes());
    let form = format!(
        "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={}",
        url_encode(code),
        url_encode(redirect_uri),
        url_encode(verifier)
    );
    let url = &meta.token_endpoint;
    let answer = http::post_form(url, &format!("Basic {basic}"), form).await;
    let body = json(url, answer, Refusal::CodeRejected).await?;
    body.get("id_token")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| (Refusal::CodeRejected, format!("{url}: no id_token in the answer")))
}
