//! Giving an assignment from a protocol paragraph (those who prepare the meeting): the
//! operation, the form's post and the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::assignments::{Assignment, AssignmentInput, ParagraphLink};

use super::ParagraphPath;
use super::paragraph::{GiveForm, ReportForm, paragraph_page, require_paragraph};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

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
