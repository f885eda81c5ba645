//! Requests for official documents (begäran om allmän handling, issue 11, ADR 48): the public
//! form on a case's page (for the case or one document) and its receipt, the public API call,
//! the registrars' queue of their organisation (open first, oldest first, with age in days) and
//! the form and API call that record how a request was handled.
//!
//! The public form is throttled per client address (`LIMIT`, `crate::throttle`): every request mails the
//! registrars, so a loop of anonymous posts must not flood their inboxes.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::{Case, Delivery, HandlingInput, Outcome, RequestInput};
use domain::ids::OrganisationId;
use serde::Deserialize;
use serde_json::json;
use store::cases::DocumentRequest;

use super::CasePath;
use super::access::require_registrar;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The job that mails a new request to the organisation's registrars (`mail::document_requests`).
pub const MAIL_JOB: &str = store::cases::REQUEST_MAIL_JOB;
/// Requests one client address may make in an hour.
pub const LIMIT: crate::throttle::PerAddress =
    crate::throttle::PerAddress { limit: 10, message: "case_request.throttled" };

/// The operation: a request from anyone (signed in or not), unless the address has made
/// `LIMIT` in the last hour. A retry with the same key returns the first request, whatever the
/// count.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    c: &Case,
    input: &RequestInput,
    key: Option<&str>,
) -> AppResult<DocumentRequest> {
    let sent = app.store.document_requests_from(&ctx.address, LIMIT.since(app)).await?;
    let stored = match key {
        Some(k) if sent >= LIMIT.limit => app.store.document_request_stored(c.id, k).await?,
        _ => false,
    };
    LIMIT.check(sent, stored)?;
    Ok(app.store.create_document_request(c.id, input, MAIL_JOB, &ctx.actor(), key).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub document_id: String,
    pub requested: String,
    pub requester_name: String,
    pub requester_email: String,
    pub delivery: String,
    pub idempotency_key: String,
}

#[derive(Template)]
#[template(path = "cases/request.html")]
struct FormPage {
    p: Chrome,
    c: Case,
    f: RequestForm,
    /// The case's documents as (id, number, what the public may read of it).
    docs: Vec<(i64, String, String)>,
    deliveries: Vec<(&'static str, &'static str)>,
    throttled: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "cases/request_receipt.html")]
struct ReceiptPage {
    p: Chrome,
    c: Case,
    r: DocumentRequest,
    delivery: &'static str,
}

async fn form_page(
    app: &App,
    ctx: &Ctx,
    c: Case,
    f: RequestForm,
    invalid: Option<&domain::Invalid>,
    throttle: bool,
) -> AppResult<Response> {
    let today = app.store.today();
    let docs = app
        .store
        .case_documents(c.id)
        .await?
        .iter()
        .map(|d| super::view::document_view(d, &domain::cases::Reader::default(), today))
        .map(|d| (d.id, d.full_number, d.description.unwrap_or_default()))
        .collect();
    let deliveries = Delivery::ALL.iter().map(|d| (d.as_str(), d.label(ctx.lang))).collect();
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "case_request.title"), c.number);
    let (p, mut status) = Chrome::new(ctx, title).form(invalid);
    let throttled = throttle.then(|| crate::i18n::text(ctx.lang, LIMIT.message));
    if throttle {
        status = StatusCode::TOO_MANY_REQUESTS;
    }
    Ok((status, render(&FormPage { p, c, f, docs, deliveries, throttled })?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FormQuery {
    pub handling: String,
}

pub async fn form(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Query(q): Query<FormQuery>,
) -> AppResult<Response> {
    let f = RequestForm {
        document_id: q.handling,
        delivery: Delivery::Email.as_str().into(),
        idempotency_key: crate::auth::new_secret(),
        ..Default::default()
    };
    form_page(&app, &ctx, c, f, None, false).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    Input(f): Input<RequestForm>,
) -> AppResult<Response> {
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let parsed = RequestInput::parse(&f.document_id, &f.requested, &f.requester_name, &f.requester_email, &f.delivery);
    let result = match parsed {
        Ok(input) => create(&app, &ctx, &c, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(r) => {
            let delivery = Delivery::parse(&r.delivery).unwrap_or(Delivery::Email).label(ctx.lang);
            let title = crate::i18n::text(ctx.lang, "case_request.received").to_string();
            let p = Chrome::new(&ctx, title);
            Ok(render(&ReceiptPage { p, c, r, delivery })?.into_response())
        }
        Err(AppError::Throttled(_)) => form_page(&app, &ctx, c, f, None, true).await,
        Err(e) => form_page(&app, &ctx, c, f, Some(&reshown(e)?), false).await,
    }
}

/// What the public API answers: the receipt, never the registrars' view of the queue.
fn receipt_json(r: &DocumentRequest) -> serde_json::Value {
    json!({
        "id": r.id, "case_id": r.case_id, "case_number": r.case_number, "document_id": r.document_id,
        "status": r.status, "received_on": r.received_on.to_string(),
    })
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    CasePath(c): CasePath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let mut j = JsonInput::parse(
        &headers,
        &body,
        &["document_id", "requested", "requester_name", "requester_email", "delivery"],
    )?;
    let document = j.raw("document_id").map(|v| v.as_i64().map_or_else(|| v.to_string(), |i| i.to_string()));
    let (requested, name, email) = (j.str("requested"), j.str("requester_name"), j.str("requester_email"));
    let delivery = j.raw("delivery").map_or_else(|| "email".to_string(), |v| v.as_str().unwrap_or("").to_string());
    j.finish()?;
    let input = RequestInput::parse(document.as_deref().unwrap_or(""), &requested, &name, &email, &delivery)?;
    let r = create(&app, &ctx, &c, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/cases/{}/requests/{}", c.id, r.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(receipt_json(&r))).into_response())
}

/// A request in the queue, with its age in days by the store's clock.
pub struct QueueRow {
    pub r: DocumentRequest,
    pub age: i64,
    pub delivery: &'static str,
    pub outcome: Option<&'static str>,
    /// Whether this request's handling form was refused, and what was typed in it.
    pub failed: bool,
    pub typed: HandlingForm,
}

#[derive(Template)]
#[template(path = "cases/requests.html")]
struct QueuePage {
    p: Chrome,
    organisation: String,
    rows: Vec<QueueRow>,
    outcomes: Vec<(&'static str, &'static str)>,
}

async fn queue(app: &App, ctx: &Ctx, org: OrganisationId) -> AppResult<(String, Vec<DocumentRequest>)> {
    require_registrar(app, ctx, org).await?;
    let o = app.store.organisation(org).await?.ok_or(AppError::NotFound)?;
    Ok((o.name, app.store.document_requests(org).await?))
}

async fn queue_page(
    app: &App,
    ctx: &Ctx,
    org: OrganisationId,
    failed: Option<(i64, HandlingForm)>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (organisation, list) = queue(app, ctx, org).await?;
    let today = app.store.today();
    let rows = list
        .into_iter()
        .map(|r| QueueRow {
            failed: failed.as_ref().is_some_and(|(id, _)| *id == r.id),
            typed: failed.as_ref().filter(|(id, _)| *id == r.id).map(|(_, f)| f.clone()).unwrap_or_default(),
            age: r.age_days(today),
            delivery: Delivery::parse(&r.delivery).unwrap_or(Delivery::Email).label(ctx.lang),
            outcome: r.outcome.as_deref().and_then(Outcome::parse).map(|o| o.label(ctx.lang)),
            r,
        })
        .collect();
    let outcomes = Outcome::ALL.iter().map(|o| (o.as_str(), o.label(ctx.lang))).collect();
    let title = format!("{} – {organisation}", crate::i18n::text(ctx.lang, "case_request.queue"));
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let page = QueuePage { p, organisation, rows, outcomes };
    Ok((status, render(&page)?).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub organisation: String,
}

pub async fn queue_get(State(app): State<App>, ctx: Ctx, Query(q): Query<QueueQuery>) -> AppResult<Response> {
    let org: OrganisationId = crate::forms::id(&q.organisation)?;
    queue_page(&app, &ctx, org, None, None).await
}

/// The operation: a registrar of the request's organisation records how it was handled.
pub async fn handle(app: &App, ctx: &Ctx, r: &DocumentRequest, input: &HandlingInput) -> AppResult<DocumentRequest> {
    require_registrar(app, ctx, OrganisationId(r.organisation_id)).await?;
    Ok(app.store.handle_document_request(r.id, input, &ctx.actor()).await?)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct HandlingForm {
    pub outcome: String,
    pub provision: String,
    pub handling_note: String,
}

/// `{rid}` in a route: the request, loaded (404 when missing).
async fn request(app: &App, id: i64) -> AppResult<DocumentRequest> {
    app.store.document_request(id).await?.ok_or(AppError::NotFound)
}

pub async fn handle_post(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path(rid): axum::extract::Path<i64>,
    Input(f): Input<HandlingForm>,
) -> AppResult<Response> {
    let r = request(&app, rid).await?;
    let org = OrganisationId(r.organisation_id);
    require_registrar(&app, &ctx, org).await?;
    let result = match HandlingInput::parse(&f.outcome, &f.provision, &f.handling_note) {
        Ok(input) => handle(&app, &ctx, &r, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/diarium/begaranden?organisation={org}&klart=sparat")).into_response()),
        Err(e) => queue_page(&app, &ctx, org, Some((rid, f)), Some(&reshown(e)?)).await,
    }
}

pub async fn queue_api(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path(org): axum::extract::Path<i64>,
) -> AppResult<Response> {
    let (_, list) = queue(&app, &ctx, OrganisationId(org)).await?;
    let today = app.store.today();
    let rows: Vec<serde_json::Value> = list
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).unwrap_or_default();
            v["age_days"] = json!(r.age_days(today));
            v
        })
        .collect();
    Ok(Json(json!({"document_requests": rows})).into_response())
}

pub async fn handle_api(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((org, rid)): axum::extract::Path<(i64, i64)>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_registrar(&app, &ctx, OrganisationId(org)).await?;
    let r = request(&app, rid).await?;
    if r.organisation_id != org {
        return Err(AppError::NotFound);
    }
    let mut j = JsonInput::parse(&headers, &body, &["status", "outcome", "provision", "handling_note"])?;
    let (status, outcome, provision, note) =
        (j.str("status"), j.str("outcome"), j.str("provision"), j.str("handling_note"));
    j.finish()?;
    if !matches!(status.as_str(), "" | "handled") {
        return Err(domain::Invalid::one(domain::FieldError::new(
            "status",
            "invalid_status",
            "En begäran kan bara bli handlagd.",
            "A request can only become handled.",
        ))
        .into());
    }
    let r = handle(&app, &ctx, &r, &HandlingInput::parse(&outcome, &provision, &note)?).await?;
    Ok(Json(r).into_response())
}
