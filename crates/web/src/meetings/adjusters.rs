//! Electing the protocol's adjusters (those who prepare the meeting, until the protocol is
//! submitted): the operation, the form on the meeting page and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use domain::ids::PersonId;
use store::meetings::Meeting;

use super::access::require_prepare;
use super::page::{Forms, back, meeting_page};
use super::path::MeetingPath;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Pairs;
use crate::forms::reshown;
use crate::json::JsonInput;

/// The operation: the adjusters in the order given, each person once (the first generated
/// paragraph names them).
pub async fn set_adjusters(app: &App, ctx: &Ctx, m: &Meeting, people: &[PersonId]) -> AppResult<Meeting> {
    require_prepare(app, ctx, m).await?;
    let mut once: Vec<PersonId> = Vec::with_capacity(people.len());
    for p in people {
        if !once.contains(p) {
            once.push(*p);
        }
    }
    app.store.set_adjusters(m.id, &once, &ctx.actor()).await?;
    app.store.meeting(m.id).await?.ok_or(AppError::NotFound)
}

/// The check boxes `adjusters`; a value that is not an id is the error page.
pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    pairs: Pairs,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let people = pairs
        .all("adjusters")
        .iter()
        .map(|v| {
            v.trim().parse::<i64>().ok().filter(|n| *n > 0).map(PersonId).ok_or_else(|| {
                FieldError::new("adjusters", "invalid_id", "Välj personer i listan.", "Choose people from the list.")
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    match set_adjusters(&app, &ctx, &m, &people).await {
        Ok(_) => Ok(back(m.id, "sparat", "adjusters")),
        Err(e) => meeting_page(&app, &ctx, m, Forms::default(), Some(&reshown(e)?)).await,
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["adjusters"])?;
    let people: Vec<PersonId> = j.ids("adjusters").into_iter().map(PersonId).collect();
    j.finish()?;
    Ok(Json(set_adjusters(&app, &ctx, &m, &people).await?).into_response())
}
