//! Finding: the query read from the query string, what the caller may read, and the two faces.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::Invalid;
use domain::search::{Kind, SearchQuery};
use store::search::{Reading, SearchResults};

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, query_value, render, url_encode};

/// Results per page.
const PAGE: usize = 20;

/// The fields of a search as they came in, kept to show them again.
#[derive(Default)]
struct Raw {
    q: String,
    kind: String,
    body: String,
    year: String,
    cursor: String,
}

impl Raw {
    fn read(query: &str) -> Raw {
        let get = |n: &str| query_value(query, n).unwrap_or_default();
        Raw { q: get("q"), kind: get("kind"), body: get("body"), year: get("year"), cursor: get("cursor") }
    }

    fn parse(&self) -> Result<(SearchQuery, Option<(String, i64)>), Invalid> {
        let q = SearchQuery::parse(&self.q, &self.kind, &self.body, &self.year)?;
        let cursor = match self.cursor.trim() {
            "" => None,
            c => Some(store::decode_cursor(c)?),
        };
        Ok((q, cursor))
    }
}

/// What the caller may read besides what is public.
async fn reading(app: &App, ctx: &Ctx) -> AppResult<Reading> {
    Ok(match &ctx.user {
        Some(u) if u.is_admin => Reading::All,
        Some(u) => app.store.search_reading(u.id, u.person_id, app.store.today()).await?,
        None => Reading::Public,
    })
}

async fn run(app: &App, ctx: &Ctx, raw: &Raw) -> AppResult<(SearchQuery, SearchResults)> {
    let (q, cursor) = raw.parse()?;
    let reading = reading(app, ctx).await?;
    let results = app.store.search(&q, &reading, cursor, PAGE).await?;
    Ok((q, results))
}

/// A link to a facet of the current search (or, with `None`, without that facet).
struct FacetLink {
    label: String,
    count: i64,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search/page.html")]
struct SearchPage {
    p: Chrome,
    q: String,
    searched: bool,
    results: Option<SearchResults>,
    /// The titles of the results, HTML-escaped with the query's words marked.
    titles: Vec<String>,
    kinds: Vec<FacetLink>,
    bodies: Vec<FacetLink>,
    years: Vec<FacetLink>,
    clear: Option<String>,
    next: Option<String>,
}

impl SearchPage {
    fn kind_label(&self, k: &Kind) -> &'static str {
        k.label(self.p.lang)
    }
}

fn href(q: &str, kind: &str, body: &str, year: &str, cursor: Option<&str>) -> String {
    let mut s = format!("/sok?q={}", url_encode(q));
    for (n, v) in [("kind", kind), ("body", body), ("year", year), ("cursor", cursor.unwrap_or(""))] {
        if !v.is_empty() {
            s.push_str(&format!("&{n}={}", url_encode(v)));
        }
    }
    s
}

/// `/sok`: the search form, and with `q` the results; bad input is shown next to the field (422).
pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let raw = Raw::read(&ctx.query);
    let title = crate::i18n::text(ctx.lang, "search.title");
    let mut page = SearchPage {
        p: Chrome::new(&ctx, title),
        q: raw.q.clone(),
        searched: false,
        results: None,
        titles: Vec::new(),
        kinds: Vec::new(),
        bodies: Vec::new(),
        years: Vec::new(),
        clear: None,
        next: None,
    };
    if query_value(&ctx.query, "q").is_none() {
        return Ok(render(&page)?.into_response());
    }
    let (q, r) = match run(&app, &ctx, &raw).await {
        Ok(x) => x,
        Err(crate::error::AppError::Invalid(i)) => {
            let (p, status) = Chrome::new(&ctx, title).form(Some(&i));
            page.p = p;
            return Ok((status, render(&page)?).into_response());
        }
        Err(e) => return Err(e),
    };
    let (kind, body, year) = (raw.kind.as_str(), raw.body.as_str(), raw.year.as_str());
    page.searched = true;
    page.kinds = r
        .facets
        .kind
        .iter()
        .map(|f| FacetLink {
            label: f.value.label(ctx.lang).into(),
            count: f.count,
            href: href(&q.q, f.value.as_str(), body, year, None),
            current: q.kind == Some(f.value),
        })
        .collect();
    page.bodies = r
        .facets
        .body
        .iter()
        .map(|f| FacetLink {
            label: f.label.clone(),
            count: f.count,
            href: href(&q.q, kind, &f.value.to_string(), year, None),
            current: q.body == Some(f.value),
        })
        .collect();
    page.years = r
        .facets
        .year
        .iter()
        .map(|f| FacetLink {
            label: f.label.clone(),
            count: f.count,
            href: href(&q.q, kind, body, &f.value.to_string(), None),
            current: q.year == Some(f.value),
        })
        .collect();
    if q.kind.is_some() || q.body.is_some() || q.year.is_some() {
        page.clear = Some(href(&q.q, "", "", "", None));
    }
    page.next = r.next_cursor.as_deref().map(|c| href(&q.q, kind, body, year, Some(c)));
    page.titles = r.items.iter().map(|h| domain::search::highlight(&h.title, &q.stems)).collect();
    page.results = Some(r);
    Ok(render(&page)?.into_response())
}

/// `GET /api/v1/search?q=…&kind=…&body=…&year=…&cursor=…`.
pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let raw = Raw::read(&ctx.query);
    let (_, r) = run(&app, &ctx, &raw).await?;
    Ok(Json(r).into_response())
}
