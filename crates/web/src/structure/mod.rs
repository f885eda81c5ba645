//! The consultation structure: bodies (samråd, ledningsgrupper, presidier, nätverk) and their
//! pages, member lists at any date with CSV import and export, representation rules and
//! compliance, meeting plans, work plans, the structure chart, and the JSON API of all of it.
//!
//! Laid out like the model room (`organisations`): `BodyPath`, `MembershipPath` and
//! `BodyMembershipPath` load the entities a route names; each write is one operation in its use
//! case's file (`create`, `update`, `delete`, `memberships`, `import`, `rules`, `plans`,
//! `work_plans`) that the page handler and the API handler both call, checking permission itself
//! (`access`: admins manage everything, a body's secretary its memberships and plans).
//! This room may use `people`; `people` does not use it (the rows both show are `member_rows`).

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post, put};
use domain::structure::date;
use store::structure::{Body, Membership};
use time::Date;

use crate::App;
use crate::error::{AppError, AppResult};
use crate::pages::query_value;

mod access;
mod body_form;
mod chart;
mod compliance;
mod create;
mod delete;
mod import;
mod list;
mod members;
mod membership_form;
mod memberships;
mod plans;
mod rule_form;
mod rules;
mod show;
mod update;
mod work_plans;

/// `{id}` in a route: the body, loaded (404 in the caller's format when missing).
pub struct BodyPath(pub Body);
crate::path_entity!(BodyPath, "id", |app, id| app.store.body(id).await);

/// `{id}` under `/api/v1/memberships`: the membership, loaded.
pub struct MembershipPath(pub Membership);
crate::path_entity!(MembershipPath, "id", |app, id| app.store.membership(id).await);

/// `/organ/{id}/ledamoter/{mid}`: the body and one of its memberships; a membership of another
/// body is not found.
pub struct BodyMembershipPath(pub Body, pub Membership);

impl FromRequestParts<App> for BodyMembershipPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> AppResult<Self> {
        let BodyPath(b) = BodyPath::from_request_parts(parts, app).await?;
        let mid = crate::extract::path_id(parts, "mid").await?;
        match app.store.membership(mid).await? {
            Some(m) if m.body_id == b.id.0 => Ok(BodyMembershipPath(b, m)),
            _ => Err(AppError::NotFound),
        }
    }
}

/// The day a page or API call asks about (`datum` or `at`), today by default.
fn at_date(query: &str, today: Date) -> AppResult<Date> {
    let v = query_value(query, "datum").or_else(|| query_value(query, "at")).unwrap_or_default();
    let field = if query_value(query, "at").is_some() { "at" } else { "datum" };
    Ok(date(field, &v)?.unwrap_or(today))
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/organ", get(list::page).post(create::form_post))
        .route("/organ/ny", get(create::form))
        .route("/organ/{id}", get(show::page).post(update::form_post))
        .route("/organ/{id}/redigera", get(update::form))
        .route("/organ/{id}/ta-bort", get(delete::confirm).post(delete::form_post))
        .route("/organ/{id}/ledamoter", get(members::page).post(memberships::add_post))
        .route("/organ/{id}/ledamoter.csv", get(members::csv))
        .route("/organ/{id}/ledamoter/ny", get(memberships::add_form))
        .route("/organ/{id}/ledamoter/import", get(import::form).post(import::form_post))
        .route("/organ/{id}/ledamoter/{mid}", post(memberships::update_post))
        .route("/organ/{id}/ledamoter/{mid}/redigera", get(memberships::edit_form))
        .route("/organ/{id}/ledamoter/{mid}/ta-bort", post(memberships::delete_post))
        .route("/organ/{id}/regler", get(rules::form).post(rules::form_post))
        .route("/organ/{id}/regler/regel", post(rules::rule_post))
        .route("/organ/{id}/motesplan", post(plans::form_post))
        .route("/organ/{id}/arbetsplan", get(work_plans::page).post(work_plans::form_post))
        .route("/efterlevnad", get(compliance::page))
        .route("/struktur", get(chart::page))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/people/{id}/memberships", get(members::api_of_person))
        .route("/bodies", get(list::api).post(create::api))
        .route("/bodies/{id}", get(show::api).put(update::api).delete(delete::api))
        .route("/bodies/{id}/memberships", get(members::api_list).post(memberships::api_add))
        .route("/bodies/{id}/compliance", get(compliance::api_body))
        .route("/bodies/{id}/rules", put(rules::api))
        .route("/bodies/{id}/work-plans", get(work_plans::api_list).post(work_plans::api_add))
        .route("/bodies/{id}/meeting-plan/{year}", get(plans::api).put(plans::api_set))
        .route("/memberships/{id}", get(members::api_one).put(memberships::api_update).delete(memberships::api_delete))
        .route("/compliance", get(compliance::api))
}
