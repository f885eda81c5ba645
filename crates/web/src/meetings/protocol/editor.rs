//! The protocol editor (issue 9, ADR 25): the whole working copy is one form, posted to
//! `/moten/{id}/protokoll/utkast`, and every button of it — save, add a paragraph, remove, move
//! up or down, open a vote, a dissent or a conflict of interest, record or delete one of those,
//! submit, publish a correction — first saves every paragraph's text, then does its step. So no
//! typed text is lost, with or without JavaScript. A save overwrites nothing someone else saved
//! meanwhile: the page comes back with the user's text, the other text beside it and a message
//! (`store::meetings::draft`).
//!
//! The operations (`save`, `add`, `remove`, `move_to`) are called by this form and by the API.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::meetings::{ParagraphFields, ParagraphInput, correction_reason};
use domain::{FieldError, Invalid};
use serde_json::json;
use store::meetings::{DraftEdit, Meeting};

use super::form::ParagraphForm;
use super::page::{Posted, back, prefixed, render_page, section};
use super::paragraphs::{add_entry, entry_of, list_of_name, remove_entry};
use super::{correct, submit};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::meetings::access::require_prepare;
use crate::meetings::path::{MeetingPath, ParagraphId};

/// The sections asked open in the query: `?oppna=p12-votes`.
pub fn opened(query: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(k, _)| *k == "oppna")
        .map(|(_, v)| crate::pages::url_decode(v))
        .collect()
}

/// The operation: saves every paragraph the user changed (nothing when someone else changed
/// one of them meanwhile: the errors name those paragraphs).
pub async fn save(app: &App, ctx: &Ctx, m: &Meeting, edits: &[DraftEdit]) -> AppResult<Vec<i64>> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.save_draft(m.id, edits, &ctx.actor()).await?)
}

/// The title of a new paragraph: required, at most 300 characters.
fn new_title(raw: &str) -> Result<String, Invalid> {
    domain::text::required("title", raw, 300).map_err(Invalid::one)
}

/// The operation: a paragraph added after paragraph `after` (last when `None`), its id.
pub async fn add(
    app: &App,
    ctx: &Ctx,
    m: &Meeting,
    title: &str,
    after: Option<i64>,
    key: Option<&str>,
) -> AppResult<i64> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.add_paragraph(m.id, title, after, &ctx.actor(), key).await?)
}

/// The operation: paragraph `pid` removed from the draft.
pub async fn remove(app: &App, ctx: &Ctx, m: &Meeting, pid: i64) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.remove_paragraph(m.id, pid, &ctx.actor()).await?)
}

/// The operation: paragraph `pid` moved to place `to` (from 0).
pub async fn move_to(app: &App, ctx: &Ctx, m: &Meeting, pid: i64, to: usize) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.move_paragraph(m.id, pid, to, &ctx.actor()).await?)
}

// ---- the page face ----

/// What a button of the editor asks for, from its `do` value.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Save,
    Add,
    Remove(i64),
    Move(i64, usize),
    Open(i64, &'static str),
    Entry(i64, &'static str),
    Drop(i64, &'static str, usize),
    Submit,
    Correct,
}

fn step_of(raw: &str) -> AppResult<Step> {
    let parts: Vec<&str> = raw.split(':').collect();
    let id = |s: &str| s.parse::<i64>().map_err(|_| AppError::NotFound);
    let list = |s: &str| section(s).ok_or(AppError::NotFound);
    Ok(match parts.as_slice() {
        ["save"] | [""] | [] => Step::Save,
        ["add"] => Step::Add,
        ["submit"] => Step::Submit,
        ["correct"] => Step::Correct,
        ["remove", p] => Step::Remove(id(p)?),
        ["move", p, to] => Step::Move(id(p)?, to.parse().map_err(|_| AppError::NotFound)?),
        ["open", p, s] => Step::Open(id(p)?, list(s)?),
        ["entry", p, s] => Step::Entry(id(p)?, list(s)?),
        ["drop", p, s, i] => Step::Drop(id(p)?, list(s)?, i.parse().map_err(|_| AppError::NotFound)?),
        _ => return Err(AppError::NotFound),
    })
}

const TEXT_FIELDS: [&str; 7] = ["title", "case_number", "decision", "summary", "basis", "recipients", "attachments"];

/// A paragraph's part of the form as typed: (paragraph id, its fields, the stamp it was loaded with).
type Typed = (i64, ParagraphForm, String);

/// The paragraphs of the form, each as typed with its stamp, and parsed when it parses.
fn paragraphs_of(pairs: &Pairs) -> (Vec<Typed>, Vec<DraftEdit>, Vec<FieldError>) {
    let (mut forms, mut edits, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for pid in pairs.all("pid").iter().filter_map(|p| p.parse::<i64>().ok()) {
        let prefix = format!("p{pid}-");
        let own = Pairs(
            pairs.0.iter().filter_map(|(k, v)| k.strip_prefix(&prefix).map(|k| (k.to_string(), v.clone()))).collect(),
        );
        let form = ParagraphForm::from_pairs(&own);
        let stamp = own.get("stamp");
        let parsed = ParagraphInput::parse_draft(&ParagraphFields {
            title: &form.title,
            case_number: &form.case_number,
            decision: &form.decision,
            summary: &form.summary,
            basis: &form.basis,
            recipients: &form.recipients,
            immediate: form.immediate,
        });
        match parsed {
            Ok(input) => {
                edits.push(DraftEdit { id: pid, stamp: stamp.clone(), input, attachments: form.attachments.clone() })
            }
            Err(i) => errors.extend(prefixed(i, &prefix, &TEXT_FIELDS).0),
        }
        forms.push((pid, form, stamp));
    }
    (forms, edits, errors)
}

fn to(m: &Meeting, query: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/moten/{}/protokoll?{query}#{anchor}", m.id)).into_response()
}

pub async fn post(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath, pairs: Pairs) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let step = step_of(&pairs.get("do"))?;
    let (forms, edits, errors) = paragraphs_of(&pairs);
    let kept: Vec<(String, String)> = pairs.0.iter().filter(|(k, _)| k != "csrf").cloned().collect();
    let open: Vec<(i64, &'static str)> = match step {
        Step::Entry(pid, s) => vec![(pid, s)],
        _ => vec![],
    };
    // Whatever the button, the text first: shown again with its errors when it does not parse.
    if !errors.is_empty() {
        let posted = Posted { invalid: Some(Invalid(errors)), forms, open, kept, ..Default::default() };
        return render_page(&app, &ctx, m, posted).await;
    }
    if let Err(e) = save(&app, &ctx, &m, &edits).await {
        let invalid = reshown(e)?;
        // Paragraphs someone else changed: their saved text beside the user's, and the stamp
        // of that text, so that saving again replaces it knowingly.
        let rows = app.store.paragraphs(m.id).await?;
        let mut forms = forms;
        let mut stored = Vec::new();
        for (pid, _, stamp) in forms.iter_mut() {
            if invalid.0.iter().any(|e| e.field == format!("p{pid}-draft"))
                && let Some(r) = rows.iter().find(|r| r.id == *pid)
            {
                *stamp = r.stamp();
                stored.push((*pid, ParagraphForm::of(r)));
            }
        }
        let posted = Posted { invalid: Some(invalid), forms, open, stored, kept };
        return render_page(&app, &ctx, m, posted).await;
    }
    // The text is saved: from here on the page shows what is stored.
    let result: AppResult<Response> = match step {
        Step::Save => Ok(to(&m, "klart=sparat", "h-work")),
        Step::Add => {
            let after = pairs.get("new-after").parse::<i64>().ok();
            let key = pairs.get("key");
            match new_title(&pairs.get("new-title")) {
                Ok(title) => add(&app, &ctx, &m, &title, after, Some(key.as_str()).filter(|k| !k.is_empty()))
                    .await
                    .map(|id| to(&m, "klart=sparat", &format!("p-{id}"))),
                Err(i) => Err(i.into()),
            }
        }
        Step::Remove(pid) => remove(&app, &ctx, &m, pid).await.map(|()| to(&m, "klart=sparat", "h-work")),
        Step::Move(pid, place) => {
            move_to(&app, &ctx, &m, pid, place).await.map(|()| to(&m, "klart=sparat", &format!("p-{pid}")))
        }
        Step::Open(pid, s) => Ok(to(&m, &format!("oppna=p{pid}-{s}"), &format!("p{pid}-{s}"))),
        Step::Entry(pid, s) => {
            let (which, _) = list_of_name(s)?;
            let prefix = format!("p{pid}-{s}-");
            let mut own: Vec<(String, String)> = pairs
                .0
                .iter()
                .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|k| (k.to_string(), v.clone())))
                .collect();
            let ballots = format!("p{pid}-ballot-");
            own.extend(
                pairs
                    .0
                    .iter()
                    .filter_map(|(k, v)| k.strip_prefix(&ballots).map(|k| (format!("ballot-{k}"), v.clone()))),
            );
            let (parsed, fields) = entry_of(which, &Pairs(own));
            let r = match parsed {
                Ok(entry) => add_entry(&app, &ctx, &m, pid, entry).await,
                Err(i) => Err(i.into()),
            };
            match r {
                Ok(()) => Ok(to(&m, "klart=sparat", &format!("p-{pid}"))),
                Err(e) => {
                    let invalid = prefixed(reshown(e)?, &prefix, fields);
                    let posted = Posted { invalid: Some(invalid), open, kept, ..Default::default() };
                    return render_page(&app, &ctx, m, posted).await;
                }
            }
        }
        Step::Drop(pid, s, index) => {
            let (which, _) = list_of_name(s)?;
            remove_entry(&app, &ctx, &m, pid, which, index).await.map(|()| to(&m, "klart=sparat", &format!("p-{pid}")))
        }
        Step::Submit => match submit::submit(&app, &ctx, &m).await {
            Ok(_) => Ok(back(m.id, "lamnat")),
            Err(e) => {
                let at_button = |mut e: FieldError| {
                    e.field = "submit".into();
                    e
                };
                Err(Invalid(reshown(e)?.0.into_iter().map(at_button).collect()).into())
            }
        },
        Step::Correct => {
            let reason = pairs.get("correction-reason");
            match correction_reason(&reason) {
                Ok(r) => correct::correct(&app, &ctx, &m, &r).await.map(|_| back(m.id, "rattat")),
                Err(i) => Err(prefixed(i, "correction-", &["reason"]).into()),
            }
        }
    };
    match result {
        Ok(r) => Ok(r),
        Err(e) => {
            // A refused step: the saved text with the step's error and what was typed for it.
            let mut invalid = reshown(e)?;
            for e in invalid.0.iter_mut() {
                match step {
                    Step::Add => e.field = "new-title".into(),
                    Step::Remove(_) | Step::Move(..) | Step::Drop(..) => e.field = "draft".into(),
                    _ => {}
                }
            }
            let posted = Posted { invalid: Some(invalid), open, kept, ..Default::default() };
            render_page(&app, &ctx, m, posted).await
        }
    }
}

/// The editor's script: a warning before leaving with unsaved text (the form works without it).
pub async fn script() -> Response {
    const JS: &str = include_str!("../../../static/editor.js");
    let headers = [
        (axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
        (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
    ];
    (headers, JS).into_response()
}

// ---- the API face ----

/// `POST /meetings/{id}/paragraphs` `{title, after}`: a paragraph added, as it now stands.
pub async fn api_add(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["title", "after"])?;
    let (title, after) = (j.str("title"), j.id("after"));
    j.finish()?;
    let title = new_title(&title)?;
    let id = add(&app, &ctx, &m, &title, after, crate::json::idempotency_key(&headers)).await?;
    let row = app.store.paragraphs(m.id).await?.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(row)).into_response())
}

/// `DELETE /meetings/{id}/paragraphs/{pid}`.
pub async fn api_remove(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
) -> AppResult<Response> {
    remove(&app, &ctx, &m, pid).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /meetings/{id}/paragraphs/{pid}/move` `{position}` (from 1): the paragraphs in order.
pub async fn api_move(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphId(pid): ParagraphId,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut j = JsonInput::parse(&headers, &body, &["position"])?;
    let position = j.id("position");
    j.finish()?;
    let position = position.filter(|p| *p >= 1).ok_or_else(|| {
        Invalid::one(FieldError::new(
            "position",
            "invalid_position",
            "Ange platsen som ett heltal från 1.",
            "Give the position as a whole number from 1.",
        ))
    })?;
    move_to(&app, &ctx, &m, pid, (position - 1) as usize).await?;
    Ok(Json(json!({"paragraphs": app.store.paragraphs(m.id).await?})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_button_names_its_step() {
        assert_eq!(step_of("save").unwrap(), Step::Save);
        assert_eq!(step_of("move:12:0").unwrap(), Step::Move(12, 0));
        assert_eq!(step_of("open:12:votes").unwrap(), Step::Open(12, "votes"));
        assert_eq!(step_of("drop:12:dissents:1").unwrap(), Step::Drop(12, "dissents", 1));
        assert!(step_of("open:12:grid").is_err());
        assert!(step_of("remove:x").is_err());
    }
}
