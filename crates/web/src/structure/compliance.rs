//! Compliance with the representation rules: the dashboard of all bodies and a body's report.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::reference::{self, County};
use domain::structure::{Finding, Report};
use serde_json::{Value, json};
use store::structure::Body;
use time::Date;

use super::BodyPath;
use super::at_date;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "structure/compliance.html")]
struct CompliancePage {
    p: Chrome,
    at: Date,
    rows: Vec<(Body, Report)>,
    county: String,
    counties: &'static [County],
    total_findings: usize,
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let at = at_date(&ctx.query, app.store.today())?;
    let county = query_value(&ctx.query, "county").filter(|c| !c.is_empty());
    let snapshot = app.store.snapshot(at).await?;
    let mut rows: Vec<(Body, Report)> = snapshot
        .bodies
        .iter()
        .filter(|b| county.as_ref().is_none_or(|c| b.county_code.as_ref() == Some(c)))
        .map(|b| (b.clone(), snapshot.report(b)))
        // A body without rules still shows when a protocol is late or its term's seats end.
        .filter(|(b, r)| !b.rules.is_empty() || !r.compliant)
        .collect();
    rows.sort_by_key(|(b, r)| (r.compliant, b.county_code.clone(), domain::text::search_key(&b.name)));
    let total_findings = rows.iter().map(|(_, r)| r.findings.len()).sum();
    let p = Chrome::new(&ctx, i18n::text(ctx.lang, "compliance.title"));
    Ok(render(&CompliancePage {
        p,
        at,
        rows,
        county: county.unwrap_or_default(),
        counties: reference::counties(),
        total_findings,
    })?
    .into_response())
}

fn report_json(r: &Report, lang: Lang) -> Value {
    json!({
        "compliant": r.compliant,
        "findings": r.findings.iter().map(|f: &Finding| json!({
            "rule": f.rule, "message": f.message(lang), "message_sv": f.sv, "message_en": f.en,
            "organisation_id": f.organisation_id,
        })).collect::<Vec<_>>(),
    })
}

pub async fn api_body(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let at = at_date(&ctx.query, app.store.today())?;
    let report = app.store.body_snapshot(b.id, at).await?.report(&b);
    let mut j = report_json(&report, ctx.lang);
    j["at"] = json!(at.to_string());
    Ok(Json(j).into_response())
}

/// Every body with rules and its report on a day.
pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let at = at_date(&ctx.query, app.store.today())?;
    let snapshot = app.store.snapshot(at).await?;
    let items: Vec<Value> = snapshot
        .bodies
        .iter()
        .map(|b| (b, snapshot.report(b)))
        .filter(|(b, r)| !b.rules.is_empty() || !r.compliant)
        .map(|(b, r)| {
            let mut j = report_json(&r, ctx.lang);
            j["body_id"] = json!(b.id);
            j["name"] = json!(b.name);
            j
        })
        .collect();
    Ok(Json(json!({"at": at.to_string(), "items": items, "next_cursor": null})).into_response())
}
