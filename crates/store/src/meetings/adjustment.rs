//! Adjustment: the chair's and adjusters' approval of the protocol out for adjustment (the last
//! one adjusts, locks and announces it), and immediate adjustment of one paragraph (OJ).

use domain::ids::{MeetingId, PersonId, UserId};
use domain::meetings::Approval;
use domain::meetings::adjustment::{may_approve_paragraph, may_approve_protocol};
use domain::meetings::{ApprovalTarget, MeetingStatus, Signature, is_adjusted};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::approvals::{NewApproval, insert_approval};
use super::meeting::{set_status, touch_meeting};
use super::paragraphs::paragraph_digest;
use super::versions::unreachable_protocol;
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
        may_approve_protocol(m.status)?;
        let approvers = m.approvers();
        let role = approvers.required(person)?;
        let version = self
            .protocol_versions(meeting)
            .await?
            .into_iter()
            .rfind(|v| v.locked_at.is_none())
            .ok_or(StoreError::NotFound)?;
        let name = self.people_names(&[person.0]).await?.remove(&person.0).unwrap_or_default();
        let target = ApprovalTarget::Protocol { version: version.version };
        let approvals = self.approvals(meeting).await?;
        if approvals.iter().any(|a| a.target == target && a.person_id == person.0) {
            return Ok(ApprovalOutcome::Recorded);
        }
        let mut tx = self.begin().await?;
        // Writing the meeting row first serialises approvals of the same meeting (a row lock on
        // PostgreSQL; SQLite's write lock anyway), so that of two approvers at once the second
        // sees the first's approval below and the last one always adjusts.
        touch_meeting(&mut tx, meeting).await?;
        let t = at;
        let approval = NewApproval { meeting, target, person, user, role, name: &name };
        insert_approval(&mut tx, &approval, &version.digest, t).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.approve",
            "meeting",
            Some(meeting.0),
            json!({"version": {"to": version.version}, "person": {"to": person}, "role": {"to": role.as_str()}, "digest": {"to": version.digest}}),
        )
        .await?;
        // Read inside the transaction, after this approval: who has signed this version's digest.
        let (v, p) = target.columns();
        let signed: Vec<(i64, String)> = on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT person_id, digest FROM approvals WHERE meeting_id = $1 AND version = $2 AND paragraph = $3"
        )
        .bind(meeting.0)
        .bind(v)
        .bind(p)
        .fetch_all(c)
        .await)?;
        let signatures = signed.iter().map(|(person, digest)| Signature { target, person: PersonId(*person), digest });
        if !is_adjusted(&approvers, target, &version.digest, signatures) {
            crate::search::refresh_meeting(&mut tx, meeting).await?;
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
        crate::search::refresh_meeting(&mut tx, meeting).await?;
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
            may_approve_paragraph(m.status, true)?;
        }
        let approvers = m.approvers();
        let role = approvers.required(person)?;
        let p = self.draft_protocol(meeting).await?;
        let par = p.paragraphs.iter().find(|x| i64::from(x.number) == number).ok_or(StoreError::NotFound)?;
        may_approve_paragraph(m.status, par.immediate)?;
        let digest = paragraph_digest(par);
        let target = ApprovalTarget::Paragraph { number };
        let name = self.people_names(&[person.0]).await?.remove(&person.0).unwrap_or_default();
        let mut tx = self.begin().await?;
        let approval = NewApproval { meeting, target, person, user, role, name: &name };
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
        let approvals = self.approvals(meeting).await?;
        Ok(if is_adjusted(&approvers, target, &digest, approvals.iter().map(Approval::signature)) {
            ApprovalOutcome::Adjusted
        } else {
            ApprovalOutcome::Recorded
        })
    }
}
