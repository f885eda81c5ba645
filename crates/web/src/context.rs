//! The request context: who is asking (session cookie or API token), from where, in which
//! language, with which CSRF token. `layer` builds it for every request.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use domain::error::Lang;
use domain::ids::UserId;
use store::accounts::User;
use store::{Actor, Via};

use crate::App;
use crate::error::{AppError, AppResult};
use crate::secrets::sha256_hex;

pub const SESSION_COOKIE: &str = "samverkan_session";
pub const CSRF_COOKIE: &str = "samverkan_csrf";
pub const LANG_COOKIE: &str = "samverkan_lang";
/// The largest form a CSRF check reads to find its token.

#[derive(Clone, Debug)]
pub struct Ctx {
    pub user: Option<User>,
    pub via: Via,
    pub lang: Lang,
    pub csrf: String,
    pub address: String,
    pub path: String,
    pub query: String,
    /// The hash of the session id, for signing out.
    pub session_hash: Option<String>,
    /// The installation's look.
    pub brand: std::sync::Arc<domain::branding::Branding>,
}

impl Ctx {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user.as_ref().map(|u| UserId(u.id)),
            label: self.user.as_ref().map_or_else(|| "anonymous".into(), |u| u.email.clone()),
            via: self.via,
            address: Some(self.address.clone()),
        }
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin)
    }

    pub fn require_user(&self) -> AppResult<&User> {
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }

    pub fn require_admin(&self) -> AppResult<&User> {
        let u = self.require_user()?;
        if u.is_admin { Ok(u) } else { Err(AppError::Forbidden) }
    }

    /// The region's strategy owners, who edit strategies, governing documents and indicators:
    /// administrators until the role exists of its own (ADR 45).
    pub fn require_strategy_owner(&self) -> AppResult<()> {
        self.require_admin().map(|_| ())
    }

    pub fn wants_json(&self) -> bool {
        is_machine_path(&self.path)
    }
}

fn is_machine_path(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/oparl/")
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Ctx>().cloned().ok_or_else(|| AppError::Internal("no request context".into()))
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Builds a `Set-Cookie` value; `max_age` None makes a session cookie, Some(0) deletes.
pub fn set_cookie(app: &App, name: &str, value: &str, max_age: Option<i64>, same_site: &str) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if app.config.secure_cookies {
        c.push_str("; Secure");
    }
    if let Some(a) = max_age {
        c.push_str(&format!("; Max-Age={a}"));
    }
    HeaderValue::from_str(&c).expect("cookie values are ASCII")
}

pub(crate) fn client_address(req: &Parts, trust_forwarded: bool) -> String {
    if trust_forwarded
        && let Some(f) = req.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(first) = f.split(',').next()
    {
        return first.trim().to_string();
    }
    req.extensions.get::<ConnectInfo<SocketAddr>>().map_or_else(|| "unknown".into(), |c| c.0.ip().to_string())
}

pub(crate) async fn resolve_user(app: &App, headers: &HeaderMap) -> AppResult<(Option<User>, Via, Option<String>)> {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let token = auth.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
        let Some(token) = token.filter(|t| !t.is_empty()) else { return Err(AppError::Unauthorized) };
        return match app.store.token_user(&sha256_hex(token)).await? {
            Some((user, _)) => Ok((Some(user), Via::Token, None)),
            None => Err(AppError::Unauthorized),
        };
    }
    if let Some(sid) = cookie(headers, SESSION_COOKIE) {
        let hash = sha256_hex(sid);
        if let Some(user) = app.store.session_user(&hash).await? {
            return Ok((Some(user), Via::Session, Some(hash)));
        }
    }
    Ok((None, Via::Session, None))
}

pub(crate) fn resolve_lang(user: Option<&User>, headers: &HeaderMap) -> Lang {
    user.and_then(|u| u.lang.as_deref())
        .and_then(Lang::parse)
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}
