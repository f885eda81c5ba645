//! Finding bodies: the filtered list (page and JSON).

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use domain::reference::{self, County};
use domain::structure::BodyKind;
use store::structure::{Body, BodyFilter};

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::list::ListQuery;
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "structure/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<Body>,
    next: Option<String>,
    first: Option<String>,
    kind: String,
    county: String,
    q: String,
    kinds: &'static [BodyKind],
    counties: &'static [County],
}

fn body_filter(ctx: &Ctx) -> AppResult<(ListQuery, BodyFilter)> {
    let kind = match query_value(&ctx.query, "kind").filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(BodyKind::parse(&k).ok_or_else(|| {
            AppError::from(FieldError::new("kind", "invalid_kind", "Okänd typ av organ.", "Unknown kind of body."))
        })?),
    };
    // Organisation kinds do not apply here; read the shared parameters without `kind`.
    let rest: String = ctx.query.split('&').filter(|kv| !kv.starts_with("kind=")).collect::<Vec<_>>().join("&");
    let q = ListQuery::parse(&rest)?;
    let f = BodyFilter { kind, county_code: q.county.clone(), q: q.q.clone() };
    Ok((q, f))
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let (q, f) = body_filter(&ctx)?;
    let page = app.store.bodies(&f, q.cursor.clone(), q.limit).await?;
    let kind = f.kind.map(|k| k.as_str().to_string()).unwrap_or_default();
    let with_kind = |href: String| {
        if kind.is_empty() { href } else { format!("{href}&kind={kind}").replacen("/organ&", "/organ?", 1) }
    };
    Ok(render(&ListPage {
        p: Chrome::new(&ctx, i18n::text(ctx.lang, "body.list_title")),
        next: page.next_cursor.as_deref().map(|c| with_kind(q.next_href("/organ", c))),
        first: q.first_href("/organ").map(with_kind),
        items: page.items,
        kind,
        county: q.county.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        kinds: BodyKind::ALL,
        counties: reference::counties(),
    })?
    .into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let (q, f) = body_filter(&ctx)?;
    Ok(Json(app.store.bodies(&f, q.cursor.clone(), q.limit).await?).into_response())
}
