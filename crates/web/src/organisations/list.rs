//! Finding organisations: the filtered list (page, JSON, CSV) and the counties to filter by.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::organisations::{Organisation, OrganisationKind};
use domain::reference::{self, County};
use serde_json::json;
use store::organisations::OrganisationFilter;

use crate::context::Ctx;
use crate::error::AppResult;
use crate::list::ListQuery;
use crate::pages::{Chrome, render};
use crate::{App, csv as csv_file};

fn filter(q: &ListQuery) -> OrganisationFilter {
    OrganisationFilter { kind: q.kind, county_code: q.county.clone(), q: q.q.clone() }
}

#[derive(Template)]
#[template(path = "organisations/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<Organisation>,
    next: Option<String>,
    first: Option<String>,
    kind: String,
    county: String,
    q: String,
    kinds: [OrganisationKind; 8],
    counties: &'static [County],
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.organisations(&filter(&q), q.cursor.clone(), q.limit).await?;
    let next = page.next_cursor.as_deref().map(|c| q.next_href("/organisationer", c));
    let first = q.first_href("/organisationer");
    Ok(render(&ListPage {
        p: Chrome::new(&ctx, crate::i18n::text(ctx.lang, "org.list_title")),
        items: page.items,
        next,
        first,
        kind: q.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        county: q.county.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        kinds: OrganisationKind::ALL,
        counties: reference::counties(),
    })?
    .into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let page = app.store.organisations(&filter(&q), q.cursor.clone(), q.limit).await?;
    Ok(Json(page).into_response())
}

/// All organisations matching the filters as CSV (UTF-8 with BOM, for spreadsheets).
pub async fn csv(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = ListQuery::parse(&ctx.query)?;
    let mut rows =
        vec![vec!["id".into(), "namn".into(), "typ".into(), "kod".into(), "lanskod".into(), "webbplats".into()]];
    let mut cursor = None;
    loop {
        let page = app.store.organisations(&filter(&q), cursor, crate::list::MAX_LIMIT).await?;
        for o in &page.items {
            rows.push(vec![
                o.id.to_string(),
                o.name.clone(),
                o.kind.as_str().into(),
                o.code.clone().unwrap_or_default(),
                o.county_code.clone().unwrap_or_default(),
                o.website.clone().unwrap_or_default(),
            ]);
        }
        match page.next_cursor {
            Some(c) => cursor = Some(store::decode_cursor(&c)?),
            None => break,
        }
    }
    Ok(csv_file::response("organisationer.csv", &rows))
}

pub async fn api_counties() -> Response {
    let items: Vec<_> =
        reference::counties().iter().map(|c| json!({"code": c.code, "name": c.name, "region": c.region})).collect();
    Json(json!({"items": items, "next_cursor": null})).into_response()
}
