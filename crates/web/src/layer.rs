//! The layer around every route: it builds the request's context (who, which language, from
//! where), refuses what must not reach a handler (a missing CSRF token, NUL in the query), sets
//! the security headers, and renders every error in the caller's format — the JSON error body
//! under `/api/v1`, the error page (or the sign-in form) elsewhere.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use store::Via;

use crate::context::{CSRF_COOKIE, Ctx, client_address, cookie, resolve_lang, resolve_user, set_cookie};
use crate::error::AppError;
use crate::secrets::same_secret;
use crate::{App, pages};

/// Requests that change state must come from our own pages: a cross-site `Sec-Fetch-Site` or a
/// foreign `Origin` is refused, and the CSRF token (header `X-CSRF-Token`, query `csrf`, or form
/// field `csrf`) must equal the CSRF cookie. API calls with a bearer token carry no cookies and
/// need no token.
async fn check_csrf(parts: Parts, body: Body, expected: Option<&str>) -> Result<Request, AppError> {
    let h = &parts.headers;
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(AppError::CsrfRejected);
    }
    if let (Some(origin), Some(host)) =
        (h.get(header::ORIGIN).and_then(|v| v.to_str().ok()), h.get(header::HOST).and_then(|v| v.to_str().ok()))
    {
        let origin_host = origin.split("://").nth(1).unwrap_or("");
        if origin_host != host {
            return Err(AppError::CsrfRejected);
        }
    }
    let Some(expected) = expected else { return Err(AppError::CsrfRejected) };
    let from_header = h.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_string);
    let from_query = parts.uri.query().and_then(|q| form_value(q, "csrf"));
    if let Some(given) = from_header.or(from_query) {
        return if same_secret(&given, expected) {
            Ok(Request::from_parts(parts, body))
        } else {
            Err(AppError::CsrfRejected)
        };
    }
    let is_form = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::CsrfRejected);
    }
    let bytes = to_bytes(body, crate::JSON_LIMIT).await.map_err(|_| AppError::PayloadTooLarge)?;
    let given = std::str::from_utf8(&bytes).ok().and_then(|s| form_value(s, "csrf"));
    match given {
        Some(g) if same_secret(&g, expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(AppError::CsrfRejected),
    }
}

/// The first value of `name` in an `application/x-www-form-urlencoded` string.
fn form_value(s: &str, name: &str) -> Option<String> {
    s.split('&').filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
                   base-uri 'none'; object-src 'none'";

/// The layer around every route.
pub async fn layer(State(app): State<App>, req: Request, next: Next) -> Response {
    // Only the parts are held across awaits: a request body is Send but not Sync.
    let (mut parts, body) = req.into_parts();
    let address = client_address(&parts, app.config.trust_forwarded);
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or("").to_string();
    let csrf_cookie = cookie(&parts.headers, CSRF_COOKIE).filter(|c| c.len() == 64).map(str::to_string);
    let (user, via, session_hash, early) = match resolve_user(&app, &parts.headers).await {
        Ok((u, v, s)) => (u, v, s, None),
        Err(e) => (None, Via::Session, None, Some(e)),
    };
    let early = early.or_else(|| {
        let pairs = crate::forms::decode_pairs(&query);
        crate::forms::refuse_nul(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).err()
    });
    let lang = resolve_lang(user.as_ref(), &parts.headers);
    let csrf = csrf_cookie.clone().unwrap_or_else(crate::auth::new_secret);
    let brand = app.brand.get(&app.store).await;
    let ctx = Ctx { user, via, lang, csrf: csrf.clone(), address, path, query, session_hash, brand };
    parts.extensions.insert(ctx.clone());

    // CSRF matters where a browser sends credentials by itself: every form, and API calls
    // signed in by cookie. A token caller, or an anonymous API caller, has no ambient
    // credentials to abuse (and gets the 401 the API promises).
    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let needs_csrf = unsafe_method && ctx.via != Via::Token && !(ctx.wants_json() && ctx.user.is_none());
    let mut response = match early {
        Some(e) => e.into_response(),
        None if needs_csrf => match check_csrf(parts, body, csrf_cookie.as_deref()).await {
            Ok(r) => next.run(r).await,
            Err(e) => e.into_response(),
        },
        None => next.run(Request::from_parts(parts, body)).await,
    };

    if let Some(err) = response.extensions_mut().remove::<AppError>() {
        response = render_error(&app, &ctx, err);
    } else if is_framework_rejection(&response) {
        response = render_error(&app, &ctx, AppError::from_rejection(response.status()));
    }
    let shared = response.extensions().get::<crate::cache::NoCsrfCookie>().is_some();
    let h = response.headers_mut();
    // A response meant for shared caches (a public feed) sets no cookie.
    if csrf_cookie.is_none() && !ctx.wants_json() && !shared {
        h.append(header::SET_COOKIE, set_cookie(&app, CSRF_COOKIE, &csrf, None, "Strict"));
    }
    // A response with a stricter policy of its own (an uploaded SVG logo) keeps it.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if app.config.site_url.starts_with("https://") {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if ctx.signed_in() && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    response
}

/// Whether a response is one of axum's own rejections: an error status in plain text. Every
/// error of ours carries its `AppError`, and none of our responses is plain text.
fn is_framework_rejection(r: &Response) -> bool {
    let plain = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    (r.status().is_client_error() || r.status().is_server_error()) && plain
}

fn render_error(app: &App, ctx: &Ctx, err: AppError) -> Response {
    let status = err.status();
    // An internal error is logged with a reference the user can quote; they see only that.
    let reference = match &err {
        AppError::Internal(detail) => {
            let reference = crate::auth::new_secret()[..12].to_string();
            tracing::error!(%reference, path = %ctx.path, %detail, "internal error");
            Some(reference)
        }
        _ => None,
    };
    if ctx.path.starts_with(crate::oparl::PREFIX) {
        return crate::oparl::error_response(&err, ctx.lang, reference.as_deref());
    }
    if ctx.wants_json() {
        let mut body = serde_json::json!({"error": {
            "code": err.code(), "message": err.message(ctx.lang), "field": err.field(),
        }});
        if let Some(r) = &reference {
            body["error"]["reference"] = serde_json::json!(r);
        }
        let mut r = (status, axum::Json(body)).into_response();
        if status == axum::http::StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"samverkan\""));
        }
        return r;
    }
    if matches!(err, AppError::Unauthorized) && !ctx.signed_in() {
        // People are sent to the sign-in form and brought back afterwards.
        let back = if ctx.query.is_empty() { ctx.path.clone() } else { format!("{}?{}", ctx.path, ctx.query) };
        let to = format!("/logga-in?tillbaka={}", pages::url_encode(&back));
        return axum::response::Redirect::to(&to).into_response();
    }
    (status, pages::error_page(app, ctx, &err, reference.as_deref())).into_response()
}
