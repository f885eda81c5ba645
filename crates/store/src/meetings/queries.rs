//! Lists across meetings: a person's calendar, the protocols a person is to approve, the late
//! protocols, and whether a person is a member of a body on a day.

use domain::ids::{BodyId, PersonId};
use domain::meetings::Meeting;
use domain::meetings::{ApprovalTarget, Deadlines};
use time::Date;

use crate::query::Arg;
use crate::{Result, Store, on_pool};

impl Store {
    /// The meetings of every body a person sits in, while they sit there (their calendar).
    pub async fn person_meetings(&self, person: PersonId) -> Result<Vec<Meeting>> {
        self.load_meetings(
            "WHERE EXISTS (SELECT 1 FROM memberships x WHERE x.body_id = m.body_id AND x.person_id = $1 \
             AND x.start_date <= m.date AND (x.end_date IS NULL OR x.end_date >= m.date)) ORDER BY m.date, m.id",
            vec![Arg::Int(person.0)],
        )
        .await
    }

    /// Protocols out for adjustment that `person` is to approve and has not yet approved (the
    /// start page's "to approve").
    pub async fn awaiting_approval(&self, person: PersonId) -> Result<Vec<Meeting>> {
        let drafted = self.load_meetings("WHERE m.status = 'protocol_drafted' ORDER BY m.date, m.id", vec![]).await?;
        let mut out = Vec::new();
        for m in drafted.into_iter().filter(|m| m.approvers().role_of(person).is_some()) {
            let version = self.protocol_versions(m.id).await?.into_iter().rfind(|v| v.locked_at.is_none());
            let approvals = self.approvals(m.id).await?;
            let signed = version.is_some_and(|v| {
                let target = ApprovalTarget::Protocol { version: v.version };
                approvals.iter().any(|a| a.target == target && a.person_id == person.0)
            });
            if !signed {
                out.push(m);
            }
        }
        Ok(out)
    }

    /// Protocols out for adjustment, with the approvers who have not yet approved the version
    /// out (the morning's reminders and late notices).
    pub async fn protocols_out(&self) -> Result<Vec<(Meeting, Vec<PersonId>)>> {
        let drafted = self.load_meetings("WHERE m.status = 'protocol_drafted' ORDER BY m.date, m.id", vec![]).await?;
        let mut out = Vec::new();
        for m in drafted {
            let version = self.protocol_versions(m.id).await?.into_iter().rfind(|v| v.locked_at.is_none());
            let approvals = self.approvals(m.id).await?;
            let approvers = m.approvers();
            let unsigned = approvers
                .chair
                .into_iter()
                .chain(approvers.adjusters)
                .filter(|p| {
                    !version.as_ref().is_some_and(|v| {
                        let target = ApprovalTarget::Protocol { version: v.version };
                        approvals.iter().any(|a| a.target == target && a.person_id == p.0)
                    })
                })
                .collect();
            out.push((m, unsigned));
        }
        Ok(out)
    }

    /// Protocols `person` is to finish as secretary — of the meeting, or of its body on `today`
    /// — that are not yet adjusted: held, or drafted and out for approval (the start page).
    pub async fn protocols_to_finish(&self, person: PersonId, today: Date) -> Result<Vec<Meeting>> {
        self.load_meetings(
            "WHERE m.status IN ('held', 'protocol_drafted') AND (m.secretary_id = $1 OR b.secretary_id = $1 OR \
             EXISTS (SELECT 1 FROM memberships x WHERE x.body_id = m.body_id AND x.person_id = $1 \
             AND x.role = 'secretary' AND x.start_date <= $2 AND (x.end_date IS NULL OR x.end_date >= $2))) \
             ORDER BY m.date, m.id",
            vec![Arg::Int(person.0), Arg::Date(today)],
        )
        .await
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
