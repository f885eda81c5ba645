//! A case's page and its JSON: the public title, status, body, where it was handled (agenda
//! items and public paragraphs that name its number) and the list of its documents,
//! secret ones reduced to number, day and "sekretess" unless the reader may read them (ADR
//! 54); registrars see everything and the forms
//! that register a document and move the status.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::cases::{Case, CaseStatus, Reader};
use serde_json::json;
use store::cases::Handling;

use super::CasePath;
use super::access::reader;
use super::view::{CaseView, DocumentView, case_view, document_view};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "cases/show.html")]
struct ShowPage {
    p: Chrome,
    c: CaseView,
    docs: Vec<DocumentView>,
    registrar: bool,
    next: Vec<CaseStatus>,
    status: String,
    handled: Vec<Handling>,
    /// The case's joint matters (`joint::case_block`), rendered there.
    joint: String,
    /// The case's path through the structure (`routing::block`), rendered there.
    routing: String,
    /// The secrecy grants (`grants::block`), rendered there.
    grants: String,
}

/// The documents of a case as the reader may see them today.
async fn documents(app: &App, c: &Case, reader: &Reader) -> AppResult<Vec<DocumentView>> {
    let today = app.store.today();
    Ok(app.store.case_documents(c.id).await?.iter().map(|d| document_view(d, reader, today)).collect())
}

/// The page, with the errors of a refused status change when there are some (422).
pub async fn case_page(
    app: &App,
    ctx: &Ctx,
    c: Case,
    status: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    case_page_with(app, ctx, c, status, None, invalid).await
}

/// The page, with the values of a refused post to the case's path kept in its forms.
pub async fn case_page_with(
    app: &App,
    ctx: &Ctx,
    c: Case,
    status: String,
    route_form: Option<super::route_form::RouteForm>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    case_page_full(app, ctx, c, status, route_form, None, invalid).await
}

/// The page, with the values of a refused post to either of its forms kept.
pub async fn case_page_full(
    app: &App,
    ctx: &Ctx,
    c: Case,
    status: String,
    route_form: Option<super::route_form::RouteForm>,
    grant_form: Option<super::grant_block::GrantForm>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let reader = reader(app, ctx, &c).await?;
    let registrar = reader.registrar;
    let docs = documents(app, &c, &reader).await?;
    let view = case_view(app, &c, registrar).await?;
    let (p, code) = Chrome::new(ctx, format!("{} {}", view.number, view.public_title)).form(invalid);
    let handled = app.store.case_handling(&c.number).await?;
    let joint = crate::joint::case_block(app, ctx, &c).await?;
    let routing = super::routing::block(app, ctx, &c, route_form, invalid).await?;
    let grants = super::grant_block::block(app, ctx, &c, &reader, grant_form, invalid).await?;
    let page = ShowPage { p, docs, registrar, next: c.status.next(), status, handled, joint, routing, grants, c: view };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    case_page(&app, &ctx, c, String::new(), None).await
}

pub async fn api(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    let registrar = super::access::is_registrar(&app, &ctx, c.organisation_id).await?;
    let mut view = serde_json::to_value(case_view(&app, &c, registrar).await?)
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    view["handled_in"] = serde_json::to_value(app.store.case_handling(&c.number).await?)
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    Ok(Json(view).into_response())
}

pub async fn api_documents(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    let reader = reader(&app, &ctx, &c).await?;
    Ok(Json(json!({"items": documents(&app, &c, &reader).await?})).into_response())
}
