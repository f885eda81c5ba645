//! Moving a case forward through its statuses (its organisation's registrars): the operation,
//! the form on the case page and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::{Case, StatusInput};
use serde::Deserialize;

use super::CasePath;
use super::access::require_registrar;
use super::show::case_page;
use super::view::case_view;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// The operation: the status moves forward (the domain's rule), audited.
pub async fn change(app: &App, ctx: &Ctx, c: &Case, input: StatusInput) -> AppResult<Case> {
    require_registrar(app, ctx, c.organisation_id).await?;
    Ok(app.store.change_case_status(c.id, input.status, &ctx.actor()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Input(f): Input<StatusForm>,
) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let result = match StatusInput::parse(&f.status) {
        Ok(input) => change(&app, &ctx, &c, input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(c) => Ok(Redirect::to(&format!("/diarium/{}?klart=sparat", c.id)).into_response()),
        Err(e) => case_page(&app, &ctx, c, f.status, Some(&reshown(e)?)).await,
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["status"])?;
    let status = j.str("status");
    j.finish()?;
    let c = change(&app, &ctx, &c, StatusInput::parse(&status)?).await?;
    Ok(Json(case_view(&app, &c, true).await?).into_response())
}
