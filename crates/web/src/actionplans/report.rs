//! The annual report's pages: the report itself (everyone who may see the strategy), the "%
//! ready" view with the areas' text forms (signed-in members read it; the strategy's owners
//! write the texts), and their JSON.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use store::strategy::Strategy;

use super::report_view::{ReportPath, ReportView, report_view};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Pairs;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "actionplans/report.html")]
struct ReportPage {
    p: Chrome,
    v: ReportView,
    may_edit: bool,
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReportPath(s, year): ReportPath) -> AppResult<Response> {
    let v = report_view(&app, &ctx, &s, year).await?;
    let title = format!("{} {year} – {}", crate::i18n::text(ctx.lang, "actionplans.report"), s.title);
    let p = Chrome::new(&ctx, title);
    Ok(render(&ReportPage { p, v, may_edit: ctx.signed_in() })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, ReportPath(s, year): ReportPath) -> AppResult<Response> {
    Ok(Json(report_view(&app, &ctx, &s, year).await?).into_response())
}

#[derive(Template)]
#[template(path = "actionplans/readiness.html")]
struct ReadinessPage {
    p: Chrome,
    v: ReportView,
    may_write: bool,
    /// The area whose text was refused, with the text as typed.
    typed: Option<(i64, String)>,
}

impl ReadinessPage {
    /// What an area's text field shows: the refused text as typed, else the stored text.
    fn text_of(&self, area: &i64, stored: &Option<String>) -> String {
        match &self.typed {
            Some((id, text)) if id == area => text.clone(),
            _ => stored.clone().unwrap_or_default(),
        }
    }
}

pub async fn readiness_page(State(app): State<App>, ctx: Ctx, ReportPath(s, year): ReportPath) -> AppResult<Response> {
    ctx.require_user()?;
    readiness(&app, &ctx, &s, year, None, None).await
}

async fn readiness(
    app: &App,
    ctx: &Ctx,
    s: &Strategy,
    year: i32,
    invalid: Option<&domain::Invalid>,
    typed: Option<(i64, String)>,
) -> AppResult<Response> {
    let v = report_view(app, ctx, s, year).await?;
    let title = format!("{} {year} – {}", crate::i18n::text(ctx.lang, "actionplans.readiness"), s.title);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let may_write = ctx.require_strategy_owner().is_ok();
    Ok((status, render(&ReadinessPage { p, v, may_write, typed })?).into_response())
}

pub async fn readiness_api(State(app): State<App>, ctx: Ctx, ReportPath(s, year): ReportPath) -> AppResult<Response> {
    ctx.require_user()?;
    let v = report_view(&app, &ctx, &s, year).await?;
    let areas: Vec<_> = v
        .areas
        .iter()
        .map(|a| {
            serde_json::json!({
                "id": a.id, "title": a.title, "has_text": a.text.is_some(),
                "activities_missing_followup": a.missing_followup.iter().map(|x| serde_json::json!({"id": x.id, "title": x.title, "plan_id": x.plan_id})).collect::<Vec<_>>(),
                "indicators_missing_value": a.missing_values,
            })
        })
        .collect();
    Ok(Json(serde_json::json!({"year": v.year, "readiness": v.readiness, "areas": areas})).into_response())
}

/// `{id}/rapport/{year}/omraden/{node}`: the report of a year and one of the strategy's nodes.
pub struct AreaPath(pub Strategy, pub i32, pub i64);

impl FromRequestParts<App> for AreaPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let node: i64 = crate::extract::path_id(parts, "node").await?;
        let ReportPath(s, year) = ReportPath::from_request_parts(parts, app).await?;
        if s.node(node).is_none_or(|n| n.parent_id.is_some()) {
            return Err(AppError::NotFound);
        }
        Ok(AreaPath(s, year, node))
    }
}

/// The operation: a strategy owner sets (or with an empty text removes) an area's text.
pub async fn save_text(app: &App, ctx: &Ctx, s: &Strategy, year: i32, node: i64, text: &str) -> AppResult<()> {
    ctx.require_strategy_owner()?;
    let text = domain::text::optional_multiline("text", text, domain::actionplans::readiness::TEXT_MAX)
        .map_err(domain::Invalid::one)?
        .unwrap_or_default();
    app.store.save_report_text(s.id, year, node, &text, &ctx.actor()).await?;
    Ok(())
}

pub async fn text_post(
    State(app): State<App>,
    ctx: Ctx,
    AreaPath(s, year, node): AreaPath,
    form: Pairs,
) -> AppResult<Response> {
    ctx.require_strategy_owner()?;
    match save_text(&app, &ctx, &s, year, node, &form.get("text")).await {
        Ok(()) => Ok(Redirect::to(&format!("/strategier/{}/rapport/{year}/status?klart=sparat#omrade-{node}", s.id))
            .into_response()),
        Err(e) => {
            // The page has a text field per area: the error goes to this area's.
            let mut invalid = crate::forms::reshown(e)?;
            for e in &mut invalid.0 {
                e.field = format!("text_{node}");
            }
            readiness(&app, &ctx, &s, year, Some(&invalid), Some((node, form.get("text")))).await
        }
    }
}

pub async fn text_api(
    State(app): State<App>,
    ctx: Ctx,
    AreaPath(s, year, node): AreaPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_strategy_owner()?;
    let mut j = JsonInput::parse(&headers, &body, &["text"])?;
    let text = j.str("text");
    j.finish()?;
    save_text(&app, &ctx, &s, year, node, &text).await?;
    let v = report_view(&app, &ctx, &s, year).await?;
    let area = v.areas.into_iter().find(|a| a.id == node).ok_or(AppError::NotFound)?;
    Ok(Json(serde_json::json!({"id": area.id, "title": area.title, "text": area.text, "readiness": v.readiness}))
        .into_response())
}
