//! Editing a process's own fields (its owners): whether it is published and open for inputs,
//! its title, description, owner and strategy. Its plan is edited part by part.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::processes::{ProcessFields, ProcessInput};
use store::processes::Process;

use super::ProcessPath;
use super::access::{owns, require_owner};
use super::create::{fields_of, fields_of_form, show};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;

/// The operation: an owner replaces the process's own fields; a new owner organisation must be
/// one the caller owns processes of too.
pub async fn update(app: &App, ctx: &Ctx, p: &Process, input: &ProcessInput) -> AppResult<Process> {
    require_owner(app, ctx, p).await?;
    if input.owner_id != p.owner.id && !owns(app, ctx, input.owner_id).await? {
        return Err(AppError::Forbidden);
    }
    app.store.update_process(p.id, input, &ctx.actor()).await?;
    app.store.process(p.id).await?.ok_or(AppError::NotFound)
}

fn of(p: &Process) -> ProcessFields {
    ProcessFields {
        owner_id: p.owner.id.to_string(),
        title: p.title.clone(),
        description: p.description.clone().unwrap_or_default(),
        published: p.published,
        open_for_input: p.open_for_input,
        strategy_id: p.strategy.as_ref().map(|s| s.id.to_string()).unwrap_or_default(),
    }
}

pub async fn form(State(app): State<App>, ctx: Ctx, ProcessPath(p): ProcessPath) -> AppResult<Response> {
    require_owner(&app, &ctx, &p).await?;
    show(&app, &ctx, of(&p), String::new(), String::new(), String::new(), None, Some(p.id)).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(p): ProcessPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &p).await?;
    let f = fields_of_form(&form);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &p, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/processer/{}?klart=sparat", p.id)).into_response()),
        Err(e) => {
            show(&app, &ctx, f, String::new(), String::new(), String::new(), Some(&reshown(e)?), Some(p.id)).await
        }
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(p): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &p).await?;
    let mut j = JsonInput::parse(
        &headers,
        &body,
        &["owner_id", "title", "description", "published", "open_for_input", "strategy_id"],
    )?;
    let f = fields_of(&mut j);
    j.finish()?;
    let input = f.parse()?;
    Ok(Json(update(&app, &ctx, &p, &input).await?).into_response())
}
