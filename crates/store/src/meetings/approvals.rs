//! Approvals as recorded: who approves a meeting's protocol and in what role, the approvals of a
//! meeting, and whether a paragraph has been adjusted at once (OJ) by everyone.

use domain::ids::{MeetingId, PersonId, UserId};
use serde::Serialize;
use time::OffsetDateTime;

use super::meeting::Meeting;
use super::state_error;
use crate::{Result, Store, StoreError, Tx, on_pool, on_tx};

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

impl Store {
    pub async fn approvals(&self, meeting: MeetingId) -> Result<Vec<Approval>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Approval>(
            "SELECT id, version, paragraph, person_id, name, role, digest, approved_at FROM approvals \
             WHERE meeting_id = $1 ORDER BY approved_at, id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
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

    /// Whether a paragraph of the working copy has been adjusted at once (OJ) by everyone.
    pub(super) async fn paragraph_adjusted(&self, m: &Meeting, number: i64) -> Result<bool> {
        let approvals = self.approvals(m.id).await?;
        let signed: Vec<i64> =
            approvals.iter().filter(|a| a.version == 0 && a.paragraph == number).map(|a| a.person_id).collect();
        Ok(!signed.is_empty() && m.chair.iter().chain(m.adjusters.iter()).all(|n| signed.contains(&n.id)))
    }
}

/// Who approves what: the whole protocol (`paragraph` 0) of a version, or one OJ paragraph
/// (`version` 0).
pub(super) struct NewApproval<'a> {
    pub(super) meeting: MeetingId,
    pub(super) version: i64,
    pub(super) paragraph: i64,
    pub(super) person: PersonId,
    pub(super) user: Option<UserId>,
    pub(super) role: &'static str,
    pub(super) name: &'a str,
}

pub(super) async fn insert_approval(tx: &mut Tx, a: &NewApproval<'_>, digest: &str, at: OffsetDateTime) -> Result<()> {
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
pub(super) fn required_approver(m: &Meeting, person: PersonId) -> Result<&'static str> {
    Store::approver_role(m, person).ok_or_else(|| {
        state_error(
            "person",
            "not_an_approver",
            "Bara ordföranden och de valda justerarna justerar protokollet.",
            "Only the chair and the elected adjusters adjust the protocol.",
        )
    })
}
