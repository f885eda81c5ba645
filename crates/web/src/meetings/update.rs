//! Changing a meeting's time, place and officers (those who prepare it, until the protocol is
//! submitted): the operation, the form and the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::meetings::MeetingInput;
use store::meetings::Meeting;

use super::access::require_prepare;
use super::form::{self, MeetingForm};
use super::parts::{Choice, people_choices};
use super::path::MeetingPath;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Input;
use crate::forms::reshown;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

/// The operation: replaces the meeting's details; calendar clients see a new sequence.
pub async fn update(app: &App, ctx: &Ctx, m: &Meeting, input: &MeetingInput) -> AppResult<Meeting> {
    require_prepare(app, ctx, m).await?;
    app.store.update_meeting(m.id, input, &ctx.actor()).await?;
    app.store.meeting(m.id).await?.ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct EditPage {
    p: Chrome,
    m: Meeting,
    f: MeetingForm,
    members: Vec<Choice>,
    others: Vec<Choice>,
}

async fn page(app: &App, ctx: &Ctx, m: Meeting, f: MeetingForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    let (p, status) =
        Chrome::new(ctx, format!("{} – {} {}", i18n::text(ctx.lang, "meeting.edit"), m.body_name, m.date))
            .form(invalid);
    let (members, others) = people_choices(app, m.body_id, f.day(app.store.today())).await?;
    Ok((status, render(&EditPage { p, m, f, members, others })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let f = MeetingForm::of(&m);
    page(&app, &ctx, m, f, None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    Input(f): Input<MeetingForm>,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &m, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(m) => Ok(Redirect::to(&format!("/moten/{}?klart=sparat", m.id)).into_response()),
        Err(e) => page(&app, &ctx, m, f, Some(&reshown(e)?)).await,
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
    let input = form::parse_json(&headers, &body)?;
    Ok(Json(update(&app, &ctx, &m, &input).await?).into_response())
}
