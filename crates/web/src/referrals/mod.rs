//! Referrals (remiss, issue 12): the drafter creates a referral from a case, divides the
//! referral version into sections (Markdown headings), chooses consultees (all of a kind in a
//! county in one step) and questions, and publishes it with its missiv; the public reads it at
//! `/remisser/{id}`; the consultee organisation's people (signed in, or through their personal
//! answer link) draft and submit its answer; the drafter follows the answers on the dashboard
//! (and as CSV), responds to every comment, reviews the personal data and publishes the
//! consultation report. Later versions of the document are compared with the referral version;
//! answers carry files; a referral open to everyone has an open form whose answers the drafter
//! moderates (ADR 52). The JSON API under `/api/v1/referrals` calls the same operations.

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use domain::ids::ConsulteeId;
use store::referrals::{Consultee, Referral};

use crate::App;
use crate::error::AppError;

pub use selection::organisations_in;

mod access;
mod answer;
mod attachments;
mod create;
mod dashboard;
mod drafting;
mod links;
mod list;
pub mod mail;
mod moderation;
mod open_form;
mod pdf;
mod report;
mod report_view;
mod selection;
mod show;
mod versions;

/// The registry number ("RJL 2024/3336") an answer's incoming document was registered with,
/// once it is: shown on the answer's page, the open form's receipt and the messages about it.
pub(crate) async fn registry_number(app: &App, a: &store::referrals::Answer) -> store::Result<Option<String>> {
    Ok(match a.case_document_id {
        Some(d) => app.store.case_document(domain::ids::CaseDocumentId(d)).await?.map(|d| d.full_number),
        None => None,
    })
}

/// The job kinds of referrals' messages (handlers in `jobs::handlers`).
pub const INVITATIONS: &str = "referral.invitations";
pub const RECEIPT: &str = "referral.receipt";
pub const MODERATION: &str = "referral.moderation";
pub const REMINDER: &str = "referral.reminder";
pub const REPORT_PUBLISHED: &str = "referral.report_published";

/// Where a drafter's step done sends the browser: the referral's `page` ("" for its own page,
/// "/redogorelse", "/moderering", "/svar") with the saved notice, at `anchor` when there is one.
fn saved(r: &Referral, page: &str, anchor: &str) -> Response {
    let anchor = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
    Redirect::to(&format!("/remisser/{}{page}?klart=sparat{anchor}", r.id)).into_response()
}

/// `{id}` in a route: the referral, loaded (404 when missing).
pub struct ReferralPath(pub Referral);
crate::path_entity!(ReferralPath, "id", |app, id| app.store.referral(id).await);

/// `{id}` of a consultee, whose answer the route concerns.
pub struct ConsulteePath(pub Consultee);
crate::path_entity!(ConsulteePath, "id", |app, id| app.store.referral_consultee(id).await);

/// `{id}/consultees/{consultee}` in the API: one of the referral's consultees (404 when
/// the consultee is another referral's).
pub struct AnswerPath(pub Consultee);

impl FromRequestParts<App> for AnswerPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let ReferralPath(r) = ReferralPath::from_request_parts(parts, app).await?;
        let id: ConsulteeId = crate::extract::path_id(parts, "consultee").await?;
        let k =
            app.store.referral_consultee(id).await?.filter(|k| k.referral_id == r.id.0).ok_or(AppError::NotFound)?;
        Ok(AnswerPath(k))
    }
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/remisser", get(list::page))
        .route("/diarium/{id}/remiss", get(create::form).post(create::form_post))
        .route("/remisser/{id}", get(show::page))
        .route("/remisser/{id}/avsnitt", post(drafting::sections_post))
        .route("/remisser/{id}/instanser", post(drafting::consultees_post))
        .route("/remisser/{id}/fragor", post(drafting::question_post))
        .route("/remisser/{id}/publicera", post(drafting::publish_post))
        .route("/remisser/{id}/svar", get(dashboard::page))
        .route("/remisser/{id}/svar.csv", get(dashboard::csv))
        .route("/remisser/{id}/svar.pdf", get(pdf::answers))
        .route("/remisser/{id}/instanser/{consultee}/aterkalla", post(links::revoke_post))
        .route("/remisser/{id}/redogorelse", get(report::page))
        .route("/remisser/{id}/redogorelse.pdf", get(pdf::report))
        .route("/remisser/{id}/bemotande", post(report::respond_post))
        .route("/remisser/{id}/granskning", post(report::review_post))
        .route("/remisser/{id}/redogorelse/andringar", post(report::changes_post))
        .route("/remisser/{id}/redogorelse/publicera", post(report::publish_post))
        .route("/remissvar/{id}", get(answer::page).post(answer::save_post))
        .route("/remissvar/{id}/synpunkter", post(answer::comment_post))
        .route("/remissvar/{id}/skicka", post(answer::submit_post))
        .route(
            "/remissvar/{id}/bilagor",
            post(attachments::attach_post).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route("/remissvar/{id}/bilagor/{file}", get(attachments::download))
        .route("/remissvar/{id}/bilagor/{file}/ta-bort", post(attachments::detach_post))
        .route("/remisser/{id}/versioner", post(versions::version_post))
        .route("/remisser/{id}/jamforelse", get(versions::page))
        .route(
            "/remisser/{id}/yttra",
            get(open_form::form).post(open_form::form_post).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route("/remisser/{id}/svarsbilagor/{file}", get(open_form::file_download))
        .route("/remisser/{id}/moderering", get(moderation::page))
        .route("/remisser/{id}/moderering/{answer}", post(moderation::moderate_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/referrals", get(list::api).post(create::api))
        .route("/referrals/{id}", get(show::api))
        .route("/referrals/{id}/sections", put(drafting::sections_api))
        .route("/referrals/{id}/questions", post(drafting::question_api))
        .route("/referrals/{id}/consultees", get(show::consultees_api).post(drafting::consultees_api))
        .route("/referrals/{id}/publication", post(drafting::publish_api))
        .route("/referrals/{id}/answers", get(dashboard::api))
        .route("/referrals/{id}/consultees/{consultee}/answer", get(answer::show_api).put(answer::save_api))
        .route("/referrals/{id}/consultees/{consultee}/answer/comments", post(answer::comment_api))
        .route("/referrals/{id}/consultees/{consultee}/answer/submission", post(answer::submit_api))
        .route("/referrals/{id}/consultees/{consultee}/answer-link", axum::routing::delete(links::revoke_api))
        .route("/referrals/{id}/comments/{comment}/response", put(report::respond_api))
        .route("/referrals/{id}/report", get(report::api))
        .route("/referrals/{id}/report/changes", put(report::changes_api))
        .route("/referrals/{id}/report/review", post(report::review_api))
        .route("/referrals/{id}/report/publication", post(report::publish_api))
        .route("/referrals/{id}/versions", get(versions::list_api).post(versions::create_api))
        .route("/referrals/{id}/versions/{version}/comparison", get(versions::comparison_api))
        .route(
            "/referrals/{id}/consultees/{consultee}/answer/files",
            post(attachments::attach_api).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route(
            "/referrals/{id}/consultees/{consultee}/answer/files/{file}",
            axum::routing::delete(attachments::detach_api),
        )
        .route(
            "/referrals/{id}/open-answers",
            get(moderation::list_api).post(open_form::api).layer(DefaultBodyLimit::max(crate::meetings::UPLOAD_LIMIT)),
        )
        .route("/referrals/{id}/open-answers/{answer}/moderation", post(moderation::moderate_api))
}
