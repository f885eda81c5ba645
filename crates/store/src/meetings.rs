//! Meetings and their protocols: the agenda, attachments, attendance, the paragraphs the
//! secretary drafts, the versions approvers adjust (with the SHA-256 digest each approval signs),
//! and the announcements of the notice board.
//!
//! The secretary edits a working copy (the `paragraphs` and `attendance` rows). Submitting it
//! for adjustment freezes it as a protocol version in canonical form; approvals sign that
//! version's digest; the last approval locks it, and a correction afterwards is a new version
//! beside it (rule 18), never a change to it.

use std::collections::HashMap;

use domain::ids::{BodyId, MeetingId, PersonId, UserId};
use domain::meetings::protocol::{
    self, AttachmentRef, Attendee, Ballot, Conflict, Dissent, Motion, Named as PNamed, Paragraph, Protocol, Vote,
};
use domain::meetings::{
    AgendaItemInput, AttendanceInput, Deadlines, ItemKind, MeetingInput, MeetingStatus, MotionInput, ParagraphInput,
    RemarkInput, SWEDEN, VoteInput, format_time,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::accounts::{remember, remembered};
use crate::files::sha256_hex;
use crate::named::Named;
use crate::query::{Arg, bind_all};
use crate::{Actor, Result, Store, StoreError, Tx, audit, exists, invalid_field, must_exist, on_pool, on_tx};

#[derive(Clone, Debug, Serialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub body_id: BodyId,
    pub body_name: String,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub status: MeetingStatus,
    pub chair: Option<Named>,
    pub secretary: Option<Named>,
    pub adjusters: Vec<Named>,
    /// Bumped at each change, for calendar clients (iCalendar SEQUENCE).
    pub sequence: i64,
    #[serde(with = "domain::dates::ymd::option")]
    pub adjusted_on: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Meeting {
    /// Whether the protocol of this meeting is overdue for adjustment on `today` (rule 15).
    pub fn adjustment_late(&self, today: Date) -> bool {
        matches!(self.status, MeetingStatus::Held | MeetingStatus::ProtocolDrafted)
            && Deadlines::default().is_adjustment_late(self.date, today, false)
    }

    pub fn adjustment_due(&self) -> Date {
        Deadlines::default().adjustment_due(self.date)
    }

    /// Whether the published protocol is public: once adjusted.
    pub fn protocol_public(&self) -> bool {
        matches!(self.status, MeetingStatus::Adjusted | MeetingStatus::Announced)
    }

    fn snapshot(&self) -> Value {
        json!({
            "date": self.date.to_string(), "start": self.start, "end": self.end, "place": self.place,
            "online_url": self.online_url, "chair": self.chair.as_ref().map(|n| n.id),
            "secretary": self.secretary.as_ref().map(|n| n.id), "status": self.status.as_str(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    body_id: i64,
    body_name: String,
    date: Date,
    start_time: Option<String>,
    end_time: Option<String>,
    place: Option<String>,
    online_url: Option<String>,
    status: String,
    chair_id: Option<i64>,
    chair_name: Option<String>,
    secretary_id: Option<i64>,
    secretary_name: Option<String>,
    adjusters: String,
    sequence: i64,
    adjusted_on: Option<Date>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

const MEETING_SELECT: &str = "SELECT m.id, m.body_id, b.name AS body_name, m.date, m.start_time, m.end_time, m.place, \
    m.online_url, m.status, m.chair_id, c.name AS chair_name, m.secretary_id, s.name AS secretary_name, m.adjusters, \
    m.sequence, m.adjusted_on, m.created_at, m.updated_at FROM meetings m JOIN bodies b ON b.id = m.body_id \
    LEFT JOIN people c ON c.id = m.chair_id LEFT JOIN people s ON s.id = m.secretary_id";

impl MeetingRow {
    fn into_meeting(self, names: &HashMap<i64, String>) -> Meeting {
        let adjusters: Vec<i64> = serde_json::from_str(&self.adjusters).unwrap_or_default();
        Meeting {
            id: MeetingId(self.id),
            body_id: BodyId(self.body_id),
            body_name: self.body_name,
            date: self.date,
            start: self.start_time,
            end: self.end_time,
            place: self.place,
            online_url: self.online_url,
            status: MeetingStatus::parse(&self.status).unwrap_or(MeetingStatus::Planned),
            chair: self.chair_id.zip(self.chair_name).map(|(id, name)| Named { id, name }),
            secretary: self.secretary_id.zip(self.secretary_name).map(|(id, name)| Named { id, name }),
            adjusters: adjusters
                .into_iter()
                .filter_map(|id| names.get(&id).map(|name| Named { id, name: name.clone() }))
                .collect(),
            sequence: self.sequence,
            adjusted_on: self.adjusted_on,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AgendaItem {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub title: String,
    pub kind: ItemKind,
    pub case_number: Option<String>,
    pub presenters: Vec<String>,
    pub description: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub attachments: Vec<Attachment>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    meeting_id: i64,
    position: i64,
    title: String,
    kind: String,
    case_number: Option<String>,
    presenters: String,
    description: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    updated_at: OffsetDateTime,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    /// "Bilaga N" of the meeting, from 2 (Bilaga 1 is the protocol's attendance list).
    pub number: i64,
    pub title: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

const ATTACHMENT_SELECT: &str = "SELECT a.id, a.meeting_id, a.agenda_item_id, a.number, a.title, a.file_name, \
    a.sha256, f.size, f.mime, a.updated_at FROM attachments a JOIN files f ON f.sha256 = a.sha256";

/// One line of a meeting's attendance, as stored.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct AttendanceLine {
    pub id: i64,
    pub position: i64,
    pub person_id: Option<i64>,
    pub name: String,
    pub party: Option<String>,
    pub organisation: Option<String>,
    pub role: String,
    pub present: bool,
    pub replaces_id: Option<i64>,
    pub replaces_name: Option<String>,
    pub from_paragraph: Option<i64>,
    pub to_paragraph: Option<i64>,
}

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

fn from_json<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_default()
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
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

/// A frozen protocol: the canonical text and its digest.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ProtocolVersion {
    pub id: i64,
    pub meeting_id: i64,
    pub version: i64,
    #[serde(skip)]
    pub content: String,
    pub digest: String,
    /// Why a correction was made (versions after the adjusted one).
    pub reason: Option<String>,
    /// What the correction changed, in plain words.
    pub corrected: Option<String>,
    pub created_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_at: Option<OffsetDateTime>,
}

impl ProtocolVersion {
    pub fn protocol(&self) -> Option<Protocol> {
        Protocol::from_canonical(&self.content)
    }
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Approval {
    pub id: i64,
    /// The protocol version approved, or 0 for a paragraph adjusted at once (OJ).
    pub version: i64,
    /// The paragraph number for OJ, or 0 for the whole protocol.
    pub paragraph: i64,
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub digest: String,
    #[serde(with = "time::serde::rfc3339")]
    pub approved_at: OffsetDateTime,
}

/// A notice of adjustment on the notice board (KL 8 kap. 12 §).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Announcement {
    pub id: i64,
    pub meeting_id: i64,
    pub body_id: i64,
    pub body_name: String,
    #[serde(with = "domain::dates::ymd")]
    pub meeting_date: Date,
    pub paragraphs: String,
    #[serde(with = "domain::dates::ymd")]
    pub adjusted_on: Date,
    #[serde(with = "domain::dates::ymd::option")]
    pub posted_on: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub appeal_deadline: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub takedown_on: Option<Date>,
    pub kept_at: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

const ANNOUNCEMENT_SELECT: &str = "SELECT id, meeting_id, body_id, body_name, meeting_date, paragraphs, adjusted_on, \
    posted_on, appeal_deadline, takedown_on, kept_at, created_at, updated_at FROM announcements";

/// What an approval led to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalOutcome {
    /// Recorded; others have yet to approve.
    Recorded,
    /// The last approval: the protocol is adjusted, locked and announced.
    Adjusted,
}

/// The result of recomputing a protocol's digests.
#[derive(Clone, Debug, Serialize)]
pub struct Verification {
    pub meeting_id: i64,
    pub versions: Vec<VersionCheck>,
    /// Every version's text matches its digest and every approval signs its version's digest.
    pub valid: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct VersionCheck {
    pub version: i64,
    pub stored_digest: String,
    pub computed_digest: String,
    pub matches: bool,
    pub approvals: Vec<ApprovalCheck>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ApprovalCheck {
    pub name: String,
    pub role: String,
    pub digest: String,
    pub matches: bool,
}

/// Which list of a paragraph an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphList {
    Motions,
    Votes,
    Dissents,
    Conflicts,
}

impl ParagraphList {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "motions" => Some(ParagraphList::Motions),
            "votes" => Some(ParagraphList::Votes),
            "dissents" => Some(ParagraphList::Dissents),
            "conflicts" => Some(ParagraphList::Conflicts),
            _ => None,
        }
    }

    fn column(self) -> &'static str {
        match self {
            ParagraphList::Motions => "motions",
            ParagraphList::Votes => "votes",
            ParagraphList::Dissents => "dissents",
            ParagraphList::Conflicts => "conflicts",
        }
    }
}

fn state_error(field: &str, code: &'static str, sv: &str, en: &str) -> StoreError {
    invalid_field(field, code, sv, en)
}

fn year_bounds(year: i32) -> (Date, Date) {
    let from = Date::from_calendar_date(year, time::Month::January, 1).unwrap_or(Date::MIN);
    let to = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX);
    (from, to)
}

impl Store {
    async fn people_names(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql = format!("SELECT id, name FROM people WHERE id IN ({list})");
        let rows: Vec<(i64, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
        Ok(rows.into_iter().collect())
    }

    /// Meetings matching `where_sql` (with `$n` placeholders for `args`), with their adjusters'
    /// names.
    async fn load_meetings(&self, where_sql: &str, args: Vec<Arg>) -> Result<Vec<Meeting>> {
        let sql = format!("{MEETING_SELECT} {where_sql}");
        let rows: Vec<MeetingRow> = on_pool!(&self.pool, |p| {
            let q = sqlx::query_as::<_, MeetingRow>(sqlx::AssertSqlSafe(sql.as_str()));
            bind_all!(q, &args).fetch_all(p).await
        })?;
        let mut ids: Vec<i64> =
            rows.iter().flat_map(|r| serde_json::from_str::<Vec<i64>>(&r.adjusters).unwrap_or_default()).collect();
        ids.sort_unstable();
        ids.dedup();
        let names = self.people_names(&ids).await?;
        Ok(rows.into_iter().map(|r| r.into_meeting(&names)).collect())
    }

    pub async fn meeting(&self, id: MeetingId) -> Result<Option<Meeting>> {
        Ok(self.load_meetings("WHERE m.id = $1", vec![Arg::Int(id.0)]).await?.pop())
    }

    /// A body's meetings in a year (all years with `None`), in date order.
    pub async fn body_meetings(&self, body: BodyId, year: Option<i32>) -> Result<Vec<Meeting>> {
        match year {
            Some(y) => {
                let (from, to) = year_bounds(y);
                let args = vec![Arg::Int(body.0), Arg::Date(from), Arg::Date(to)];
                self.load_meetings("WHERE m.body_id = $1 AND m.date >= $2 AND m.date <= $3 ORDER BY m.date, m.id", args)
                    .await
            }
            None => self.load_meetings("WHERE m.body_id = $1 ORDER BY m.date, m.id", vec![Arg::Int(body.0)]).await,
        }
    }

    /// Meetings between two dates, every body, in date order.
    pub async fn meetings_between(&self, from: Date, to: Date) -> Result<Vec<Meeting>> {
        let args = vec![Arg::Date(from), Arg::Date(to)];
        self.load_meetings("WHERE m.date >= $1 AND m.date <= $2 ORDER BY m.date, m.start_time, m.id", args).await
    }

    /// The meetings of every body a person sits in, while they sit there (their calendar).
    pub async fn person_meetings(&self, person: PersonId) -> Result<Vec<Meeting>> {
        self.load_meetings(
            "WHERE EXISTS (SELECT 1 FROM memberships x WHERE x.body_id = m.body_id AND x.person_id = $1 \
             AND x.start_date <= m.date AND (x.end_date IS NULL OR x.end_date >= m.date)) ORDER BY m.date, m.id",
            vec![Arg::Int(person.0)],
        )
        .await
    }

    /// Creates a planned meeting; a retry with the same idempotency key returns the first.
    pub async fn create_meeting(
        &self,
        body: BodyId,
        m: &MeetingInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<MeetingId> {
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "meeting").await? {
            return Ok(MeetingId(id));
        }
        let id = insert_meeting(&mut tx, body, m).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "meeting", id.0).await?;
        audit::record(
            &mut tx,
            actor,
            "meeting.create",
            "meeting",
            Some(id.0),
            json!({"body": {"to": body}, "date": {"to": m.date.to_string()}}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes the time, place and officers of a meeting; calendar clients see a new sequence.
    pub async fn update_meeting(&self, id: MeetingId, m: &MeetingInput, actor: &Actor) -> Result<()> {
        let before = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        editable(&before)?;
        let mut tx = self.begin().await?;
        check_people(&mut tx, m).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE meetings SET date = $1, start_time = $2, end_time = $3, place = $4, online_url = $5, chair_id = $6, \
             secretary_id = $7, sequence = sequence + 1, updated_at = $8 WHERE id = $9"
        )
        .bind(m.date)
        .bind(m.start.map(format_time))
        .bind(m.end.map(format_time))
        .bind(&m.place)
        .bind(&m.online_url)
        .bind(m.chair.map(|p| p.0))
        .bind(m.secretary.map(|p| p.0))
        .bind(stamp)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        let after = json!({
            "date": m.date.to_string(), "start": m.start.map(format_time), "end": m.end.map(format_time),
            "place": m.place, "online_url": m.online_url, "chair": m.chair, "secretary": m.secretary,
            "status": before.status.as_str(),
        });
        audit::record(
            &mut tx,
            actor,
            "meeting.update",
            "meeting",
            Some(id.0),
            audit::diff(Some(&before.snapshot()), Some(&after)),
        )
        .await?;
        tx.commit().await
    }

    /// Moves a meeting along its life (notice sent, held, cancelled). Drafting, adjustment and
    /// announcement have their own steps below.
    pub async fn set_meeting_status(&self, id: MeetingId, to: MeetingStatus, actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        if !matches!(to, MeetingStatus::NoticeSent | MeetingStatus::Held | MeetingStatus::Cancelled) {
            return Err(state_error(
                "status",
                "not_by_hand",
                "Den statusen sätts när protokollet lämnas för justering, justeras eller tillkännages.",
                "That status is set when the protocol is submitted, adjusted or announced.",
            ));
        }
        if m.status == MeetingStatus::ProtocolDrafted && to == MeetingStatus::Held {
            return self.reopen_protocol(id, actor).await;
        }
        m.status.advance(to).map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let mut tx = self.begin().await?;
        set_status(&mut tx, id, to).await?;
        audit::record(
            &mut tx,
            actor,
            "meeting.status",
            "meeting",
            Some(id.0),
            json!({"status": {"from": m.status.as_str(), "to": to.as_str()}}),
        )
        .await?;
        tx.commit().await
    }

    /// Deletes a meeting that has not been held.
    pub async fn delete_meeting(&self, id: MeetingId, actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        if m.status.was_held() {
            return Err(state_error(
                "status",
                "held_meetings_stay",
                "Ett genomfört möte kan inte tas bort; dess protokoll är en allmän handling.",
                "A meeting that was held cannot be deleted; its protocol is an official document.",
            ));
        }
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM meetings WHERE id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(&mut tx, actor, "meeting.delete", "meeting", Some(id.0), audit::diff(Some(&m.snapshot()), None))
            .await?;
        tx.commit().await
    }

    /// The elected adjusters, in order (the first generated paragraph names them).
    pub async fn set_adjusters(&self, id: MeetingId, people: &[PersonId], actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        editable(&m)?;
        let mut tx = self.begin().await?;
        for p in people {
            must_exist(&mut tx, "people", p.0, "adjusters").await?;
        }
        let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE meetings SET adjusters = $1, updated_at = $2 WHERE id = $3")
            .bind(to_json(&ids))
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let before: Vec<i64> = m.adjusters.iter().map(|n| n.id).collect();
        audit::record(
            &mut tx,
            actor,
            "meeting.adjusters",
            "meeting",
            Some(id.0),
            json!({"adjusters": {"from": before, "to": ids}}),
        )
        .await?;
        tx.commit().await
    }

    // ---- Agenda -------------------------------------------------------------------------

    pub async fn agenda(&self, meeting: MeetingId) -> Result<Vec<AgendaItem>> {
        let rows: Vec<ItemRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as::<_, ItemRow>(
            "SELECT id, meeting_id, position, title, kind, case_number, presenters, description, starts_at, ends_at, \
             updated_at FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await
        })?;
        let attachments = self.attachments(meeting).await?;
        Ok(rows
            .into_iter()
            .map(|r| AgendaItem {
                attachments: attachments.iter().filter(|a| a.agenda_item_id == Some(r.id)).cloned().collect(),
                id: r.id,
                meeting_id: r.meeting_id,
                position: r.position,
                title: r.title,
                kind: ItemKind::parse(&r.kind).unwrap_or(ItemKind::Information),
                case_number: r.case_number,
                presenters: from_json(&r.presenters),
                description: r.description,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    /// Adds an item last on the agenda; a retry with the same idempotency key returns the first.
    pub async fn add_agenda_item(
        &self,
        meeting: MeetingId,
        a: &AgendaItemInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(&m)?;
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "agenda_item").await? {
            return Ok(id);
        }
        let last: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT MAX(position) FROM agenda_items WHERE meeting_id = $1")
                .bind(meeting.0)
                .fetch_one(c)
                .await)?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO agenda_items (meeting_id, position, title, kind, case_number, presenters, description, \
             starts_at, ends_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id"
        )
        .bind(meeting.0)
        .bind(last.unwrap_or(0) + 1)
        .bind(&a.title)
        .bind(a.kind.as_str())
        .bind(a.case_number.as_ref().map(ToString::to_string))
        .bind(to_json(&a.presenters))
        .bind(&a.description)
        .bind(a.starts_at.map(format_time))
        .bind(a.ends_at.map(format_time))
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        touch_meeting(&mut tx, meeting).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "agenda_item", id).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda_item.create",
            "agenda_item",
            Some(id),
            json!({"meeting": {"to": meeting}, "title": {"to": a.title}}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_agenda_item(
        &self,
        meeting: MeetingId,
        item: i64,
        a: &AgendaItemInput,
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(&m)?;
        let before = self.agenda(meeting).await?.into_iter().find(|i| i.id == item).ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE agenda_items SET title = $1, kind = $2, case_number = $3, presenters = $4, description = $5, \
             starts_at = $6, ends_at = $7, updated_at = $8 WHERE id = $9 AND meeting_id = $10"
        )
        .bind(&a.title)
        .bind(a.kind.as_str())
        .bind(a.case_number.as_ref().map(ToString::to_string))
        .bind(to_json(&a.presenters))
        .bind(&a.description)
        .bind(a.starts_at.map(format_time))
        .bind(a.ends_at.map(format_time))
        .bind(stamp)
        .bind(item)
        .bind(meeting.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        touch_meeting(&mut tx, meeting).await?;
        let snap = |title: &str, kind: &str, case: Option<String>, presenters: &[String]| json!({"title": title, "kind": kind, "case_number": case, "presenters": presenters});
        audit::record(
            &mut tx,
            actor,
            "agenda_item.update",
            "agenda_item",
            Some(item),
            audit::diff(
                Some(&snap(&before.title, before.kind.as_str(), before.case_number.clone(), &before.presenters)),
                Some(&snap(&a.title, a.kind.as_str(), a.case_number.as_ref().map(ToString::to_string), &a.presenters)),
            ),
        )
        .await?;
        tx.commit().await
    }

    pub async fn delete_agenda_item(&self, meeting: MeetingId, item: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(&m)?;
        let mut tx = self.begin().await?;
        let n = on_tx!(&mut tx, |c| sqlx::query("DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2")
            .bind(item)
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda_item.delete",
            "agenda_item",
            Some(item),
            json!({"meeting": {"from": meeting}}),
        )
        .await?;
        tx.commit().await
    }

    /// Moves an item one place up (`-1`) or down (`1`) in the agenda.
    pub async fn move_agenda_item(&self, meeting: MeetingId, item: i64, step: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(&m)?;
        let items = self.agenda(meeting).await?;
        let i = items.iter().position(|x| x.id == item).ok_or(StoreError::NotFound)?;
        let j = i as i64 + step.signum();
        if j < 0 || j as usize >= items.len() || step == 0 {
            return Ok(());
        }
        let mut order: Vec<i64> = items.iter().map(|x| x.id).collect();
        order.swap(i, j as usize);
        let mut tx = self.begin().await?;
        for (pos, id) in order.iter().enumerate() {
            let stamp = tx.now;
            on_tx!(&mut tx, |c| sqlx::query("UPDATE agenda_items SET position = $1, updated_at = $2 WHERE id = $3")
                .bind(pos as i64 + 1)
                .bind(stamp)
                .bind(*id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda_item.move",
            "agenda_item",
            Some(item),
            json!({"position": {"from": i + 1, "to": j + 1}}),
        )
        .await?;
        tx.commit().await
    }

    // ---- Attachments ----------------------------------------------------------------------

    pub async fn attachments(&self, meeting: MeetingId) -> Result<Vec<Attachment>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Attachment>(sqlx::AssertSqlSafe(format!(
            "{ATTACHMENT_SELECT} WHERE a.meeting_id = $1 ORDER BY a.number"
        )))
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
    }

    pub async fn attachment(&self, id: i64) -> Result<Option<Attachment>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Attachment>(sqlx::AssertSqlSafe(format!(
            "{ATTACHMENT_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(p)
        .await)?)
    }

    /// Records an uploaded file (already stored by its digest) as the meeting's next "Bilaga".
    #[allow(clippy::too_many_arguments)]
    pub async fn add_attachment(
        &self,
        meeting: MeetingId,
        agenda_item: Option<i64>,
        title: &str,
        file_name: &str,
        sha256: &str,
        size: i64,
        mime: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        editable(&m)?;
        let mut tx = self.begin().await?;
        if let Some(item) = agenda_item {
            let n: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT COUNT(*) FROM agenda_items WHERE id = $1 AND meeting_id = $2"
            )
            .bind(item)
            .bind(meeting.0)
            .fetch_one(c)
            .await)?;
            if n == 0 {
                return Err(invalid_field(
                    "agenda_item",
                    "unknown_item",
                    "Punkten finns inte på dagordningen.",
                    "The item is not on the agenda.",
                ));
            }
        }
        let t = tx.now;
        let known: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM files WHERE sha256 = $1")
            .bind(sha256)
            .fetch_one(c)
            .await)?;
        if known == 0 {
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO files (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4)"
            )
            .bind(sha256)
            .bind(size)
            .bind(mime)
            .bind(t)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        let last: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT MAX(number) FROM attachments WHERE meeting_id = $1")
                .bind(meeting.0)
                .fetch_one(c)
                .await)?;
        // Bilaga 1 of a protocol is its attendance list (seed 003); attachments follow from 2.
        let number = last.unwrap_or(1) + 1;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO attachments (meeting_id, agenda_item_id, number, title, file_name, sha256, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
        )
        .bind(meeting.0)
        .bind(agenda_item)
        .bind(number)
        .bind(title)
        .bind(file_name)
        .bind(sha256)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "attachment.create",
            "attachment",
            Some(id),
            json!({"meeting": {"to": meeting}, "number": {"to": number}, "title": {"to": title},
                   "file_name": {"to": file_name}, "sha256": {"to": sha256}, "size": {"to": size}}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn delete_attachment(&self, meeting: MeetingId, id: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        editable(&m)?;
        let a = self.attachment(id).await?.filter(|a| a.meeting_id == meeting.0).ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM attachments WHERE id = $1")
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "attachment.delete",
            "attachment",
            Some(id),
            json!({"title": {"from": a.title}, "sha256": {"from": a.sha256}}),
        )
        .await?;
        tx.commit().await
    }

    // ---- Attendance -----------------------------------------------------------------------

    pub async fn attendance(&self, meeting: MeetingId) -> Result<Vec<AttendanceLine>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, AttendanceLine>(
            "SELECT a.id, a.position, a.person_id, a.name, a.party, a.organisation, a.role, a.present, a.replaces_id, \
             r.name AS replaces_name, a.from_paragraph, a.to_paragraph FROM attendance a \
             LEFT JOIN people r ON r.id = a.replaces_id WHERE a.meeting_id = $1 ORDER BY a.position, a.id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
    }

    /// The attendance list to start from: the body's members on the day of the meeting, all
    /// marked absent, in the order the members list shows them.
    pub async fn attendance_from_members(&self, meeting: &Meeting) -> Result<Vec<AttendanceInput>> {
        let members = self.memberships(meeting.body_id, Some(meeting.date)).await?;
        Ok(members
            .iter()
            .map(|m| AttendanceInput {
                person: Some(PersonId(m.person_id)),
                name: None,
                organisation: None,
                role: {
                    use domain::meetings::AttendanceRole as A;
                    use domain::structure::MembershipRole as R;
                    match m.role() {
                        R::Chair | R::ViceChair | R::Member => A::Member,
                        R::Substitute => A::Substitute,
                        R::Secretary => A::Secretary,
                        R::CoOpted | R::ProcessLead | R::Adviser => A::Official,
                    }
                },
                present: false,
                replaces: None,
                from_paragraph: None,
                to_paragraph: None,
            })
            .collect())
    }

    /// Replaces a meeting's attendance list. Names, parties and organisations of registered
    /// people are copied in, so that the protocol keeps them as they were on the day.
    pub async fn set_attendance(&self, meeting: MeetingId, lines: &[AttendanceInput], actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        // After adjustment the list may be corrected like the paragraphs (a new version).
        if m.status == MeetingStatus::ProtocolDrafted {
            return Err(out_for_adjustment());
        }
        let before = self.attendance(meeting).await?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM attendance WHERE meeting_id = $1")
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        for (i, l) in lines.iter().enumerate() {
            let (name, party, organisation) = match l.person {
                Some(p) => {
                    let row: Option<(String, Option<String>, Option<String>)> = on_tx!(&mut tx, |c| {
                        sqlx::query_as(
                        "SELECT p.name, p.party, o.name FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id \
                         WHERE p.id = $1"
                    )
                    .bind(p.0)
                    .fetch_optional(c)
                    .await
                    })?;
                    let (n, party, org) = row.ok_or_else(|| {
                        invalid_field(
                            &format!("attendance[{i}].person"),
                            "unknown_person",
                            "Personen finns inte.",
                            "The person does not exist.",
                        )
                    })?;
                    (n, party, l.organisation.clone().or(org))
                }
                None => (l.name.clone().unwrap_or_default(), None, l.organisation.clone()),
            };
            if let Some(r) = l.replaces {
                must_exist(&mut tx, "people", r.0, &format!("attendance[{i}].replaces")).await?;
            }
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO attendance (meeting_id, position, person_id, name, party, organisation, role, present, \
                 replaces_id, from_paragraph, to_paragraph) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            )
            .bind(meeting.0)
            .bind(i as i64 + 1)
            .bind(l.person.map(|p| p.0))
            .bind(name)
            .bind(party)
            .bind(organisation)
            .bind(l.role.as_str())
            .bind(l.present)
            .bind(l.replaces.map(|p| p.0))
            .bind(l.from_paragraph.map(i64::from))
            .bind(l.to_paragraph.map(i64::from))
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        touch_meeting(&mut tx, meeting).await?;
        let present = |n: usize| json!(n);
        audit::record(
            &mut tx,
            actor,
            "meeting.attendance",
            "meeting",
            Some(meeting.0),
            json!({
                "lines": {"from": before.len(), "to": lines.len()},
                "present": {"from": present(before.iter().filter(|l| l.present).count()),
                            "to": present(lines.iter().filter(|l| l.present).count())},
            }),
        )
        .await?;
        tx.commit().await
    }

    // ---- Protocol paragraphs --------------------------------------------------------------

    pub async fn paragraphs(&self, meeting: MeetingId) -> Result<Vec<ParagraphRow>> {
        let rows: Vec<ParagraphDbRow> = on_pool!(&self.pool, |p| sqlx::query_as::<_, ParagraphDbRow>(
            sqlx::AssertSqlSafe(format!("{PARAGRAPH_SELECT} WHERE meeting_id = $1 ORDER BY number"))
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(ParagraphRow::from).collect())
    }

    /// Starts the protocol of a held meeting: § n (election of adjusters, with their names),
    /// § n+1 (approval of the agenda) and one paragraph per agenda item, numbered on from the
    /// body's last paragraph of the year. Does nothing when the protocol is already started.
    pub async fn start_protocol(&self, meeting: MeetingId, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        if m.status != MeetingStatus::Held {
            return Err(state_error(
                "status",
                "not_held",
                "Protokollet skrivs när mötet är genomfört.",
                "The protocol is written once the meeting has been held.",
            ));
        }
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
        let mut drafts: Vec<(Option<i64>, Paragraph, Vec<i64>)> = vec![
            (
                None,
                Paragraph::new(first, protocol::ADJUSTERS_TITLE, None, &protocol::adjusters_decision(&adjusters)),
                vec![],
            ),
            (None, Paragraph::new(first + 1, protocol::AGENDA_TITLE, None, protocol::AGENDA_DECISION), vec![]),
        ];
        for (i, item) in agenda.iter().enumerate() {
            let p =
                Paragraph::new(first + 2 + i as u32, &item.title, item.case_number.clone(), &default_decision(item));
            drafts.push((Some(item.id), p, item.attachments.iter().map(|a| a.id).collect()));
        }
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

    async fn paragraph(&self, meeting: MeetingId, id: i64) -> Result<ParagraphRow> {
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
            return Err(invalid_field(
                "attachments",
                "unknown_attachment",
                "Bilagan hör inte till mötet.",
                "The attachment does not belong to the meeting.",
            ));
        }
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| {
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
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        touch_meeting(&mut tx, meeting).await?;
        let snap = |title: &str, case: Option<String>, decision: &str, summary: &Option<String>, immediate: bool| json!({"title": title, "case_number": case, "decision": decision, "summary": summary, "immediate": immediate});
        audit::record(
            &mut tx,
            actor,
            "paragraph.update",
            "paragraph",
            Some(id),
            audit::diff(
                Some(&snap(
                    &before.title,
                    before.case_number.clone(),
                    &before.decision,
                    &before.summary,
                    before.immediate,
                )),
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
        tx.commit().await
    }

    async fn paragraph_editable(&self, m: &Meeting, p: &ParagraphRow) -> Result<()> {
        if m.status == MeetingStatus::ProtocolDrafted {
            return Err(out_for_adjustment());
        }
        if !m.status.was_held() {
            return Err(state_error(
                "status",
                "not_held",
                "Mötet är inte genomfört.",
                "The meeting has not been held.",
            ));
        }
        if m.status == MeetingStatus::Held && self.paragraph_adjusted(m, p.number).await? {
            return Err(state_error(
                "status",
                "adjusted_at_once",
                "Paragrafen är justerad omedelbart och kan inte ändras.",
                "The paragraph was adjusted at once and cannot be changed.",
            ));
        }
        Ok(())
    }

    /// Adds a proposal, vote, dissent or conflict of interest to a paragraph. People are named
    /// as the register has them.
    pub async fn add_to_paragraph(
        &self,
        meeting: MeetingId,
        id: i64,
        entry: ParagraphEntry,
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let p = self.paragraph(meeting, id).await?;
        self.paragraph_editable(&m, &p).await?;
        let (list, value) = match &entry {
            ParagraphEntry::Motion(x) => {
                let mut v = p.motions.clone();
                v.push(Motion { by: x.by.clone(), text: x.text.clone() });
                (ParagraphList::Motions, to_json(&v))
            }
            ParagraphEntry::Vote(x) => {
                let names = self.people_names(&x.ballots.iter().map(|(p, _)| p.0).collect::<Vec<_>>()).await?;
                let mut ballots = Vec::new();
                for (i, (person, choice)) in x.ballots.iter().enumerate() {
                    let name = names.get(&person.0).cloned().ok_or_else(|| {
                        invalid_field(
                            &format!("ballots[{i}]"),
                            "unknown_person",
                            "Personen finns inte.",
                            "The person does not exist.",
                        )
                    })?;
                    ballots.push(StoredBallot { person_id: person.0, name, choice: *choice });
                }
                let mut v = p.votes.clone();
                v.push(StoredVote { question: x.question.clone(), result: x.result.clone(), ballots });
                (ParagraphList::Votes, to_json(&v))
            }
            ParagraphEntry::Dissent(x) | ParagraphEntry::Conflict(x) => {
                let name = self.people_names(&[x.person.0]).await?.remove(&x.person.0).ok_or_else(|| {
                    invalid_field("person", "unknown_person", "Personen finns inte.", "The person does not exist.")
                })?;
                let remark = StoredRemark { person_id: x.person.0, name, text: x.text.clone() };
                if matches!(entry, ParagraphEntry::Dissent(_)) {
                    let mut v = p.dissents.clone();
                    v.push(remark);
                    (ParagraphList::Dissents, to_json(&v))
                } else {
                    let mut v = p.conflicts.clone();
                    v.push(remark);
                    (ParagraphList::Conflicts, to_json(&v))
                }
            }
        };
        self.write_list(meeting, id, list, value, "paragraph.add", actor).await
    }

    /// Removes the `index`th entry of one of a paragraph's lists.
    pub async fn remove_from_paragraph(
        &self,
        meeting: MeetingId,
        id: i64,
        list: ParagraphList,
        index: usize,
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let p = self.paragraph(meeting, id).await?;
        self.paragraph_editable(&m, &p).await?;
        fn remove<T: Serialize + Clone>(v: &[T], i: usize) -> Result<String> {
            if i >= v.len() {
                return Err(StoreError::NotFound);
            }
            let mut v = v.to_vec();
            v.remove(i);
            Ok(to_json(&v))
        }
        let value = match list {
            ParagraphList::Motions => remove(&p.motions, index)?,
            ParagraphList::Votes => remove(&p.votes, index)?,
            ParagraphList::Dissents => remove(&p.dissents, index)?,
            ParagraphList::Conflicts => remove(&p.conflicts, index)?,
        };
        self.write_list(meeting, id, list, value, "paragraph.remove", actor).await
    }

    async fn write_list(
        &self,
        meeting: MeetingId,
        id: i64,
        list: ParagraphList,
        value: String,
        action: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let sql = format!("UPDATE paragraphs SET {} = $1, updated_at = $2 WHERE id = $3", list.column());
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(&value)
            .bind(stamp)
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            action,
            "paragraph",
            Some(id),
            json!({list.column(): {"to": serde_json::from_str::<Value>(&value).unwrap_or(Value::Null)}}),
        )
        .await?;
        tx.commit().await
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
                    person: PNamed {
                        person_id: a.person_id,
                        name: a.name,
                        party: a.party,
                        organisation: a.organisation,
                    },
                    role: domain::meetings::AttendanceRole::parse(&a.role)
                        .unwrap_or(domain::meetings::AttendanceRole::Guest),
                    present: a.present,
                    replaces: a.replaces_name,
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

    // ---- Adjustment -----------------------------------------------------------------------

    pub async fn protocol_versions(&self, meeting: MeetingId) -> Result<Vec<ProtocolVersion>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, ProtocolVersion>(
            "SELECT id, meeting_id, version, content, digest, reason, corrected, created_by, created_at, locked_at \
             FROM protocol_versions WHERE meeting_id = $1 ORDER BY version"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
    }

    pub async fn approvals(&self, meeting: MeetingId) -> Result<Vec<Approval>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Approval>(
            "SELECT id, version, paragraph, person_id, name, role, digest, approved_at FROM approvals \
             WHERE meeting_id = $1 ORDER BY approved_at, id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
    }

    /// Hands the protocol to the chair and adjusters: freezes the working copy as the version
    /// they will approve. Every paragraph needs a decision and the chair must be known.
    pub async fn submit_protocol(&self, meeting: MeetingId, actor: &Actor) -> Result<String> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        m.status.advance(MeetingStatus::ProtocolDrafted).map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let p = self.draft_protocol(meeting).await?;
        if p.paragraphs.is_empty() {
            return Err(state_error(
                "paragraphs",
                "no_paragraphs",
                "Protokollet har inga paragrafer.",
                "The protocol has no paragraphs.",
            ));
        }
        if let Some(empty) = p.paragraphs.iter().find(|x| x.decision.trim().is_empty()) {
            return Err(state_error(
                "decision",
                "decision_missing",
                &format!("§ {} saknar beslut.", empty.number),
                &format!("§ {} has no decision.", empty.number),
            ));
        }
        if p.chair.is_none() {
            return Err(state_error(
                "chair",
                "chair_missing",
                "Ange mötets ordförande innan protokollet lämnas för justering.",
                "Name the meeting's chair before submitting the protocol.",
            ));
        }
        // KL 5 kap. 69 §: the chair and at least one adjuster.
        if p.adjusters.is_empty() {
            return Err(state_error(
                "adjusters",
                "adjusters_missing",
                "Välj minst en justerare innan protokollet lämnas för justering (kommunallagen 5 kap. 69 §).",
                "Choose at least one adjuster before submitting the protocol (Local Government Act, ch. 5 s. 69).",
            ));
        }
        let content = p.canonical();
        let digest = sha256_hex(content.as_bytes());
        let versions = self.protocol_versions(meeting).await?;
        let version = versions.iter().map(|v| v.version).max().unwrap_or(0) + 1;
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO protocol_versions (meeting_id, version, content, digest, reason, corrected, created_by, created_at) \
             VALUES ($1, $2, $3, $4, NULL, NULL, $5, $6)"
        )
        .bind(meeting.0)
        .bind(version)
        .bind(&content)
        .bind(&digest)
        .bind(&actor.label)
        .bind(stamp)
        .execute(c)
        .await
        .map_err(StoreError::unique("version"))
        .map(|r| r.rows_affected())
        })?;
        set_status(&mut tx, meeting, MeetingStatus::ProtocolDrafted).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.submit",
            "meeting",
            Some(meeting.0),
            json!({"version": {"to": version}, "digest": {"to": digest}, "status": {"from": m.status.as_str(), "to": "protocol_drafted"}}),
        )
        .await?;
        tx.commit().await?;
        Ok(digest)
    }

    /// Takes a protocol back from adjustment: the unapproved version and its approvals go.
    pub async fn reopen_protocol(&self, meeting: MeetingId, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        m.status.advance(MeetingStatus::Held).map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let mut tx = self.begin().await?;
        let version: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT MAX(version) FROM protocol_versions WHERE meeting_id = $1 AND locked_at IS NULL"
        )
        .bind(meeting.0)
        .fetch_one(c)
        .await)?;
        if let Some(v) = version {
            for sql in [
                "DELETE FROM approvals WHERE meeting_id = $1 AND version = $2",
                "DELETE FROM protocol_versions WHERE meeting_id = $1 AND version = $2",
            ] {
                on_tx!(&mut tx, |c| sqlx::query(sql)
                    .bind(meeting.0)
                    .bind(v)
                    .execute(c)
                    .await
                    .map(|r| r.rows_affected()))?;
            }
        }
        set_status(&mut tx, meeting, MeetingStatus::Held).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.reopen",
            "meeting",
            Some(meeting.0),
            json!({"status": {"from": "protocol_drafted", "to": "held"}, "version": {"from": version}}),
        )
        .await?;
        tx.commit().await
    }

    /// Whether `person` is among those who must approve the meeting's protocol.
    pub fn approver_role(m: &Meeting, person: PersonId) -> Option<&'static str> {
        if m.chair.as_ref().is_some_and(|c| c.id == person.0) {
            Some("chair")
        } else if m.adjusters.iter().any(|a| a.id == person.0) {
            Some("adjuster")
        } else {
            None
        }
    }

    /// Records `person`'s approval of the protocol out for adjustment (the caller has checked
    /// the password) at `at` (now, except when the demo replays history). The approval signs the
    /// version's digest; the last one adjusts and locks the protocol and posts the announcement
    /// on the notice board the same (Swedish) day.
    pub async fn approve_protocol(
        &self,
        meeting: MeetingId,
        person: PersonId,
        user: Option<UserId>,
        at: OffsetDateTime,
        actor: &Actor,
    ) -> Result<ApprovalOutcome> {
        let today = domain::meetings::calendar::swedish_date(at);
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        if m.status != MeetingStatus::ProtocolDrafted {
            return Err(state_error(
                "status",
                "not_out_for_adjustment",
                "Protokollet är inte lämnat för justering.",
                "The protocol is not out for adjustment.",
            ));
        }
        let role = required_approver(&m, person)?;
        let version = self
            .protocol_versions(meeting)
            .await?
            .into_iter()
            .rfind(|v| v.locked_at.is_none())
            .ok_or(StoreError::NotFound)?;
        let name = self.people_names(&[person.0]).await?.remove(&person.0).unwrap_or_default();
        let approvals = self.approvals(meeting).await?;
        if approvals.iter().any(|a| a.version == version.version && a.paragraph == 0 && a.person_id == person.0) {
            return Ok(ApprovalOutcome::Recorded);
        }
        let mut tx = self.begin().await?;
        // Writing the meeting row first serialises approvals of the same meeting (a row lock on
        // PostgreSQL; SQLite's write lock anyway), so that of two approvers at once the second
        // sees the first's approval below and the last one always adjusts.
        touch_meeting(&mut tx, meeting).await?;
        let t = at;
        let approval = NewApproval { meeting, version: version.version, paragraph: 0, person, user, role, name: &name };
        insert_approval(&mut tx, &approval, &version.digest, t).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.approve",
            "meeting",
            Some(meeting.0),
            json!({"version": {"to": version.version}, "person": {"to": person}, "role": {"to": role}, "digest": {"to": version.digest}}),
        )
        .await?;
        let signed: Vec<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT person_id FROM approvals WHERE meeting_id = $1 AND version = $2 AND paragraph = 0"
        )
        .bind(meeting.0)
        .bind(version.version)
        .fetch_all(c)
        .await)?;
        let all = m.chair.iter().chain(m.adjusters.iter()).all(|n| signed.contains(&n.id));
        if !all {
            tx.commit().await?;
            return Ok(ApprovalOutcome::Recorded);
        }
        on_tx!(&mut tx, |c| sqlx::query("UPDATE protocol_versions SET locked_at = $1 WHERE id = $2")
            .bind(t)
            .bind(version.id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE meetings SET adjusted_on = $1 WHERE id = $2")
            .bind(today)
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        set_status(&mut tx, meeting, MeetingStatus::Adjusted).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.adjusted",
            "meeting",
            Some(meeting.0),
            json!({"status": {"from": "protocol_drafted", "to": "adjusted"}, "adjusted_on": {"to": today.to_string()}}),
        )
        .await?;
        let p = version.protocol().unwrap_or_else(|| unreachable_protocol(&m));
        self.announce(&mut tx, &m, &p, today, today, actor).await?;
        tx.commit().await?;
        Ok(ApprovalOutcome::Adjusted)
    }

    /// Whether a paragraph of the working copy has been adjusted at once (OJ) by everyone.
    async fn paragraph_adjusted(&self, m: &Meeting, number: i64) -> Result<bool> {
        let approvals = self.approvals(m.id).await?;
        let signed: Vec<i64> =
            approvals.iter().filter(|a| a.version == 0 && a.paragraph == number).map(|a| a.person_id).collect();
        Ok(!signed.is_empty() && m.chair.iter().chain(m.adjusters.iter()).all(|n| signed.contains(&n.id)))
    }

    /// Approves one paragraph at once at the meeting (omedelbar justering, KL 5 kap. 70 §): the
    /// paragraph must be marked OJ; the approval signs the digest of the paragraph's text.
    pub async fn approve_paragraph(
        &self,
        meeting: MeetingId,
        number: i64,
        person: PersonId,
        user: Option<UserId>,
        actor: &Actor,
    ) -> Result<ApprovalOutcome> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        if m.status != MeetingStatus::Held {
            return Err(state_error(
                "status",
                "not_held",
                "Omedelbar justering görs medan protokollet skrivs.",
                "Immediate adjustment is done while the protocol is being written.",
            ));
        }
        let role = required_approver(&m, person)?;
        let p = self.draft_protocol(meeting).await?;
        let par = p.paragraphs.iter().find(|x| i64::from(x.number) == number).ok_or(StoreError::NotFound)?;
        if !par.immediate {
            return Err(state_error(
                "paragraph",
                "not_immediate",
                "Paragrafen är inte markerad för omedelbar justering.",
                "The paragraph is not marked for immediate adjustment.",
            ));
        }
        let digest = sha256_hex(serde_json::to_string(par).unwrap_or_default().as_bytes());
        let name = self.people_names(&[person.0]).await?.remove(&person.0).unwrap_or_default();
        let mut tx = self.begin().await?;
        let approval = NewApproval { meeting, version: 0, paragraph: number, person, user, role, name: &name };
        let stamp = tx.now;
        insert_approval(&mut tx, &approval, &digest, stamp).await?;
        audit::record(
            &mut tx,
            actor,
            "paragraph.approve",
            "meeting",
            Some(meeting.0),
            json!({"paragraph": {"to": number}, "person": {"to": person}, "digest": {"to": digest}}),
        )
        .await?;
        tx.commit().await?;
        Ok(if self.paragraph_adjusted(&m, number).await? {
            ApprovalOutcome::Adjusted
        } else {
            ApprovalOutcome::Recorded
        })
    }

    /// Publishes a correction of an adjusted protocol as a new version with its reason and a
    /// plain account of what changed; the adjusted version stays as it was (rule 18).
    pub async fn correct_protocol(&self, meeting: MeetingId, reason: &str, actor: &Actor) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        if !m.protocol_public() {
            return Err(state_error(
                "status",
                "not_adjusted",
                "Bara ett justerat protokoll rättas med en ny version.",
                "Only an adjusted protocol is corrected with a new version.",
            ));
        }
        let versions = self.protocol_versions(meeting).await?;
        let latest = versions.last().ok_or(StoreError::NotFound)?;
        let old = latest.protocol().unwrap_or_else(|| unreachable_protocol(&m));
        let new = self.draft_protocol(meeting).await?;
        let changes = protocol::changes(&old, &new);
        if changes.is_empty() {
            return Err(state_error(
                "reason",
                "nothing_changed",
                "Inget har ändrats sedan den senaste versionen.",
                "Nothing has changed since the latest version.",
            ));
        }
        let content = new.canonical();
        let digest = sha256_hex(content.as_bytes());
        let version = latest.version + 1;
        let corrected = changes.join("; ");
        let mut tx = self.begin().await?;
        let t = tx.now;
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO protocol_versions (meeting_id, version, content, digest, reason, corrected, created_by, created_at, \
             locked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)"
        )
        .bind(meeting.0)
        .bind(version)
        .bind(&content)
        .bind(&digest)
        .bind(reason)
        .bind(&corrected)
        .bind(&actor.label)
        .bind(t)
        .execute(c)
        .await
        .map_err(StoreError::unique("version"))
        .map(|r| r.rows_affected())
        })?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.correct",
            "meeting",
            Some(meeting.0),
            json!({"version": {"from": latest.version, "to": version}, "reason": {"to": reason}, "corrected": {"to": corrected}, "digest": {"to": digest}}),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Recomputes every version's digest from its stored text and checks each approval against
    /// the digest of what it approved.
    pub async fn verify_protocol(&self, meeting: MeetingId) -> Result<Verification> {
        let versions = self.protocol_versions(meeting).await?;
        let approvals = self.approvals(meeting).await?;
        let checks: Vec<VersionCheck> = versions
            .iter()
            .map(|v| {
                let computed = sha256_hex(v.content.as_bytes());
                VersionCheck {
                    version: v.version,
                    matches: computed == v.digest,
                    stored_digest: v.digest.clone(),
                    computed_digest: computed.clone(),
                    approvals: approvals
                        .iter()
                        .filter(|a| a.version == v.version && a.paragraph == 0)
                        .map(|a| ApprovalCheck {
                            name: a.name.clone(),
                            role: a.role.clone(),
                            digest: a.digest.clone(),
                            matches: a.digest == computed,
                        })
                        .collect(),
                }
            })
            .collect();
        let valid = !checks.is_empty() && checks.iter().all(|c| c.matches && c.approvals.iter().all(|a| a.matches));
        Ok(Verification { meeting_id: meeting.0, versions: checks, valid })
    }

    // ---- Notice board ---------------------------------------------------------------------

    async fn announce(
        &self,
        tx: &mut Tx,
        m: &Meeting,
        p: &Protocol,
        adjusted_on: Date,
        posted_on: Date,
        actor: &Actor,
    ) -> Result<i64> {
        let dates = Deadlines::default()
            .notice_dates(adjusted_on, posted_on, None, &SWEDEN)
            .map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let kept_at = match &p.secretary {
            Some(s) => match &s.organisation {
                Some(o) => format!("{o}, hos sekreteraren {}", s.name),
                None => format!("Hos sekreteraren {}", s.name),
            },
            None => format!("Hos kansliet för {}", m.body_name),
        };
        let t = tx.now;
        let id: i64 = on_tx!(tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO announcements (meeting_id, body_id, body_name, meeting_date, paragraphs, adjusted_on, posted_on, \
             appeal_deadline, takedown_on, kept_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id"
        )
        .bind(m.id.0)
        .bind(m.body_id.0)
        .bind(&m.body_name)
        .bind(m.date)
        .bind(p.paragraph_range())
        .bind(dates.adjusted_on)
        .bind(dates.posted_on)
        .bind(dates.appeal_deadline)
        .bind(dates.takedown_on)
        .bind(&kept_at)
        .bind(t)
        .fetch_one(c)
        .await
        .map_err(StoreError::unique("meeting"))
        })?;
        set_status(tx, m.id, MeetingStatus::Announced).await?;
        audit::record(
            tx,
            actor,
            "announcement.post",
            "announcement",
            Some(id),
            json!({
                "meeting": {"to": m.id}, "posted_on": {"to": dates.posted_on.to_string()},
                "appeal_deadline": {"to": dates.appeal_deadline.to_string()},
                "takedown_on": {"to": dates.takedown_on.to_string()},
            }),
        )
        .await?;
        Ok(id)
    }

    /// Announcements up on `today`: posted, and not yet past their takedown day.
    pub async fn notice_board(&self, today: Date) -> Result<Vec<Announcement>> {
        // Only the takedown day narrows the search to the few notices up, and they are sorted
        // here: asking SQL for the posting day (in the filter or the order) made SQLite walk
        // every notice of all years by the posting-day index.
        let mut up: Vec<Announcement> = on_pool!(&self.pool, |p| sqlx::query_as::<_, Announcement>(
            sqlx::AssertSqlSafe(format!("{ANNOUNCEMENT_SELECT} WHERE takedown_on > $1"))
        )
        .bind(today)
        .fetch_all(p)
        .await)?;
        up.retain(|a| a.posted_on.is_some_and(|d| d <= today));
        up.sort_by_key(|a| std::cmp::Reverse((a.posted_on, a.id)));
        Ok(up)
    }

    /// Announcements taken down by `today`, newest first, a page at a time.
    pub async fn notice_archive(
        &self,
        today: Date,
        year: Option<i32>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Announcement>> {
        // Date::MIN and MAX lie outside PostgreSQL's date range; years 1 to 9999 cover every notice.
        let (from, to) = year.map(year_bounds).unwrap_or_else(|| (year_bounds(1).0, year_bounds(9999).1));
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(format!(
            "{ANNOUNCEMENT_SELECT} WHERE takedown_on <= $1 AND posted_on >= $2 AND posted_on <= $3 \
             ORDER BY posted_on DESC, id DESC LIMIT $4 OFFSET $5"
        )))
        .bind(today)
        .bind(from)
        .bind(to)
        .bind(limit)
        .bind(offset)
        .fetch_all(p)
        .await)?)
    }

    pub async fn announcement(&self, id: i64) -> Result<Option<Announcement>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(format!(
            "{ANNOUNCEMENT_SELECT} WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(p)
        .await)?)
    }

    pub async fn meeting_announcement(&self, meeting: MeetingId) -> Result<Option<Announcement>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(format!(
            "{ANNOUNCEMENT_SELECT} WHERE meeting_id = $1"
        )))
        .bind(meeting.0)
        .fetch_optional(p)
        .await)?)
    }

    /// Protocols out for adjustment that `person` is to approve and has not yet approved (the
    /// start page's "to approve").
    pub async fn awaiting_approval(&self, person: PersonId) -> Result<Vec<Meeting>> {
        let drafted = self.load_meetings("WHERE m.status = 'protocol_drafted' ORDER BY m.date, m.id", vec![]).await?;
        let mut out = Vec::new();
        for m in drafted.into_iter().filter(|m| Store::approver_role(m, person).is_some()) {
            let version = self.protocol_versions(m.id).await?.into_iter().rfind(|v| v.locked_at.is_none());
            let approvals = self.approvals(m.id).await?;
            let signed = version.is_some_and(|v| {
                approvals.iter().any(|a| a.version == v.version && a.paragraph == 0 && a.person_id == person.0)
            });
            if !signed {
                out.push(m);
            }
        }
        Ok(out)
    }

    /// Protocols not adjusted within the deadline, for the secretaries' dashboard.
    pub async fn late_protocols(&self, today: Date) -> Result<Vec<Meeting>> {
        let due = today - time::Duration::days(Deadlines::default().adjustment_days);
        self.load_meetings(
            "WHERE m.status IN ('held', 'protocol_drafted') AND m.date < $1 ORDER BY m.date, m.id",
            vec![Arg::Date(due)],
        )
        .await
    }

    /// Whether the account's person is a member of the body on the day (members read drafts).
    pub async fn is_body_member(&self, person: PersonId, body: BodyId, on: Date) -> Result<bool> {
        let n: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE body_id = $1 AND person_id = $2 AND start_date <= $3 \
             AND (end_date IS NULL OR end_date >= $3)"
        )
        .bind(body.0)
        .bind(person.0)
        .bind(on)
        .fetch_one(p)
        .await)?;
        Ok(n > 0)
    }
}

/// Who approves what: the whole protocol (`paragraph` 0) of a version, or one OJ paragraph
/// (`version` 0).
struct NewApproval<'a> {
    meeting: MeetingId,
    version: i64,
    paragraph: i64,
    person: PersonId,
    user: Option<UserId>,
    role: &'static str,
    name: &'a str,
}

async fn insert_approval(tx: &mut Tx, a: &NewApproval<'_>, digest: &str, at: OffsetDateTime) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO approvals (meeting_id, version, paragraph, person_id, user_id, role, name, digest, approved_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(a.meeting.0)
    .bind(a.version)
    .bind(a.paragraph)
    .bind(a.person.0)
    .bind(a.user.map(|u| u.0))
    .bind(a.role)
    .bind(a.name)
    .bind(digest)
    .bind(at)
    .execute(c)
    .await
    .map_err(StoreError::unique("person"))
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The role in which `person` approves the meeting's protocol, or why they cannot.
fn required_approver(m: &Meeting, person: PersonId) -> Result<&'static str> {
    Store::approver_role(m, person).ok_or_else(|| {
        state_error(
            "person",
            "not_an_approver",
            "Bara ordföranden och de valda justerarna justerar protokollet.",
            "Only the chair and the elected adjusters adjust the protocol.",
        )
    })
}

/// A proposal, vote, dissent or conflict of interest to add to a paragraph.
pub enum ParagraphEntry {
    Motion(MotionInput),
    Vote(VoteInput),
    Dissent(RemarkInput),
    Conflict(RemarkInput),
}

fn default_decision(item: &AgendaItem) -> String {
    match item.kind {
        ItemKind::Information => "Informationen noteras.".into(),
        ItemKind::Dialogue => "Dialogen noteras.".into(),
        ItemKind::Reported => "Anmälningsärendena anmäls och läggs till handlingarna.".into(),
        ItemKind::Decision => String::new(),
    }
}

fn unreachable_protocol(m: &Meeting) -> Protocol {
    tracing::error!(meeting = m.id.0, "a stored protocol version does not parse");
    Protocol {
        meeting_id: m.id.0,
        body_id: m.body_id.0,
        body: m.body_name.clone(),
        date: m.date,
        start: None,
        end: None,
        place: None,
        chair: None,
        secretary: None,
        adjusters: vec![],
        attendance: vec![],
        paragraphs: vec![],
    }
}

fn out_for_adjustment() -> StoreError {
    state_error(
        "status",
        "out_for_adjustment",
        "Protokollet är lämnat för justering. Ta tillbaka det för att ändra.",
        "The protocol is out for adjustment. Take it back to make changes.",
    )
}

/// A meeting's details, adjusters and attachments can change until the protocol is submitted.
fn editable(m: &Meeting) -> Result<()> {
    if matches!(m.status, MeetingStatus::Adjusted | MeetingStatus::Announced | MeetingStatus::ProtocolDrafted) {
        return Err(state_error(
            "status",
            "locked",
            "Protokollet är lämnat för justering eller justerat; mötet kan inte ändras.",
            "The protocol is out for adjustment or adjusted; the meeting cannot be changed.",
        ));
    }
    Ok(())
}

/// The agenda can change until the meeting is held.
fn agenda_editable(m: &Meeting) -> Result<()> {
    if m.status.was_held() || m.status == MeetingStatus::Cancelled {
        return Err(state_error(
            "status",
            "agenda_fixed",
            "Dagordningen kan inte ändras efter mötet.",
            "The agenda cannot be changed after the meeting.",
        ));
    }
    Ok(())
}

async fn check_people(tx: &mut Tx, m: &MeetingInput) -> Result<()> {
    if let Some(c) = m.chair {
        must_exist(tx, "people", c.0, "chair").await?;
    }
    if let Some(s) = m.secretary {
        must_exist(tx, "people", s.0, "secretary").await?;
    }
    Ok(())
}

pub(crate) async fn insert_meeting(tx: &mut Tx, body: BodyId, m: &MeetingInput) -> Result<MeetingId> {
    check_people(tx, m).await?;
    let t = tx.now;
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO meetings (body_id, date, start_time, end_time, place, online_url, status, chair_id, secretary_id, \
         adjusters, sequence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8, '[]', 0, $9, $9) \
         RETURNING id"
    )
    .bind(body.0)
    .bind(m.date)
    .bind(m.start.map(format_time))
    .bind(m.end.map(format_time))
    .bind(&m.place)
    .bind(&m.online_url)
    .bind(m.chair.map(|p| p.0))
    .bind(m.secretary.map(|p| p.0))
    .bind(t)
    .fetch_one(c)
    .await
    })?;
    Ok(MeetingId(id))
}

impl Store {
    /// The planned meeting dates of a body in a year.
    pub async fn meeting_plan(&self, body: BodyId, year: i32) -> Result<Vec<Date>> {
        let (from, to) = year_bounds(year);
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT date FROM meeting_plan_dates WHERE body_id = $1 AND date >= $2 AND date <= $3 ORDER BY date"
        )
        .bind(body.0)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)?)
    }

    /// Replaces the plan of one year (the plan is itself decided in a meeting).
    pub async fn set_meeting_plan(&self, body: BodyId, year: i32, dates: &[Date], actor: &Actor) -> Result<()> {
        if let Some(d) = dates.iter().find(|d| d.year() != year) {
            return Err(invalid_field(
                "dates",
                "wrong_year",
                &format!("{d} ligger inte i {year}."),
                &format!("{d} is not in {year}."),
            ));
        }
        let before = self.meeting_plan(body, year).await?;
        let mut tx = self.begin().await?;
        if !exists(&mut tx, "bodies", body.0).await? {
            return Err(StoreError::NotFound);
        }
        let (from, to) = year_bounds(year);
        on_tx!(&mut tx, |c| sqlx::query(
            "DELETE FROM meeting_plan_dates WHERE body_id = $1 AND date >= $2 AND date <= $3"
        )
        .bind(body.0)
        .bind(from)
        .bind(to)
        .execute(c)
        .await
        .map(|_| ()))?;
        for d in dates {
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO meeting_plan_dates (body_id, date) VALUES ($1, $2)")
                .bind(body.0)
                .bind(*d)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        sync_plan(&mut tx, body, year, dates).await?;
        let show = |v: &[Date]| v.iter().map(Date::to_string).collect::<Vec<_>>();
        audit::record(
            &mut tx,
            actor,
            "body.meeting_plan",
            "body",
            Some(body.0),
            json!({"year": year, "dates": {"from": show(&before), "to": show(dates)}}),
        )
        .await?;
        tx.commit().await
    }
}

/// Brings a body's meetings of a year in line with its meeting plan: a planned meeting for each
/// new date, and planned meetings on dates no longer in the plan cancelled.
async fn sync_plan(tx: &mut Tx, body: BodyId, year: i32, dates: &[Date]) -> Result<()> {
    let (from, to) = year_bounds(year);
    let existing: Vec<(i64, Date, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, date, status FROM meetings WHERE body_id = $1 AND date >= $2 AND date <= $3"
    )
    .bind(body.0)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?;
    for d in dates {
        if !existing.iter().any(|(_, x, _)| x == d) {
            let m = MeetingInput {
                date: *d,
                start: None,
                end: None,
                place: None,
                online_url: None,
                chair: None,
                secretary: None,
            };
            insert_meeting(tx, body, &m).await?;
        }
    }
    for (id, d, status) in &existing {
        if !dates.contains(d) && (status == "planned" || status == "notice_sent") {
            set_status(tx, MeetingId(*id), MeetingStatus::Cancelled).await?;
        }
    }
    Ok(())
}

async fn set_status(tx: &mut Tx, id: MeetingId, to: MeetingStatus) -> Result<()> {
    on_tx!(tx, |c| sqlx::query(
        "UPDATE meetings SET status = $1, sequence = sequence + 1, updated_at = $2 WHERE id = $3"
    )
    .bind(to.as_str())
    .bind(tx.now)
    .bind(id.0)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn touch_meeting(tx: &mut Tx, id: MeetingId) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("UPDATE meetings SET updated_at = $1 WHERE id = $2")
        .bind(tx.now)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A held meeting written in one go: the demo's and the scale generator's history. The protocol
/// is the content the meeting produced; with `adjusted_at`, it was approved by its chair and
/// adjusters then and announced the same day, otherwise it waits for adjustment.
pub struct MeetingRecord<'a> {
    pub protocol: &'a Protocol,
    /// The kind of the agenda item behind each paragraph after the first two (which are the
    /// generated election of adjusters and approval of the agenda).
    pub kinds: &'a [ItemKind],
    pub adjusted_at: Option<OffsetDateTime>,
}

impl Store {
    /// Writes a held meeting with its agenda, attendance, protocol and, when adjusted, the
    /// approvals and the announcement, in one transaction; a planned meeting of the body on the
    /// day becomes it. The paragraph numbers are the protocol's. Votes, dissents and conflicts
    /// are kept in the protocol version only (history has none in the working copy).
    pub async fn record_meeting(&self, r: &MeetingRecord<'_>, actor: &Actor) -> Result<MeetingId> {
        let p = r.protocol;
        let body = BodyId(p.body_id);
        let mut tx = self.begin().await?;
        let input = MeetingInput {
            date: p.date,
            start: None,
            end: None,
            place: p.place.clone(),
            online_url: None,
            chair: p.chair.as_ref().and_then(|n| n.person_id).map(PersonId),
            secretary: p.secretary.as_ref().and_then(|n| n.person_id).map(PersonId),
        };
        let planned: Option<i64> = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "SELECT id FROM meetings WHERE body_id = $1 AND date = $2 AND status IN ('planned', 'notice_sent') LIMIT 1"
        )
        .bind(body.0)
        .bind(p.date)
        .fetch_optional(c)
        .await
        })?;
        let id = match planned {
            Some(id) => MeetingId(id),
            None => insert_meeting(&mut tx, body, &input).await?,
        };
        let mut stored = p.clone();
        stored.meeting_id = id.0;
        let adjusters: Vec<i64> = p.adjusters.iter().filter_map(|a| a.person_id).collect();
        let status = if r.adjusted_at.is_some() { MeetingStatus::Announced } else { MeetingStatus::ProtocolDrafted };
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE meetings SET start_time = $1, end_time = $2, adjusters = $3, status = $4, adjusted_on = $5, \
             place = $7, chair_id = $8, secretary_id = $9 WHERE id = $6"
        )
        .bind(&p.start)
        .bind(&p.end)
        .bind(to_json(&adjusters))
        .bind(status.as_str())
        .bind(r.adjusted_at.map(domain::meetings::calendar::swedish_date))
        .bind(id.0)
        .bind(&input.place)
        .bind(input.chair.map(|p| p.0))
        .bind(input.secretary.map(|p| p.0))
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let t = tx.now;
        for (i, (par, kind)) in p.paragraphs.iter().skip(2).zip(r.kinds).enumerate() {
            let item: i64 = on_tx!(&mut tx, |c| {
                sqlx::query_scalar(
                "INSERT INTO agenda_items (meeting_id, position, title, kind, case_number, presenters, description, \
                 starts_at, ends_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '[]', NULL, NULL, NULL, $6, $6) \
                 RETURNING id"
            )
            .bind(id.0)
            .bind(i as i64 + 1)
            .bind(&par.title)
            .bind(kind.as_str())
            .bind(&par.case_number)
            .bind(t)
            .fetch_one(c)
            .await
            })?;
            insert_paragraph(&mut tx, id, body, p.date.year(), Some(item), par, &[], t).await?;
        }
        for par in p.paragraphs.iter().take(2) {
            insert_paragraph(&mut tx, id, body, p.date.year(), None, par, &[], t).await?;
        }
        for (i, a) in p.attendance.iter().enumerate() {
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO attendance (meeting_id, position, person_id, name, party, organisation, role, present, \
                 replaces_id, from_paragraph, to_paragraph) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10)"
            )
            .bind(id.0)
            .bind(i as i64 + 1)
            .bind(a.person.person_id)
            .bind(&a.person.name)
            .bind(&a.person.party)
            .bind(&a.person.organisation)
            .bind(a.role.as_str())
            .bind(a.present)
            .bind(a.from_paragraph.map(i64::from))
            .bind(a.to_paragraph.map(i64::from))
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        let content = stored.canonical();
        let digest = sha256_hex(content.as_bytes());
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO protocol_versions (meeting_id, version, content, digest, reason, corrected, created_by, created_at, \
             locked_at) VALUES ($1, 1, $2, $3, NULL, NULL, $4, $5, $6)"
        )
        .bind(id.0)
        .bind(&content)
        .bind(&digest)
        .bind(&actor.label)
        .bind(t)
        .bind(r.adjusted_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        if let Some(at) = r.adjusted_at {
            for (role, n) in p.chair.iter().map(|c| ("chair", c)).chain(p.adjusters.iter().map(|a| ("adjuster", a))) {
                let person = PersonId(n.person_id.unwrap_or_default());
                let approval =
                    NewApproval { meeting: id, version: 1, paragraph: 0, person, user: None, role, name: &n.name };
                insert_approval(&mut tx, &approval, &digest, at).await?;
            }
            let m = Meeting {
                id,
                body_id: body,
                body_name: p.body.clone(),
                date: p.date,
                start: None,
                end: None,
                place: None,
                online_url: None,
                status,
                chair: None,
                secretary: None,
                adjusters: vec![],
                sequence: 0,
                adjusted_on: None,
                created_at: t,
                updated_at: t,
            };
            let day = domain::meetings::calendar::swedish_date(at);
            self.announce(&mut tx, &m, &stored, day, day, actor).await?;
        }
        audit::record(
            &mut tx,
            actor,
            "meeting.record",
            "meeting",
            Some(id.0),
            json!({"body": {"to": body}, "date": {"to": p.date.to_string()}, "digest": {"to": digest}}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Inserts a paragraph of the working copy; `attachments` are the ids its "Bilaga N" refer to.
#[allow(clippy::too_many_arguments)]
async fn insert_paragraph(
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
