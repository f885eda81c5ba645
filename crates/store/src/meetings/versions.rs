//! Protocol versions: the working copy frozen for adjustment (submit), taken back (reopen),
//! corrected after adjustment as a new version beside it, and verified against its digests.

use domain::ids::MeetingId;
use domain::meetings::Meeting;
use domain::meetings::adjustment::version_approved;
use domain::meetings::editing::{check_submission, may_correct};
use domain::meetings::protocol::{self, Protocol};
use domain::meetings::{Approval, ApprovalTarget, Approvers, MeetingError, MeetingStatus, ProtocolVersion};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::meeting::{set_status, touch_meeting};
use crate::files::sha256_hex;
use crate::jobs::{self, NewJob};
use crate::query::mapped;
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// The job kind that tells the approvers a protocol was submitted for adjustment
/// (`{"meeting": …, "version": …}`).
pub const SUBMITTED_JOB: &str = "protocol.submitted";

/// A row of `protocol_versions`.
#[derive(sqlx::FromRow)]
struct ProtocolVersionRow {
    id: i64,
    meeting_id: i64,
    version: i64,
    content: String,
    digest: String,
    reason: Option<String>,
    corrected: Option<String>,
    created_by: String,
    created_at: OffsetDateTime,
    locked_at: Option<OffsetDateTime>,
}

impl From<ProtocolVersionRow> for ProtocolVersion {
    fn from(r: ProtocolVersionRow) -> Self {
        ProtocolVersion {
            id: r.id,
            meeting_id: r.meeting_id,
            version: r.version,
            content: r.content,
            digest: r.digest,
            reason: r.reason,
            corrected: r.corrected,
            created_by: r.created_by,
            created_at: r.created_at,
            locked_at: r.locked_at,
        }
    }
}

/// The result of recomputing a protocol's digests.
#[derive(Clone, Debug, Serialize)]
pub struct Verification {
    pub meeting_id: i64,
    pub versions: Vec<VersionCheck>,
    /// Every version's text matches its digest (and every recorded approval signs its version's
    /// digest). Whether each version was approved is said per version.
    pub valid: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct VersionCheck {
    pub version: i64,
    pub stored_digest: String,
    pub computed_digest: String,
    /// The stored text matches its digest.
    pub matches: bool,
    /// The version was approved: the adjusted version by the chair and every adjuster it names
    /// (KL 5 kap. 69 §), a correction by its record (`correction`, rule 18).
    pub approved: bool,
    pub approvals: Vec<ApprovalCheck>,
    /// For a correction after adjustment: who made it, when and why.
    pub correction: Option<CorrectionRecord>,
}

/// Who corrected an adjusted protocol, when and why (rule 18, JO 581-2013).
#[derive(Clone, Debug, Serialize)]
pub struct CorrectionRecord {
    pub by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub reason: String,
    /// What the correction changed, in plain words.
    pub corrected: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ApprovalCheck {
    pub name: String,
    pub role: String,
    pub digest: String,
    pub matches: bool,
}

impl Store {
    pub async fn protocol_versions(&self, meeting: MeetingId) -> Result<Vec<ProtocolVersion>> {
        Ok(mapped(on_pool!(&self.pool, |p| sqlx::query_as::<_, ProtocolVersionRow>(
            "SELECT id, meeting_id, version, content, digest, reason, corrected, created_by, created_at, locked_at \
             FROM protocol_versions WHERE meeting_id = $1 ORDER BY version"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?))
    }

    /// Hands the protocol to the chair and adjusters: freezes the working copy as the version
    /// they will approve. Every paragraph needs a decision and the chair must be known.
    pub async fn submit_protocol(&self, meeting: MeetingId, actor: &Actor) -> Result<String> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        m.status.advance(MeetingStatus::ProtocolDrafted).map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let p = self.draft_protocol(meeting).await?;
        check_submission(&p, &m.approvers(), self.today())?;
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
        // The chair and adjusters hear of it from a job that exists exactly when this commits.
        jobs::enqueue(&mut tx, &NewJob::now(SUBMITTED_JOB, json!({"meeting": meeting.0, "version": version}))).await?;
        audit::record(
            &mut tx,
            actor,
            "protocol.submit",
            "meeting",
            Some(meeting.0),
            json!({"version": {"to": version}, "digest": {"to": digest}, "status": {"from": m.status.as_str(), "to": "protocol_drafted"}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
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
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    /// Publishes a correction of an adjusted protocol as a new version with its reason and a
    /// plain account of what changed; the adjusted version stays as it was (rule 18).
    pub async fn correct_protocol(&self, meeting: MeetingId, reason: &str, actor: &Actor) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        may_correct(m.status)?;
        let versions = self.protocol_versions(meeting).await?;
        let latest = versions.last().ok_or(StoreError::NotFound)?;
        let old = latest.protocol().unwrap_or_else(|| unreachable_protocol(&m));
        let new = self.draft_protocol(meeting).await?;
        let changes = protocol::changes(&old, &new);
        if changes.is_empty() {
            return Err(MeetingError::NothingChanged.into());
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
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Recomputes every version's digest from its stored text, checks each approval against
    /// the digest of what it approved, and says whether each version was approved (by the chair
    /// and adjusters its text names, or as a correction by its record).
    pub async fn verify_protocol(&self, meeting: MeetingId) -> Result<Verification> {
        let versions = self.protocol_versions(meeting).await?;
        let approvals = self.approvals(meeting).await?;
        let checks: Vec<VersionCheck> = versions
            .iter()
            .map(|v| {
                let computed = sha256_hex(v.content.as_bytes());
                let target = ApprovalTarget::Protocol { version: v.version };
                let approvers = v.protocol().map(|p| Approvers::of_protocol(&p)).unwrap_or_default();
                let signatures = approvals.iter().filter(|a| a.target == target).map(Approval::signature);
                let correction = v.reason.clone().filter(|_| v.locked_at.is_some()).map(|reason| CorrectionRecord {
                    by: v.created_by.clone(),
                    at: v.created_at,
                    reason,
                    corrected: v.corrected.clone(),
                });
                VersionCheck {
                    version: v.version,
                    matches: computed == v.digest,
                    approved: computed == v.digest
                        && version_approved(&approvers, v.version, &v.digest, correction.is_some(), signatures),
                    correction,
                    stored_digest: v.digest.clone(),
                    computed_digest: computed.clone(),
                    approvals: approvals
                        .iter()
                        .filter(|a| a.target == target)
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
}

pub(super) fn unreachable_protocol(m: &Meeting) -> Protocol {
    tracing::error!(meeting = m.id.0, "a stored protocol version does not parse");
    Protocol::empty(m.id.0, m.body_id.0, &m.body_name, m.date)
}
