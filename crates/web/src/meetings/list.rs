//! Finding meetings: the overview (upcoming, recent, a chosen year, and the protocols waiting
//! for adjustment for those who prepare them), a body's meetings of a year with the form to
//! create one, and the JSON list.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::ids::BodyId;
use domain::meetings::MeetingStatus;
use domain::{FieldError, Invalid};
use serde_json::json;
use store::meetings::Meeting;
use store::structure::Body;
use time::{Date, Duration};

use super::access::{can_create, can_prepare};
use super::form::MeetingForm;
use super::parts::{Choice, Row, people_choices, rows};
use super::path::BodyPath;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::id;
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "meetings/overview.html")]
struct OverviewPage {
    p: Chrome,
    bodies: Vec<Body>,
    body: String,
    year: String,
    /// The meetings of the chosen year, when a year is chosen.
    of_year: Option<Vec<Row>>,
    upcoming: Vec<Row>,
    recent: Vec<Row>,
    /// Protocols waiting for adjustment, for those who prepare meetings.
    waiting: Option<Vec<Row>>,
}

pub async fn overview(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let t = app.store.today();
    let body: Option<BodyId> =
        query_value(&ctx.query, "organ").filter(|v| !v.is_empty()).map(|v| id(&v)).transpose()?;
    let year = query_value(&ctx.query, "ar").filter(|v| !v.is_empty());
    let year_n = match &year {
        Some(y) => Some(year_field(y)?),
        None => None,
    };
    let of_body =
        |ms: Vec<Meeting>| -> Vec<Meeting> { ms.into_iter().filter(|m| body.is_none_or(|b| m.body_id == b)).collect() };
    let (of_year, upcoming, recent) = match year_n {
        Some(y) => {
            let (from, to) = year_bounds(y);
            (Some(rows(of_body(app.store.meetings_between(from, to).await?), ctx.lang, t)), vec![], vec![])
        }
        None => {
            let up = of_body(app.store.meetings_between(t, t + Duration::days(60)).await?);
            let mut past = of_body(app.store.meetings_between(t - Duration::days(60), t - Duration::days(1)).await?);
            past.reverse();
            (None, rows(up, ctx.lang, t), rows(past, ctx.lang, t))
        }
    };
    let waiting = waiting_protocols(&app, &ctx, t).await?;
    let page = OverviewPage {
        p: Chrome::new(&ctx, i18n::text(ctx.lang, "meeting.overview_title")),
        bodies: app.store.all_bodies().await?,
        body: body.map(|b| b.to_string()).unwrap_or_default(),
        year: year.unwrap_or_default(),
        of_year,
        upcoming,
        recent,
        waiting,
    };
    Ok(render(&page)?.into_response())
}

/// The protocols not yet adjusted that the user prepares: those late (rule 15: 14 days after
/// the meeting) and those still within the deadline. `None` for those who prepare nothing.
async fn waiting_protocols(app: &App, ctx: &Ctx, t: Date) -> AppResult<Option<Vec<Row>>> {
    let Some(u) = &ctx.user else { return Ok(None) };
    let late = app.store.late_protocols(t).await?;
    let days = domain::meetings::Deadlines::default().adjustment_days;
    let pending: Vec<Meeting> = app
        .store
        .meetings_between(t - Duration::days(days), t)
        .await?
        .into_iter()
        .filter(|m| matches!(m.status, MeetingStatus::Held | MeetingStatus::ProtocolDrafted) && !m.adjustment_late(t))
        .collect();
    let mut mine = Vec::new();
    for m in late.into_iter().chain(pending) {
        if can_prepare(app, ctx, &m).await? {
            mine.push(m);
        }
    }
    if mine.is_empty() && !u.is_admin {
        return Ok(None);
    }
    Ok(Some(rows(mine, ctx.lang, t)))
}

fn year_field(v: &str) -> Result<i32, FieldError> {
    v.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| FieldError::new("ar", "invalid_year", "Ange ett år, t.ex. 2026.", "Give a year, e.g. 2026."))
}

fn year_bounds(y: i32) -> (Date, Date) {
    let first = Date::from_calendar_date(y, time::Month::January, 1).unwrap_or(Date::MIN);
    let last = Date::from_calendar_date(y, time::Month::December, 31).unwrap_or(Date::MAX);
    (first, last)
}

#[derive(Template)]
#[template(path = "meetings/body.html")]
struct BodyPage {
    p: Chrome,
    b: Body,
    year: i32,
    rows: Vec<Row>,
    manage: bool,
    f: MeetingForm,
    members: Vec<Choice>,
    others: Vec<Choice>,
}

/// A body's meetings of `year`, with the form to create one for those who may (shown again
/// with the errors of a refused post, 422).
pub async fn body_page(
    app: &App,
    ctx: &Ctx,
    b: Body,
    year: i32,
    f: MeetingForm,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let (p, status) =
        Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, "meeting.body_title"), b.name)).form(invalid);
    let manage = can_create(app, ctx, b.id).await?;
    let (members, others) =
        if manage { people_choices(app, b.id, f.day(app.store.today())).await? } else { (Vec::new(), Vec::new()) };
    let page = BodyPage {
        p,
        rows: rows(app.store.body_meetings(b.id, Some(year)).await?, ctx.lang, app.store.today()),
        year,
        manage,
        f,
        members,
        others,
        b,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn body_meetings(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let year = match query_value(&ctx.query, "ar").filter(|v| !v.is_empty()) {
        Some(y) => year_field(&y)?,
        None => app.store.today().year(),
    };
    let f = MeetingForm { idempotency_key: crate::auth::new_secret(), ..MeetingForm::default() };
    body_page(&app, &ctx, b, year, f, None).await
}

fn date_param(field: &str, v: &Option<String>) -> AppResult<Option<Date>> {
    Ok(domain::structure::date(field, v.as_deref().unwrap_or(""))?)
}

/// Meetings between `from` and `to` (default: this year), of one body or all. The query is read
/// as the other lists read theirs (the first of repeated parameters), so that a malformed query
/// is a JSON error, never axum's plain-text rejection.
pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = |name: &str| query_value(&ctx.query, name);
    let today = app.store.today();
    let from = date_param("from", &q("from"))?.unwrap_or(today.replace_ordinal(1).unwrap_or(today));
    let to = date_param("to", &q("to"))?
        .unwrap_or(today.replace_month(time::Month::December).and_then(|d| d.replace_day(31)).unwrap_or(today));
    let body = match q("body_id").as_deref() {
        None | Some("") => None,
        Some(b) => Some(id::<BodyId>(b)?),
    };
    let items: Vec<Meeting> = app
        .store
        .meetings_between(from, to)
        .await?
        .into_iter()
        .filter(|m| body.is_none_or(|b| m.body_id == b))
        .collect();
    Ok(Json(json!({"items": items})).into_response())
}
