//! The indicator form, shared by creating and editing: its fields as typed, the JSON body's
//! fields, and the page.

use askama::Template;
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use store::indicators::{IndicatorInput, RawIndicator, Source};

use crate::context::Ctx;
use crate::error::AppResult;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The form's fields: the definition's, and the idempotency key of a create.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct IndicatorForm {
    #[serde(flatten)]
    pub raw: RawIndicator,
    pub idempotency_key: String,
}

const FIELDS: &[&str] = &[
    "title",
    "unit",
    "description",
    "source",
    "kolada_kpi",
    "scb_table",
    "direction",
    "by_gender",
    "geography",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "published",
];

/// A number field that JSON may send as a number or as text.
fn text(j: &mut JsonInput, f: &str) -> String {
    match j.raw(f) {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => j.str(f),
    }
}

/// The same input from a JSON body: numbers as numbers or strings, flags as booleans.
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<IndicatorInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let flag = |b: Option<bool>| if b == Some(true) { "true".to_string() } else { String::new() };
    let raw = RawIndicator {
        title: j.str("title"),
        unit: j.str("unit"),
        description: j.str("description"),
        source: j.str("source"),
        kolada_kpi: j.str("kolada_kpi"),
        scb_table: j.str("scb_table"),
        direction: j.str("direction"),
        by_gender: flag(j.bool("by_gender")),
        geography: j.str("geography"),
        baseline_year: text(&mut j, "baseline_year"),
        baseline_value: text(&mut j, "baseline_value"),
        target_year: text(&mut j, "target_year"),
        target_value: text(&mut j, "target_value"),
        published: flag(j.bool("published")),
    };
    j.finish()?;
    Ok(IndicatorInput::parse(&raw)?)
}

#[derive(Template)]
#[template(path = "indicators/form.html")]
struct FormPage {
    p: Chrome,
    f: IndicatorForm,
    action: String,
    cancel: String,
    sources: Vec<(&'static str, &'static str)>,
}

/// Where the form posts, where "cancel" leads, and the page's title.
pub struct Target {
    pub title: String,
    pub action: String,
    pub cancel: String,
}

/// The form page, with the errors of a refused post next to their fields (422).
pub fn page(ctx: &Ctx, to: Target, f: IndicatorForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, to.title).form(invalid);
    let sources = Source::ALL.iter().map(|s| (s.as_str(), s.label(ctx.lang))).collect();
    let page = FormPage { p, f, action: to.action, cancel: to.cancel, sources };
    Ok((status, render(&page)?).into_response())
}
