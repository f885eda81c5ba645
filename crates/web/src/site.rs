//! The pages around the register: start, sign in and out, language, my account, the
//! accessibility statement, health checks and static files.

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::error::Lang;
use domain::ids::UserId;
use serde::Deserialize;
use serde_json::json;
use store::accounts::ApiToken;

use crate::App;
use crate::auth::{self, sha256_hex};
use crate::context::{Ctx, LANG_COOKIE, SESSION_COOKIE, set_cookie};
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::pages::{Chrome, query_value, render, safe_return};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    p: Chrome,
    email: String,
    back: String,
    /// "Logga in med …" for each configured provider: (number, label).
    providers: Vec<(u32, String)>,
}

/// The sign-in page with `invalid` shown (a refused password or provider sign-in).
pub(crate) fn login_page(
    app: &App,
    ctx: &Ctx,
    email: String,
    back: String,
    invalid: Option<&Invalid>,
    status: StatusCode,
) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, crate::i18n::text(ctx.lang, "login.title"));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let providers = app.config.oidc.iter().map(|o| (o.number, o.label.clone())).collect();
    Ok((status, render(&LoginPage { p, email, back, providers })?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    tillbaka: String,
}

pub async fn login_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let back = safe_return(&query_value(&ctx.query, "tillbaka").unwrap_or_else(|| "/".into()));
    if ctx.signed_in() {
        return Ok(Redirect::to(&back).into_response());
    }
    login_page(&app, &ctx, String::new(), back, None, StatusCode::OK)
}

pub async fn login(State(app): State<App>, ctx: Ctx, Input(f): Input<LoginForm>) -> AppResult<Response> {
    let back = safe_return(&f.tillbaka);
    match auth::sign_in(&app, &f.email, &f.password, &ctx.address).await {
        Ok((_, session)) => {
            let max_age = app.config.session_hours * 3600;
            let mut r = Redirect::to(&back).into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(&app, SESSION_COOKIE, &session, Some(max_age), "Lax"));
            Ok(r)
        }
        Err(e @ (AppError::Unauthorized | AppError::TooManyRequests)) => {
            let field = match e {
                AppError::TooManyRequests => {
                    domain::FieldError::new("email", e.code(), e.message(Lang::Sv), e.message(Lang::En))
                }
                _ => domain::FieldError::new(
                    "email",
                    "login_failed",
                    crate::i18n::text(Lang::Sv, "login.failed"),
                    crate::i18n::text(Lang::En, "login.failed"),
                ),
            };
            let status = if matches!(e, AppError::TooManyRequests) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            login_page(&app, &ctx, f.email, back, Some(&field.into()), status)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LangForm {
    lang: String,
    tillbaka: String,
}

/// The language link of a visitor who is not signed in (`GET /sprak?lang=en&tillbaka=/…`):
/// the choice is kept in a cookie only, so the link is safe to follow and public pages carry
/// no form with a CSRF token — one cached copy of a page serves every visitor as it is
/// (ADR 21). A signed-in user's choice is also stored on the account, which is a write: that
/// goes through the form below.
pub async fn lang_link(State(app): State<App>, Query(f): Query<LangForm>) -> AppResult<Response> {
    let lang = parse_lang(&f.lang)?;
    let mut r = Redirect::to(&safe_return(&f.tillbaka)).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&app, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600), "Lax"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

fn parse_lang(code: &str) -> AppResult<Lang> {
    Lang::parse(code).ok_or_else(|| {
        AppError::from(domain::FieldError::new(
            "lang",
            "invalid_lang",
            "Välj svenska eller engelska.",
            "Choose Swedish or English.",
        ))
    })
}

/// Switches the language: remembered in a cookie, and on the account of a signed-in user.
pub async fn set_lang(State(app): State<App>, ctx: Ctx, Input(f): Input<LangForm>) -> AppResult<Response> {
    let lang = parse_lang(&f.lang)?;
    if let Some(u) = &ctx.user {
        app.store.set_user_lang(UserId(u.id), lang.code(), &ctx.actor()).await?;
    }
    let mut r = Redirect::to(&safe_return(&f.tillbaka)).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&app, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600), "Lax"));
    Ok(r)
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    p: Chrome,
    name: String,
    email: String,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    /// The language of the e-mail to the person the account acts as ("sv", "en"), if linked.
    mail_lang: Option<String>,
    /// Per kind of message: (field, label key, chosen value, the values it may take).
    mail_settings: Vec<(&'static str, &'static str, &'static str, &'static [&'static str])>,
}

async fn account_page(
    app: &App,
    ctx: &Ctx,
    new_token: Option<String>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let tokens = app.store.tokens(UserId(u.id)).await?;
    let mut p = Chrome::new(ctx, crate::i18n::text(ctx.lang, "account.title"));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mail_lang = match u.person_id {
        Some(id) => app.store.person(domain::ids::PersonId(id)).await?.map(|v| v.person.lang.code().to_string()),
        None => None,
    };
    let mail_settings = match u.person_id {
        Some(id) if mail_lang.is_some() => crate::mail::settings::rows(&app.store.mail_settings(id).await?),
        _ => Vec::new(),
    };
    let page =
        AccountPage { p, name: u.name.clone(), email: u.email.clone(), tokens, new_token, mail_lang, mail_settings };
    let mut r = (status, render(&page)?).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

pub async fn account(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    account_page(&app, &ctx, None, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenForm {
    name: String,
}

pub async fn create_token(State(app): State<App>, ctx: Ctx, Input(f): Input<TokenForm>) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let name = match domain::text::required("name", &f.name, 100) {
        Ok(n) => n,
        Err(e) => return account_page(&app, &ctx, None, Some(&e.into())).await,
    };
    let token = auth::new_api_token();
    app.store.create_token(UserId(u.id), &name, &sha256_hex(&token), &ctx.actor()).await?;
    account_page(&app, &ctx, Some(token), None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MailLangForm {
    lang: String,
    notice: String,
    adjustment: String,
    decisions: String,
    moderation: String,
}

/// The language of the e-mail to the person the account acts as (ADR 24).
pub async fn set_mail_lang(State(app): State<App>, ctx: Ctx, Input(f): Input<MailLangForm>) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let person = u.person_id.ok_or(AppError::NotFound)?;
    let lang = domain::organisations::language("lang", &f.lang);
    let settings = crate::mail::settings::parse(&[&f.notice, &f.adjustment, &f.decisions, &f.moderation]);
    let (lang, settings) = match (lang, settings) {
        (Ok(l), Ok(s)) => (l, s),
        (l, s) => {
            let errors: Vec<domain::FieldError> = l.err().into_iter().chain(s.err().into_iter().flatten()).collect();
            return account_page(&app, &ctx, None, Some(&domain::Invalid(errors))).await;
        }
    };
    app.store.set_mail_lang(domain::ids::PersonId(person), lang, &ctx.actor()).await?;
    app.store.set_mail_settings(person, &settings, &ctx.actor()).await?;
    Ok(Redirect::to("/konto?klart=sparat#mail").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RevokeForm {
    token_id: String,
}

pub async fn revoke_token(State(app): State<App>, ctx: Ctx, Input(f): Input<RevokeForm>) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let token_id: i64 = f.token_id.parse().map_err(|_| AppError::NotFound)?;
    app.store.revoke_token(UserId(u.id), token_id, &ctx.actor()).await?;
    Ok(Redirect::to("/konto?klart=sparat").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    /// The checkbox "also revoke my API tokens".
    revoke_tokens: Option<String>,
}

pub async fn change_password(State(app): State<App>, ctx: Ctx, Input(f): Input<PasswordForm>) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let purpose = auth::Purpose::PasswordChange;
    let check = match auth::confirm_password(&app, &ctx, &f.current_password, purpose, "current_password").await {
        Ok(()) => domain::accounts::check_new_password("new_password", &f.new_password).map_err(Invalid::from),
        Err(AppError::Invalid(i)) => Err(i),
        Err(e) => return Err(e),
    };
    if let Err(e) = check {
        return account_page(&app, &ctx, None, Some(&e)).await;
    }
    let revoke_tokens = f.revoke_tokens.is_some();
    app.store.set_password(UserId(u.id), &auth::hash_password(&f.new_password), revoke_tokens, &ctx.actor()).await?;
    let mut r = Redirect::to("/logga-in?klart=losenord").into_response();
    r.headers_mut().append(header::SET_COOKIE, set_cookie(&app, SESSION_COOKIE, "", Some(0), "Lax"));
    Ok(r)
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    p: Chrome,
    contact: String,
}

pub async fn accessibility(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "a11y.title"));
    Ok(render(&AccessibilityPage { p, contact: app.config.contact_email.clone() })?.into_response())
}

pub async fn healthz() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

/// Ready when the database answers.
pub async fn readyz(State(app): State<App>) -> Response {
    match app.store.ping().await {
        Ok(()) => Json(json!({"status": "ready"})).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "database unreachable"}))).into_response()
        }
    }
}

const CSS: &str = include_str!("../static/app.css");
const FAVICON: &str = include_str!("../static/favicon.svg");

pub async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS)
        .into_response()
}

pub async fn favicon() -> Response {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], FAVICON)
        .into_response()
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// `GET /api/v1/me`: the caller's id, e-mail, name and roles.
pub async fn api_me(ctx: Ctx) -> AppResult<Response> {
    let u = ctx.require_user()?;
    Ok(Json(json!({
        "id": u.id, "email": u.email, "name": u.name, "roles": u.roles(), "lang": ctx.lang.code(),
    }))
    .into_response())
}

const OPENAPI: &str = include_str!("../openapi.json");

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
