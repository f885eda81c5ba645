//! Editing a body (administrators): the form and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::BodyPath;
use super::body_form::{BodyForm, form_error, form_page, parse_body_json};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub async fn edit_form(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let path = format!("/organ/{}", b.id);
    form_page(&app, &ctx, "body.edit", BodyForm::of(&b), path.clone(), path, None).await
}

pub async fn update(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    pairs: crate::forms::Pairs,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm::from_pairs(&pairs);
    let bid = b.id;
    let path = format!("/organ/{bid}");
    let result = match f.parse() {
        Ok(input) => app.store.update_body(bid, &input, &ctx.actor()).await.map_err(form_error),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{path}?klart=sparat")).into_response()),
        Err(Ok(inv)) => form_page(&app, &ctx, "body.edit", f, path.clone(), path, Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let bid = b.id;
    let (input, rules) = parse_body_json(&headers, &body)?;
    app.store.update_body(bid, &input, &ctx.actor()).await?;
    if let Some(rules) = rules {
        app.store.set_rules(bid, &rules, &ctx.actor()).await?;
    }
    Ok(Json(app.store.body(bid).await?.ok_or(AppError::NotFound)?).into_response())
}
