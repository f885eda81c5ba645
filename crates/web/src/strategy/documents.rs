//! The register of governing documents (`/styrdokument`, public) with its filters, and a
//! document's page with its relations, adoption and review finding; their JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::ids::OrganisationId;
use domain::named::Named;
use serde_json::json;
use store::strategy::{DocumentFilter, DocumentKind, DocumentSummary, GoverningDocument};

use super::DocumentPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, query_value, render};

/// The filter as the query string has it: `agare`, `typ`, `forsenad=1`, `q`.
fn filter(query: &str) -> AppResult<DocumentFilter> {
    let owner = query_value(query, "agare").filter(|v| !v.is_empty());
    let kind = query_value(query, "typ").filter(|v| !v.is_empty());
    Ok(DocumentFilter {
        owner_id: owner
            .map(|o| crate::forms::id::<i64>(&o).map(OrganisationId))
            .transpose()
            .map_err(|_| bad("agare"))?,
        kind: kind.map(|k| DocumentKind::parse(&k).ok_or_else(|| bad("typ"))).transpose()?,
        overdue: query_value(query, "forsenad").is_some_and(|v| v == "1"),
        q: query_value(query, "q").map(|q| q.trim().to_string()).filter(|q| !q.is_empty()),
    })
}

fn bad(field: &str) -> AppError {
    AppError::Invalid(domain::Invalid::one(domain::FieldError::new(
        field,
        "invalid_choice",
        "Välj ett värde i listan.",
        "Choose a value from the list.",
    )))
}

/// The organisations that own documents, for the owner filter.
fn owners(docs: &[DocumentSummary]) -> Vec<Named> {
    let mut v: Vec<Named> = Vec::new();
    for d in docs {
        if !v.iter().any(|o| o.id == d.owner.id) {
            v.push(d.owner.clone());
        }
    }
    v
}

#[derive(Template)]
#[template(path = "strategy/documents.html")]
struct ListPage {
    p: Chrome,
    docs: Vec<DocumentSummary>,
    owners: Vec<Named>,
    kinds: [DocumentKind; 6],
    owner: String,
    kind: String,
    overdue: bool,
    q: String,
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let f = filter(&ctx.query)?;
    let docs = app.store.governing_documents(&f).await?;
    let all = app.store.governing_documents(&DocumentFilter::default()).await?;
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "strategy.documents"));
    let page = ListPage {
        p,
        docs,
        owners: owners(&all),
        kinds: DocumentKind::ALL,
        owner: f.owner_id.map(|o| o.0.to_string()).unwrap_or_default(),
        kind: f.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        overdue: f.overdue,
        q: f.q.unwrap_or_default(),
    };
    Ok(render(&page)?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let f = filter(&ctx.query)?;
    Ok(Json(json!({"items": app.store.governing_documents(&f).await?})).into_response())
}

#[derive(Template)]
#[template(path = "strategy/document.html")]
struct ShowPage {
    p: Chrome,
    d: GoverningDocument,
    /// Other documents, for the relation form (administrators).
    others: Vec<DocumentSummary>,
    kinds: [store::strategy::RelationKind; 3],
}

pub async fn show(State(app): State<App>, ctx: Ctx, DocumentPath(d): DocumentPath) -> AppResult<Response> {
    show_page(&app, &ctx, d, None).await
}

/// The document's page; with the errors of a refused relation next to the relation form.
pub(super) async fn show_page(
    app: &App,
    ctx: &Ctx,
    d: GoverningDocument,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let others = if ctx.is_admin() {
        app.store.governing_documents(&DocumentFilter::default()).await?.into_iter().filter(|o| o.id != d.id).collect()
    } else {
        Vec::new()
    };
    let (p, status) = Chrome::new(ctx, d.title.clone()).form(invalid);
    Ok((status, render(&ShowPage { p, d, others, kinds: store::strategy::RelationKind::ALL })?).into_response())
}

pub async fn show_api(DocumentPath(d): DocumentPath) -> AppResult<Response> {
    Ok(Json(d).into_response())
}
