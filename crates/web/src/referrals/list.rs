//! The published referrals, open ones and closed ones, for everyone (the page and the API).

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use store::referrals::Referral;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "referrals/list.html")]
struct ListPage {
    p: Chrome,
    open: Vec<Referral>,
    closed: Vec<Referral>,
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let today = app.store.today();
    let (open, closed) = app.store.published_referrals().await?.into_iter().partition(|r| r.deadline >= today);
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "referral.list"));
    Ok(render(&ListPage { p, open, closed })?.into_response())
}

/// The published referrals as JSON, latest deadline first as the store gives them.
pub async fn api(State(app): State<App>) -> AppResult<Response> {
    Ok(Json(serde_json::json!({"items": app.store.published_referrals().await?})).into_response())
}
