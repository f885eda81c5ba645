//! The JSON API of meetings and protocols (`/api/v1`): meetings, agenda items, attendance, the
//! protocol with its paragraphs, approvals, corrections and verification, and the notice board.
//! The same store calls and permission rules as the pages (see `access`).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use domain::ids::{BodyId, PersonId};
use domain::meetings::{
    AgendaItemFields, AgendaItemInput, AttendanceFields, AttendanceInput, MeetingFields, MeetingInput, MeetingStatus,
    MotionInput, ParagraphFields, ParagraphInput, RemarkInput, VoteInput, correction_reason,
};
use domain::{FieldError, Invalid};
use serde_json::{Value, json};
use store::meetings::{Meeting, ParagraphEntry, ParagraphList};

use super::access::{self, can_read_protocol, require_prepare};
use super::path::{AnnouncementPath, BodyPath, EntryIndex, ItemId, ListSegment, MeetingPath, ParagraphId};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::id;
use crate::json::{JsonInput, idempotency_key};

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/meetings", get(list))
        .route("/bodies/{id}/meetings", post(create))
        .route("/meetings/{id}", get(show).put(update).delete(remove))
        .route("/meetings/{id}/status", post(set_status))
        .route("/meetings/{id}/adjusters", put(set_adjusters))
        .route("/meetings/{id}/agenda", get(agenda).post(add_item))
        .route("/meetings/{id}/agenda/{item}", put(update_item).delete(delete_item))
        .route("/meetings/{id}/attachments", get(attachments))
        .route("/meetings/{id}/attendance", get(attendance).put(set_attendance))
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

fn date_param(field: &str, v: &Option<String>) -> AppResult<Option<time::Date>> {
    Ok(domain::structure::date(field, v.as_deref().unwrap_or(""))?)
}

/// Meetings between `from` and `to` (default: this year), of one body or all. The query is read
/// as the other lists read theirs (the first of repeated parameters), so that a malformed query
/// is a JSON error, never axum's plain-text rejection.
async fn list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let q = |name: &str| crate::pages::query_value(&ctx.query, name);
    let today = app.store.today();
    let from = date_param("from", &q("from"))?.unwrap_or(today.replace_ordinal(1).unwrap_or(today));
    let to = date_param("to", &q("to"))?
        .unwrap_or(today.replace_month(time::Month::December).and_then(|d| d.replace_day(31)).unwrap_or(today));
    let body = match q("body_id").as_deref() {
        None | Some("") => None,
        Some(b) => Some(id::<BodyId>(b)?),
    };
    let items: Vec<Meeting> = app
        .store
        .meetings_between(from, to)
        .await?
        .into_iter()
        .filter(|m| body.is_none_or(|b| m.body_id == b))
        .collect();
    Ok(Json(json!({"items": items})).into_response())
}

const MEETING_FIELDS: &[&str] = &["date", "start", "end", "place", "online_url", "chair", "secretary"];

fn parse_meeting(headers: &HeaderMap, body: &Bytes) -> AppResult<MeetingInput> {
    let mut j = JsonInput::parse(headers, body, MEETING_FIELDS)?;
    let (date, start, end, place, url) =
        (j.str("date"), j.str("start"), j.str("end"), j.str("place"), j.str("online_url"));
    let (chair, secretary) = (j.id("chair"), j.id("secretary"));
    j.finish()?;
    let (chair, secretary) =
        (chair.map(|c| c.to_string()).unwrap_or_default(), secretary.map(|s| s.to_string()).unwrap_or_default());
    Ok(MeetingInput::parse(&MeetingFields {
        date: &date,
        start: &start,
        end: &end,
        place: &place,
        online_url: &url,
        chair: &chair,
        secretary: &secretary,
    })?)
}

async fn create(
    State(app): State<App>,
    ctx: Ctx,
    BodyPath(b): BodyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let bid = b.id;
    if !(u.is_admin || app.store.is_body_secretary(u.user_id(), bid, app.store.today()).await?) {
        return Err(AppError::Forbidden);
    }
    let m = parse_meeting(&headers, &body)?;
    let mid = app.store.create_meeting(bid, &m, &ctx.actor(), idempotency_key(&headers)).await?;
    let m = app.store.meeting(mid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/meetings/{mid}"))], Json(m)).into_response())
}

async fn show(MeetingPath(m): MeetingPath) -> Response {
    Json(m).into_response()
}

async fn update(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let input = parse_meeting(&headers, &body)?;
    app.store.update_meeting(m.id, &input, &ctx.actor()).await?;
    Ok(Json(app.store.meeting(m.id).await?).into_response())
}

async fn remove(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    app.store.delete_meeting(m.id, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn set_status(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["status"])?;
    let status = j.str("status");
    j.finish()?;
    let to = MeetingStatus::parse(&status)
        .ok_or_else(|| Invalid::one(FieldError::new("status", "invalid_status", "Okänd status.", "Unknown status.")))?;
    app.store.set_meeting_status(m.id, to, &ctx.actor()).await?;
    Ok(Json(app.store.meeting(m.id).await?).into_response())
}

async fn set_adjusters(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["adjusters"])?;
    let people: Vec<PersonId> = j.ids("adjusters").into_iter().map(PersonId).collect();
    j.finish()?;
    app.store.set_adjusters(m.id, &people, &ctx.actor()).await?;
    Ok(Json(app.store.meeting(m.id).await?).into_response())
}

async fn agenda(State(app): State<App>, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.agenda(m.id).await?})).into_response())
}

const ITEM_FIELDS: &[&str] = &["title", "kind", "case_number", "presenters", "description", "starts_at", "ends_at"];

fn parse_item(headers: &HeaderMap, body: &Bytes) -> AppResult<AgendaItemInput> {
    let mut j = JsonInput::parse(headers, body, ITEM_FIELDS)?;
    let (title, kind, case_number, description) =
        (j.str("title"), j.str("kind"), j.str("case_number"), j.str("description"));
    let (presenters, starts_at, ends_at) = (j.strings("presenters").join("\n"), j.str("starts_at"), j.str("ends_at"));
    j.finish()?;
    Ok(AgendaItemInput::parse(&AgendaItemFields {
        title: &title,
        kind: &kind,
        case_number: &case_number,
        presenters: &presenters,
        description: &description,
        starts_at: &starts_at,
        ends_at: &ends_at,
    })?)
}

async fn add_item(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let item = parse_item(&headers, &body)?;
    let iid = app.store.add_agenda_item(m.id, &item, &ctx.actor(), idempotency_key(&headers)).await?;
    let items = app.store.agenda(m.id).await?;
    let created = items.into_iter().find(|i| i.id == iid).ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/meetings/{}/agenda/{iid}", m.id))], Json(created))
        .into_response())
}

async fn update_item(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let iid = item;
    let input = parse_item(&headers, &body)?;
    app.store.update_agenda_item(m.id, iid, &input, &ctx.actor()).await?;
    let items = app.store.agenda(m.id).await?;
    Ok(Json(items.into_iter().find(|i| i.id == iid).ok_or(AppError::NotFound)?).into_response())
}

async fn delete_item(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ItemId(item): ItemId,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    app.store.delete_agenda_item(m.id, item, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn attachments(State(app): State<App>, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.attachments(m.id).await?})).into_response())
}

/// The attendance list is part of the protocol: readable as the protocol is.
async fn attendance(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    readable(&app, &ctx, &m).await?;
    Ok(Json(json!({"items": app.store.attendance(m.id).await?})).into_response())
}

async fn readable(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<()> {
    if can_read_protocol(app, ctx, m).await? || access::can_prepare(app, ctx, m).await? {
        Ok(())
    } else if ctx.signed_in() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::Unauthorized)
    }
}

async fn set_attendance(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["items"])?;
    let raw_items = j.raw("items");
    j.finish()?;
    let Some(Value::Array(rows)) = raw_items else {
        return Err(Invalid::one(FieldError::new("items", "wrong_type", "Skicka en lista.", "Send a list.")).into());
    };
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let s = |k: &str| match row.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let present = row.get("present").and_then(Value::as_bool).unwrap_or(false);
        let (person, name, org, role, replaces, from, to) = (
            s("person_id"),
            s("name"),
            s("organisation"),
            s("role"),
            s("replaces_id"),
            s("from_paragraph"),
            s("to_paragraph"),
        );
        match AttendanceInput::parse(
            &format!("items[{i}]"),
            &AttendanceFields {
                person: &person,
                name: &name,
                organisation: &org,
                role: &role,
                present,
                replaces: &replaces,
                from_paragraph: &from,
                to_paragraph: &to,
            },
        ) {
            Ok(l) => lines.push(l),
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(Invalid(errors)));
    }
    app.store.set_attendance(m.id, &lines, &ctx.actor()).await?;
    Ok(Json(json!({"items": app.store.attendance(m.id).await?})).into_response())
}

/// The protocol: the latest adjusted version for everyone once adjusted (with its history of
/// versions), the working copy for those who read drafts before that.
async fn protocol(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    readable(&app, &ctx, &m).await?;
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
    readable(&app, &ctx, &m).await?;
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
    readable(&app, &ctx, &m).await?;
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
