//! An indicator's page: its definition and status with the figures behind it, the comparison
//! chart with its data table and text summary, the CSV of what the chart shows, and the
//! imports; the same as JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::indicators::{Gender, Geography};
use serde_json::json;
use store::indicators::{Assessment, ImportRecord, Indicator, Source};

use super::IndicatorPath;
use super::series::{Choice, Table, area_name};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, render, url_encode};

#[derive(Template)]
#[template(path = "indicators/show.html")]
struct ShowPage {
    p: Chrome,
    i: Indicator,
    source: &'static str,
    status: Option<(&'static str, &'static str)>,
    figures: Vec<(&'static str, String)>,
    svg: String,
    table: Table,
    cells: Vec<(i32, Vec<String>)>,
    summary: Vec<String>,
    areas: Vec<(String, String)>,
    chosen: String,
    genders: Vec<(&'static str, &'static str)>,
    gender: &'static str,
    csv_href: String,
    imports: Vec<ImportRecord>,
    replaced: usize,
    may_edit: bool,
}

fn pct(x: f64, lang: domain::error::Lang) -> String {
    format!("{} %", chart::line::number(x * 100.0, lang))
}

fn figures(i: &Indicator, a: &Option<Assessment>, lang: domain::error::Lang) -> Vec<(&'static str, String)> {
    let t = |k| crate::i18n::text(lang, k);
    let n = |v| chart::line::number(v, lang);
    let mut out = Vec::new();
    if let Some(a) = a {
        out.push((t("indicators.baseline"), format!("{} {} ({})", n(a.base.value), i.unit, a.base.year)));
        out.push((t("indicators.latest"), format!("{} {} ({})", n(a.latest.value), i.unit, a.latest.year)));
        out.push((t("indicators.observed_rate"), pct(a.observed_rate, lang)));
        if let Some(r) = a.required_rate {
            out.push((t("indicators.required_rate"), pct(r, lang)));
        }
    }
    if let Some(tg) = i.target {
        out.push((t("indicators.target"), format!("{} {} ({})", n(tg.value), i.unit, tg.year)));
    }
    out
}

pub async fn page(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::visible(&ctx, &i)?;
    let lang = ctx.lang;
    let s = app.store.indicator_status(&i).await?;
    let choice = Choice::of(&i, &ctx.query);
    let table = Table::load(&app, &i, &choice, lang).await?;
    let summary = table.summary(&i.unit, lang);
    let svg = chart::line::line_svg(&i.title, &summary.join(" "), &i.unit, &table.series(), lang);
    let cells = table
        .rows
        .iter()
        .map(|(y, c)| {
            let missing = crate::i18n::text(lang, "indicators.missing");
            (*y, c.iter().map(|v| v.map(|x| chart::line::number(x, lang)).unwrap_or_else(|| missing.into())).collect())
        })
        .collect();
    let mut areas: Vec<(String, String)> =
        app.store.indicator_geographies(i.id).await?.into_iter().map(|g| (area_name(&g, lang), g)).collect();
    areas.sort();
    let areas = areas.into_iter().map(|(name, code)| (code, name)).collect();
    let genders = if i.by_gender {
        Gender::ALL
            .iter()
            .map(|g| (g.code(), crate::i18n::text(lang, &format!("indicators.gender_{}", g.code().to_lowercase()))))
            .collect()
    } else {
        Vec::new()
    };
    let csv_href = format!(
        "/indikatorer/{}/varden.csv?omrade={}&kon={}",
        i.id,
        url_encode(choice.geography.as_str()),
        choice.gender.code()
    );
    let imports = app.store.indicator_imports(i.id).await?;
    let replaced = app.store.indicator_history(i.id).await?.len();
    let p = Chrome::new(&ctx, i.title.clone());
    let page = ShowPage {
        p,
        source: i.source.label(lang),
        status: s.assessment.map(|a| (a.progress.as_str(), a.progress.label(lang))),
        figures: figures(&i, &s.assessment, lang),
        svg,
        table,
        cells,
        summary,
        areas,
        chosen: choice.geography.as_str().to_string(),
        genders,
        gender: choice.gender.code(),
        csv_href,
        imports,
        replaced,
        may_edit: ctx.is_admin(),
        i,
    };
    Ok(render(&page)?.into_response())
}

/// The CSV of what the chart shows (the same choice of area and gender).
pub async fn csv(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::visible(&ctx, &i)?;
    let choice = Choice::of(&i, &ctx.query);
    let table = Table::load(&app, &i, &choice, ctx.lang).await?;
    let mut rows = table.csv(ctx.lang);
    if i.source == Source::Kolada {
        rows.push(vec![crate::i18n::text(ctx.lang, "indicators.attribution_kolada").to_string()]);
    }
    let name = format!("indikator-{}-{}-{}.csv", i.id, choice.geography.as_str(), choice.gender.code());
    Ok(crate::csv::response(&name, &rows))
}

pub async fn api(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::visible(&ctx, &i)?;
    let s = app.store.indicator_status(&i).await?;
    let imports = app.store.indicator_imports(i.id).await?;
    Ok(Json(json!({"indicator": i, "latest": s.latest, "assessment": s.assessment, "imports": imports}))
        .into_response())
}

/// `GET /api/v1/indicators/{id}/values?geography=0680&gender=T`: one area's series (the
/// indicator's own area by default).
pub async fn values_api(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::visible(&ctx, &i)?;
    let q = |n: &str| crate::pages::query_value(&ctx.query, n);
    let geography = match q("geography") {
        Some(g) => Geography::parse("geography", &g).map_err(|e| AppError::Invalid(e.into()))?,
        None => i.geography.clone(),
    };
    let gender = match q("gender") {
        Some(g) => Gender::parse("gender", &g).map_err(|e| AppError::Invalid(e.into()))?,
        None => Gender::Total,
    };
    let values = app.store.indicator_series(i.id, &[&geography], gender).await?;
    Ok(Json(json!({"geography": geography, "gender": gender, "items": values})).into_response())
}
