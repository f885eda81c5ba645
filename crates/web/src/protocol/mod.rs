//! Protocols: drafting paragraphs, adjustment with approvals, corrections, the published
//! protocol (HTML and PDF), certified extracts, verification, and the notice board.
//!
//! One page, `/moten/{id}/protokoll`, shows what the viewer may see and do at the protocol's
//! stage: the working copy for those who prepare it, the frozen version and the approval form
//! for the chair and adjusters, the draft for the body's members, and the published protocol
//! (with every correction and earlier version) for everyone once adjusted.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::Invalid;
use domain::error::Lang;
use domain::ids::{MeetingId, PersonId};
use domain::meetings::{
    ApprovalTarget, MeetingStatus, MotionInput, ParagraphFields, ParagraphInput, RemarkInput, VoteInput,
    correction_reason,
};
use store::meetings::{
    Approval, Attachment, Meeting, ParagraphEntry, ParagraphList, ParagraphRow, ProtocolVersion, Verification,
};

use crate::access;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Pairs, id};
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

mod board;
mod pdf;

use crate::notice_pdf::{file_stem, pdf_response};
mod view;

pub use view::DocView;
use view::Signed;

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/moten/{id}/protokoll", get(page))
        .route("/moten/{id}/protokoll.pdf", get(protocol_pdf))
        .route("/moten/{id}/protokoll/paborja", post(start))
        .route("/moten/{id}/protokoll/lamna", post(submit))
        .route("/moten/{id}/protokoll/ta-tillbaka", post(reopen))
        .route("/moten/{id}/protokoll/justera", post(approve))
        .route("/moten/{id}/protokoll/rattelse", post(correct))
        .route("/moten/{id}/protokoll/verifiera", get(verify))
        .route("/moten/{id}/protokoll/paragrafer/{pid}", post(update_paragraph))
        .route("/moten/{id}/protokoll/paragrafer/{pid}/{list}", post(add_entry))
        .route("/moten/{id}/protokoll/paragrafer/{pid}/{list}/{index}/ta-bort", post(remove_entry))
        .route("/moten/{id}/protokoll/{number}/justera", post(approve_paragraph))
        .route("/moten/{id}/protokoll/{number}/utdrag", get(extract))
        .route("/moten/{id}/protokoll/{number}/utdrag.pdf", get(extract_pdf))
        .merge(board::routes())
}

pub(crate) fn api_routes() -> Router<App> {
    Router::new()
}

// ---- the paragraph form ----

/// A paragraph's edit form as strings, so that any input can be shown again with its errors.
#[derive(Clone, Debug, Default)]
pub struct ParagraphForm {
    pub title: String,
    pub case_number: String,
    pub decision: String,
    pub summary: String,
    pub basis: String,
    pub recipients: String,
    pub attachments: Vec<i64>,
    pub immediate: bool,
}

impl ParagraphForm {
    fn of(r: &ParagraphRow) -> ParagraphForm {
        ParagraphForm {
            title: r.title.clone(),
            case_number: r.case_number.clone().unwrap_or_default(),
            decision: r.decision.clone(),
            summary: r.summary.clone().unwrap_or_default(),
            basis: r.basis.join("\n"),
            recipients: r.recipients.join("\n"),
            attachments: r.attachments.clone(),
            immediate: r.immediate,
        }
    }

    fn from_pairs(p: &Pairs) -> ParagraphForm {
        ParagraphForm {
            title: p.get("title"),
            case_number: p.get("case_number"),
            decision: p.get("decision"),
            summary: p.get("summary"),
            basis: p.get("basis"),
            recipients: p.get("recipients"),
            attachments: p.all("attachment").iter().filter_map(|a| a.parse().ok()).collect(),
            immediate: !p.get("immediate").is_empty(),
        }
    }

    fn parse(&self) -> Result<ParagraphInput, Invalid> {
        ParagraphInput::parse(&ParagraphFields {
            title: &self.title,
            case_number: &self.case_number,
            decision: &self.decision,
            summary: &self.summary,
            basis: &self.basis,
            recipients: &self.recipients,
            immediate: self.immediate,
        })
    }

    pub fn has_attachment(&self, id: &i64) -> bool {
        self.attachments.contains(id)
    }
}

/// A paragraph of the working copy with what its forms need.
pub struct WorkParagraph {
    pub row: ParagraphRow,
    pub form: ParagraphForm,
    /// Serving members present at the paragraph: (person id, name), for the ballots.
    pub voters: Vec<(i64, String)>,
    /// Everyone registered present at the paragraph, for dissents and conflicts.
    pub present: Vec<(i64, String)>,
    pub adjusted_at_once: bool,
}

/// One text field of a form, worked out with its label, value and error.
pub struct FieldView {
    pub id: String,
    pub name: String,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub value: String,
    pub error: Option<String>,
    pub required: bool,
    pub multiline: bool,
    pub kind: &'static str,
}

pub struct RemarkList {
    pub list: &'static str,
    pub seg: &'static str,
    pub key: &'static str,
    pub items: Vec<store::meetings::StoredRemark>,
    pub legend: &'static str,
    pub heading: &'static str,
}

/// A version of the published protocol as the list of versions shows it.
pub struct VersionLine {
    pub version: i64,
    pub date: String,
    pub by: String,
    pub reason: Option<String>,
    pub corrected: Option<String>,
}

/// What a failed post leaves for the page to show again.
#[derive(Default)]
struct Posted {
    invalid: Option<Invalid>,
    form: Option<(i64, ParagraphForm)>,
    kept: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "protocol/page.html")]
struct ProtocolPage {
    p: Chrome,
    m: Meeting,
    status: &'static str,
    prepare: bool,
    can_start: bool,
    /// The working copy, for those who prepare, while it can be edited.
    work: Vec<WorkParagraph>,
    attachments: Vec<Attachment>,
    /// The text shown read-only: "draft", "frozen" or "published".
    doc_kind: &'static str,
    doc: Option<DocView>,
    versions: Vec<VersionLine>,
    latest: i64,
    /// The chair's or adjuster's role of the viewer.
    approver: Option<&'static str>,
    already_approved: bool,
    approved_so_far: Vec<Signed>,
    waiting_for: Vec<String>,
    /// OJ paragraphs the viewer may adjust at once: (number, title, approved by the viewer).
    immediate: Vec<(u32, String, bool)>,
    due: String,
    late: bool,
    step: Option<&'static str>,
    kept: Vec<(String, String)>,
}

impl ProtocolPage {
    pub fn err(&self, pid: &i64, name: &str) -> Option<&str> {
        self.p.error(&format!("p{pid}-{name}"))
    }

    pub fn kept(&self, pid: &i64, name: &str) -> &str {
        self.kept_raw(&format!("p{pid}-{name}"))
    }

    pub fn kept_raw(&self, key: &str) -> &str {
        self.kept.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
    }

    pub fn kept_choice(&self, pid: &i64, person: &i64, choice: &str) -> bool {
        self.kept(pid, &format!("ballot-{person}")) == choice
    }

    pub fn kept_person(&self, pid: &i64, list: &str, person: &i64) -> bool {
        self.kept(pid, &format!("{list}-person")) == person.to_string()
    }

    pub fn short<'a>(&self, digest: &'a str) -> &'a str {
        &digest[..digest.len().min(12)]
    }

    /// A reason or account of a correction as a sentence with one full stop.
    pub fn sentence(&self, s: &str) -> String {
        domain::text::sentence(s)
    }

    /// A field named by the last part of its key (`p12-case_number` is `case_number`).
    fn field(
        &self,
        key: String,
        label: &str,
        value: String,
        required: bool,
        hint: Option<&str>,
        multiline: bool,
    ) -> FieldView {
        FieldView {
            error: self.p.error(&key).map(str::to_string),
            id: format!("f-{key}"),
            name: key.rsplit('-').next().unwrap_or_default().to_string(),
            label: i18n::text(self.p.lang, label),
            hint: hint.map(|h| i18n::text(self.p.lang, h)),
            value,
            required,
            multiline,
            kind: "text",
        }
    }

    /// The text fields of a paragraph's edit form.
    pub fn fields(&self, w: &WorkParagraph) -> Vec<FieldView> {
        let pid = w.row.id;
        let f = &w.form;
        let one = |name: &str, label: &str, value: &str, required: bool, hint: Option<&str>, multiline: bool| {
            self.field(format!("p{pid}-{name}"), label, value.to_string(), required, hint, multiline)
        };
        vec![
            one("title", "protocol.paragraph_title", &f.title, true, None, false),
            one("case_number", "protocol.case_number", &f.case_number, false, Some("protocol.case_number_hint"), false),
            one("decision", "protocol.decision", &f.decision, true, None, true),
            one("summary", "protocol.summary", &f.summary, false, None, true),
            one("basis", "protocol.basis", &f.basis, false, Some("protocol.one_a_line"), true),
            one("recipients", "protocol.recipients", &f.recipients, false, Some("protocol.one_a_line"), true),
        ]
    }

    /// The text fields of the form that adds to one of a paragraph's lists.
    pub fn sub_fields(&self, pid: &i64, list: &str) -> Vec<FieldView> {
        let one = |name: &str, label: &str, multiline: bool, required: bool| {
            let key = format!("p{pid}-{list}-{name}");
            let value = self.kept_raw(&key).to_string();
            self.field(key, label, value, required, None, multiline)
        };
        match list {
            "motions" => {
                vec![one("by", "protocol.motion_by", false, true), one("text", "protocol.motion_text", true, true)]
            }
            "votes" => vec![
                one("question", "protocol.vote_question", false, true),
                one("result", "protocol.vote_result", false, true),
            ],
            "dissents" => vec![one("text", "protocol.dissent_grounds", true, false)],
            _ => vec![one("text", "protocol.conflict_note", true, false)],
        }
    }

    pub fn correction_field(&self) -> Vec<FieldView> {
        let value = self.kept_raw("correction-reason").to_string();
        vec![self.field("correction-reason".into(), "protocol.reason", value, true, Some("protocol.reason_hint"), true)]
    }

    pub fn oj_field(&self, number: &u32) -> Vec<FieldView> {
        let mut f = self.field(format!("oj{number}-password"), "protocol.password", String::new(), true, None, false);
        f.kind = "password";
        vec![f]
    }

    /// The dissents and the conflicts of interest of a paragraph, for one loop in the page.
    pub fn remarks(&self, w: &WorkParagraph) -> Vec<RemarkList> {
        vec![
            RemarkList {
                list: "dissents",
                seg: "reservationer",
                key: "dissents-person",
                items: w.row.dissents.clone(),
                legend: "protocol.add_dissent",
                heading: "protocol.dissents",
            },
            RemarkList {
                list: "conflicts",
                seg: "jav",
                key: "conflicts-person",
                items: w.row.conflicts.clone(),
                legend: "protocol.add_conflict",
                heading: "protocol.conflicts",
            },
        ]
    }

    pub fn choice_label(&self, c: &str) -> &'static str {
        domain::meetings::Choice::parse(c).map_or("", |c| c.label(self.p.lang))
    }
}

fn step_notice(ctx: &Ctx) -> Option<&'static str> {
    query_value(&ctx.query, "steg").and_then(|v| match v.as_str() {
        "paborjat" => Some("protocol.step_started"),
        "lamnat" => Some("protocol.step_submitted"),
        "tillbaka" => Some("protocol.step_reopened"),
        "justerat" => Some("protocol.step_approved"),
        "klart" => Some("protocol.step_adjusted"),
        "rattat" => Some("protocol.step_corrected"),
        "oj" => Some("protocol.step_immediate"),
        _ => None,
    })
}

/// Everything the page shows about the meeting's versions and approvals.
struct Record {
    versions: Vec<ProtocolVersion>,
    approvals: Vec<Approval>,
    attachments: Vec<Attachment>,
}

async fn record(app: &App, m: &Meeting) -> AppResult<Record> {
    Ok(Record {
        versions: app.store.protocol_versions(m.id).await?,
        approvals: app.store.approvals(m.id).await?,
        attachments: app.store.attachments(m.id).await?,
    })
}

/// Refuses those who may not read the protocol as it stands: anonymous visitors are asked to
/// sign in, signed-in people without a part in the body get 403, and a meeting not yet held
/// has no protocol at all.
async fn require_read(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<()> {
    if access::can_read_protocol(app, ctx, m).await? {
        return Ok(());
    }
    if !m.status.was_held() && !access::can_prepare(app, ctx, m).await? {
        return Err(AppError::NotFound);
    }
    ctx.require_user()?;
    if access::can_prepare(app, ctx, m).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

fn title(ctx: &Ctx, m: &Meeting) -> String {
    format!("{} – {} {}", i18n::text(ctx.lang, "protocol.title"), m.body_name, m.date)
}

/// The version asked for with `?version=N`, the latest by default.
fn chosen<'a>(ctx: &Ctx, versions: &'a [ProtocolVersion]) -> AppResult<Option<&'a ProtocolVersion>> {
    match query_value(&ctx.query, "version") {
        Some(v) => {
            let n: i64 = v.parse().map_err(|_| AppError::NotFound)?;
            versions.iter().find(|x| x.version == n).map(Some).ok_or(AppError::NotFound)
        }
        None => Ok(versions.last()),
    }
}

async fn render_page(app: &App, ctx: &Ctx, m: Meeting, posted: Posted) -> AppResult<Response> {
    require_read(app, ctx, &m).await?;
    let prepare = access::can_prepare(app, ctx, &m).await?;
    let me = access::person(ctx);
    let approver = me.and_then(|p| store::Store::approver_role(&m, p));
    let rec = record(app, &m).await?;
    let lang = ctx.lang;
    let paragraphs = if m.status.was_held() { app.store.paragraphs(m.id).await? } else { Vec::new() };
    let editable = prepare && (m.status == MeetingStatus::Held || m.protocol_public());
    let mut work = Vec::new();
    if editable && !paragraphs.is_empty() {
        let draft = app.store.draft_protocol(m.id).await?;
        for row in paragraphs.iter().cloned() {
            let n = row.number as u32;
            let at = |serving: bool| -> Vec<(i64, String)> {
                draft
                    .attendance
                    .iter()
                    .filter(|a| a.present_at(n) && (!serving || a.serves()))
                    .filter_map(|a| a.person.person_id.map(|id| (id, a.person.with_party())))
                    .collect()
            };
            let adjusted_at_once = row.immediate
                && rec.approvals.iter().any(|a| a.target == ApprovalTarget::Paragraph { number: row.number })
                && m.status == MeetingStatus::Held;
            let form = match &posted.form {
                Some((pid, f)) if *pid == row.id => f.clone(),
                _ => ParagraphForm::of(&row),
            };
            work.push(WorkParagraph { voters: at(true), present: at(false), form, adjusted_at_once, row });
        }
    }
    let (doc_kind, doc) = if m.protocol_public() {
        let v = chosen(ctx, &rec.versions)?;
        let doc = v.and_then(|v| v.protocol().map(|p| (p, v)));
        ("published", doc.map(|(p, v)| DocView::new(&p, Some(v), &rec.approvals, &rec.attachments, lang)))
    } else if m.status == MeetingStatus::ProtocolDrafted {
        let v = rec.versions.iter().rfind(|v| v.locked_at.is_none());
        let doc = v.and_then(|v| v.protocol().map(|p| (p, v)));
        ("frozen", doc.map(|(p, v)| DocView::new(&p, Some(v), &rec.approvals, &rec.attachments, lang)))
    } else if !paragraphs.is_empty() && !editable {
        let p = app.store.draft_protocol(m.id).await?;
        ("draft", Some(DocView::new(&p, None, &rec.approvals, &rec.attachments, lang)))
    } else {
        ("", None)
    };
    let (approved_so_far, waiting_for, already_approved) = if m.status == MeetingStatus::ProtocolDrafted {
        let v = rec.versions.iter().rfind(|v| v.locked_at.is_none()).map_or(0, |v| v.version);
        let target = ApprovalTarget::Protocol { version: v };
        let signed: Vec<&Approval> = rec.approvals.iter().filter(|a| a.target == target).collect();
        let waiting = m
            .chair
            .iter()
            .chain(m.adjusters.iter())
            .filter(|n| !signed.iter().any(|a| a.person_id == n.id))
            .map(|n| n.name.clone())
            .collect();
        let mine = me.is_some_and(|p| signed.iter().any(|a| a.person_id == p.0));
        let so_far = signed
            .iter()
            .map(|a| Signed {
                name: a.name.clone(),
                role: view::role_label(&a.role, lang),
                when: view::when(a.approved_at),
                digest: a.digest.clone(),
            })
            .collect();
        (so_far, waiting, mine)
    } else {
        (Vec::new(), Vec::new(), false)
    };
    let immediate = if approver.is_some() && m.status == MeetingStatus::Held {
        paragraphs
            .iter()
            .filter(|r| r.immediate)
            .map(|r| {
                let mine = rec.approvals.iter().any(|a| {
                    a.target == ApprovalTarget::Paragraph { number: r.number } && Some(PersonId(a.person_id)) == me
                });
                (r.number as u32, r.title.clone(), mine)
            })
            .collect()
    } else {
        Vec::new()
    };
    let versions = rec
        .versions
        .iter()
        .filter(|v| v.locked_at.is_some())
        .map(|v| VersionLine {
            version: v.version,
            date: view::when(v.created_at),
            by: v.created_by.clone(),
            reason: v.reason.clone(),
            corrected: v.corrected.clone(),
        })
        .collect();
    let mut p = Chrome::new(ctx, title(ctx, &m));
    let status = if posted.invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    if let Some(i) = &posted.invalid {
        p = p.with_errors(i);
    }
    let today = app.store.today();
    let page = ProtocolPage {
        p,
        status: m.status.label(lang),
        can_start: prepare && m.status == MeetingStatus::Held && paragraphs.is_empty(),
        prepare,
        work,
        attachments: rec.attachments,
        doc_kind,
        doc,
        versions,
        latest: rec.versions.last().map_or(0, |v| v.version),
        approver,
        already_approved,
        approved_so_far,
        waiting_for,
        immediate,
        due: m.adjustment_due().to_string(),
        late: m.adjustment_late(today),
        step: step_notice(ctx),
        kept: posted.kept,
        m,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    render_page(&app, &ctx, m, Posted::default()).await
}

fn back(m: MeetingId, step: &str) -> Response {
    Redirect::to(&format!("/moten/{m}/protokoll?steg={step}")).into_response()
}

/// Store errors about the input are shown on the page; others go to the error page.
fn shown(e: store::StoreError) -> AppResult<Invalid> {
    match e {
        store::StoreError::Invalid(i) => Ok(i),
        e => Err(e.into()),
    }
}

/// Names every error after the form it belongs to (`p12-title`), and errors about fields the
/// form does not have after its first field, so each one links to something on the page.
fn prefixed(i: Invalid, prefix: &str, fields: &[&str]) -> Invalid {
    Invalid(
        i.0.into_iter()
            .map(|mut e| {
                let base = e.field.split('[').next().unwrap_or("").to_string();
                let f = if fields.contains(&base.as_str()) { base } else { fields[0].to_string() };
                e.field = format!("{prefix}{f}");
                e
            })
            .collect(),
    )
}

pub async fn start(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    app.store.start_protocol(m.id, &ctx.actor()).await?;
    Ok(back(m.id, "paborjat"))
}

pub async fn submit(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    match app.store.submit_protocol(m.id, &ctx.actor()).await {
        Ok(_) => Ok(back(m.id, "lamnat")),
        Err(e) => {
            let invalid = Invalid(
                shown(e)?
                    .0
                    .into_iter()
                    .map(|mut e| {
                        e.field = "submit".into();
                        e
                    })
                    .collect(),
            );
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}

pub async fn reopen(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    app.store.reopen_protocol(m.id, &ctx.actor()).await?;
    Ok(back(m.id, "tillbaka"))
}

pub async fn update_paragraph(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, pid)): Path<(String, String)>,
    pairs: Pairs,
) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    let pid: i64 = id::<i64>(&pid)?;
    let f = ParagraphForm::from_pairs(&pairs);
    let result = match f.parse() {
        Ok(input) => app.store.update_paragraph(m.id, pid, &input, &f.attachments, &ctx.actor()).await.map_err(shown),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/moten/{}/protokoll?klart=sparat#p-{pid}", m.id)).into_response()),
        Err(Ok(i)) => {
            let fields = ["title", "case_number", "decision", "summary", "basis", "recipients", "attachments"];
            let invalid = prefixed(i, &format!("p{pid}-"), &fields);
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), form: Some((pid, f)), kept: vec![] }).await
        }
        Err(Err(e)) => Err(e),
    }
}

/// The lists of a paragraph by their Swedish path segment.
fn list_of(segment: &str) -> AppResult<(ParagraphList, &'static str)> {
    match segment {
        "yrkanden" => Ok((ParagraphList::Motions, "motions")),
        "omrostningar" => Ok((ParagraphList::Votes, "votes")),
        "reservationer" => Ok((ParagraphList::Dissents, "dissents")),
        "jav" => Ok((ParagraphList::Conflicts, "conflicts")),
        _ => Err(AppError::NotFound),
    }
}

pub async fn add_entry(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, pid, list)): Path<(String, String, String)>,
    pairs: Pairs,
) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    let pid: i64 = id::<i64>(&pid)?;
    let (which, name) = list_of(&list)?;
    let (parsed, fields): (Result<ParagraphEntry, Invalid>, &[&str]) = match which {
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
    };
    let result = match parsed {
        Ok(entry) => app.store.add_to_paragraph(m.id, pid, entry, &ctx.actor()).await.map_err(shown),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/moten/{}/protokoll?klart=sparat#p-{pid}", m.id)).into_response()),
        Err(Ok(i)) => {
            let prefix = format!("p{pid}-{name}-");
            let invalid = prefixed(i, &prefix, fields);
            let kept = pairs
                .0
                .iter()
                .filter(|(k, _)| k != "csrf")
                .map(|(k, v)| (format!("p{pid}-{name}-{k}"), v.clone()))
                .collect();
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), form: None, kept }).await
        }
        Err(Err(e)) => Err(e),
    }
}

pub async fn remove_entry(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, pid, list, index)): Path<(String, String, String, String)>,
) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    let pid: i64 = id::<i64>(&pid)?;
    let (which, _) = list_of(&list)?;
    let index: usize = index.parse().map_err(|_| AppError::NotFound)?;
    match app.store.remove_from_paragraph(m.id, pid, which, index, &ctx.actor()).await {
        Ok(()) => Ok(Redirect::to(&format!("/moten/{}/protokoll?klart=sparat#p-{pid}", m.id)).into_response()),
        Err(e) => {
            let invalid = prefixed(shown(e)?, &format!("p{pid}-"), &["title"]);
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
        }
    }
}

/// Checks the password of the signed-in account again before an approval (the one throttled,
/// audited check); a wrong one is the form's error on `field`.
async fn check_password(app: &App, ctx: &Ctx, password: &str, field: &str) -> AppResult<Option<Invalid>> {
    match crate::auth::confirm_password(app, ctx, password, crate::auth::Purpose::Approval, field).await {
        Ok(()) => Ok(None),
        Err(AppError::Invalid(i)) => Ok(Some(i)),
        Err(e) => Err(e),
    }
}

/// The person the signed-in account acts as, when they approve this meeting's protocol.
fn approver(ctx: &Ctx, m: &Meeting) -> AppResult<PersonId> {
    ctx.require_user()?;
    let p = access::person(ctx).ok_or(AppError::Forbidden)?;
    store::Store::approver_role(m, p).map(|_| p).ok_or(AppError::Forbidden)
}

pub async fn approve(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>, pairs: Pairs) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    let person = approver(&ctx, &m)?;
    if let Some(i) = check_password(&app, &ctx, &pairs.get("password"), "password").await? {
        return render_page(&app, &ctx, m, Posted { invalid: Some(i), ..Default::default() }).await;
    }
    let user = ctx.user.as_ref().map(|u| u.user_id());
    match app.store.approve_protocol(m.id, person, user, app.store.now(), &ctx.actor()).await {
        Ok(store::meetings::ApprovalOutcome::Adjusted) => Ok(back(m.id, "klart")),
        Ok(store::meetings::ApprovalOutcome::Recorded) => Ok(back(m.id, "justerat")),
        Err(e) => {
            let i = prefixed(shown(e)?, "", &["password"]);
            render_page(&app, &ctx, m, Posted { invalid: Some(i), ..Default::default() }).await
        }
    }
}

pub async fn approve_paragraph(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, number)): Path<(String, String)>,
    pairs: Pairs,
) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    let number: i64 = id::<i64>(&number)?;
    let person = approver(&ctx, &m)?;
    let field = format!("oj{number}-password");
    if let Some(i) = check_password(&app, &ctx, &pairs.get("password"), &field).await? {
        return render_page(&app, &ctx, m, Posted { invalid: Some(i), ..Default::default() }).await;
    }
    let user = ctx.user.as_ref().map(|u| u.user_id());
    match app.store.approve_paragraph(m.id, number, person, user, &ctx.actor()).await {
        Ok(_) => Ok(back(m.id, "oj")),
        Err(e) => {
            let i = prefixed(shown(e)?, &format!("oj{number}-"), &["password"]);
            render_page(&app, &ctx, m, Posted { invalid: Some(i), ..Default::default() }).await
        }
    }
}

pub async fn correct(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>, pairs: Pairs) -> AppResult<Response> {
    let m = access::load_meeting(&app, &raw).await?;
    access::require_prepare(&app, &ctx, &m).await?;
    let reason = pairs.get("reason");
    let result = match correction_reason(&reason) {
        Ok(r) => app.store.correct_protocol(m.id, &r, &ctx.actor()).await.map_err(shown),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(_) => Ok(back(m.id, "rattat")),
        Err(Ok(i)) => {
            let invalid = prefixed(i, "correction-", &["reason"]);
            let kept = vec![("correction-reason".to_string(), reason)];
            render_page(&app, &ctx, m, Posted { invalid: Some(invalid), form: None, kept }).await
        }
        Err(Err(e)) => Err(e),
    }
}

// ---- verification, extract, PDF ----

#[derive(Template)]
#[template(path = "protocol/verify.html")]
struct VerifyPage {
    p: Chrome,
    m: Meeting,
    v: Verification,
}

impl VerifyPage {
    pub fn role(&self, r: &str) -> &'static str {
        view::role_label(r, self.p.lang)
    }
}

/// The published protocol's meeting: 404 until it is adjusted.
async fn published(app: &App, raw: &str) -> AppResult<Meeting> {
    let m = access::load_meeting(app, raw).await?;
    if m.protocol_public() { Ok(m) } else { Err(AppError::NotFound) }
}

pub async fn verify(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = published(&app, &raw).await?;
    let v = app.store.verify_protocol(m.id).await?;
    let p = Chrome::new(&ctx, format!("{} – {} {}", i18n::text(ctx.lang, "verify.title"), m.body_name, m.date));
    Ok(render(&VerifyPage { p, m, v })?.into_response())
}

/// The latest version of a published protocol as a view.
async fn published_view(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<(DocView, ProtocolVersion)> {
    let rec = record(app, m).await?;
    let v = chosen(ctx, &rec.versions)?.cloned().ok_or(AppError::NotFound)?;
    let p = v.protocol().ok_or_else(|| AppError::Internal("a protocol version does not parse".into()))?;
    Ok((DocView::new(&p, Some(&v), &rec.approvals, &rec.attachments, ctx.lang), v))
}

#[derive(Template)]
#[template(path = "protocol/extract.html")]
struct ExtractPage {
    p: Chrome,
    m: Meeting,
    doc: DocView,
    par: view::ParagraphView,
    certified: String,
}

/// "Utdraget överensstämmer med det justerade protokollet, version 2 (SHA-256 …). 2024-10-20"
fn certification(lang: Lang, v: &ProtocolVersion, today: time::Date) -> String {
    format!(
        "{} {} (SHA-256 {}). {} {}",
        i18n::text(lang, "extract.certified"),
        v.version,
        v.digest,
        i18n::text(lang, "extract.date"),
        today
    )
}

pub async fn extract(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, number)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = published(&app, &raw).await?;
    let number: u32 = id::<i64>(&number)?.try_into().map_err(|_| AppError::NotFound)?;
    let (doc, v) = published_view(&app, &ctx, &m).await?;
    let par = doc.paragraph(number).cloned().ok_or(AppError::NotFound)?;
    let p =
        Chrome::new(&ctx, format!("{} § {number} – {} {}", i18n::text(ctx.lang, "extract.title"), m.body_name, m.date));
    Ok(render(&ExtractPage { p, certified: certification(ctx.lang, &v, app.store.today()), m, doc, par })?
        .into_response())
}

pub async fn protocol_pdf(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = published(&app, &raw).await?;
    let (doc, _) = published_view(&app, &ctx, &m).await?;
    let bytes = ::pdf::render(&pdf::document(&doc, None, ctx.lang));
    Ok(pdf_response(bytes, &file_stem("protokoll", &m.body_name, m.date)))
}

pub async fn extract_pdf(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, number)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = published(&app, &raw).await?;
    let number: u32 = id::<i64>(&number)?.try_into().map_err(|_| AppError::NotFound)?;
    let (doc, v) = published_view(&app, &ctx, &m).await?;
    doc.paragraph(number).ok_or(AppError::NotFound)?;
    let bytes =
        ::pdf::render(&pdf::document(&doc, Some((number, certification(ctx.lang, &v, app.store.today()))), ctx.lang));
    Ok(pdf_response(bytes, &format!("{}-paragraf-{number}", file_stem("protokollsutdrag", &m.body_name, m.date))))
}
