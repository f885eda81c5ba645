//! The drafter's moderation of the open form's answers (issue 12, ADR 52): a queue with those
//! waiting first, each answer with its comments, its file and the personal data the report's
//! review will mask; publish it (the report takes it) or reject it with a reason (it stays registered but
//! is never published). The report cannot be reviewed while answers wait.

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::ids::AnswerId;
use domain::referrals::{Moderation, ModerationInput, Position, RespondentType};
use serde::Serialize;
use store::referrals::{Answer, AnswerFile, Comment, Referral};

use super::access::require_drafter;
use super::{ReferralPath, saved};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// An open answer as the queue shows it.
#[derive(Serialize)]
pub struct QueueItem {
    #[serde(flatten)]
    pub answer: Answer,
    pub comments: Vec<Comment>,
    /// The files sent with it, with where the drafter downloads each.
    pub files: Vec<QueueFile>,
    /// Personal data found in its texts (the report's review masks it).
    pub findings: Vec<String>,
    #[serde(skip)]
    pub kind: &'static str,
    #[serde(skip)]
    pub position: &'static str,
    #[serde(skip)]
    pub state: &'static str,
    #[serde(skip)]
    pub pending: bool,
    /// Whether this answer's decision was refused, and the reason as typed then.
    #[serde(skip)]
    pub failed: bool,
    #[serde(skip)]
    pub typed: String,
}

/// A file of an open answer as the queue shows it.
#[derive(Serialize)]
pub struct QueueFile {
    #[serde(flatten)]
    pub file: AnswerFile,
    pub href: String,
}

async fn queue(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<Vec<QueueItem>> {
    require_drafter(app, ctx, r).await?;
    let lang = ctx.lang;
    let mut out = Vec::new();
    // Every submitted answer's comments at once; each open answer takes its own.
    let mut all = app.store.referral_comments(r.id, None).await?;
    let mut all_files = app.store.open_answer_files(r.id).await?;
    for a in app.store.open_answers(r.id).await? {
        let (comments, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c.answer_id == a.id);
        all = rest;
        let (files, rest): (Vec<_>, Vec<_>) = all_files.into_iter().partition(|f| f.answer_id == a.id);
        all_files = rest;
        let files =
            files.into_iter().map(|f| QueueFile { href: super::open_form::file_href(r, &f), file: f }).collect();
        // The name given is personal data, a private person's or an organisation's contact's.
        let names = vec![a.respondent_name.clone()];
        let mut findings: Vec<String> = comments
            .iter()
            .map(|c| c.text.as_str())
            .chain(a.summary.as_deref())
            .flat_map(|t| domain::referrals::find_personal_data(t, &names))
            .map(|f| f.text)
            .collect();
        findings.dedup();
        let moderation = a.moderation.as_deref().and_then(Moderation::parse).unwrap_or(Moderation::Pending);
        out.push(QueueItem {
            kind: a.respondent_type.as_deref().and_then(RespondentType::parse).map_or("", |t| t.label(lang)),
            position: a.position.as_deref().and_then(Position::parse).map_or("", |p| p.label(lang)),
            state: moderation.label(lang),
            pending: moderation == Moderation::Pending,
            failed: false,
            typed: a.moderation_reason.clone().unwrap_or_default(),
            answer: a,
            comments,
            files,
            findings,
        });
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "referrals/moderation.html")]
struct QueuePage {
    p: Chrome,
    r: Referral,
    items: Vec<QueueItem>,
    waiting: usize,
}

async fn queue_page(
    app: &App,
    ctx: &Ctx,
    r: Referral,
    failed: Option<(i64, String)>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let mut items = queue(app, ctx, &r).await?;
    if let Some((id, typed)) = failed {
        for i in items.iter_mut().filter(|i| i.answer.id == id) {
            i.failed = true;
            i.typed = typed.clone();
        }
    }
    let waiting = items.iter().filter(|i| i.pending).count();
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "referral.moderation"), r.title);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    Ok((status, render(&QueuePage { p, r, items, waiting })?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    queue_page(&app, &ctx, r, None, None).await
}

/// The operation: the drafter's decision on one open answer.
pub async fn moderate(
    app: &App,
    ctx: &Ctx,
    r: &Referral,
    answer: &str,
    decision: &str,
    reason: &str,
) -> AppResult<Moderation> {
    require_drafter(app, ctx, r).await?;
    let id: AnswerId = crate::forms::id(answer.trim())?;
    let input = ModerationInput::parse(decision, reason)?;
    Ok(app.store.moderate_answer(r.id, id, &input, &ctx.actor()).await?)
}

pub async fn moderate_post(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, answer)): axum::extract::Path<(String, String)>,
    ReferralPath(r): ReferralPath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    require_drafter(&app, &ctx, &r).await?;
    let get = |n: &str| f.get(n).cloned().unwrap_or_default();
    match moderate(&app, &ctx, &r, &answer, &get("decision"), &get("reason")).await {
        Ok(_) => Ok(saved(&r, "/moderering", &format!("svar-{answer}"))),
        Err(e) => {
            let invalid = reshown(e)?;
            let failed = crate::forms::id::<i64>(&answer).ok().map(|id| (id, get("reason")));
            queue_page(&app, &ctx, r, failed, Some(&invalid)).await
        }
    }
}

/// `GET /api/v1/referrals/{id}/open-answers`: the open form's answers (drafters).
pub async fn list_api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    let items = queue(&app, &ctx, &r).await?;
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}

/// `POST /api/v1/referrals/{id}/open-answers/{answer}/moderation`: `{"decision", "reason"}`.
pub async fn moderate_api(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, answer)): axum::extract::Path<(String, String)>,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["decision", "reason"])?;
    let (decision, reason) = (j.str("decision"), j.str("reason"));
    j.finish()?;
    let m = moderate(&app, &ctx, &r, &answer, &decision, &reason).await?;
    let reason = (m == Moderation::Rejected).then_some(reason.trim());
    Ok(Json(serde_json::json!({ "id": crate::forms::id::<i64>(&answer).ok(), "moderation": m, "reason": reason }))
        .into_response())
}
