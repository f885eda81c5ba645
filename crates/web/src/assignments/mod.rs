//! Assignments (uppdrag, seed 001 § 4.2.1, issue 11): from a protocol paragraph, those who
//! prepare the meeting give a group an assignment and record, in a later paragraph, where it
//! was reported back. Both bodies' pages list the public ones (`list::body_block`); overdue ones
//! are findings of both bodies (`store::structure::Snapshot::report`).

use axum::Router;
use axum::routing::{get, post};
use domain::assignments::{Assignment, ParagraphLink};

use crate::App;

mod give;
mod list;
mod paragraph;
mod report;

/// `{id}` in a route: the assignment, loaded (404 in the caller's format when missing).
pub struct AssignmentPath(pub Assignment);
crate::path_entity!(AssignmentPath, "id", |app, id| app.store.assignment(id).await);

/// `{pid}` in a route: a protocol paragraph, as an assignment refers to it.
pub struct ParagraphPath(pub ParagraphLink);
crate::path_entity!(ParagraphPath, "pid", |app, id| app.store.assignment_paragraph(id).await);

/// `{id}` and `{number}` in a route: the id of paragraph § `number` of meeting `id`.
pub struct ParagraphByNumber(pub i64);

impl axum::extract::FromRequestParts<App> for ParagraphByNumber {
    type Rejection = crate::error::AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, app: &App) -> Result<Self, Self::Rejection> {
        let meeting: i64 = crate::extract::path_id(parts, "id").await?;
        let number: i64 = crate::extract::path_id(parts, "number").await?;
        let pid = app.store.paragraph_id_by_number(meeting, number).await?;
        pid.map(ParagraphByNumber).ok_or(crate::error::AppError::NotFound)
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/paragrafer/{pid}/uppdrag", get(paragraph::page).post(give::form_post))
        .route("/paragrafer/{pid}/aterrapport", post(report::form_post))
        .route("/moten/{id}/protokoll/{number}/uppdrag", get(paragraph::by_number))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/assignments", get(list::api).post(give::api))
        .route("/assignments/{id}", get(list::api_one))
        .route("/assignments/{id}/report", post(report::api))
}
