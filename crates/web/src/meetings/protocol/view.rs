//! A protocol as pages and PDFs show it: the canonical content of a version with the labels,
//! approvals, attachment links and attendance appendix worked out once, so that the HTML page,
//! the certified extract and the PDF say the same thing.

use domain::error::Lang;
use domain::meetings::ApprovalTarget;
use domain::meetings::protocol::{Attendee, Protocol};
use store::meetings::{Approval, Attachment, ProtocolVersion};

use crate::i18n::text;

/// A digital approval as the signature block shows it.
#[derive(Clone, Debug)]
pub struct Signed {
    pub name: String,
    pub role: &'static str,
    /// "2024-10-18 14:02"
    pub when: String,
    pub digest: String,
}

#[derive(Clone, Debug)]
pub struct AttachmentLink {
    pub number: u32,
    pub title: String,
    pub href: Option<String>,
}

#[derive(Clone, Debug)]
pub struct VoteView {
    pub question: String,
    pub result: String,
    pub ballots: Vec<(String, &'static str)>,
    pub tally: String,
}

#[derive(Clone, Debug)]
pub struct ParagraphView {
    pub number: u32,
    pub title: String,
    pub case_number: Option<String>,
    pub decision: String,
    pub summary: Option<String>,
    pub basis: Vec<String>,
    pub recipients: Vec<String>,
    pub attachments: Vec<AttachmentLink>,
    pub motions: Vec<(String, String)>,
    pub votes: Vec<VoteView>,
    pub dissents: Vec<(String, Option<String>)>,
    pub conflicts: Vec<(String, Option<String>)>,
    pub immediate: bool,
    /// Who adjusted the paragraph at once (OJ), "Name (ordförande) 2024-10-11 10:15".
    pub immediate_by: Vec<String>,
}

/// One line of the attendance appendix.
#[derive(Clone, Debug)]
pub struct AttendanceRow {
    pub name: String,
    pub role: &'static str,
    pub present: bool,
    /// "tjänstgör för …", "närvarande § 1–6".
    pub note: String,
}

#[derive(Clone, Debug)]
pub struct DocView {
    pub meeting_id: i64,
    pub body: String,
    pub date: String,
    pub time_place: String,
    pub secretary: Option<String>,
    pub chair: Option<String>,
    pub adjusters: Vec<String>,
    pub approvals: Vec<Signed>,
    pub paragraphs: Vec<ParagraphView>,
    pub attendance: Vec<(String, Vec<AttendanceRow>)>,
    /// The version shown (0 for a working copy).
    pub version: i64,
    pub digest: Option<String>,
    /// When the version shown is a correction after adjustment: when, by whom and why (rule 18).
    pub correction: Option<CorrectionNote>,
    /// What the published protocol says about appeal (None while it is not published).
    pub appeal: Option<domain::meetings::AppealNotice>,
    /// Whether names of people whose personal data was removed are hidden in this copy; the
    /// archived version keeps them (rule 22, ADR 35).
    pub masked: bool,
}

#[derive(Clone, Debug)]
pub struct CorrectionNote {
    pub when: String,
    pub by: String,
    pub reason: String,
    pub corrected: Option<String>,
}

pub fn role_label(role: &str, lang: Lang) -> &'static str {
    match role {
        "chair" => text(lang, "protocol.role_chair"),
        _ => text(lang, "protocol.role_adjuster"),
    }
}

pub fn when(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(domain::meetings::calendar::stockholm_offset(t));
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

fn attendance_note(a: &Attendee, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &a.replaces {
        parts.push(format!("{} {r}", text(lang, "protocol.serves_for")));
    }
    if a.present && (a.from_paragraph.is_some() || a.to_paragraph.is_some()) {
        let from = a.from_paragraph.map(|n| n.to_string()).unwrap_or_default();
        let to = a.to_paragraph.map(|n| n.to_string()).unwrap_or_default();
        let range = match (a.from_paragraph, a.to_paragraph) {
            // One paragraph reads "§ 6", not "§ 6–6".
            (Some(f), Some(t)) => domain::meetings::protocol::paragraph_range(f.min(t)..=f.max(t)),
            (Some(_), None) => format!("{} § {from}", text(lang, "protocol.from")),
            _ => format!("{} § {to}", text(lang, "protocol.until")),
        };
        parts.push(format!("{} {range}", text(lang, "protocol.present_at")));
    }
    parts.join(", ")
}

impl DocView {
    /// The view of `p`. `attachments` are the meeting's (to link "Bilaga N" by digest);
    /// `approvals` are those of `version` (whole-protocol) and of OJ paragraphs.
    pub fn new(
        p: &Protocol,
        version: Option<&ProtocolVersion>,
        approvals: &[Approval],
        attachments: &[Attachment],
        lang: Lang,
    ) -> DocView {
        let v = version.map_or(0, |v| v.version);
        let signed = |a: &Approval| Signed {
            name: a.name.clone(),
            role: role_label(&a.role, lang),
            when: when(a.approved_at),
            digest: a.digest.clone(),
        };
        let time_place = {
            let time = match (&p.start, &p.end) {
                (Some(s), Some(e)) => format!("{s}–{e}"),
                (Some(s), None) => s.clone(),
                _ => String::new(),
            };
            [Some(p.date.to_string()), Some(time).filter(|t| !t.is_empty()), p.place.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        };
        DocView {
            meeting_id: p.meeting_id,
            body: p.body.clone(),
            date: p.date.to_string(),
            time_place,
            secretary: p.secretary.as_ref().map(|s| s.name.clone()),
            chair: p.chair.as_ref().map(|c| c.with_party()),
            adjusters: p.adjusters.iter().map(|a| a.with_party()).collect(),
            approvals: approvals
                .iter()
                .filter(|a| a.target == ApprovalTarget::Protocol { version: v })
                .map(signed)
                .collect(),
            paragraphs: p
                .paragraphs
                .iter()
                .map(|x| ParagraphView {
                    number: x.number,
                    title: x.title.clone(),
                    case_number: x.case_number.clone(),
                    decision: x.decision.clone(),
                    summary: x.summary.clone(),
                    basis: x.basis.clone(),
                    recipients: x.recipients.clone(),
                    attachments: x
                        .attachments
                        .iter()
                        .map(|a| AttachmentLink {
                            number: a.number,
                            title: a.title.clone(),
                            href: attachments
                                .iter()
                                .find(|s| s.sha256 == a.sha256)
                                .map(|s| format!("/bilagor/{}/{}", s.id, crate::pages::url_encode(&s.file_name))),
                        })
                        .collect(),
                    motions: x.motions.iter().map(|m| (m.by.clone(), m.text.clone())).collect(),
                    votes: x
                        .votes
                        .iter()
                        .map(|vote| VoteView {
                            question: vote.question.clone(),
                            result: vote.result.clone(),
                            ballots: vote.ballots.iter().map(|b| (b.name.clone(), b.choice.label(lang))).collect(),
                            tally: vote.tally().describe(lang),
                        })
                        .collect(),
                    dissents: x.dissents.iter().map(|d| (d.by.clone(), d.grounds.clone())).collect(),
                    conflicts: x.conflicts.iter().map(|c| (c.by.clone(), c.note.clone())).collect(),
                    immediate: x.immediate,
                    immediate_by: approvals
                        .iter()
                        .filter(|a| a.target == ApprovalTarget::Paragraph { number: i64::from(x.number) })
                        .map(|a| format!("{} ({}) {}", a.name, role_label(&a.role, lang), when(a.approved_at)))
                        .collect(),
                })
                .collect(),
            attendance: p
                .attendance_by_organisation()
                .into_iter()
                .map(|(org, list)| {
                    let rows = list
                        .into_iter()
                        .map(|a| AttendanceRow {
                            name: a.person.with_party(),
                            role: a.role.label(lang),
                            present: a.present,
                            note: attendance_note(a, lang),
                        })
                        .collect();
                    (org, rows)
                })
                .collect(),
            version: v,
            digest: version.map(|v| v.digest.clone()),
            correction: version.filter(|v| v.locked_at.is_some()).and_then(|v| {
                let reason = v.reason.clone()?;
                Some(CorrectionNote {
                    when: when(v.created_at),
                    by: v.created_by.clone(),
                    reason,
                    corrected: v.corrected.clone(),
                })
            }),
            appeal: None,
            masked: false,
        }
    }

    pub fn paragraph(&self, number: u32) -> Option<&ParagraphView> {
        self.paragraphs.iter().find(|p| p.number == number)
    }
}
