//! Importing an indicator's values (the region's strategy owners): upload a file and choose its
//! format; the dry run shows how many values are new, changed or unchanged, the first values and
//! every bad row; the apply reads the same text again and writes all of it or nothing. The API:
//! `POST /api/v1/indicators/{id}/imports?format=…&file_name=…[&dry_run=true]` with the file as
//! the body.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::error::Lang;
use domain::indicators::import::{Expect, RowError};
use domain::{FieldError, Invalid};
use serde::Deserialize;
use serde_json::json;
use store::indicators::{Format, ImportRecord, Indicator, Parsed};

use super::IndicatorPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::pages::{Chrome, render};

/// What a dry run found.
pub struct Preview {
    pub parsed: Parsed,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
}

fn read(i: &Indicator, format: Format, text: &str) -> Result<Parsed, Vec<RowError>> {
    domain::indicators::read::parse(format, text, Expect { kolada_kpi: i.kolada_kpi.as_deref() })
}

/// The operation of the dry run: nothing is written.
pub async fn dry_run(
    app: &App,
    ctx: &Ctx,
    i: &Indicator,
    format: Format,
    text: &str,
) -> AppResult<Result<Preview, Vec<RowError>>> {
    super::require_owner(ctx)?;
    Ok(match read(i, format, text) {
        Ok(parsed) => {
            let (new, changed, unchanged) = app.store.indicator_import_counts(i.id, &parsed).await?;
            Ok(Preview { parsed, new, changed, unchanged })
        }
        Err(e) => Err(e),
    })
}

/// The operation of the import: the file read again, then all of its values or none.
pub async fn apply(
    app: &App,
    ctx: &Ctx,
    i: &Indicator,
    format: Format,
    file_name: &str,
    text: &str,
    key: Option<&str>,
) -> AppResult<Result<ImportRecord, Vec<RowError>>> {
    super::require_owner(ctx)?;
    let parsed = match read(i, format, text) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let name = file_name.trim().chars().take(200).collect::<String>();
    let name = if name.is_empty() {
        format!("{}.{}", format.as_str(), if format == Format::Csv { "csv" } else { "json" })
    } else {
        name
    };
    Ok(Ok(app.store.import_indicator_values(i.id, format, &name, &parsed, &ctx.actor(), key).await?))
}

#[derive(Template)]
#[template(path = "indicators/import.html")]
struct UploadPage {
    p: Chrome,
    i: Indicator,
    formats: Vec<(&'static str, &'static str)>,
    format: String,
    row_errors: Vec<(usize, String, String)>,
}

fn formats(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Format::ALL.iter().map(|f| (f.as_str(), f.label(lang))).collect()
}

fn row_errors(errors: &[RowError], lang: Lang) -> Vec<(usize, String, String)> {
    errors.iter().take(500).map(|(n, e)| (*n, e.field.clone(), e.message(lang).to_string())).collect()
}

fn upload(
    ctx: &Ctx,
    i: Indicator,
    format: String,
    errors: &[RowError],
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let title = format!("{}: {}", crate::i18n::text(ctx.lang, "indicators.import"), i.title);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let status = if errors.is_empty() { status } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = UploadPage { p, formats: formats(ctx.lang), format, row_errors: row_errors(errors, ctx.lang), i };
    Ok((status, render(&page)?).into_response())
}

pub async fn upload_page(ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let format = if i.kolada_kpi.is_some() { "kolada" } else { "csv" }.to_string();
    upload(&ctx, i, format, &[], None)
}

#[derive(Template)]
#[template(path = "indicators/dry_run.html")]
struct DryRunPage {
    p: Chrome,
    i: Indicator,
    format: String,
    file_name: String,
    data: String,
    key: String,
    values: usize,
    missing: usize,
    new: usize,
    changed: usize,
    unchanged: usize,
    next_page: Option<String>,
    first: Vec<(String, i32, &'static str, String)>,
}

pub async fn dry_run_post(
    State(app): State<App>,
    ctx: Ctx,
    IndicatorPath(i): IndicatorPath,
    req: axum::extract::Request,
) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let form = crate::upload::read_request(req, &app).await?;
    let format_text = form.get("format");
    let format = Format::parse(&format_text);
    let text = form.text_file(super::UPLOAD_LIMIT);
    let mut problems = Vec::new();
    if let Err(e) = &format {
        problems.push(e.clone());
    }
    let text = match text {
        None => {
            problems.push(FieldError::new(
                "file",
                "file_required",
                "Välj en fil att ladda upp.",
                "Choose a file to upload.",
            ));
            None
        }
        Some(Err(e)) => {
            problems.extend(e.0);
            None
        }
        Some(Ok(t)) => Some(t),
    };
    let (Ok(format), Some(text)) = (format, text) else {
        return upload(&ctx, i, format_text, &[], Some(&Invalid(problems)));
    };
    let file_name = form.file_name().map(domain::meetings::attachment::safe_file_name).unwrap_or_default();
    match dry_run(&app, &ctx, &i, format, &text).await? {
        Err(errors) => upload(&ctx, i, format_text, &errors, None),
        Ok(pv) => {
            let lang = ctx.lang;
            let first = pv
                .parsed
                .observations
                .iter()
                .take(20)
                .map(|o| {
                    let v = o
                        .value
                        .map(|x| chart::line::number(x, lang))
                        .unwrap_or_else(|| crate::i18n::text(lang, "indicators.missing").into());
                    (super::series::area_name(o.geography.as_str(), lang), o.year, o.gender.code(), v)
                })
                .collect();
            let title = crate::i18n::text(lang, "indicators.dry_run_title");
            let page = DryRunPage {
                p: Chrome::new(&ctx, title),
                format: format.as_str().into(),
                file_name,
                data: text,
                key: crate::auth::new_secret(),
                values: pv.parsed.observations.len(),
                missing: pv.parsed.observations.iter().filter(|o| o.value.is_none()).count(),
                new: pv.new,
                changed: pv.changed,
                unchanged: pv.unchanged,
                next_page: pv.parsed.next_page,
                first,
                i,
            };
            Ok(render(&page)?.into_response())
        }
    }
}

/// The apply form: the dry run's text sent back with its format and name.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApplyForm {
    format: String,
    file_name: String,
    data: String,
    idempotency_key: String,
}

pub async fn apply_post(
    State(app): State<App>,
    ctx: Ctx,
    IndicatorPath(i): IndicatorPath,
    Input(f): Input<ApplyForm>,
) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let format = match Format::parse(&f.format) {
        Ok(x) => x,
        Err(e) => return upload(&ctx, i, f.format, &[], Some(&reshown(AppError::Invalid(e.into()))?)),
    };
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    match apply(&app, &ctx, &i, format, &f.file_name, &f.data, key).await? {
        Ok(_) => Ok(Redirect::to(&format!("/indikatorer/{}", i.id)).into_response()),
        Err(errors) => upload(&ctx, i, f.format, &errors, None),
    }
}

/// The 422 body of a refused file: the error, and each bad row with its field and message.
fn rows_body(errors: &[RowError], lang: Lang) -> Response {
    let rows: Vec<_> = errors
        .iter()
        .map(|(n, e)| json!({"row": n, "field": e.field, "code": e.code, "message": e.message(lang)}))
        .collect();
    let message = match lang {
        Lang::Sv => "Filen har fel rader; inget har sparats.",
        Lang::En => "The file has bad rows; nothing was saved.",
    };
    let body = json!({"error": {"code": "invalid_rows", "message": message, "field": "file"}, "rows": rows});
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    IndicatorPath(i): IndicatorPath,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let q = |n: &str| crate::pages::query_value(&ctx.query, n).unwrap_or_default();
    let format = Format::parse(&q("format")).map_err(|e| AppError::Invalid(e.into()))?;
    let text = std::str::from_utf8(&body).map_err(|_| {
        AppError::Invalid(
            FieldError::new("file", "not_utf8", "Filen är inte UTF-8-kodad text.", "The file is not UTF-8 text.")
                .into(),
        )
    })?;
    if q("dry_run") == "true" {
        return Ok(match dry_run(&app, &ctx, &i, format, text).await? {
            Ok(pv) => Json(json!({"dry_run": true, "values": pv.parsed.observations.len(), "new": pv.new, "changed": pv.changed, "unchanged": pv.unchanged, "next_page": pv.parsed.next_page})).into_response(),
            Err(errors) => rows_body(&errors, ctx.lang),
        });
    }
    let key = crate::json::idempotency_key(&headers);
    Ok(match apply(&app, &ctx, &i, format, &q("file_name"), text, key).await? {
        Ok(record) => (StatusCode::CREATED, Json(record)).into_response(),
        Err(errors) => rows_body(&errors, ctx.lang),
    })
}
