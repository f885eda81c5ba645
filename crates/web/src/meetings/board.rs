//! The notice board (anslagstavla, KL 8 kap. 9–12 §): notices of adjusted protocols while the
//! appeal period runs, the archive of those taken down, an Atom feed, and the same as JSON.
//! Public, and one query per page.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::meetings::Announcement;

use super::path::AnnouncementPath;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "board/list.html")]
struct BoardPage {
    p: Chrome,
    items: Vec<Announcement>,
}

pub async fn board(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let items = app.store.notice_board(app.store.today()).await?;
    let p = Chrome::new(&ctx, i18n::text(ctx.lang, "board.title"));
    Ok(render(&BoardPage { p, items })?.into_response())
}

#[derive(Template)]
#[template(path = "board/show.html")]
struct ShowPage {
    p: Chrome,
    a: Announcement,
    current: bool,
}

pub async fn show(State(app): State<App>, ctx: Ctx, AnnouncementPath(a): AnnouncementPath) -> AppResult<Response> {
    let today = app.store.today();
    let current = a.posted_on.is_some_and(|d| d <= today) && a.takedown_on.is_some_and(|d| d > today);
    let p = Chrome::new(&ctx, format!("{} – {} {}", i18n::text(ctx.lang, "board.notice"), a.body_name, a.meeting_date));
    Ok(render(&ShowPage { p, a, current })?.into_response())
}

/// The notices up today as an Atom feed. Ids are `tag:` URIs, which stay the same whatever
/// address the site is reached at; links are absolute, as feed readers need (RFC 4287 4.2.7).
pub async fn feed(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let site = &app.config.site_url;
    let items = app.store.notice_board(app.store.today()).await?;
    let lang = ctx.lang;
    let t = |k| i18n::text(lang, k);
    let entries = items
        .iter()
        .map(|a| feeds::atom::Entry {
            id: format!("tag:samverkan,2024:anslagstavla/{}", a.id),
            title: format!("{} {} {}", t("board.notice_of"), a.body_name, a.meeting_date),
            url: format!("{site}/anslagstavla/{}", a.id),
            updated: a.updated_at,
            published: Some(a.created_at),
            summary: format!(
                "{}: {}. {}: {}. {}: {}. {}: {}. {}: {}. {}: {}.",
                t("board.paragraphs"),
                a.paragraphs,
                t("board.adjusted_on"),
                a.adjusted_on,
                t("board.posted_on"),
                a.posted_on.map(|d| d.to_string()).unwrap_or_default(),
                t(if a.appeal.appealable() { "board.appeal_deadline" } else { "board.appeal" }),
                match a.appeal.appealable() {
                    true => a.appeal_deadline.map(|d| d.to_string()).unwrap_or_default(),
                    false => t("board.no_decision_power").to_string(),
                },
                t("board.takedown_on"),
                a.takedown_on.map(|d| d.to_string()).unwrap_or_default(),
                t("board.kept_at"),
                a.kept_at
            ),
            author: Some(a.body_name.clone()),
        })
        .collect();
    let updated = items.iter().map(|a| a.updated_at).max().unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let body = feeds::atom::write(&feeds::atom::Feed {
        id: "tag:samverkan,2024:anslagstavla",
        title: t("board.mark"),
        subtitle: Some(t("board.intro")),
        self_url: &format!("{site}/anslagstavla.atom"),
        alternate_url: &format!("{site}/anslagstavla"),
        updated,
        lang: lang.code(),
        entries,
    });
    Ok(([(axum::http::header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body).into_response())
}

const PAGE: i64 = 20;

#[derive(Template)]
#[template(path = "board/archive.html")]
struct ArchivePage {
    p: Chrome,
    items: Vec<Announcement>,
    year: String,
    next: Option<String>,
    prev: Option<String>,
}

pub async fn archive(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let year_raw = query_value(&ctx.query, "ar").unwrap_or_default();
    let year: Option<i32> = match year_raw.trim() {
        "" => None,
        y => Some(y.parse().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(|| {
            AppError::from(domain::FieldError::new(
                "ar",
                "invalid_year",
                "Ange ett år med fyra siffror.",
                "Give a year with four digits.",
            ))
        })?),
    };
    let page: i64 = query_value(&ctx.query, "sida").and_then(|s| s.parse().ok()).filter(|n| *n >= 1).unwrap_or(1);
    let mut items = app.store.notice_archive(app.store.today(), year, PAGE + 1, (page - 1) * PAGE).await?;
    let more = items.len() as i64 > PAGE;
    items.truncate(PAGE as usize);
    let href = |n: i64| match year {
        Some(y) => format!("/anslagstavla/arkiv?ar={y}&sida={n}"),
        None => format!("/anslagstavla/arkiv?sida={n}"),
    };
    let p = Chrome::new(&ctx, i18n::text(ctx.lang, "board.archive"));
    Ok(render(&ArchivePage {
        p,
        items,
        year: year.map(|y| y.to_string()).unwrap_or_default(),
        next: more.then(|| href(page + 1)),
        prev: (page > 1).then(|| href(page - 1)),
    })?
    .into_response())
}

/// The notice board as JSON: announcements up today, with their dates as ISO dates.
pub async fn api(State(app): State<App>) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.notice_board(app.store.today()).await?})).into_response())
}

pub async fn api_show(AnnouncementPath(a): AnnouncementPath) -> Response {
    Json(a).into_response()
}
