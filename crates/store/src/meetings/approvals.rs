//! Approvals as recorded: who approves a meeting's protocol and in what role, the approvals of a
//! meeting, and whether a paragraph has been adjusted at once (OJ) by everyone. The rules are
//! the domain's (`domain::meetings::adjustment`); here they meet the `approvals` table, whose
//! `version` and `paragraph` columns hold an [`ApprovalTarget`].

use domain::ids::{MeetingId, PersonId, UserId};
use domain::meetings::Meeting;
use domain::meetings::{Approval, ApprovalTarget, ApproverRole};
use time::OffsetDateTime;

use crate::{Result, Store, StoreError, Tx, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct ApprovalRow {
    id: i64,
    version: i64,
    paragraph: i64,
    person_id: i64,
    name: String,
    role: String,
    digest: String,
    approved_at: OffsetDateTime,
}

impl ApprovalRow {
    /// A row whose columns name no target (none is ever written) is left out, and logged.
    fn into_approval(self) -> Option<Approval> {
        let Some(target) = ApprovalTarget::from_columns(self.version, self.paragraph) else {
            tracing::error!(approval = self.id, "an approval names neither a version nor a paragraph");
            return None;
        };
        Some(Approval {
            id: self.id,
            target,
            person_id: self.person_id,
            name: self.name,
            role: self.role,
            digest: self.digest,
            approved_at: self.approved_at,
        })
    }
}

impl Store {
    pub async fn approvals(&self, meeting: MeetingId) -> Result<Vec<Approval>> {
        let rows: Vec<ApprovalRow> = on_pool!(&self.pool, |p| sqlx::query_as::<_, ApprovalRow>(
            "SELECT id, version, paragraph, person_id, name, role, digest, approved_at FROM approvals \
             WHERE meeting_id = $1 ORDER BY approved_at, id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().filter_map(ApprovalRow::into_approval).collect())
    }

    /// Whether `person` is among those who must approve the meeting's protocol, and as what.
    pub fn approver_role(m: &Meeting, person: PersonId) -> Option<&'static str> {
        m.approvers().role_of(person).map(ApproverRole::as_str)
    }

    /// Whether a paragraph of the working copy, whose text has `digest`, has been adjusted at
    /// once (OJ) by everyone.
    pub(super) async fn paragraph_adjusted(&self, m: &Meeting, number: i64, digest: &str) -> Result<bool> {
        let approvals = self.approvals(m.id).await?;
        let target = ApprovalTarget::Paragraph { number };
        Ok(domain::meetings::is_adjusted(&m.approvers(), target, digest, approvals.iter().map(Approval::signature)))
    }
}

/// Who approves what, in which role.
pub(super) struct NewApproval<'a> {
    pub(super) meeting: MeetingId,
    pub(super) target: ApprovalTarget,
    pub(super) person: PersonId,
    pub(super) user: Option<UserId>,
    pub(super) role: ApproverRole,
    pub(super) name: &'a str,
}

pub(super) async fn insert_approval(tx: &mut Tx, a: &NewApproval<'_>, digest: &str, at: OffsetDateTime) -> Result<()> {
    let (version, paragraph) = a.target.columns();
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO approvals (meeting_id, version, paragraph, person_id, user_id, role, name, digest, approved_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(a.meeting.0)
    .bind(version)
    .bind(paragraph)
    .bind(a.person.0)
    .bind(a.user.map(|u| u.0))
    .bind(a.role.as_str())
    .bind(a.name)
    .bind(digest)
    .bind(at)
    .execute(c)
    .await
    .map_err(StoreError::unique("person"))
    .map(|r| r.rows_affected()))?;
    Ok(())
}
