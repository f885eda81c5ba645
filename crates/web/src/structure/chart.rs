//! The structure chart page (drawn by the `chart` crate) with its text alternative.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::reference::{self, County};
use store::structure::Body;

use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "structure/chart.html")]
struct ChartPage {
    p: Chrome,
    svg: String,
    outline: String,
    county: String,
    counties: Vec<&'static County>,
}

/// The text alternative of the chart: the same bodies as nested lists with links.
fn outline_html(nodes: &[chart::OutlineNode]) -> String {
    let esc = chart::esc;
    let mut out = String::from("<ul>");
    for n in nodes {
        out.push_str(&format!("<li><a href=\"/organ/{}\">{}</a> ({})", n.id, esc(&n.name), esc(n.kind_label)));
        if let Some(r) = &n.relation {
            out.push_str(&format!(" – {}", esc(r)));
        }
        if !n.children.is_empty() {
            out.push_str(&outline_html(&n.children));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// The structure of one county's collaboration (the first county with bodies by default).
pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let all = app.store.all_bodies().await?;
    let mut with_bodies: Vec<&'static County> = reference::counties()
        .iter()
        .filter(|c| all.iter().any(|b| b.county_code.as_deref() == Some(c.code.as_str())))
        .collect();
    with_bodies.sort_by_key(|c| c.code.clone());
    let county = query_value(&ctx.query, "county")
        .filter(|c| !c.is_empty())
        .or_else(|| with_bodies.first().map(|c| c.code.clone()));
    let bodies: Vec<&Body> =
        all.iter().filter(|b| b.county_code == county || (county.is_none() && b.county_code.is_none())).collect();
    let facts: Vec<_> = bodies.iter().map(|b| b.facts()).collect();
    let drawn: Vec<chart::ChartBody> =
        facts.iter().zip(&bodies).map(|(f, b)| chart::ChartBody { facts: f, presidium_of: b.presidium_of }).collect();
    let p = Chrome::new(&ctx, i18n::text(ctx.lang, "chart.title"));
    let page = ChartPage {
        svg: chart::svg(&drawn, ctx.lang),
        outline: outline_html(&chart::outline(&drawn, ctx.lang)),
        county: county.unwrap_or_default(),
        counties: with_bodies,
        p,
    };
    Ok(render(&page)?.into_response())
}
