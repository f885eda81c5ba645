//! One body: its page (relations, members today, compliance, plans) and its JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::ids::BodyId;
use domain::reference;
use domain::structure::Report;
use store::structure::{Body, WorkPlan};
use time::Date;

use super::BodyPath;
use super::access::can_manage;
use super::plans::year_field;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::member_rows::{MemberRow, member_rows};
use crate::pages::{Chrome, query_value, render};

#[derive(Template)]
#[template(path = "structure/show.html")]
struct ShowPage {
    p: Chrome,
    b: Body,
    county_name: Option<&'static str>,
    superior: Option<Body>,
    prepares_for: Option<Body>,
    presidium_of: Option<Body>,
    presidiums: Vec<Body>,
    subordinates: Vec<Body>,
    members: Vec<MemberRow>,
    report: Report,
    rules: Vec<String>,
    plan: Vec<Date>,
    year: i32,
    work_plan: Option<WorkPlan>,
    manage: bool,
    today: Date,
    assignments: domain::assignments::BodyAssignments,
}

pub async fn page(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let all = app.store.all_bodies().await?;
    let find = |id: Option<BodyId>| id.and_then(|i| all.iter().find(|x| x.id == i).cloned());
    let t = app.store.today();
    let report = app.store.body_snapshot(b.id, t).await?.report(&b);
    let members = member_rows(app.store.memberships(b.id, Some(t)).await?, ctx.lang);
    // The plan of the year asked for (`ar`), this year by default.
    let year = query_value(&ctx.query, "ar").and_then(|y| year_field(&y).ok()).unwrap_or(t.year());
    let plan = app.store.meeting_plan(b.id, year).await?;
    let work_plan = app.store.work_plans(b.id).await?.into_iter().next();
    let manage = can_manage(&app, &ctx, b.id).await?;
    let assignments = domain::assignments::BodyAssignments::of(b.id.0, app.store.body_assignments(b.id).await?);
    let page = ShowPage {
        assignments,
        p: Chrome::new(&ctx, b.name.clone()),
        county_name: b.county_code.as_deref().and_then(reference::county).map(|c| c.name.as_str()),
        superior: find(b.superior_id),
        prepares_for: find(b.prepares_for),
        presidium_of: find(b.presidium_of),
        presidiums: all.iter().filter(|x| x.presidium_of == Some(b.id)).cloned().collect(),
        subordinates: all.iter().filter(|x| x.superior_id == Some(b.id)).cloned().collect(),
        members,
        rules: b.rules.iter().map(|r| r.describe(ctx.lang)).collect(),
        report,
        plan,
        year,
        work_plan,
        manage,
        today: t,
        b,
    };
    Ok(render(&page)?.into_response())
}

pub async fn api(BodyPath(b): BodyPath) -> Response {
    Json(b).into_response()
}
