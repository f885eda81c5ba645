//! The public registry `/diarium`: every organisation's registered cases, newest first, with the
//! filters organisation, year, status and preparing body; a text query goes through the
//! platform's search (ADR 20), which holds the cases' public titles and the public documents'
//! descriptions, never a secret one's.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::cases::CaseStatus;
use domain::ids::{BodyId, OrganisationId};
use domain::named::Named;
use domain::search::SearchQuery;
use domain::{FieldError, Invalid};
use store::cases::{CaseFilter, Series};

use super::view::{CaseView, Names};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::list::ListQuery;
use crate::pages::{Chrome, query_value, render};

/// The registry's query: the shared list parameters and its own filters, each checked.
struct RegistryQuery {
    list: ListQuery,
    year: Option<i32>,
    status: Option<CaseStatus>,
    body: Option<i64>,
}

impl RegistryQuery {
    fn parse(query: &str) -> Result<RegistryQuery, Invalid> {
        let list = ListQuery::parse(query)?;
        let get = |n: &str| query_value(query, n).filter(|v| !v.trim().is_empty());
        let mut e = domain::error::Errors::new();
        let year = get("year").and_then(|y| {
            e.check(y.trim().parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)).ok_or_else(|| {
                FieldError::new(
                    "year",
                    "invalid_year",
                    "Ange ett år mellan 1900 och 2100.",
                    "Give a year between 1900 and 2100.",
                )
            }))
        });
        let status = get("status").and_then(|s| {
            e.check(
                CaseStatus::parse(&s)
                    .ok_or_else(|| FieldError::new("status", "invalid_status", "Okänd status.", "Unknown status.")),
            )
        });
        let body = get("body").and_then(|b| {
            e.check(
                b.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|b| *b > 0)
                    .ok_or_else(|| FieldError::new("body", "invalid_body", "Ogiltigt organ.", "Invalid body.")),
            )
        });
        e.finish(|| RegistryQuery { list, year, status, body })
    }

    /// The filter for the store, with the words of a text query (matched in the store's query).
    fn filter(&self) -> AppResult<CaseFilter> {
        let words = match &self.list.q {
            Some(q) => Some(SearchQuery::parse(q, "", "", "")?),
            None => None,
        };
        Ok(CaseFilter {
            organisation_id: self.list.organisation.map(OrganisationId),
            year: self.year,
            status: self.status,
            body_id: self.body.map(BodyId),
            words,
        })
    }

    /// The query string of the filters (for the next page's link).
    fn href(&self, cursor: &str) -> String {
        let mut parts = Vec::new();
        if let Some(o) = self.list.organisation {
            parts.push(format!("organisation={o}"));
        }
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(b) = self.body {
            parts.push(format!("body={b}"));
        }
        if let Some(q) = &self.list.q {
            parts.push(format!("q={}", crate::pages::url_encode(q)));
        }
        parts.push(format!("cursor={cursor}"));
        format!("/diarium?{}", parts.join("&"))
    }
}

#[derive(Template)]
#[template(path = "cases/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<CaseView>,
    next: Option<String>,
    series: Vec<Series>,
    years: Vec<i64>,
    bodies: Vec<Named>,
    statuses: [CaseStatus; 4],
    organisation: String,
    year: String,
    status: String,
    body: String,
    q: String,
    may_register: bool,
}

async fn views(app: &App, q: &RegistryQuery) -> AppResult<(Vec<CaseView>, Option<String>)> {
    let page = app.store.cases(&q.filter()?, q.list.cursor.clone(), q.list.limit).await?;
    let mut items = Vec::with_capacity(page.items.len());
    let mut names = Names::default();
    for c in &page.items {
        items.push(names.view(app, c, false).await?);
    }
    Ok((items, page.next_cursor))
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = RegistryQuery::parse(&ctx.query)?;
    let (items, next) = views(&app, &q).await?;
    let may_register = ctx.signed_in() && super::access::registering_series(&app, &ctx).await.is_ok();
    let page = ListPage {
        p: Chrome::new(&ctx, crate::i18n::text(ctx.lang, "case.registry")),
        next: next.map(|c| q.href(&c)),
        items,
        series: app.store.case_series().await?,
        years: app.store.case_years().await?,
        bodies: app.store.case_bodies().await?,
        statuses: CaseStatus::ALL,
        organisation: q.list.organisation.map(|o| o.to_string()).unwrap_or_default(),
        year: q.year.map(|y| y.to_string()).unwrap_or_default(),
        status: q.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        body: q.body.map(|b| b.to_string()).unwrap_or_default(),
        q: q.list.q.clone().unwrap_or_default(),
        may_register,
    };
    Ok(render(&page)?.into_response())
}

/// The registry as CSV (UTF-8 with BOM, for spreadsheets): every case matching the filters, as
/// the public sees it.
pub async fn csv(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = RegistryQuery::parse(&ctx.query)?;
    let filter = q.filter()?;
    let mut rows = vec![
        ["diarienummer", "rubrik", "status", "registrerat", "organisation", "beredningsorgan", "handlingar"]
            .map(String::from)
            .to_vec(),
    ];
    let mut cursor = None;
    let mut names = Names::default();
    loop {
        let page = app.store.cases(&filter, cursor, crate::list::MAX_LIMIT).await?;
        for c in &page.items {
            let v = names.view(&app, c, false).await?;
            rows.push(vec![
                v.number,
                v.public_title,
                v.status.label(domain::error::Lang::Sv).into(),
                v.opened_on.to_string(),
                v.organisation,
                v.body.unwrap_or_default(),
                v.documents.to_string(),
            ]);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(store::decode_cursor(&c)?),
            None => break,
        }
    }
    Ok(crate::csv::response("diarium.csv", &rows))
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = RegistryQuery::parse(&ctx.query)?;
    let (items, next_cursor) = views(&app, &q).await?;
    Ok(Json(serde_json::json!({"items": items, "next_cursor": next_cursor})).into_response())
}
