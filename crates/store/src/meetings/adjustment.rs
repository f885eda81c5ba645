//! Adjustment: the chair's and adjusters' approval of the protocol out for adjustment (the last
//! one adjusts, locks and announces it), and immediate adjustment of one paragraph (OJ).

use domain::ids::{MeetingId, PersonId, UserId};
use domain::meetings::MeetingStatus;
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::approvals::{NewApproval, insert_approval, required_approver};
use super::meeting::{set_status, touch_meeting};
use super::state_error;
use super::versions::unreachable_protocol;
use crate::files::sha256_hex;
use crate::{Actor, Result, Store, StoreError, audit, on_tx};

/// What an approval led to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalOutcome {
    /// Recorded; others have yet to approve.
    Recorded,
    /// The last approval: the protocol is adjusted, locked and announced.
    Adjusted,
}

impl Store {
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
}
