//! Creating an account (administrators): the operation, the form and the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::accounts::NewAccount;
use serde::Deserialize;
use store::accounts::User;

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an administrator creates the account with a first password to hand over.
pub async fn create(app: &App, ctx: &Ctx, new: &NewAccount) -> AppResult<User> {
    ctx.require_admin()?;
    let hash = crate::auth::hash_password(&new.password);
    let id = app.store.create_user(&new.email, &new.name, &hash, new.is_admin, &ctx.actor()).await?;
    app.store.user(id).await?.ok_or(AppError::NotFound)
}

#[derive(Default, Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    is_admin: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/new.html")]
struct FormPage {
    p: Chrome,
    f: AccountForm,
}

fn page(ctx: &Ctx, f: AccountForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, "account.new")).form(invalid);
    // A password is never sent back to the browser.
    let f = AccountForm { password: String::new(), ..f };
    Ok((status, render(&FormPage { p, f })?).into_response())
}

pub async fn form(ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    page(&ctx, AccountForm::default(), None)
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, Input(f): Input<AccountForm>) -> AppResult<Response> {
    ctx.require_admin()?;
    let result = match NewAccount::parse(&f.email, &f.name, &f.password, f.is_admin.is_some()) {
        Ok(new) => create(&app, &ctx, &new).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(u) => Ok(Redirect::to(&format!("/admin/konton/{}?klart=skapat", u.id)).into_response()),
        Err(e) => page(&ctx, f, Some(&reshown(e)?)),
    }
}

/// `POST /api/v1/admin/users` with `{"email", "name", "password", "is_admin"}`.
pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let mut j = JsonInput::parse(&headers, &body, &["email", "name", "password", "is_admin"])?;
    let (email, name, password, is_admin) = (j.str("email"), j.str("name"), j.str("password"), j.bool("is_admin"));
    j.finish()?;
    let u = create(&app, &ctx, &NewAccount::parse(&email, &name, &password, is_admin.unwrap_or(false))?).await?;
    let location = format!("/api/v1/admin/users/{}", u.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(u)).into_response())
}
