//! The agenda (those who prepare the meeting, until it is held): adding, changing, removing
//! and moving items. Each write is one operation that the meeting page's forms and the API
//! both call; the agenda as JSON.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::meetings::AgendaItemInput;
use domain::{FieldError, Invalid};
use serde::Deserialize;
use serde_json::json;
use store::meetings::{AgendaItem, Meeting};

use super::access::require_prepare;
use super::items::{self, ItemForm, item_kinds};
use super::page::{Forms, back, meeting_page, presenter_names};

use super::path::{ItemId, MeetingPath};
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::forms::reshown;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

async fn find(app: &App, m: &Meeting, id: i64) -> AppResult<AgendaItem> {
    app.store.agenda(m.id).await?.into_iter().find(|a| a.id == id).ok_or(AppError::NotFound)
}

/// The meeting's item `id`, for those who prepare the meeting: 404 when it is not this
/// meeting's, checked before any input is read.
async fn prepared_item(app: &App, ctx: &Ctx, m: &Meeting, id: i64) -> AppResult<AgendaItem> {
    require_prepare(app, ctx, m).await?;
    find(app, m, id).await
}

/// The operation: adds an item at the end; a retry with the same idempotency key adds one.
pub async fn add(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    input: &AgendaItemInput,
    idempotency_key: Option<&str>,
) -> AppResult<AgendaItem> {
    require_prepare(app, ctx, m).await?;
    let id = app.store.add_agenda_item(m.id, input, &ctx.actor(), idempotency_key).await?;
    find(app, m, id).await
}

/// The operation: replaces the item's fields.
pub async fn update(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    item: &AgendaItem,
    input: &AgendaItemInput,
) -> AppResult<AgendaItem> {
    require_prepare(app, ctx, m).await?;
    app.store.update_agenda_item(m.id, item.id, input, &ctx.actor()).await?;
    find(app, m, item.id).await
}

/// The operation: removes the item.
pub async fn delete(app: &App, ctx: &Ctx, m: &Meeting, item: &AgendaItem) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.delete_agenda_item(m.id, item.id, &ctx.actor()).await?)
}

/// Which way an item moves in the agenda.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    fn parse(v: &str) -> Result<Direction, FieldError> {
        match v {
            "up" => Ok(Direction::Up),
            "down" => Ok(Direction::Down),
            _ => Err(FieldError::new("direction", "invalid_direction", "Välj upp eller ner.", "Choose up or down.")),
        }
    }
}

/// The operation: moves the item one place (nothing happens at either end).
pub async fn move_item(app: &App, ctx: &Ctx, m: &Meeting, item: &AgendaItem, to: Direction) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    let step = if to == Direction::Up { -1 } else { 1 };
    Ok(app.store.move_agenda_item(m.id, item.id, step, &ctx.actor()).await?)
}

// ---- the page face ----

pub async fn add_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    Input(f): Input<ItemForm>,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let result = match f.parse() {
        Ok(input) => add(&app, &ctx, &m, &input, f.key()).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(back(m.id, "punkt", "agenda")),
        Err(e) => meeting_page(&app, &ctx, m, Forms { item: f, ..Forms::default() }, Some(&reshown(e)?)).await,
    }
}

#[derive(Template)]
#[template(path = "meetings/item_form.html")]
struct ItemPage {
    p: Chrome,
    m: Meeting,
    item_id: i64,
    item: ItemForm,
    kinds: Vec<(&'static str, &'static str)>,
    /// People to suggest as presenters.
    people: Vec<String>,
}

async fn item_page(
    app: &App,
    ctx: &Ctx,
    m: Meeting,
    item_id: i64,
    item: ItemForm,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let title = format!("{} – {} {}", i18n::text(ctx.lang, "meeting.item_edit"), m.body_name, m.date);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let people = presenter_names(app, &m).await?;
    Ok((status, render(&ItemPage { p, m, item_id, item, kinds: item_kinds(ctx.lang), people })?).into_response())
}

pub async fn edit_form(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
) -> AppResult<Response> {
    let a = prepared_item(&app, &ctx, &m, item).await?;
    item_page(&app, &ctx, m, a.id, ItemForm::of(&a), None).await
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
    Input(f): Input<ItemForm>,
) -> AppResult<Response> {
    let a = prepared_item(&app, &ctx, &m, item).await?;
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &m, &a, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(back(m.id, "sparat", &format!("item-{}", a.id))),
        Err(e) => item_page(&app, &ctx, m, a.id, f, Some(&reshown(e)?)).await,
    }
}

pub async fn delete_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
) -> AppResult<Response> {
    let a = prepared_item(&app, &ctx, &m, item).await?;
    match delete(&app, &ctx, &m, &a).await {
        Ok(()) => Ok(back(m.id, "borttaget", "agenda")),
        Err(e) => meeting_page(&app, &ctx, m, Forms::default(), Some(&reshown(e)?)).await,
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    /// "up" or "down".
    pub direction: String,
}

/// An unknown direction is the error page; a refused move is shown on the meeting page.
pub async fn move_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
    Input(f): Input<MoveForm>,
) -> AppResult<Response> {
    let a = prepared_item(&app, &ctx, &m, item).await?;
    let to = Direction::parse(&f.direction)?;
    match move_item(&app, &ctx, &m, &a, to).await {
        Ok(()) => Ok(back(m.id, "sparat", &format!("item-{}", a.id))),
        Err(e) => meeting_page(&app, &ctx, m, Forms::default(), Some(&reshown(e)?)).await,
    }
}

// ---- the API face ----

pub async fn api_list(State(app): State<App>, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.agenda(m.id).await?})).into_response())
}

pub async fn api_add(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let input = items::parse_json(&headers, &body)?;
    let item = add(&app, &ctx, &m, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/meetings/{}/agenda/{}", m.id, item.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(item)).into_response())
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let a = prepared_item(&app, &ctx, &m, item).await?;
    let input = items::parse_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, &m, &a, &input).await?).into_response())
}

pub async fn api_delete(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
) -> AppResult<Response> {
    let a = prepared_item(&app, &ctx, &m, item).await?;
    delete(&app, &ctx, &m, &a).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
