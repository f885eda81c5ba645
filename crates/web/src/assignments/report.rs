//! Recording a report back: the paragraph where an assignment was presented (those who prepare
//! that paragraph's meeting). The operation, the form on the paragraph's assignment page and
//! the API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::FieldError;
use domain::Invalid;
use domain::assignments::{Assignment, ParagraphLink, ReportInput};

use super::paragraph::{GiveForm, ReportForm, paragraph_page, require_paragraph};
use super::{AssignmentPath, ParagraphPath};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;

/// The operation: assignment `a` was reported back in paragraph `para`.
pub async fn report(app: &App, ctx: &Ctx, a: &Assignment, para: &ParagraphLink) -> AppResult<Assignment> {
    require_paragraph(app, ctx, para).await?;
    let input = ReportInput { paragraph_id: para.paragraph_id };
    Ok(app.store.report_assignment(a.id, input, &ctx.actor()).await?)
}

fn no_such(field: &str) -> Invalid {
    Invalid::one(FieldError::new(field, "invalid_id", "Välj ett värde i listan.", "Choose a value from the list."))
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ParagraphPath(para): ParagraphPath,
    Input(r): Input<ReportForm>,
) -> AppResult<Response> {
    require_paragraph(&app, &ctx, &para).await?;
    let result = match domain::assignments::assignment::required_id("assignment_id", &r.assignment_id) {
        Ok(id) => match app.store.assignment(id).await? {
            Some(a) => report(&app, &ctx, &a, &para).await,
            None => Err(no_such("assignment_id").into()),
        },
        Err(e) => Err(Invalid::one(e).into()),
    };
    match result {
        Ok(a) => {
            Ok(Redirect::to(&format!("/paragrafer/{}/uppdrag?klart=sparat#a-{}", para.paragraph_id, a.id))
                .into_response())
        }
        Err(e) => {
            // The store names the paragraph; on this page the choice is the assignment's.
            let mut invalid = reshown(e)?;
            for f in &mut invalid.0 {
                if f.field == "paragraph_id" {
                    f.field = "assignment_id".into();
                }
            }
            let f = GiveForm { idempotency_key: crate::auth::new_secret(), ..Default::default() };
            paragraph_page(&app, &ctx, para, f, r, Some(&invalid)).await
        }
    }
}

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    AssignmentPath(a): AssignmentPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["paragraph_id"])?;
    let raw = j.id("paragraph_id").map(|i| i.to_string()).unwrap_or_default();
    j.finish()?;
    let input = ReportInput::parse(&raw)?;
    let para = app.store.assignment_paragraph(input.paragraph_id).await?.ok_or_else(|| no_such("paragraph_id"))?;
    Ok(Json(report(&app, &ctx, &a, &para).await?).into_response())
}
