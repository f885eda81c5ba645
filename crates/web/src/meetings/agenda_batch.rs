//! The agenda in minutes (issue 9): several items added from one list of titles, and the whole
//! order saved from the position numbers beside the items, each in one post that works without
//! JavaScript. The operations are called by the meeting page's forms and by the API.

use super::items::ManyForm;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::meetings::agenda_batch::{order_from_positions, titles_to_items};
use domain::meetings::{AgendaItemInput, ItemKind};
use domain::{FieldError, Invalid};
use serde_json::{Value, json};
use store::meetings::Meeting;

use super::access::require_prepare;
use super::page::{Forms, back, meeting_page};
use super::path::MeetingPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, Pairs, reshown};

/// The operation: adds `items` at the end of the agenda in one transaction; a retry with the
/// same idempotency key adds nothing.
pub async fn add_many(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    items: &[AgendaItemInput],
    idempotency_key: Option<&str>,
) -> AppResult<Vec<i64>> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.add_agenda_items(m.id, items, &ctx.actor(), idempotency_key).await?)
}

/// The operation: puts the agenda in `order` (item ids; those left out keep their order last).
pub async fn reorder(app: &App, ctx: &Ctx, m: &Meeting, order: &[i64]) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.reorder_agenda(m.id, order, &ctx.actor()).await?)
}

// ---- the page face ----

fn kind_of(v: &str) -> Result<ItemKind, Invalid> {
    ItemKind::parse(v).ok_or_else(|| {
        Invalid::one(FieldError::new(
            "many_kind",
            "invalid_kind",
            "Välj beslut, information, dialog eller anmälningsärenden.",
            "Choose decision, information, dialogue or reported matters.",
        ))
    })
}

pub async fn add_many_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    Input(f): Input<ManyForm>,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match kind_of(&f.kind).and_then(|k| titles_to_items(&f.titles, k)) {
        Ok(items) => add_many(&app, &ctx, &m, &items, key).await.map(|_| ()),
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(back(m.id, "punkt", "agenda")),
        Err(e) => meeting_page(&app, &ctx, m, Forms { many: f, ..Forms::default() }, Some(&reshown(e)?)).await,
    }
}

/// The order form: `position[id]` beside each item of the agenda as shown.
pub async fn reorder_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    pairs: Pairs,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let typed: Vec<(i64, String)> =
        app.store.agenda(m.id).await?.iter().map(|a| (a.id, pairs.get(&format!("position[{}]", a.id)))).collect();
    let fields: Vec<(i64, &str)> = typed.iter().map(|(id, v)| (*id, v.as_str())).collect();
    let result = match order_from_positions(&fields) {
        Ok(order) => reorder(&app, &ctx, &m, &order).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(back(m.id, "sparat", "agenda")),
        Err(e) => meeting_page(&app, &ctx, m, Forms { positions: typed, ..Forms::default() }, Some(&reshown(e)?)).await,
    }
}

// ---- the API face ----

/// `PUT /api/v1/meetings/{id}/agenda/order` with `{"items": [id, …]}`: the agenda in that order.
pub async fn api_reorder(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = crate::json::JsonInput::parse(&headers, &body, &["items"])?;
    let raw = j.raw("items");
    j.finish()?;
    let order: Option<Vec<i64>> = match raw {
        Some(Value::Array(v)) => v.iter().map(Value::as_i64).collect(),
        _ => None,
    };
    let Some(order) = order else {
        return Err(Invalid::one(FieldError::new(
            "items",
            "wrong_type",
            "Skicka en lista med punkternas id.",
            "Send a list of the items' ids.",
        ))
        .into());
    };
    reorder(&app, &ctx, &m, &order).await?;
    Ok((StatusCode::OK, Json(json!({"items": app.store.agenda(m.id).await?}))).into_response())
}
