//! A body's work plan and its versions: the page and the JSON for everyone, and adding a version
//! (admins and the body's secretary): the operation, the form post and the API call.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::structure::{QuestionStatus, WorkPlanInput};
use domain::{FieldError, Invalid};
use serde::Deserialize;
use serde_json::{Value, json};
use store::structure::{Body, WorkPlan};

use super::BodyPath;
use super::access::{can_manage, require_manager};
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

/// The operation: a manager of the body adds a new version of its work plan; returns its number.
pub async fn add(app: &App, ctx: &Ctx, b: &Body, w: &WorkPlanInput) -> AppResult<i32> {
    require_manager(app, ctx, b.id).await?;
    Ok(app.store.add_work_plan(b.id, w, &ctx.actor()).await?)
}

#[derive(Template)]
#[template(path = "structure/work_plan.html")]
struct WorkPlanPage {
    p: Chrome,
    b: Body,
    plans: Vec<WorkPlan>,
    manage: bool,
    signed_in: bool,
    f: WorkPlanForm,
    rows: Vec<QuestionRow>,
    statuses: [QuestionStatus; 4],
}

/// A question row of the work plan form.
pub struct QuestionRow {
    pub i: usize,
    pub title: String,
    pub description: String,
    pub duty: String,
    pub status: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct WorkPlanForm {
    pub decided_on: String,
    pub covers_from: String,
    pub covers_to: String,
    /// The question rows, as `q{i}_title`, `q{i}_description`, `q{i}_duty`, `q{i}_status`.
    #[serde(flatten)]
    pub rest: std::collections::HashMap<String, String>,
}

impl WorkPlanForm {
    fn rows(&self) -> Vec<QuestionRow> {
        let get = |i: usize, f: &str| self.rest.get(&format!("q{i}_{f}")).cloned().unwrap_or_default();
        let n = (0..100).take_while(|i| self.rest.contains_key(&format!("q{i}_title"))).count();
        (0..n)
            .map(|i| QuestionRow {
                i,
                title: get(i, "title"),
                description: get(i, "description"),
                duty: get(i, "duty"),
                status: get(i, "status"),
            })
            .collect()
    }
}

fn rows_for_new_version(latest: Option<&WorkPlan>) -> Vec<QuestionRow> {
    let mut rows: Vec<QuestionRow> = latest
        .map(|w| {
            w.questions
                .iter()
                .enumerate()
                .map(|(i, q)| QuestionRow {
                    i,
                    title: q.title.clone(),
                    description: q.description.clone().unwrap_or_default(),
                    duty: q.duty.clone().unwrap_or_default(),
                    status: q.status.as_str().into(),
                })
                .collect()
        })
        .unwrap_or_default();
    let n = rows.len();
    rows.extend((n..n + 3).map(|i| QuestionRow {
        i,
        title: String::new(),
        description: String::new(),
        duty: String::new(),
        status: "planned".into(),
    }));
    rows
}

/// The domain names question fields `questions[i].title` (as the API does); the form's fields
/// are `q{i}_title`, so errors are shown next to the right field.
fn form_field_names(inv: Invalid) -> Invalid {
    Invalid(
        inv.0
            .into_iter()
            .map(|mut e| {
                if let Some(rest) = e.field.strip_prefix("questions[")
                    && let Some((i, f)) = rest.split_once("].")
                {
                    e.field = format!("q{i}_{f}");
                }
                e
            })
            .collect(),
    )
}

async fn page_with(
    app: &App,
    ctx: &Ctx,
    b: Body,
    f: WorkPlanForm,
    rows: Option<Vec<QuestionRow>>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let plans = app.store.work_plans(b.id).await?;
    let manage = can_manage(app, ctx, b.id).await?;
    let rows = rows.unwrap_or_else(|| rows_for_new_version(plans.first()));
    let (p, status) =
        Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, "work_plan.title"), b.name)).form(invalid);
    Ok((
        status,
        render(&WorkPlanPage {
            p,
            b,
            plans,
            manage,
            signed_in: ctx.signed_in(),
            f,
            rows,
            statuses: QuestionStatus::ALL,
        })?,
    )
        .into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let f = WorkPlanForm { decided_on: app.store.today().to_string(), ..Default::default() };
    page_with(&app, &ctx, b, f, None, None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    Input(f): Input<WorkPlanForm>,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let rows = f.rows();
    let qs: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|r| (r.title.as_str(), r.description.as_str(), r.duty.as_str(), r.status.as_str())).collect();
    let result = match WorkPlanInput::parse(&f.decided_on, &f.covers_from, &f.covers_to, &qs, &b.duties) {
        Ok(w) => add(&app, &ctx, &b, &w).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/organ/{}/arbetsplan?klart=sparat", b.id)).into_response()),
        Err(e) => page_with(&app, &ctx, b, f, Some(rows), Some(&form_field_names(reshown(e)?))).await,
    }
}

/// Work plans; who saved a version (an account's e-mail) is shown to signed-in callers only.
pub async fn api_list(State(app): State<App>, ctx: Ctx, BodyPath(b): BodyPath) -> AppResult<Response> {
    let mut items = serde_json::to_value(app.store.work_plans(b.id).await?).unwrap_or(Value::Null);
    if !ctx.signed_in()
        && let Some(list) = items.as_array_mut()
    {
        for w in list.iter_mut().filter_map(Value::as_object_mut) {
            w.remove("created_by");
        }
    }
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}

pub async fn api_add(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_manager(&app, &ctx, b.id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["decided_on", "covers_from", "covers_to", "questions"])?;
    let decided_on = j.str("decided_on");
    let (from, to) = (
        j.int("covers_from").map(|v| v.to_string()).unwrap_or_default(),
        j.int("covers_to").map(|v| v.to_string()).unwrap_or_default(),
    );
    let questions = j.raw("questions").unwrap_or(Value::Array(vec![]));
    j.finish()?;
    let Value::Array(items) = questions else {
        return Err(FieldError::new(
            "questions",
            "wrong_type",
            "Fältet ska vara en lista.",
            "The field must be a list.",
        )
        .into());
    };
    let text = |q: &Value, k: &str| q.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let owned: Vec<(String, String, String, String)> = items
        .iter()
        .map(|q| {
            (text(q, "title"), text(q, "description"), text(q, "duty"), {
                let s = text(q, "status");
                if s.is_empty() { "planned".into() } else { s }
            })
        })
        .collect();
    let qs: Vec<(&str, &str, &str, &str)> =
        owned.iter().map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str())).collect();
    let w = WorkPlanInput::parse(&decided_on, &from, &to, &qs, &b.duties)?;
    let version = add(&app, &ctx, &b, &w).await?;
    Ok((StatusCode::CREATED, Json(json!({"version": version}))).into_response())
}
