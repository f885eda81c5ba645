//! Action plans and their follow-up (issue 13, ADR 51). The forums' plans `/handlingsplaner`
//! with focus areas and activities (status with "late" derived, progress, who is responsible,
//! links to the strategy's nodes and to indicators); follow-up rounds `/uppfoljningar` in which
//! a body asks the forums for their summaries by a date, each forum's answer form, and the
//! morning's reminders to forums that have not answered (`reminders`); and the annual report of
//! a strategy `/strategier/{id}/rapport/{year}` as HTML and tagged PDF, with the "% ready" view
//! while it is written. The JSON API under `/api/v1/action-plans` and
//! `/api/v1/strategies/{id}/report`.
//!
//! Who may do what (`access`): the region's strategy owners do everything; a forum's members
//! (and its secretary) edit their forum's plan and answer its follow-up; the asking body's
//! secretary opens a round; everyone reads what is published.

use axum::Router;
use axum::routing::{get, post};
use store::actionplans::{Plan, Round};

use crate::App;

mod access;
mod activity_form;
mod answer;
mod plan_form;
mod plans;
pub mod reminders;
mod report;
mod report_pdf;
mod report_view;
mod rounds;

/// `{id}`: a plan (404 in the caller's format; an unpublished plan is checked by `access`).
pub struct PlanPath(pub Plan);
crate::path_entity!(PlanPath, "id", |app, id| app.store.action_plan(id).await);

/// `{id}`: a follow-up round.
pub struct RoundPath(pub Round);
crate::path_entity!(RoundPath, "id", |app, id| app.store.followup_round(id).await);

pub fn routes() -> Router<App> {
    Router::new()
        .route("/handlingsplaner", get(plans::page).post(plan_form::create_post))
        .route("/handlingsplaner/ny", get(plan_form::create_form))
        .route("/handlingsplaner/{id}", get(plans::show))
        .route("/handlingsplaner/{id}/redigera", get(plan_form::update_form).post(plan_form::update_post))
        .route("/handlingsplaner/{id}/fokusomraden", post(plan_form::area_post))
        .route("/handlingsplaner/{id}/aktiviteter", post(activity_form::create_post))
        .route("/handlingsplaner/{id}/aktiviteter/ny", get(activity_form::create_form))
        .route(
            "/handlingsplaner/{id}/aktiviteter/{activity}",
            get(activity_form::update_form).post(activity_form::update_post),
        )
        .route("/uppfoljningar", get(rounds::page).post(rounds::create_post))
        .route("/uppfoljningar/ny", get(rounds::create_form))
        .route("/uppfoljningar/{id}", get(rounds::show))
        .route("/uppfoljningar/{id}/svar/{plan}", get(answer::form).post(answer::form_post))
        .route("/strategier/{id}/rapport/{year}", get(report::page))
        .route("/strategier/{id}/rapport/{year}/rapport.pdf", get(report_pdf::pdf))
        .route("/strategier/{id}/rapport/{year}/status", get(report::readiness_page))
        .route("/strategier/{id}/rapport/{year}/omraden/{node}", post(report::text_post))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/action-plans", get(plans::api).post(plan_form::create_api))
        .route("/action-plans/rounds", get(rounds::api).post(rounds::create_api))
        .route("/action-plans/rounds/{id}", get(rounds::show_api))
        .route("/action-plans/rounds/{id}/answers/{plan}", axum::routing::put(answer::api))
        .route("/action-plans/{id}", get(plans::show_api).put(plan_form::update_api))
        .route("/action-plans/{id}/areas", post(plan_form::area_api))
        .route("/action-plans/{id}/activities", post(activity_form::create_api))
        .route("/action-plans/{id}/activities/{activity}", axum::routing::put(activity_form::update_api))
        .route("/strategies/{id}/report/{year}", get(report::api))
        .route("/strategies/{id}/report/{year}/readiness", get(report::readiness_api))
        .route("/strategies/{id}/report/{year}/areas/{node}", axum::routing::put(report::text_api))
}
