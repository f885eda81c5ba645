//! Reading plans: the list of forums' plans and a plan's page (its focus areas with their
//! activities, each with the status of today and progress), and their JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::actionplans::Shown;
use serde_json::{Value, json};
use store::actionplans::{Activity, Plan, PlanSummary};
use time::Date;

use super::PlanPath;
use super::access::{editable_forums, may_edit_forum, require_visible};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Template)]
#[template(path = "actionplans/list.html")]
struct ListPage {
    p: Chrome,
    plans: Vec<PlanSummary>,
    may_create: bool,
}

/// The plans the caller sees: published ones, and the unpublished of forums they edit.
async fn visible_plans(app: &App, ctx: &Ctx) -> AppResult<Vec<PlanSummary>> {
    let plans = app.store.action_plans(ctx.signed_in()).await?;
    if plans.iter().all(|p| p.published) {
        return Ok(plans);
    }
    let forums: Vec<i64> = editable_forums(app, ctx).await?.into_iter().map(|b| b.id).collect();
    Ok(plans.into_iter().filter(|p| p.published || forums.contains(&p.body.id)).collect())
}

pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let plans = visible_plans(&app, &ctx).await?;
    let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "actionplans.title"));
    Ok(render(&ListPage { p, plans, may_create: ctx.signed_in() })?.into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    Ok(Json(json!({"action_plans": visible_plans(&app, &ctx).await?})).into_response())
}

/// An activity as a row: its status today as code and label.
pub struct Row<'a> {
    pub a: &'a Activity,
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "actionplans/show.html")]
struct ShowPage {
    p: Chrome,
    plan: Plan,
    today: Date,
    may_edit: bool,
    key: String,
    /// The focus area's title as typed, when it was refused.
    area_title: String,
}

impl ShowPage {
    fn rows_in(&self, area: &i64) -> Vec<Row<'_>> {
        self.rows(Some(*area))
    }

    fn rows(&self, area: Option<i64>) -> Vec<Row<'_>> {
        self.plan
            .in_area(area)
            .into_iter()
            .map(|a| {
                let s = a.shown(self.today);
                Row { a, code: s.as_str(), label: self.p.t(&s.key()) }
            })
            .collect()
    }

    /// Per status shown, how many activities have it (those with any).
    fn counts(&self) -> Vec<(&'static str, &'static str, usize)> {
        Shown::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    self.p.t(&s.key()),
                    self.plan.activities.iter().filter(|a| a.shown(self.today) == *s).count(),
                )
            })
            .filter(|(_, _, n)| *n > 0)
            .collect()
    }

    fn has_unsorted(&self) -> bool {
        self.plan.activities.iter().any(|a| a.area_id.is_none())
    }
}

pub async fn show(State(app): State<App>, ctx: Ctx, PlanPath(plan): PlanPath) -> AppResult<Response> {
    require_visible(&app, &ctx, &plan).await?;
    show_page(&app, &ctx, plan, String::new(), None).await
}

/// The plan's page; with `invalid`, the focus area form shows the refused title and its error.
pub async fn show_page(
    app: &App,
    ctx: &Ctx,
    plan: Plan,
    area_title: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let may_edit = may_edit_forum(app, ctx, plan.body.id).await?;
    let (p, status) = Chrome::new(ctx, plan.title.clone()).form(invalid);
    let page = ShowPage { p, plan, today: app.store.today(), may_edit, key: crate::auth::new_secret(), area_title };
    Ok((status, render(&page)?).into_response())
}

/// A plan as JSON, each activity with its status of today (`shown_status`).
pub fn plan_json(plan: &Plan, today: Date) -> Value {
    let mut v = json!(plan);
    if let Some(list) = v.get_mut("activities").and_then(Value::as_array_mut) {
        for (a, j) in plan.activities.iter().zip(list.iter_mut()) {
            j["shown_status"] = json!(a.shown(today).as_str());
        }
    }
    v
}

pub async fn show_api(State(app): State<App>, ctx: Ctx, PlanPath(plan): PlanPath) -> AppResult<Response> {
    require_visible(&app, &ctx, &plan).await?;
    Ok(Json(plan_json(&plan, app.store.today())).into_response())
}
