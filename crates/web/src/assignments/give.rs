//! Giving an assignment from a protocol paragraph (those who prepare the meeting): the
//! operation, the paragraph's assignment page with its forms, and the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::assignments::{Assignment, AssignmentInput, ParagraphLink};
use domain::ids::MeetingId;
use domain::structure::{Body, BodyKind};
use serde::Deserialize;

use super::report::ReportForm;
use super::{ParagraphByNumber, ParagraphPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::meetings::access::require_prepare;
use crate::pages::{Chrome, render};

/// Refuses a caller who does not prepare the paragraph's meeting.
pub(super) async fn require_paragraph(app: &App, ctx: &Ctx, p: &ParagraphLink) -> AppResult<()> {
    let m = app.store.meeting(MeetingId(p.meeting_id)).await?.ok_or(AppError::NotFound)?;
    require_prepare(app, ctx, &m).await
}

/// The operation: the paragraph's group gives the assignment (the rule of § 4.2.1 in the
/// store's transaction). A retry with the same idempotency key returns the first.
pub async fn give(
    app: &App,
    ctx: &Ctx,
    p: &ParagraphLink,
    input: &AssignmentInput,
    key: Option<&str>,
) -> AppResult<Assignment> {
    require_paragraph(app, ctx, p).await?;
    let id = app.store.give_assignment(p.paragraph_id, input, &ctx.actor(), key).await?;
    app.store.assignment(id).await?.ok_or(AppError::NotFound)
}

/// The assignment form's fields, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GiveForm {
    pub assignee_id: String,
    pub what: String,
    pub due_on: String,
    pub report_how: String,
    pub idempotency_key: String,
}

impl GiveForm {
    fn parse(&self) -> Result<AssignmentInput, Invalid> {
        AssignmentInput::parse(&self.assignee_id, &self.what, &self.due_on, &self.report_how)
    }
}

#[derive(Template)]
#[template(path = "assignments/paragraph.html")]
struct ParagraphPage {
    p: Chrome,
    para: ParagraphLink,
    here: Vec<Assignment>,
    open: Vec<Assignment>,
    bodies: Vec<Body>,
    f: GiveForm,
    r: ReportForm,
    today: time::Date,
}

/// The paragraph's assignment page, with the give form (`f`) and the report-back form (`r`)
/// as typed; `invalid` is the error of the one that was posted.
pub(super) async fn paragraph_page(
    app: &App,
    ctx: &Ctx,
    para: ParagraphLink,
    f: GiveForm,
    r: ReportForm,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let here = app.store.paragraph_assignments(para.paragraph_id).await?;
    let mut open = app.store.open_assignments_of(para.body_id).await?;
    open.retain(|a| a.given_in.paragraph_id != para.paragraph_id && a.given_in.meeting_date <= para.meeting_date);
    let bodies = app
        .store
        .all_bodies()
        .await?
        .into_iter()
        .filter(|b| b.id != para.body_id && b.formal && !matches!(b.kind, BodyKind::Network))
        .collect();
    let title = format!("{} – § {}", crate::i18n::text(ctx.lang, "assignment.title"), para.number);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    Ok((status, render(&ParagraphPage { p, para, here, open, bodies, f, r, today: app.store.today() })?)
        .into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ParagraphPath(para): ParagraphPath) -> AppResult<Response> {
    require_paragraph(&app, &ctx, &para).await?;
    let f = GiveForm { idempotency_key: crate::auth::new_secret(), ..Default::default() };
    paragraph_page(&app, &ctx, para, f, ReportForm::default(), None).await
}

/// `/moten/{id}/protokoll/{number}/uppdrag`, the link from a published protocol's paragraph:
/// the paragraph's assignment page.
pub async fn by_number(ParagraphByNumber(pid): ParagraphByNumber) -> Response {
    Redirect::to(&format!("/paragrafer/{pid}/uppdrag")).into_response()
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ParagraphPath(para): ParagraphPath,
    Input(f): Input<GiveForm>,
) -> AppResult<Response> {
    require_paragraph(&app, &ctx, &para).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.parse() {
        Ok(input) => give(&app, &ctx, &para, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(a) => {
            Ok(Redirect::to(&format!("/paragrafer/{}/uppdrag?klart=skapat#a-{}", para.paragraph_id, a.id))
                .into_response())
        }
        Err(e) => paragraph_page(&app, &ctx, para, f, ReportForm::default(), Some(&reshown(e)?)).await,
    }
}

const FIELDS: &[&str] = &["paragraph_id", "assignee_id", "what", "due_on", "report_how"];

pub async fn api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, FIELDS)?;
    let paragraph = j.id("paragraph_id");
    let assignee = j.id("assignee_id").map(|i| i.to_string()).unwrap_or_default();
    let (what, due_on, how) = (j.str("what"), j.str("due_on"), j.str("report_how"));
    j.finish()?;
    let Some(paragraph) = paragraph else {
        return Err(Invalid::one(domain::FieldError::required("paragraph_id")).into());
    };
    let Some(para) = app.store.assignment_paragraph(paragraph).await? else {
        return Err(Invalid::one(domain::FieldError::new(
            "paragraph_id",
            "invalid_id",
            "Det finns ingen sådan paragraf.",
            "There is no such paragraph.",
        ))
        .into());
    };
    require_paragraph(&app, &ctx, &para).await?;
    let input = AssignmentInput::parse(&assignee, &what, &due_on, &how)?;
    let a = give(&app, &ctx, &para, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/assignments/{}", a.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(a)).into_response())
}
