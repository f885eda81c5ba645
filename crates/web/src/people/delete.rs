//! Deleting a person (administrators): the confirmation page, the form post and the API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::PersonPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

pub async fn delete_form(State(_app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let pid = v.person.id;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), v.person.name));
    Ok(render(&crate::pages::DeletePage {
        p,
        name: v.person.name,
        action: format!("/personer/{pid}/ta-bort"),
        cancel: format!("/personer/{pid}"),
    })?
    .into_response())
}

pub async fn delete(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_person(v.person.id, &ctx.actor()).await?;
    Ok(Redirect::to("/personer?klart=borttaget").into_response())
}

pub async fn api_delete(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_person(v.person.id, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
