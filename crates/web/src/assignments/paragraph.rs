//! A protocol paragraph's assignment page (those who prepare the meeting): the assignments given
//! in it, the open ones it may report back, and the two forms — giving one and recording a
//! report back — whose posts `give` and `report` handle.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::assignments::{Assignment, AssignmentInput, ParagraphLink};
use domain::ids::MeetingId;
use domain::structure::{Body, BodyKind};
use serde::Deserialize;

use super::{ParagraphByNumber, ParagraphPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::meetings::access::require_prepare;
use crate::pages::{Chrome, render};

/// Refuses a caller who does not prepare the paragraph's meeting.
pub(super) async fn require_paragraph(app: &App, ctx: &Ctx, p: &ParagraphLink) -> AppResult<()> {
    let m = app.store.meeting(MeetingId(p.meeting_id)).await?.ok_or(AppError::NotFound)?;
    require_prepare(app, ctx, &m).await
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
    pub(super) fn parse(&self) -> Result<AssignmentInput, Invalid> {
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

/// The report-back form on a paragraph's page: which open assignment it presents.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub assignment_id: String,
}
