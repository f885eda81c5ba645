//! The list of indicators (`/indikatorer`, public: the published ones; owners see all) with
//! each one's latest value and status, and its JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::indicators::IndicatorSummary;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "indicators/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<Row>,
    may_edit: bool,
}

struct Row {
    id: i64,
    title: String,
    area: String,
    latest: String,
    status: String,
    status_code: &'static str,
    published: bool,
}

async fn summaries(app: &App, ctx: &Ctx) -> AppResult<Vec<IndicatorSummary>> {
    let ids: Vec<i64> = app.store.indicators(ctx.is_admin()).await?.iter().map(|i| i.id).collect();
    Ok(app.store.indicator_summary(&ids).await?)
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let lang = ctx.lang;
    let items = summaries(&app, &ctx)
        .await?
        .into_iter()
        .map(|s| Row {
            id: s.indicator.id,
            area: super::series::area_name(s.indicator.geography.as_str(), lang),
            latest: s
                .latest
                .map(|p| format!("{} {} ({})", chart::line::number(p.value, lang), s.indicator.unit, p.year))
                .unwrap_or_default(),
            status: s.assessment.map(|a| a.progress.label(lang).to_string()).unwrap_or_default(),
            status_code: s.assessment.map(|a| a.progress.as_str()).unwrap_or("none"),
            published: s.indicator.published,
            title: s.indicator.title,
        })
        .collect();
    let p = Chrome::new(&ctx, crate::i18n::text(lang, "indicators.title"));
    Ok(render(&ListPage { p, items, may_edit: ctx.is_admin() })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    Ok(Json(json!({"items": summaries(&app, &ctx).await?})).into_response())
}
