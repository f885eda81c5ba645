//! The protocol page, `/moten/{id}/protokoll`: what the viewer may see and do at the protocol's
//! stage — the working copy with its forms for those who prepare it, the frozen version and the
//! approval form for the chair and adjusters, the draft for the body's members, and the
//! published protocol (with every correction and earlier version) for everyone once adjusted.
//! The writes that post from it show it again with their errors. And the protocol as JSON.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Invalid;
use domain::ids::{MeetingId, PersonId};
use domain::meetings::{ApprovalTarget, MeetingStatus};
use serde_json::json;
use store::meetings::{Approval, Attachment, Meeting, ParagraphRow};

use super::form::ParagraphForm;
use super::record::{chosen, record};
use super::view::{self, DocView, Signed};
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::meetings::access::{can_prepare, person, require_protocol};
use crate::meetings::path::MeetingPath;
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

/// A paragraph of the working copy with what its part of the editor needs.
pub struct WorkParagraph {
    pub row: ParagraphRow,
    pub form: ParagraphForm,
    /// The stamp of the text the form was loaded with (`store::meetings::draft`).
    pub stamp: String,
    /// The sections opened for this paragraph: "motions", "votes", "dissents", "conflicts".
    pub open: Vec<&'static str>,
    /// The text someone else saved meanwhile, when the save met a conflict here.
    pub stored: Option<ParagraphForm>,
    /// Serving members present at the paragraph: (person id, name), for the ballots (only
    /// when the vote section is open).
    pub voters: Vec<(i64, String)>,
    /// Everyone registered present at the paragraph, for dissents and conflicts (only when
    /// one of those is open).
    pub present: Vec<(i64, String)>,
    pub adjusted_at_once: bool,
    /// Place in the working copy, from 0.
    pub index: usize,
    pub last: bool,
}

impl WorkParagraph {
    pub fn is_open(&self, section: &str) -> bool {
        self.open.contains(&section)
    }
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
pub struct Posted {
    pub invalid: Option<Invalid>,
    /// Paragraph forms as posted: (paragraph id, form, the stamp to carry on).
    pub forms: Vec<(i64, ParagraphForm, String)>,
    /// Sections to show open, as `(paragraph id, section)`.
    pub open: Vec<(i64, &'static str)>,
    /// The text others saved meanwhile, for paragraphs whose save met a conflict.
    pub stored: Vec<(i64, ParagraphForm)>,
    pub kept: Vec<(String, String)>,
}

/// The sections of a paragraph that open on demand, by their name in forms and links.
pub const SECTIONS: [&str; 4] = ["motions", "votes", "dissents", "conflicts"];

/// A section by name.
pub fn section(s: &str) -> Option<&'static str> {
    SECTIONS.into_iter().find(|x| *x == s)
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
    /// The label of the provider the approver's account re-authenticates at (ADR 29).
    approve_with: Option<String>,
    /// Whether the approver may confirm with a password (not when their organisation has
    /// switched local passwords off).
    password_approval: bool,
    already_approved: bool,
    approved_so_far: Vec<Signed>,
    waiting_for: Vec<String>,
    /// OJ paragraphs the viewer may adjust at once: (number, title, approved by the viewer).
    immediate: Vec<(u32, String, bool)>,
    due: String,
    late: bool,
    step: Option<&'static str>,
    kept: Vec<(String, String)>,
    /// An idempotency key for the editor's "add paragraph", fresh with each page.
    key: String,
    /// The joint matters its paragraphs recommended (issue 11).
    joint: Vec<store::joint::FromParagraph>,
}

impl ProtocolPage {
    /// The joint matters paragraph `number` recommended.
    pub fn joint_of(&self, number: &u32) -> Vec<&store::joint::FromParagraph> {
        self.joint.iter().filter(|j| j.number == i64::from(*number)).collect()
    }

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

    /// The field of a new paragraph's title.
    pub fn new_field(&self) -> Vec<FieldView> {
        let value = self.kept_raw("new-title").to_string();
        let f = self.field("new-title".into(), "editor.new_title", value, true, Some("editor.new_title_hint"), false);
        vec![FieldView { name: "new-title".into(), ..f }]
    }

    pub fn kept_person(&self, pid: &i64, list: &str, person: &i64) -> bool {
        self.kept(pid, &format!("{list}-person")) == person.to_string()
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
            let key = format!("p{pid}-{name}");
            FieldView { name: key.clone(), ..self.field(key, label, value.to_string(), required, hint, multiline) }
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
            FieldView { name: key.clone(), ..self.field(key, label, value, required, None, multiline) }
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
        let f =
            self.field("correction-reason".into(), "protocol.reason", value, true, Some("protocol.reason_hint"), true);
        vec![FieldView { name: "correction-reason".into(), ..f }]
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
                key: "dissents-person",
                items: w.row.dissents.clone(),
                legend: "protocol.add_dissent",
                heading: "protocol.dissents",
            },
            RemarkList {
                list: "conflicts",
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

fn title(ctx: &Ctx, m: &Meeting) -> String {
    format!("{} – {} {}", i18n::text(ctx.lang, "protocol.title"), m.body_name, m.date)
}

/// The page for what the viewer may see and do, with a refused post's errors and input (422).
pub async fn render_page(app: &App, ctx: &Ctx, m: Meeting, posted: Posted) -> AppResult<Response> {
    require_protocol(app, ctx, &m).await?;
    let prepare = can_prepare(app, ctx, &m).await?;
    let me = person(ctx);
    let approver = me.and_then(|p| store::Store::approver_role(&m, p));
    let (approve_with, password_approval) = match (&ctx.user, approver) {
        (Some(u), Some(_)) => (
            crate::auth::linked_provider(app, u.user_id()).await?.map(|p| p.label),
            app.store.password_allowed(u.user_id()).await?,
        ),
        _ => (None, true),
    };
    let rec = record(app, &m).await?;
    let lang = ctx.lang;
    let paragraphs = if m.status.was_held() { app.store.paragraphs(m.id).await? } else { Vec::new() };
    let editable = prepare && (m.status == MeetingStatus::Held || m.protocol_public());
    let mut work = Vec::new();
    if editable && !paragraphs.is_empty() {
        let draft = app.store.draft_protocol(m.id).await?;
        let asked: Vec<String> = super::editor::opened(&ctx.query);
        let count = paragraphs.len();
        for (index, row) in paragraphs.iter().cloned().enumerate() {
            let n = row.number as u32;
            let open: Vec<&'static str> = SECTIONS
                .into_iter()
                .filter(|s| {
                    posted.open.contains(&(row.id, *s)) || asked.iter().any(|a| *a == format!("p{}-{s}", row.id))
                })
                .collect();
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
            let (form, stamp) = match posted.forms.iter().find(|(pid, _, _)| *pid == row.id) {
                Some((_, f, stamp)) => (f.clone(), stamp.clone()),
                None => (ParagraphForm::of(&row), row.stamp()),
            };
            let stored = posted.stored.iter().find(|(pid, _)| *pid == row.id).map(|(_, f)| f.clone());
            let voters = if open.contains(&"votes") { at(true) } else { Vec::new() };
            let present =
                if open.contains(&"dissents") || open.contains(&"conflicts") { at(false) } else { Vec::new() };
            work.push(WorkParagraph {
                voters,
                present,
                form,
                stamp,
                open,
                stored,
                adjusted_at_once,
                index,
                last: index + 1 == count,
                row,
            });
        }
    }
    let (doc_kind, doc) = if m.protocol_public() {
        let v = chosen(ctx, &rec.versions)?;
        let doc = match v.and_then(|v| v.protocol().map(|p| (p, v))) {
            Some((p, v)) => {
                let (p, masked) = super::record::published_copy(app, p).await?;
                let d = DocView::new(&p, Some(v), &rec.approvals, &rec.attachments, lang);
                Some(DocView { appeal: Some(rec.appeal), masked, ..d })
            }
            None => None,
        };
        ("published", doc)
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
    let joint = app.store.joint_matters_of_meeting(m.id.0).await?;
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
        approve_with,
        password_approval,
        already_approved,
        approved_so_far,
        waiting_for,
        immediate,
        due: m.adjustment_due().to_string(),
        late: m.adjustment_late(today),
        step: step_notice(ctx),
        kept: posted.kept,
        key: crate::secrets::new_secret(),
        joint,
        m,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    render_page(&app, &ctx, m, Posted::default()).await
}

/// Where a step on the protocol page returns to.
pub fn back(m: MeetingId, step: &str) -> Response {
    Redirect::to(&format!("/moten/{m}/protokoll?steg={step}")).into_response()
}

/// Names every error after the form it belongs to (`p12-title`), and errors about fields the
/// form does not have after its first field, so each one links to something on the page.
pub fn prefixed(i: Invalid, prefix: &str, fields: &[&str]) -> Invalid {
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

/// The protocol: the latest adjusted version for everyone once adjusted (with its history of
/// versions), the working copy for those who read drafts before that.
pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_protocol(&app, &ctx, &m).await?;
    let versions = app.store.protocol_versions(m.id).await?;
    let approvals = app.store.approvals(m.id).await?;
    if m.protocol_public() {
        let latest = versions.last().ok_or(AppError::NotFound)?;
        let (protocol, masked) = match latest.protocol() {
            Some(p) => super::record::published_copy(&app, p).await.map(|(p, m)| (Some(p), m))?,
            None => (None, false),
        };
        return Ok(Json(json!({
            "status": m.status, "adjusted_on": m.adjusted_on.map(|d| d.to_string()), "version": latest.version,
            "digest": latest.digest, "protocol": protocol, "masked": masked, "versions": versions, "approvals": approvals,
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
