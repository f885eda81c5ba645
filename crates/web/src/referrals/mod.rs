//! Referrals (remiss, issue 12): the drafter creates a referral from a case, divides the
//! referral version into sections (Markdown headings), chooses consultees (all of a kind in a
//! county in one step) and questions, and publishes it with its missiv; the public reads it at
//! `/remisser/{id}`; the consultee organisation's people (signed in, or through their personal
//! answer link) draft and submit its answer; the drafter follows the answers on the dashboard
//! (and as CSV), responds to every comment, reviews the personal data and publishes the
//! consultation report.

use axum::Router;
use axum::routing::{get, post};
use store::referrals::{Consultee, Referral};

use crate::App;

mod access;
mod answer;
mod create;
mod dashboard;
mod drafting;
mod list;
pub mod mail;
mod report;
mod show;

/// The job kinds of referrals' messages (handlers in `jobs::handlers`).
pub const INVITATIONS: &str = "referral.invitations";
pub const RECEIPT: &str = "referral.receipt";
pub const REMINDER: &str = "referral.reminder";
pub const REPORT_PUBLISHED: &str = "referral.report_published";

/// `{id}` in a route: the referral, loaded (404 when missing).
pub struct ReferralPath(pub Referral);
crate::path_entity!(ReferralPath, "id", |app, id| app.store.referral(id).await);

/// `{id}` of a consultee, whose answer the route concerns.
pub struct ConsulteePath(pub Consultee);
crate::path_entity!(ConsulteePath, "id", |app, id| app.store.referral_consultee(id).await);

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
        .route("/remisser/{id}/redogorelse", get(report::page))
        .route("/remisser/{id}/bemotande", post(report::respond_post))
        .route("/remisser/{id}/granskning", post(report::review_post))
        .route("/remisser/{id}/redogorelse/publicera", post(report::publish_post))
        .route("/remissvar/{id}", get(answer::page).post(answer::save_post))
        .route("/remissvar/{id}/synpunkter", post(answer::comment_post))
        .route("/remissvar/{id}/skicka", post(answer::submit_post))
}
