//! Writing the working copy's paragraphs (those who prepare the meeting, while the protocol is
//! being written or corrected): a paragraph's text, and its lists of proposals, votes, dissents
//! and conflicts of interest. The operations, the forms on the protocol page and the API calls.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::meetings::{MotionInput, ParagraphInput, RemarkInput, VoteInput};
use serde_json::Value;
use store::meetings::{Meeting, ParagraphEntry, ParagraphList, ParagraphRow};

use super::form::{self, ParagraphForm};
use super::page::{Posted, prefixed, render_page};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Pairs;
use crate::forms::reshown;
use crate::json::JsonInput;
use crate::meetings::access::require_prepare;
use crate::meetings::path::{EntryIndex, ListSegment, MeetingPath, ParagraphId};

/// The operation: replaces paragraph `pid`'s text and the attachments it refers to.
pub async fn update(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    pid: i64,
    input: &ParagraphInput,
    attachments: &[i64],
) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.update_paragraph(m.id, pid, input, attachments, &ctx.actor()).await?)
}

/// The operation: adds a proposal, vote, dissent or conflict to paragraph `pid`.
pub async fn add_entry(app: &App, ctx: &Ctx, m: &Meeting, pid: i64, entry: ParagraphEntry) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.add_to_paragraph(m.id, pid, entry, &ctx.actor()).await?)
}

/// The operation: removes entry `index` (from 0) of one of paragraph `pid`'s lists.
pub async fn remove_entry(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    pid: i64,
    list: ParagraphList,
    index: usize,
) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.remove_from_paragraph(m.id, pid, list, index, &ctx.actor()).await?)
}

fn index_of(raw: &str) -> AppResult<usize> {
    raw.parse().map_err(|_| AppError::NotFound)
}

// ---- the page face ----

fn saved(m: &Meeting, pid: i64) -> Response {
    Redirect::to(&format!("/moten/{}/protokoll?klart=sparat#p-{pid}", m.id)).into_response()
}

pub async fn update_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    pairs: Pairs,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let f = ParagraphForm::from_pairs(&pairs);
    let result = match f.parse() {
        Ok(input) => update(&app, &ctx, &m, pid, &input, &f.attachments).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(saved(&m, pid)),
        Err(e) => {
            let fields = ["title", "case_number", "decision", "summary", "basis", "recipients", "attachments"];
            let invalid = prefixed(reshown(e)?, &format!("p{pid}-"), &fields);
            let stamp = app.store.paragraphs(m.id).await?.iter().find(|r| r.id == pid).map(|r| r.stamp());
            let forms = vec![(pid, f, stamp.unwrap_or_default())];
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), forms, ..Default::default() }).await
        }
    }
}

/// The lists of a paragraph by their Swedish path segment, with the name their forms use.
fn list_of(segment: &str) -> AppResult<(ParagraphList, &'static str)> {
    match segment {
        "yrkanden" => Ok((ParagraphList::Motions, "motions")),
        "omrostningar" => Ok((ParagraphList::Votes, "votes")),
        "reservationer" => Ok((ParagraphList::Dissents, "dissents")),
        "jav" => Ok((ParagraphList::Conflicts, "conflicts")),
        _ => Err(AppError::NotFound),
    }
}

/// The lists of a paragraph by the names the editor's forms use.
pub(super) fn list_of_name(name: &str) -> AppResult<(ParagraphList, &'static str)> {
    match name {
        "motions" => Ok((ParagraphList::Motions, "motions")),
        "votes" => Ok((ParagraphList::Votes, "votes")),
        "dissents" => Ok((ParagraphList::Dissents, "dissents")),
        "conflicts" => Ok((ParagraphList::Conflicts, "conflicts")),
        _ => Err(AppError::NotFound),
    }
}

/// An entry from the page's form (ballots as `ballot-{person}`), with the form's fields.
pub(super) fn entry_of(
    list: ParagraphList,
    pairs: &Pairs,
) -> (Result<ParagraphEntry, Invalid>, &'static [&'static str]) {
    match list {
        ParagraphList::Motions => {
            (MotionInput::parse(&pairs.get("by"), &pairs.get("text")).map(ParagraphEntry::Motion), &["by", "text"])
        }
        ParagraphList::Votes => {
            let ballots: Vec<(String, String)> = pairs
                .0
                .iter()
                .filter_map(|(k, v)| k.strip_prefix("ballot-").map(|p| (p.to_string(), v.clone())))
                .collect();
            let refs: Vec<(&str, &str)> = ballots.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            (
                VoteInput::parse(&pairs.get("question"), &pairs.get("result"), &refs).map(ParagraphEntry::Vote),
                &["question", "result", "ballots"],
            )
        }
        ParagraphList::Dissents => (
            RemarkInput::parse(&pairs.get("person"), &pairs.get("text")).map(ParagraphEntry::Dissent),
            &["person", "text"],
        ),
        ParagraphList::Conflicts => (
            RemarkInput::parse(&pairs.get("person"), &pairs.get("text")).map(ParagraphEntry::Conflict),
            &["person", "text"],
        ),
    }
}

pub async fn add_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    ListSegment(list): ListSegment,
    pairs: Pairs,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let (which, name) = list_of(&list)?;
    let (parsed, fields) = entry_of(which, &pairs);
    let result = match parsed {
        Ok(entry) => add_entry(&app, &ctx, &m, pid, entry).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(saved(&m, pid)),
        Err(e) => {
            let invalid = prefixed(reshown(e)?, &format!("p{pid}-{name}-"), fields);
            let kept = pairs
                .0
                .iter()
                .filter(|(k, _)| k != "csrf")
                .map(|(k, v)| (format!("p{pid}-{name}-{k}"), v.clone()))
                .collect();
            let open = super::page::section(name).map(|s| vec![(pid, s)]).unwrap_or_default();
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), kept, open, ..Default::default() }).await
        }
    }
}

pub async fn remove_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    ListSegment(list): ListSegment,
    EntryIndex(index): EntryIndex,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let (which, _) = list_of(&list)?;
    let index = index_of(&index)?;
    match remove_entry(&app, &ctx, &m, pid, which, index).await {
        Ok(()) => Ok(saved(&m, pid)),
        Err(e) => {
            let invalid = prefixed(reshown(e)?, &format!("p{pid}-"), &["title"]);
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}

// ---- the API face ----

/// Paragraph `pid` of the working copy as it now stands.
async fn paragraph(app: &App, m: &Meeting, pid: i64) -> AppResult<ParagraphRow> {
    app.store.paragraphs(m.id).await?.into_iter().find(|p| p.id == pid).ok_or(AppError::NotFound)
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let (input, attachments) = form::parse_json(&headers, &body)?;
    update(&app, &ctx, &m, pid, &input, &attachments).await?;
    Ok(Json(paragraph(&app, &m, pid).await?).into_response())
}

/// An entry from JSON: `{by, text}`, `{question, result, ballots: [{person_id, choice}]}` or
/// `{person_id, text}`.
fn entry_of_json(list: ParagraphList, headers: &HeaderMap, body: &Bytes) -> AppResult<ParagraphEntry> {
    Ok(match list {
        ParagraphList::Motions => {
            let mut j = JsonInput::parse(headers, body, &["by", "text"])?;
            let (by, text) = (j.str("by"), j.str("text"));
            j.finish()?;
            ParagraphEntry::Motion(MotionInput::parse(&by, &text)?)
        }
        ParagraphList::Votes => {
            let mut j = JsonInput::parse(headers, body, &["question", "result", "ballots"])?;
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
            let mut j = JsonInput::parse(headers, body, &["person_id", "text"])?;
            let (person, text) = (j.id("person_id"), j.str("text"));
            j.finish()?;
            let r = RemarkInput::parse(&person.map(|p| p.to_string()).unwrap_or_default(), &text)?;
            if l == ParagraphList::Dissents { ParagraphEntry::Dissent(r) } else { ParagraphEntry::Conflict(r) }
        }
    })
}

/// The lists by their English names: `motions`, `votes`, `dissents`, `conflicts`.
fn api_list_of(segment: &str) -> AppResult<ParagraphList> {
    ParagraphList::parse(segment).ok_or(AppError::NotFound)
}

pub async fn api_add(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    ListSegment(list): ListSegment,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let entry = entry_of_json(api_list_of(&list)?, &headers, &body)?;
    add_entry(&app, &ctx, &m, pid, entry).await?;
    Ok((StatusCode::CREATED, Json(paragraph(&app, &m, pid).await?)).into_response())
}

pub async fn api_remove(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    ListSegment(list): ListSegment,
    EntryIndex(index): EntryIndex,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let index = index_of(&index)?;
    remove_entry(&app, &ctx, &m, pid, api_list_of(&list)?, index).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
