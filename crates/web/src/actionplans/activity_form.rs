//! Adding and editing an activity of a plan (those who edit the forum's plans): the operations,
//! the form with its choices (focus area, responsible organisation and body, status, the
//! strategies' nodes and the indicators it is linked to) and the API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::actionplans::{ActivityFields, ActivityStatus};
use domain::named::Named;
use serde_json::json;
use store::actionplans::{Activity, ActivityInput, Plan};

use super::PlanPath;
use super::access::require_forum;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// `{id}/…/{activity}`: a plan and one of its activities (404 when not the plan's).
pub struct ActivityPath(pub Plan, pub Activity);

impl FromRequestParts<App> for ActivityPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let activity: i64 = crate::extract::path_id(parts, "activity").await?;
        let PlanPath(plan) = PlanPath::from_request_parts(parts, app).await?;
        let a = app.store.action_activity(plan.id, activity).await?.ok_or(AppError::NotFound)?;
        Ok(ActivityPath(plan, a))
    }
}

/// The operation: adds an activity; a retry with the same key returns the first.
pub async fn create(
    app: &App,
    ctx: &Ctx,
    plan: &Plan,
    input: &ActivityInput,
    key: Option<&str>,
) -> AppResult<Activity> {
    require_forum(app, ctx, plan.body.id).await?;
    let id = app.store.create_action_activity(plan.id, input, &ctx.actor(), key).await?;
    app.store.action_activity(plan.id, id).await?.ok_or(AppError::NotFound)
}

/// The operation: replaces an activity's fields and links.
pub async fn update(app: &App, ctx: &Ctx, plan: &Plan, id: i64, input: &ActivityInput) -> AppResult<Activity> {
    require_forum(app, ctx, plan.body.id).await?;
    app.store.update_action_activity(plan.id, id, input, &ctx.actor()).await?;
    app.store.action_activity(plan.id, id).await?.ok_or(AppError::NotFound)
}

fn of(a: &Activity) -> ActivityFields {
    ActivityFields {
        area_id: a.area_id.map(|x| x.to_string()).unwrap_or_default(),
        title: a.title.clone(),
        description: a.description.clone().unwrap_or_default(),
        organisation_id: a.organisation.as_ref().map(|x| x.id.to_string()).unwrap_or_default(),
        body_id: a.body.as_ref().map(|x| x.id.to_string()).unwrap_or_default(),
        starts_on: a.starts_on.to_string(),
        ends_on: a.ends_on.to_string(),
        status: a.status.as_str().into(),
        progress: a.progress.to_string(),
        nodes: a.nodes.iter().map(|n| n.id.to_string()).collect(),
        indicators: a.indicators.iter().map(|n| n.id.to_string()).collect(),
    }
}

fn from_pairs(f: &Pairs) -> ActivityFields {
    ActivityFields {
        area_id: f.get("area_id"),
        title: f.get("title"),
        description: f.get("description"),
        organisation_id: f.get("organisation_id"),
        body_id: f.get("body_id"),
        starts_on: f.get("starts_on"),
        ends_on: f.get("ends_on"),
        status: f.get("status"),
        progress: f.get("progress"),
        nodes: f.all("nodes"),
        indicators: f.all("indicators"),
    }
}

fn from_json(headers: &HeaderMap, body: &Bytes) -> AppResult<ActivityInput> {
    let fields = [
        "area_id",
        "title",
        "description",
        "organisation_id",
        "body_id",
        "starts_on",
        "ends_on",
        "status",
        "progress",
        "nodes",
        "indicators",
    ];
    let mut j = JsonInput::parse(headers, body, &fields)?;
    let num = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = ActivityFields {
        area_id: num(j.id("area_id")),
        title: j.str("title"),
        description: j.str("description"),
        organisation_id: num(j.id("organisation_id")),
        body_id: num(j.id("body_id")),
        starts_on: j.str("starts_on"),
        ends_on: j.str("ends_on"),
        status: j.str("status"),
        progress: num(j.int("progress")),
        nodes: j.ids("nodes").iter().map(i64::to_string).collect(),
        indicators: j.ids("indicators").iter().map(i64::to_string).collect(),
    };
    j.finish()?;
    Ok(f.parse()?)
}

/// A strategy with its nodes, as the form's group of choices.
pub struct NodeGroup {
    pub title: String,
    pub nodes: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "actionplans/activity_form.html")]
struct FormPage {
    p: Chrome,
    plan: Plan,
    f: ActivityFields,
    key: String,
    action: String,
    organisations: Vec<Named>,
    bodies: Vec<Named>,
    groups: Vec<NodeGroup>,
    indicators: Vec<Named>,
    statuses: [ActivityStatus; 4],
}

impl FormPage {
    fn has(&self, list: &[String], id: &i64) -> bool {
        list.iter().any(|x| x.trim() == id.to_string())
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    app: &App,
    ctx: &Ctx,
    plan: Plan,
    title_key: &str,
    action: String,
    f: ActivityFields,
    key: String,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let (p, status) = Chrome::new(ctx, crate::i18n::text(ctx.lang, title_key)).form(invalid);
    let mut groups = Vec::new();
    for s in app.store.strategies(ctx.signed_in()).await? {
        if let Some(s) = app.store.strategy(s.id).await? {
            let nodes = s.nodes.iter().map(|n| (n.id, format!("{}{}", "– ".repeat(n.depth), n.title))).collect();
            groups.push(NodeGroup { title: s.title, nodes });
        }
    }
    let indicators =
        app.store.indicators(ctx.is_admin()).await?.into_iter().map(|i| Named { id: i.id, name: i.title }).collect();
    let page = FormPage {
        p,
        plan,
        f,
        key,
        action,
        organisations: crate::strategy::document_form::organisations(app).await?,
        bodies: crate::strategy::document_form::bodies(app).await?,
        groups,
        indicators,
        statuses: ActivityStatus::ALL,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn create_form(State(app): State<App>, ctx: Ctx, PlanPath(plan): PlanPath) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let f = ActivityFields {
        starts_on: format!("{}-01-01", plan.first_year),
        ends_on: format!("{}-12-31", plan.last_year),
        status: "not_started".into(),
        area_id: crate::pages::query_value(&ctx.query, "omrade").unwrap_or_default(),
        ..Default::default()
    };
    let action = format!("/handlingsplaner/{}/aktiviteter", plan.id);
    page(&app, &ctx, plan, "actionplans.activity_new", action, f, crate::auth::new_secret(), None).await
}

pub async fn create_post(
    State(app): State<App>,
    ctx: Ctx,
    PlanPath(plan): PlanPath,
    form: Pairs,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let f = from_pairs(&form);
    let key = form.get("idempotency_key");
    let result = match f.parse() {
        Ok(input) => create(&app, &ctx, &plan, &input, Some(key.as_str()).filter(|k| !k.is_empty())).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(a) => Ok(Redirect::to(&format!("/handlingsplaner/{}?klart=skapat#a-{}", plan.id, a.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let action = format!("/handlingsplaner/{}/aktiviteter", plan.id);
            page(&app, &ctx, plan, "actionplans.activity_new", action, f, key, Some(&invalid)).await
        }
    }
}

pub async fn create_api(
    State(app): State<App>,
    ctx: Ctx,
    PlanPath(plan): PlanPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let input = from_json(&headers, &body)?;
    let a = create(&app, &ctx, &plan, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/action-plans/{}/activities/{}", plan.id, a.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(activity_json(&app, &a))).into_response())
}

fn activity_json(app: &App, a: &Activity) -> serde_json::Value {
    let mut v = json!(a);
    v["shown_status"] = json!(a.shown(app.store.today()).as_str());
    v
}

pub async fn update_form(State(app): State<App>, ctx: Ctx, ActivityPath(plan, a): ActivityPath) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let action = format!("/handlingsplaner/{}/aktiviteter/{}", plan.id, a.id);
    page(&app, &ctx, plan, "actionplans.activity_edit", action, of(&a), String::new(), None).await
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    ActivityPath(plan, a): ActivityPath,
    form: Pairs,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let f = from_pairs(&form);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &plan, a.id, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(a) => Ok(Redirect::to(&format!("/handlingsplaner/{}?klart=sparat#a-{}", plan.id, a.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            let action = format!("/handlingsplaner/{}/aktiviteter/{}", plan.id, a.id);
            page(&app, &ctx, plan, "actionplans.activity_edit", action, f, String::new(), Some(&invalid)).await
        }
    }
}

pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    ActivityPath(plan, a): ActivityPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let input = from_json(&headers, &body)?;
    let a = update(&app, &ctx, &plan, a.id, &input).await?;
    Ok(Json(activity_json(&app, &a)).into_response())
}
