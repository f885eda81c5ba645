//! The JSON API of protocols and the notice board (`/api/v1`): the protocol with its
//! paragraphs, approvals, corrections and verification. The same store calls and permission
//! rules as the pages (see `access`); the meetings themselves have their own files.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use domain::meetings::{MotionInput, ParagraphFields, ParagraphInput, RemarkInput, VoteInput, correction_reason};
use serde_json::{Value, json};
use store::meetings::{ParagraphEntry, ParagraphList};

use super::access::{self, require_prepare};
use super::path::{AnnouncementPath, EntryIndex, ListSegment, MeetingPath, ParagraphId};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::json::JsonInput;

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/meetings/{id}/protocol", get(protocol))
        .route("/meetings/{id}/protocol/start", post(start))
        .route("/meetings/{id}/protocol/submit", post(submit))
        .route("/meetings/{id}/protocol/reopen", post(reopen))
        .route("/meetings/{id}/protocol/corrections", post(correct))
        .route("/meetings/{id}/protocol/verify", get(verify))
        .route("/meetings/{id}/paragraphs/{pid}", put(update_paragraph))
        .route("/meetings/{id}/paragraphs/{pid}/{list}", post(add_to_paragraph))
        .route("/meetings/{id}/paragraphs/{pid}/{list}/{index}", delete(remove_from_paragraph))
        .route("/meetings/{id}/approvals", get(approvals).post(approve))
        .route("/notice-board", get(notice_board))
        .route("/announcements/{id}", get(announcement))
}

/// The protocol: the latest adjusted version for everyone once adjusted (with its history of
/// versions), the working copy for those who read drafts before that.
async fn protocol(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    access::require_protocol_record(&app, &ctx, &m).await?;
    let versions = app.store.protocol_versions(m.id).await?;
    let approvals = app.store.approvals(m.id).await?;
    if m.protocol_public() {
        let latest = versions.last().ok_or(AppError::NotFound)?;
        return Ok(Json(json!({
            "status": m.status, "adjusted_on": m.adjusted_on.map(|d| d.to_string()), "version": latest.version,
            "digest": latest.digest, "protocol": latest.protocol(), "versions": versions, "approvals": approvals,
        }))
        .into_response());
    }
    let draft = app.store.draft_protocol(m.id).await?;
    let paragraphs = app.store.paragraphs(m.id).await?;
    Ok(Json(json!({
        "status": m.status, "draft": true, "adjustment_due": m.adjustment_due().to_string(),
        "adjustment_late": m.adjustment_late(app.store.today()), "protocol": draft, "paragraphs": paragraphs,
        "versions": versions, "approvals": approvals,
    }))
    .into_response())
}

async fn start(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    app.store.start_protocol(m.id, &ctx.actor()).await?;
    Ok(Json(json!({"paragraphs": app.store.paragraphs(m.id).await?})).into_response())
}

async fn submit(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let digest = app.store.submit_protocol(m.id, &ctx.actor()).await?;
    Ok(Json(json!({"status": "protocol_drafted", "digest": digest})).into_response())
}

async fn reopen(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    app.store.reopen_protocol(m.id, &ctx.actor()).await?;
    Ok(Json(app.store.meeting(m.id).await?).into_response())
}

async fn correct(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["reason"])?;
    let reason = j.str("reason");
    j.finish()?;
    let reason = correction_reason(&reason)?;
    let version = app.store.correct_protocol(m.id, &reason, &ctx.actor()).await?;
    Ok((StatusCode::CREATED, Json(json!({"version": version}))).into_response())
}

async fn verify(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    access::require_protocol_record(&app, &ctx, &m).await?;
    Ok(Json(app.store.verify_protocol(m.id).await?).into_response())
}

async fn update_paragraph(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let allowed = ["title", "case_number", "decision", "summary", "basis", "recipients", "immediate", "attachments"];
    let mut j = JsonInput::parse(&headers, &body, &allowed)?;
    let (title, case_number, decision, summary) =
        (j.str("title"), j.str("case_number"), j.str("decision"), j.str("summary"));
    let (basis, recipients) = (j.strings("basis").join("\n"), j.strings("recipients").join("\n"));
    let (immediate, attachments) = (j.bool("immediate").unwrap_or(false), j.ids("attachments"));
    j.finish()?;
    let input = ParagraphInput::parse(&ParagraphFields {
        title: &title,
        case_number: &case_number,
        decision: &decision,
        summary: &summary,
        basis: &basis,
        recipients: &recipients,
        immediate,
    })?;
    app.store.update_paragraph(m.id, pid, &input, &attachments, &ctx.actor()).await?;
    let p = app.store.paragraphs(m.id).await?.into_iter().find(|p| p.id == pid).ok_or(AppError::NotFound)?;
    Ok(Json(p).into_response())
}

fn paragraph_list(raw: &str) -> AppResult<ParagraphList> {
    ParagraphList::parse(raw).ok_or(AppError::NotFound)
}

async fn add_to_paragraph(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    ListSegment(list): ListSegment,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let entry = match paragraph_list(&list)? {
        ParagraphList::Motions => {
            let mut j = JsonInput::parse(&headers, &body, &["by", "text"])?;
            let (by, text) = (j.str("by"), j.str("text"));
            j.finish()?;
            ParagraphEntry::Motion(MotionInput::parse(&by, &text)?)
        }
        ParagraphList::Votes => {
            let mut j = JsonInput::parse(&headers, &body, &["question", "result", "ballots"])?;
            let (question, result, ballots) = (j.str("question"), j.str("result"), j.raw("ballots"));
            j.finish()?;
            let ballots: Vec<(String, String)> = match ballots {
                Some(Value::Array(rows)) => rows
                    .iter()
                    .map(|b| {
                        let person = b.get("person_id").map(|v| v.to_string().trim_matches('"').to_string());
                        let choice = b.get("choice").and_then(Value::as_str).unwrap_or("?").to_string();
                        (person.unwrap_or_default(), choice)
                    })
                    .collect(),
                _ => vec![],
            };
            let pairs: Vec<(&str, &str)> = ballots.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
            ParagraphEntry::Vote(VoteInput::parse(&question, &result, &pairs)?)
        }
        l @ (ParagraphList::Dissents | ParagraphList::Conflicts) => {
            let mut j = JsonInput::parse(&headers, &body, &["person_id", "text"])?;
            let (person, text) = (j.id("person_id"), j.str("text"));
            j.finish()?;
            let r = RemarkInput::parse(&person.map(|p| p.to_string()).unwrap_or_default(), &text)?;
            if l == ParagraphList::Dissents { ParagraphEntry::Dissent(r) } else { ParagraphEntry::Conflict(r) }
        }
    };
    app.store.add_to_paragraph(m.id, pid, entry, &ctx.actor()).await?;
    let p = app.store.paragraphs(m.id).await?.into_iter().find(|p| p.id == pid).ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(p)).into_response())
}

async fn remove_from_paragraph(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    ListSegment(list): ListSegment,
    EntryIndex(index): EntryIndex,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let index: usize = index.parse().map_err(|_| AppError::NotFound)?;
    app.store.remove_from_paragraph(m.id, pid, paragraph_list(&list)?, index, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn approvals(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    access::require_protocol_record(&app, &ctx, &m).await?;
    Ok(Json(json!({"items": app.store.approvals(m.id).await?})).into_response())
}

/// Approves the protocol out for adjustment (or, with `paragraph`, one OJ paragraph) as the
/// account's person, after checking the account's password again.
async fn approve(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let mut j = JsonInput::parse(&headers, &body, &["password", "paragraph"])?;
    let (password, paragraph) = (j.str("password"), j.int("paragraph"));
    j.finish()?;
    let person =
        access::person(&ctx).filter(|p| store::Store::approver_role(&m, *p).is_some()).ok_or(AppError::Forbidden)?;
    crate::auth::confirm_password(&app, &ctx, &password, crate::auth::Purpose::Approval, "password").await?;
    let outcome = match paragraph {
        Some(n) => app.store.approve_paragraph(m.id, n, person, Some(u.user_id()), &ctx.actor()).await?,
        None => app.store.approve_protocol(m.id, person, Some(u.user_id()), app.store.now(), &ctx.actor()).await?,
    };
    Ok((StatusCode::CREATED, Json(json!({"outcome": outcome, "approvals": app.store.approvals(m.id).await?})))
        .into_response())
}

/// The notice board: announcements up today, with their dates as ISO dates.
async fn notice_board(State(app): State<App>) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.notice_board(app.store.today()).await?})).into_response())
}

async fn announcement(AnnouncementPath(a): AnnouncementPath) -> Response {
    Json(a).into_response()
}
