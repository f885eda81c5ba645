//! The look's files: a stylesheet that sets the accent colour, and the logo. Their addresses
//! carry the look's version (`?v=`), so a browser may keep them for a year and still never show
//! an old colour or logo after a change.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::query_value;

/// How long a versioned address may be kept; an address of another version, a minute.
fn caching(ctx: &Ctx, current: &str) -> &'static str {
    if query_value(&ctx.query, "v").as_deref() == Some(current) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=60"
    }
}

/// `GET /varumarke.css`: the accent colour and its darker shade as the stylesheet's custom
/// properties (`static/app.css` uses them for the header and the links' hover).
pub async fn css(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let b = app.brand.get(&app.store).await;
    let body = match b.accent {
        Some(c) => format!(":root {{ --brand: {}; --brand-dark: {}; }}\n", c.hex(), c.darker(0.25).hex()),
        None => "/* the product's own colours */\n".to_string(),
    };
    Ok(([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, caching(&ctx, &b.tag()))], body)
        .into_response())
}

/// `GET /varumarke/logo`: the logo as uploaded. An SVG is served with a policy that lets it
/// run nothing, even when opened on its own.
pub async fn logo(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let b = app.brand.get(&app.store).await;
    let Some((_, digest)) = &b.logo else { return Err(AppError::NotFound) };
    let Some((kind, bytes)) = app.store.branding_logo().await? else { return Err(AppError::NotFound) };
    let mut r =
        ([(header::CONTENT_TYPE, kind.mime()), (header::CACHE_CONTROL, caching(&ctx, digest))], bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    Ok(r)
}
