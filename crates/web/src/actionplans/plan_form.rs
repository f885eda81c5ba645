//! Creating a plan (a strategy owner, or someone who works in the forum), editing it (its forum
//! stays) and adding a focus area to one (those who edit the forum's plans): the operations, the
//! forms and the API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::actionplans::{AreaFields, PlanFields};
use domain::named::Named;
use store::actionplans::{AreaInput, FocusArea, Plan, PlanInput};

use super::PlanPath;
use super::access::{editable_forums, require_forum, require_forum_field};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: creates the plan of a forum the caller may edit; a retry returns the first.
pub async fn create(app: &App, ctx: &Ctx, input: &PlanInput, key: Option<&str>) -> AppResult<Plan> {
    require_forum_field(app, ctx, input.body_id.0).await?;
    let id = app.store.create_action_plan(input, &ctx.actor(), key).await?;
    app.store.action_plan(id).await?.ok_or(AppError::NotFound)
}

/// The operation: replaces the plan's title, summary, years and publication; its forum stays
/// (a `body_id` in the input is ignored). Safe to retry: the same input gives the same plan.
pub async fn update(app: &App, ctx: &Ctx, plan: &Plan, input: &PlanInput) -> AppResult<Plan> {
    require_forum(app, ctx, plan.body.id).await?;
    app.store.update_action_plan(plan.id, input, &ctx.actor()).await?;
    app.store.action_plan(plan.id).await?.ok_or(AppError::NotFound)
}

/// The operation: adds a focus area to the plan.
pub async fn add_area(app: &App, ctx: &Ctx, plan: &Plan, input: &AreaInput, key: Option<&str>) -> AppResult<FocusArea> {
    require_forum(app, ctx, plan.body.id).await?;
    let id = app.store.create_focus_area(plan.id, input, &ctx.actor(), key).await?;
    let plan = app.store.action_plan(plan.id).await?.ok_or(AppError::NotFound)?;
    plan.areas.into_iter().find(|a| a.id == id).ok_or(AppError::NotFound)
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlanForm {
    #[serde(flatten)]
    pub f: PlanFields,
    pub idempotency_key: String,
}

#[derive(Template)]
#[template(path = "actionplans/plan_form.html")]
struct FormPage {
    p: Chrome,
    f: PlanForm,
    bodies: Vec<Named>,
    /// The plan edited (its forum is shown, not chosen); `None` for a new plan.
    plan: Option<Plan>,
}

async fn form_page(
    app: &App,
    ctx: &Ctx,
    f: PlanForm,
    plan: Option<Plan>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let title = match &plan {
        Some(x) => format!("{}: {}", crate::i18n::text(ctx.lang, "actionplans.edit"), x.title),
        None => crate::i18n::text(ctx.lang, "actionplans.new").to_string(),
    };
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let bodies = if plan.is_some() { Vec::new() } else { editable_forums(app, ctx).await? };
    Ok((status, render(&FormPage { p, f, bodies, plan })?).into_response())
}

pub async fn create_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    let year = app.store.today().year();
    let f = PlanFields { first_year: year.to_string(), last_year: (year + 2).to_string(), ..Default::default() };
    form_page(&app, &ctx, PlanForm { f, idempotency_key: crate::auth::new_secret() }, None, None).await
}

pub async fn create_post(State(app): State<App>, ctx: Ctx, Input(f): Input<PlanForm>) -> AppResult<Response> {
    ctx.require_user()?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match f.f.parse() {
        Ok(input) => create(&app, &ctx, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/handlingsplaner/{}?klart=skapat", p.id)).into_response()),
        Err(e) => form_page(&app, &ctx, f.clone(), None, Some(&reshown(e)?)).await,
    }
}

/// The plan's fields as the form shows them.
fn fields_of(plan: &Plan) -> PlanFields {
    PlanFields {
        body_id: plan.body.id.to_string(),
        title: plan.title.clone(),
        summary: plan.summary.clone().unwrap_or_default(),
        first_year: plan.first_year.to_string(),
        last_year: plan.last_year.to_string(),
        published: if plan.published { "true".into() } else { String::new() },
    }
}

/// `GET /handlingsplaner/{id}/redigera`.
pub async fn update_form(State(app): State<App>, ctx: Ctx, PlanPath(plan): PlanPath) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let f = PlanForm { f: fields_of(&plan), idempotency_key: String::new() };
    form_page(&app, &ctx, f, Some(plan), None).await
}

/// `POST /handlingsplaner/{id}/redigera`: back to the plan, or the form again with the errors.
pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    PlanPath(plan): PlanPath,
    Input(mut f): Input<PlanForm>,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    f.f.body_id = plan.body.id.to_string();
    let result = match f.f.parse() {
        Ok(input) => update(&app, &ctx, &plan, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/handlingsplaner/{}?klart=sparat", p.id)).into_response()),
        Err(e) => form_page(&app, &ctx, f.clone(), Some(plan), Some(&reshown(e)?)).await,
    }
}

/// The API's plan fields; `body_id` only where the plan is new.
fn api_fields(headers: &HeaderMap, body: &Bytes, with_body: bool) -> AppResult<PlanFields> {
    let all = ["body_id", "title", "summary", "first_year", "last_year", "published"];
    let mut j = JsonInput::parse(headers, body, if with_body { &all } else { &all[1..] })?;
    let num = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = PlanFields {
        body_id: if with_body { num(j.id("body_id")) } else { String::new() },
        title: j.str("title"),
        summary: j.str("summary"),
        first_year: num(j.int("first_year")),
        last_year: num(j.int("last_year")),
        published: if j.bool("published") == Some(true) { "true".into() } else { String::new() },
    };
    j.finish()?;
    Ok(f)
}

/// `PUT /api/v1/action-plans/{id}`: the plan as it now is.
pub async fn update_api(
    State(app): State<App>,
    ctx: Ctx,
    PlanPath(plan): PlanPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let mut f = api_fields(&headers, &body, false)?;
    f.body_id = plan.body.id.to_string();
    let p = update(&app, &ctx, &plan, &f.parse()?).await?;
    Ok(Json(super::plans::plan_json(&p, app.store.today())).into_response())
}

pub async fn create_api(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_user()?;
    let input = api_fields(&headers, &body, true)?.parse()?;
    let p = create(&app, &ctx, &input, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/action-plans/{}", p.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(super::plans::plan_json(&p, app.store.today())))
        .into_response())
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AreaForm {
    pub title: String,
    pub idempotency_key: String,
}

/// `POST /handlingsplaner/{id}/fokusomraden`: back to the plan at the new area; a refused
/// title is shown on the plan's page with the error.
pub async fn area_post(
    State(app): State<App>,
    ctx: Ctx,
    PlanPath(plan): PlanPath,
    Input(f): Input<AreaForm>,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
    let result = match (AreaFields { title: f.title.clone() }).parse() {
        Ok(input) => add_area(&app, &ctx, &plan, &input, key).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(a) => Ok(Redirect::to(&format!("/handlingsplaner/{}#omrade-{}", plan.id, a.id)).into_response()),
        Err(e) => super::plans::show_page(&app, &ctx, plan, f.title.clone(), Some(&reshown(e)?)).await,
    }
}

pub async fn area_api(
    State(app): State<App>,
    ctx: Ctx,
    PlanPath(plan): PlanPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["title"])?;
    let f = AreaFields { title: j.str("title") };
    j.finish()?;
    let input = f.parse()?;
    let a = add_area(&app, &ctx, &plan, &input, crate::json::idempotency_key(&headers)).await?;
    Ok((StatusCode::CREATED, Json(a)).into_response())
}
