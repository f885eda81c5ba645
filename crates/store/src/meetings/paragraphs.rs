//! The working copy of the protocol: its paragraphs, started from the agenda once the meeting is
//! held, edited by the secretary, and read together with the attendance as the draft protocol.

use domain::ids::{BodyId, MeetingId};
use domain::meetings::Meeting;
use domain::meetings::decisions::{SkeletonItem, skeleton};
use domain::meetings::editing::{may_start_protocol, paragraph_editable};
use domain::meetings::protocol::{
    self, AttachmentRef, Attendee, Ballot, Conflict, Dissent, Motion, Named as PNamed, Paragraph, Protocol, Vote,
};
use domain::meetings::{MeetingError, MeetingStatus, ParagraphInput};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;

use super::meeting::touch_meeting;
use super::{from_json, to_json};
use crate::files::sha256_hex;
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

/// A paragraph of the working copy, with the lists that belong to it.
#[derive(Clone, Debug, Serialize)]
pub struct ParagraphRow {
    pub id: i64,
    pub meeting_id: i64,
    pub number: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub case_number: Option<String>,
    pub decision: String,
    pub summary: Option<String>,
    pub basis: Vec<String>,
    pub recipients: Vec<String>,
    /// Ids of the meeting's attachments the paragraph refers to.
    pub attachments: Vec<i64>,
    pub motions: Vec<Motion>,
    pub votes: Vec<StoredVote>,
    pub dissents: Vec<StoredRemark>,
    pub conflicts: Vec<StoredRemark>,
    pub immediate: bool,
}

/// A vote as stored: each ballot keeps the person's id beside the name the protocol prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVote {
    pub question: String,
    pub result: String,
    pub ballots: Vec<StoredBallot>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBallot {
    pub person_id: i64,
    pub name: String,
    pub choice: domain::meetings::Choice,
}

/// A dissent or conflict of interest as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRemark {
    pub person_id: i64,
    pub name: String,
    pub text: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ParagraphDbRow {
    id: i64,
    meeting_id: i64,
    number: i64,
    agenda_item_id: Option<i64>,
    title: String,
    case_number: Option<String>,
    decision: String,
    summary: Option<String>,
    basis: String,
    recipients: String,
    attachments: String,
    motions: String,
    votes: String,
    dissents: String,
    conflicts: String,
    immediate: bool,
}

impl From<ParagraphDbRow> for ParagraphRow {
    fn from(r: ParagraphDbRow) -> Self {
        ParagraphRow {
            id: r.id,
            meeting_id: r.meeting_id,
            number: r.number,
            agenda_item_id: r.agenda_item_id,
            title: r.title,
            case_number: r.case_number,
            decision: r.decision,
            summary: r.summary,
            basis: from_json(&r.basis),
            recipients: from_json(&r.recipients),
            attachments: from_json(&r.attachments),
            motions: from_json(&r.motions),
            votes: from_json(&r.votes),
            dissents: from_json(&r.dissents),
            conflicts: from_json(&r.conflicts),
            immediate: r.immediate,
        }
    }
}

const PARAGRAPH_SELECT: &str = "SELECT id, meeting_id, number, agenda_item_id, title, case_number, decision, summary, \
    basis, recipients, attachments, motions, votes, dissents, conflicts, immediate FROM paragraphs";

impl Store {
    pub async fn paragraphs(&self, meeting: MeetingId) -> Result<Vec<ParagraphRow>> {
        let rows: Vec<ParagraphDbRow> = on_pool!(&self.pool, |p| sqlx::query_as::<_, ParagraphDbRow>(
            sqlx::AssertSqlSafe(format!("{PARAGRAPH_SELECT} WHERE meeting_id = $1 ORDER BY number"))
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(ParagraphRow::from).collect())
    }

    /// Starts the protocol of a held meeting from its agenda, the skeleton
    /// (`domain::meetings::decisions::skeleton`): the election of adjusters (with their names) and
    /// the approval of the agenda, as items of the agenda or first when it lacks them, and one
    /// paragraph per agenda item, numbered on from the body's last paragraph of the year. Does
    /// nothing when the protocol is already started.
    pub async fn start_protocol(&self, meeting: MeetingId, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        may_start_protocol(m.status)?;
        if !self.paragraphs(meeting).await?.is_empty() {
            return Ok(());
        }
        let agenda = self.agenda(meeting).await?;
        let adjusters = self.named_people(&m.adjusters.iter().map(|n| n.id).collect::<Vec<_>>()).await?;
        let mut tx = self.begin().await?;
        let last: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT MAX(number) FROM paragraphs WHERE body_id = $1 AND year = $2"
        )
        .bind(m.body_id.0)
        .bind(m.date.year())
        .fetch_one(c)
        .await)?;
        let first = protocol::next_paragraph_number(last.map(|n| n as u32));
        let items: Vec<SkeletonItem<'_>> = agenda
            .iter()
            .map(|i| SkeletonItem { title: &i.title, case_number: i.case_number.clone(), kind: i.kind })
            .collect();
        let drafts: Vec<(Option<i64>, Paragraph, Vec<i64>)> = skeleton(first, &adjusters, &items)
            .into_iter()
            .map(|(i, p)| match i.map(|i| &agenda[i]) {
                Some(item) => (Some(item.id), p, item.attachments.iter().map(|a| a.id).collect()),
                None => (None, p, vec![]),
            })
            .collect();
        let t = tx.now;
        for (item, p, attachments) in &drafts {
            insert_paragraph(&mut tx, meeting, m.body_id, m.date.year(), *item, p, attachments, t).await?;
        }
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.start",
            "meeting",
            Some(meeting.0),
            json!({"paragraphs": {"to": protocol::paragraph_range((0..drafts.len() as u32).map(|i| first + i))}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    async fn named_people(&self, ids: &[i64]) -> Result<Vec<PNamed>> {
        let mut out = Vec::new();
        for id in ids {
            let row: Option<(String, Option<String>, Option<String>)> = on_pool!(&self.pool, |p| {
                sqlx::query_as(
                "SELECT p.name, p.party, o.name FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id \
                 WHERE p.id = $1"
            )
            .bind(*id)
            .fetch_optional(p)
            .await
            })?;
            if let Some((name, party, organisation)) = row {
                out.push(PNamed { person_id: Some(*id), name, party, organisation });
            }
        }
        Ok(out)
    }

    pub(super) async fn paragraph(&self, meeting: MeetingId, id: i64) -> Result<ParagraphRow> {
        self.paragraphs(meeting).await?.into_iter().find(|p| p.id == id).ok_or(StoreError::NotFound)
    }

    /// Edits a paragraph's text. Not once the paragraph is adjusted (OJ) or the protocol is out
    /// for adjustment; after adjustment, edits prepare a correction (see `correct_protocol`).
    pub async fn update_paragraph(
        &self,
        meeting: MeetingId,
        id: i64,
        p: &ParagraphInput,
        attachments: &[i64],
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let before = self.paragraph(meeting, id).await?;
        self.paragraph_editable(&m, &before).await?;
        let known: Vec<i64> = self.attachments(meeting).await?.iter().map(|a| a.id).collect();
        if attachments.iter().any(|a| !known.contains(a)) {
            return Err(MeetingError::UnknownAttachment.into());
        }
        let mut tx = self.begin().await?;
        write_paragraph(&mut tx, meeting, &before, p, attachments, actor).await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    /// Whether a paragraph of the working copy may change (`domain::meetings::editing`): while
    /// the protocol is written, a paragraph everyone adjusted at once (OJ) in its present text
    /// stays.
    pub(super) async fn paragraph_editable(&self, m: &Meeting, p: &ParagraphRow) -> Result<()> {
        let adjusted_at_once = if m.status == MeetingStatus::Held && p.immediate {
            let draft = self.draft_protocol(m.id).await?;
            match draft.paragraphs.iter().find(|x| i64::from(x.number) == p.number) {
                Some(par) => self.paragraph_adjusted(m, p.number, &paragraph_digest(par)).await?,
                None => false,
            }
        } else {
            false
        };
        Ok(paragraph_editable(m.status, adjusted_at_once)?)
    }

    /// The protocol as the working copy stands now.
    pub async fn draft_protocol(&self, meeting: MeetingId) -> Result<Protocol> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let paragraphs = self.paragraphs(meeting).await?;
        let attendance = self.attendance(meeting).await?;
        let attachments = self.attachments(meeting).await?;
        let chair = match &m.chair {
            Some(c) => self.named_people(&[c.id]).await?.pop(),
            None => None,
        };
        let secretary = match &m.secretary {
            Some(s) => self.named_people(&[s.id]).await?.pop(),
            None => None,
        };
        let adjusters = self.named_people(&m.adjusters.iter().map(|n| n.id).collect::<Vec<_>>()).await?;
        Ok(Protocol {
            meeting_id: m.id.0,
            body_id: m.body_id.0,
            body: m.body_name.clone(),
            date: m.date,
            start: m.start.clone(),
            end: m.end.clone(),
            place: m.place.clone(),
            chair,
            secretary,
            adjusters,
            attendance: attendance
                .into_iter()
                .map(|a| Attendee {
                    replaces: a.replaces_label(),
                    person: PNamed {
                        person_id: a.person_id,
                        name: a.name,
                        party: a.party,
                        organisation: a.organisation,
                    },
                    role: domain::meetings::AttendanceRole::parse(&a.role)
                        .unwrap_or(domain::meetings::AttendanceRole::Guest),
                    present: a.present,
                    from_paragraph: a.from_paragraph.map(|n| n as u32),
                    to_paragraph: a.to_paragraph.map(|n| n as u32),
                })
                .collect(),
            paragraphs: paragraphs
                .into_iter()
                .map(|p| Paragraph {
                    number: p.number as u32,
                    title: p.title,
                    case_number: p.case_number,
                    decision: p.decision,
                    summary: p.summary,
                    basis: p.basis,
                    recipients: p.recipients,
                    attachments: p
                        .attachments
                        .iter()
                        .filter_map(|id| attachments.iter().find(|a| a.id == *id))
                        .map(|a| AttachmentRef {
                            number: a.number as u32,
                            title: a.title.clone(),
                            file_name: a.file_name.clone(),
                            sha256: a.sha256.clone(),
                        })
                        .collect(),
                    motions: p.motions,
                    votes: p
                        .votes
                        .into_iter()
                        .map(|v| Vote {
                            question: v.question,
                            result: v.result,
                            ballots: v.ballots.into_iter().map(|b| Ballot { name: b.name, choice: b.choice }).collect(),
                        })
                        .collect(),
                    dissents: p.dissents.into_iter().map(|d| Dissent { by: d.name, grounds: d.text }).collect(),
                    conflicts: p.conflicts.into_iter().map(|d| Conflict { by: d.name, note: d.text }).collect(),
                    immediate: p.immediate,
                })
                .collect(),
        })
    }
}

/// Writes a paragraph's text in `tx`, with its audit event (the meeting is touched and the
/// search index refreshed by the caller, once per transaction).
pub(super) async fn write_paragraph(
    tx: &mut Tx,
    meeting: MeetingId,
    before: &ParagraphRow,
    p: &ParagraphInput,
    attachments: &[i64],
    actor: &Actor,
) -> Result<()> {
    crate::cases::check_case_link(tx, p.case_number.as_ref()).await?;
    touch_meeting(tx, meeting).await?;
    let stamp = tx.now;
    on_tx!(tx, |c| {
        sqlx::query(
            "UPDATE paragraphs SET title = $1, case_number = $2, decision = $3, summary = $4, basis = $5, recipients = $6, \
             attachments = $7, immediate = $8, updated_at = $9 WHERE id = $10"
        )
        .bind(&p.title)
        .bind(p.case_number.as_ref().map(ToString::to_string))
        .bind(&p.decision)
        .bind(&p.summary)
        .bind(to_json(&p.basis))
        .bind(to_json(&p.recipients))
        .bind(to_json(&attachments))
        .bind(p.immediate)
        .bind(stamp)
        .bind(before.id)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
    })?;
    let snap = |title: &str, case: Option<String>, decision: &str, summary: &Option<String>, immediate: bool| json!({"title": title, "case_number": case, "decision": decision, "summary": summary, "immediate": immediate});
    audit::record(
        tx,
        actor,
        "paragraph.update",
        "paragraph",
        Some(before.id),
        audit::diff(
            Some(&snap(&before.title, before.case_number.clone(), &before.decision, &before.summary, before.immediate)),
            Some(&snap(
                &p.title,
                p.case_number.as_ref().map(ToString::to_string),
                &p.decision,
                &p.summary,
                p.immediate,
            )),
        ),
    )
    .await?;
    Ok(())
}

/// The digest an immediate adjustment (OJ) of a paragraph signs: of the paragraph as the
/// protocol prints it.
pub(super) fn paragraph_digest(p: &Paragraph) -> String {
    sha256_hex(serde_json::to_string(p).unwrap_or_default().as_bytes())
}

/// Inserts a paragraph of the working copy; `attachments` are the ids its "Bilaga N" refer to.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_paragraph(
    tx: &mut Tx,
    meeting: MeetingId,
    body: BodyId,
    year: i32,
    item: Option<i64>,
    p: &Paragraph,
    attachments: &[i64],
    t: OffsetDateTime,
) -> Result<()> {
    on_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO paragraphs (meeting_id, body_id, year, number, agenda_item_id, title, case_number, decision, summary, \
         basis, recipients, attachments, motions, votes, dissents, conflicts, immediate, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $15, $12, '[]', '[]', '[]', $13, $14, $14)"
    )
    .bind(meeting.0)
    .bind(body.0)
    .bind(year)
    .bind(i64::from(p.number))
    .bind(item)
    .bind(&p.title)
    .bind(&p.case_number)
    .bind(&p.decision)
    .bind(&p.summary)
    .bind(to_json(&p.basis))
    .bind(to_json(&p.recipients))
    .bind(to_json(&p.motions))
    .bind(p.immediate)
    .bind(t)
    .bind(to_json(&attachments))
    .execute(c)
    .await
    .map_err(StoreError::unique("number"))
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}
