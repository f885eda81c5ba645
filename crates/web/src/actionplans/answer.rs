//! A forum's answer in a round (those who work in the forum, or a strategy owner): the summary
//! and, per activity of its plan, status, progress and a comment. Submitting sets the
//! activities' status and progress; the form can be sent again to correct it.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use domain::actionplans::{ActivityStatus, AnswerFields, LineFields};
use serde_json::Value;
use store::actionplans::{AnswerInput, Plan, Request, Round};

use super::RoundPath;
use super::access::require_forum;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// `{id}/…/{plan}`: a round and a plan asked in it.
pub struct RequestPath(pub Round, pub Plan);

impl FromRequestParts<App> for RequestPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let plan: i64 = crate::extract::path_id(parts, "plan").await?;
        let RoundPath(r) = RoundPath::from_request_parts(parts, app).await?;
        if !r.requests.iter().any(|q| q.plan_id == plan) {
            return Err(AppError::NotFound);
        }
        let plan = app.store.action_plan(plan).await?.ok_or(AppError::NotFound)?;
        Ok(RequestPath(r, plan))
    }
}

/// The operation: the forum's answer.
pub async fn submit(app: &App, ctx: &Ctx, r: &Round, plan: &Plan, input: &AnswerInput) -> AppResult<Request> {
    require_forum(app, ctx, plan.body.id).await?;
    app.store.submit_followup_answer(r.id, plan.id, input, &ctx.actor()).await?;
    let r = app.store.followup_round(r.id).await?.ok_or(AppError::NotFound)?;
    r.requests.into_iter().find(|q| q.plan_id == plan.id).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "actionplans/answer.html")]
struct FormPage {
    p: Chrome,
    r: Round,
    plan: Plan,
    f: AnswerFields,
    statuses: [ActivityStatus; 4],
}

impl FormPage {
    fn line(&self, activity: &i64) -> LineFields {
        self.f.lines.iter().find(|l| l.activity_id == *activity).cloned().unwrap_or_default()
    }

    fn area(&self, id: &Option<i64>) -> String {
        id.and_then(|a| self.plan.areas.iter().find(|x| x.id == a)).map(|x| x.title.clone()).unwrap_or_default()
    }
}

fn page(ctx: &Ctx, r: Round, plan: Plan, f: AnswerFields, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "actionplans.answer"), plan.body.name);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    Ok((status, render(&FormPage { p, r, plan, f, statuses: ActivityStatus::ALL })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, RequestPath(r, plan): RequestPath) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let given = app.store.followup_lines(r.id, plan.id).await?;
    let summary = r.requests.iter().find(|q| q.plan_id == plan.id).and_then(|q| q.summary.clone()).unwrap_or_default();
    let lines = plan
        .activities
        .iter()
        .map(|a| match given.iter().find(|l| l.activity_id == a.id) {
            Some(l) => LineFields {
                activity_id: a.id,
                status: l.status.clone(),
                progress: l.progress.to_string(),
                comment: l.comment.clone().unwrap_or_default(),
            },
            None => LineFields {
                activity_id: a.id,
                status: a.status.as_str().into(),
                progress: a.progress.to_string(),
                comment: String::new(),
            },
        })
        .collect();
    page(&ctx, r, plan, AnswerFields { summary, lines }, None)
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    RequestPath(r, plan): RequestPath,
    form: Pairs,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let f = AnswerFields {
        summary: form.get("summary"),
        lines: plan
            .activities
            .iter()
            .map(|a| LineFields {
                activity_id: a.id,
                status: form.get(&format!("status_{}", a.id)),
                progress: form.get(&format!("progress_{}", a.id)),
                comment: form.get(&format!("comment_{}", a.id)),
            })
            // A line not sent at all keeps its activity as it is (as in the API).
            .filter(|l| !(l.status.is_empty() && l.progress.is_empty() && l.comment.is_empty()))
            .collect(),
    };
    let result = match f.parse() {
        Ok(input) => submit(&app, &ctx, &r, &plan, &input).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/uppfoljningar/{}?klart=sparat", r.id)).into_response()),
        Err(e) => {
            let invalid = reshown(e)?;
            page(&ctx, r, plan, f, Some(&invalid))
        }
    }
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// `PUT /api/v1/action-plans/rounds/{id}/answers/{plan}`: `{"summary", "lines": [{"activity_id",
/// "status", "progress", "comment"}]}`; activities left out keep their status.
pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    RequestPath(r, plan): RequestPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_forum(&app, &ctx, plan.body.id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["summary", "lines"])?;
    let summary = j.str("summary");
    let raw = j.raw("lines");
    j.finish()?;
    let raw = match raw {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(domain::Invalid::one(domain::FieldError::new(
                "lines",
                "wrong_type",
                "Fältet ska vara en lista med en rad per aktivitet.",
                "The field must be a list with a line per activity.",
            ))
            .into());
        }
    };
    let mut lines = Vec::new();
    for l in &raw {
        let activity_id = l.get("activity_id").and_then(Value::as_i64).unwrap_or(0);
        if !plan.activities.iter().any(|a| a.id == activity_id) {
            return Err(domain::Invalid::one(domain::FieldError::new(
                "lines",
                "unknown_activity",
                "En rad gäller en aktivitet som inte hör till planen.",
                "A line names an activity that is not part of the plan.",
            ))
            .into());
        }
        lines.push(LineFields {
            activity_id,
            status: text_of(l.get("status")),
            progress: text_of(l.get("progress")),
            comment: text_of(l.get("comment")),
        });
    }
    let input = AnswerFields { summary, lines }.parse()?;
    let q = submit(&app, &ctx, &r, &plan, &input).await?;
    Ok(Json(q).into_response())
}
