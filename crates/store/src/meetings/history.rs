//! History: a held meeting written in one go, with its protocol and, when adjusted, its approvals
//! and announcement (the demo's and the scale generator's past meetings).

use domain::ids::{BodyId, MeetingId, PersonId};
use domain::meetings::Meeting;
use domain::meetings::protocol::Protocol;
use domain::meetings::{ApprovalTarget, ApproverRole, ItemKind, MeetingInput, MeetingStatus};
use serde_json::json;
use time::OffsetDateTime;

use super::approvals::{NewApproval, insert_approval};
use super::meeting::insert_meeting;
use super::paragraphs::insert_paragraph;
use super::to_json;
use crate::files::sha256_hex;
use crate::{Actor, Result, Store, audit, on_tx};

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
            let target = ApprovalTarget::Protocol { version: 1 };
            let signers = p.chair.iter().map(|c| (ApproverRole::Chair, c));
            for (role, n) in signers.chain(p.adjusters.iter().map(|a| (ApproverRole::Adjuster, a))) {
                let person = PersonId(n.person_id.unwrap_or_default());
                let approval = NewApproval { meeting: id, target, person, user: None, role, name: &n.name };
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
        crate::search::refresh_meeting(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
    }
}
