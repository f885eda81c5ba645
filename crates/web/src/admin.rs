//! Administration: accounts and the audit log (browsable and filterable, as a page and as API).

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use store::accounts::User;
use store::audit::AuditFilter;
use time::macros::format_description;
use time::{Date, OffsetDateTime, Time};

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, query_value, render};

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage {
    p: Chrome,
    users: Vec<User>,
}

pub async fn index(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let users = app.store.users().await?;
    Ok(render(&IndexPage { p: Chrome::new(&ctx, crate::i18n::text(ctx.lang, "admin.title")), users })?.into_response())
}

/// The audit filters of a query string; dates are whole days in UTC, `to` inclusive.
fn audit_filter(query: &str) -> Result<AuditFilter, domain::Invalid> {
    let get = |n: &str| query_value(query, n).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut e = domain::error::Errors::new();
    let day = |field: &'static str, v: String| {
        Date::parse(&v, format_description!("[year]-[month]-[day]")).map_err(|_| {
            FieldError::new(field, "invalid_date", "Ange ett datum som ÅÅÅÅ-MM-DD.", "Give a date as YYYY-MM-DD.")
        })
    };
    let from = get("from").and_then(|v| e.check(day("from", v))).map(|d| OffsetDateTime::new_utc(d, Time::MIDNIGHT));
    let to = get("to")
        .and_then(|v| e.check(day("to", v)))
        .and_then(|d| d.next_day())
        .map(|d| OffsetDateTime::new_utc(d, Time::MIDNIGHT));
    let before_id = get("before").and_then(|v| {
        e.check(
            v.parse::<i64>()
                .map_err(|_| FieldError::new("before", "invalid_cursor", "Ogiltig sidmarkör.", "Invalid cursor.")),
        )
    });
    e.finish(|| AuditFilter {
        entity_type: get("entity_type"),
        entity_id: get("entity_id"),
        actor: get("actor"),
        action: get("action"),
        from,
        to,
        before_id,
    })
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    p: Chrome,
    events: Vec<crate::audit_words::AuditRow>,
    next: Option<String>,
    f_entity_type: String,
    f_actor: String,
    f_action: String,
    f_from: String,
    f_to: String,
}

pub async fn audit(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let get = |n: &str| query_value(&ctx.query, n).unwrap_or_default();
    let mut p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "admin.audit"));
    let filter = match audit_filter(&ctx.query) {
        Ok(f) => f,
        Err(i) => {
            p = p.with_errors(&i);
            AuditFilter::default()
        }
    };
    let page = app.store.audit_events(&filter, 50).await?;
    let next = page.next_cursor.map(|before| {
        let keep: Vec<String> = ["entity_type", "actor", "action", "from", "to"]
            .iter()
            .filter_map(|k| query_value(&ctx.query, k).map(|v| format!("{k}={}", crate::pages::url_encode(&v))))
            .collect();
        format!("/admin/logg?{}before={before}", keep.iter().map(|k| format!("{k}&")).collect::<String>())
    });
    let labels = app.store.audit_labels(&crate::audit_words::references(&page.items)).await?;
    Ok(render(&AuditPage {
        events: crate::audit_words::rows(page.items, &labels, ctx.lang),
        next,
        f_entity_type: get("entity_type"),
        f_actor: get("actor"),
        f_action: get("action"),
        f_from: get("from"),
        f_to: get("to"),
        p,
    })?
    .into_response())
}

/// `GET /api/v1/audit`: newest first; `next_cursor` is passed back as `before`.
pub async fn api_audit(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let filter = audit_filter(&ctx.query)?;
    Ok(Json(app.store.audit_events(&filter, 100).await?).into_response())
}

/// Formats a time for the audit page, in UTC.
pub fn fmt_time(t: &OffsetDateTime) -> String {
    t.format(format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC")).unwrap_or_default()
}
