//! Who a referral asks: organisations (one by one, or all of a kind in a county in one step)
//! and named people, each obliged or invited; their personal answer links (the token's SHA-256
//! with its expiry and revocation, never the token); and the dashboard's rows.

use domain::ids::{ConsulteeId, OrganisationId, PersonId, ReferralId};
use domain::organisations::OrganisationKind;
use domain::referrals::{Obligation, ReferralStatus};
use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::{refused, touch};
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// Whom a consultee row asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsulteeTarget {
    Organisation(OrganisationId),
    Person(PersonId),
}

/// A consultee with what the dashboard shows of its answer.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Consultee {
    pub id: i64,
    pub referral_id: i64,
    pub organisation_id: Option<i64>,
    pub person_id: Option<i64>,
    /// The organisation's or the person's name.
    pub name: String,
    /// The organisation's kind ("municipality" …), or "person".
    pub kind: String,
    /// Where invitations and receipts go: the organisation's functional address or the person's.
    pub email: Option<String>,
    pub obligation: String,
    /// "draft", "submitted", or none when no one has begun an answer.
    pub answer_status: Option<String>,
    pub late: Option<bool>,
    pub token_expires_at: Option<OffsetDateTime>,
    pub token_revoked: bool,
}

const SELECT: &str = "SELECT k.id, k.referral_id, k.organisation_id, k.person_id, \
     COALESCE(o.name, p.name) AS name, COALESCE(o.kind, 'person') AS kind, COALESCE(o.email, p.email) AS email, \
     k.obligation, a.status AS answer_status, a.late, k.token_expires_at, \
     (k.token_revoked_at IS NOT NULL) AS token_revoked \
     FROM referral_consultees k \
     LEFT JOIN organisations o ON o.id = k.organisation_id \
     LEFT JOIN people p ON p.id = k.person_id \
     LEFT JOIN referral_answers a ON a.consultee_id = k.id";

/// The consultees (`k`) account `$2` answers for, as a FROM clause: the people of a consultee
/// organisation draft its answer after signing in, and so does the named person asked. The one
/// text of the rule for one consultee and for a referral's page.
const ANSWERED_BY: &str = "referral_consultees k JOIN users u ON u.id = $2 JOIN people p ON p.id = u.person_id \
     AND (p.organisation_id = k.organisation_id OR p.id = k.person_id)";

impl Store {
    /// Adds consultees (those already asked are left as they are) and returns how many were
    /// new. Consultees may be added after publication too (a late addition gets its invitation
    /// from `job_kind`); never to a referral whose deadline has passed.
    pub async fn add_consultees(
        &self,
        id: ReferralId,
        targets: &[ConsulteeTarget],
        obligation: Obligation,
        job_kind: &'static str,
        actor: &Actor,
    ) -> Result<usize> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        let today = domain::meetings::calendar::swedish_date(tx.now);
        if r.deadline < today {
            return Err(refused(
                "consultees",
                "deadline_passed",
                "Svarstiden har gått ut.",
                "The referral period is over.",
            ));
        }
        let t = tx.now;
        let mut added = Vec::new();
        for target in targets {
            let (org, person) = match target {
                ConsulteeTarget::Organisation(o) => (Some(o.0), None),
                ConsulteeTarget::Person(p) => (None, Some(p.0)),
            };
            let (table, tid) = match target {
                ConsulteeTarget::Organisation(o) => ("organisations", o.0),
                ConsulteeTarget::Person(p) => ("people", p.0),
            };
            crate::must_exist(&mut tx, table, tid, "consultees").await?;
            let new: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "INSERT INTO referral_consultees (referral_id, organisation_id, person_id, obligation, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id"
            )
            .bind(id.0)
            .bind(org)
            .bind(person)
            .bind(obligation.as_str())
            .bind(t)
            .fetch_optional(c)
            .await)?;
            if let Some(k) = new {
                added.push(k);
            }
        }
        if r.status == ReferralStatus::Published && !added.is_empty() {
            let job = crate::jobs::NewJob::now(job_kind, json!({"referral_id": id.0, "consultees": added}));
            crate::jobs::enqueue(&mut tx, &job).await?;
        }
        let changes = json!({"added": added, "obligation": obligation.as_str()});
        audit::record(&mut tx, actor, "referral.consultees", "referral", Some(id.0), changes).await?;
        tx.commit().await?;
        Ok(added.len())
    }

    /// The organisations of `kind` in county `county`: "all municipalities of the county in one
    /// step" reads them here and adds them with `add_consultees`.
    pub async fn organisations_of_kind_in_county(
        &self,
        kind: OrganisationKind,
        county: &str,
    ) -> Result<Vec<OrganisationId>> {
        let ids: Vec<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT id FROM organisations WHERE kind = $1 AND county_code = $2 ORDER BY name_key, id"
        )
        .bind(kind.as_str())
        .bind(county)
        .fetch_all(p)
        .await)?;
        Ok(ids.into_iter().map(OrganisationId).collect())
    }

    /// The person of the register with this e-mail address (case aside), for asking a named
    /// person; the first by id when several share it.
    pub async fn person_by_email(&self, email: &str) -> Result<Option<PersonId>> {
        let email = email.trim().to_lowercase();
        let id: Option<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT id FROM people WHERE LOWER(email) = $1 ORDER BY id LIMIT 1"
        )
        .bind(&email)
        .fetch_optional(p)
        .await)?;
        Ok(id.map(PersonId))
    }

    /// The consultees of a referral with their answers' state, by kind and name.
    pub async fn referral_consultees(&self, id: ReferralId) -> Result<Vec<Consultee>> {
        let sql = format!("{SELECT} WHERE k.referral_id = $1 ORDER BY kind, name, k.id");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_all(p).await)?)
    }

    pub async fn referral_consultee(&self, id: ConsulteeId) -> Result<Option<Consultee>> {
        let sql = format!("{SELECT} WHERE k.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?)
    }

    /// Keeps the SHA-256 of a new answer link for the consultee, valid until `expires_at`; an
    /// earlier link stops working.
    pub async fn set_answer_token(
        &self,
        id: ConsulteeId,
        token_hash: &str,
        expires_at: OffsetDateTime,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        keep_token(&mut tx, id, token_hash, expires_at).await?;
        let changes = json!({"expires_at": expires_at.to_string()});
        audit::record(&mut tx, actor, "referral.answer_link", "referral_consultee", Some(id.0), changes).await?;
        tx.commit().await
    }

    /// Revokes the consultee's answer link.
    pub async fn revoke_answer_token(&self, id: ConsulteeId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE referral_consultees SET token_revoked_at = $1 WHERE id = $2 AND token_hash IS NOT NULL"
        )
        .bind(t)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(&mut tx, actor, "referral.answer_link_revoke", "referral_consultee", Some(id.0), json!({}))
            .await?;
        tx.commit().await
    }

    /// The consultee whose answer link has this SHA-256, when the link is neither expired nor
    /// revoked at the store's now.
    pub async fn consultee_by_token(&self, token_hash: &str) -> Result<Option<Consultee>> {
        let sql =
            format!("{SELECT} WHERE k.token_hash = $1 AND k.token_revoked_at IS NULL AND k.token_expires_at > $2");
        let now = self.now();
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(token_hash)
            .bind(now)
            .fetch_optional(p)
            .await)?)
    }

    /// The consultees of `referral` that account `user` answers for: those of the organisation
    /// its person belongs to, and the person asked when that is its person. One query for the
    /// referral's page, however many consultees it has.
    pub async fn consultees_answered_by(&self, referral: ReferralId, user: domain::ids::UserId) -> Result<Vec<i64>> {
        let sql = format!("SELECT k.id FROM {ANSWERED_BY} WHERE k.referral_id = $1 ORDER BY k.id");
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(referral.0)
            .bind(user.0)
            .fetch_all(p)
            .await)?)
    }

    /// Whether account `user` answers for consultee `k` (`consultees_answered_by`'s rule for one).
    pub async fn answers_for(&self, consultee: ConsulteeId, user: domain::ids::UserId) -> Result<bool> {
        let sql = format!("SELECT COUNT(*) FROM {ANSWERED_BY} WHERE k.id = $1");
        let n: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(consultee.0)
            .bind(user.0)
            .fetch_one(p)
            .await)?;
        Ok(n > 0)
    }

    /// Enqueues a reminder job (`job_kind`) for each consultee of a published referral whose
    /// reminder day has come (`day` or before, and the deadline not yet passed) and who has not
    /// submitted an answer, marking it reminded in the same transaction: a second run on the same
    /// day finds no one, and a reminder exists exactly when its mark does. Returns how many.
    pub async fn enqueue_referral_reminders(&self, day: Date, job_kind: &'static str) -> Result<usize> {
        let mut tx = self.begin().await?;
        let candidates: Vec<(i64, Date, Date)> = on_tx!(&mut tx, |c| {
            sqlx::query_as(
            "SELECT k.id, r.sent_on, r.deadline FROM referral_consultees k JOIN referrals r ON r.id = k.referral_id \
             LEFT JOIN referral_answers a ON a.consultee_id = k.id \
             WHERE r.status = 'published' AND r.deadline >= $1 AND k.reminded_on IS NULL \
             AND (a.status IS NULL OR a.status = 'draft') ORDER BY k.id"
        )
        .bind(day)
        .fetch_all(c)
        .await
        })?;
        let due: Vec<i64> = candidates
            .into_iter()
            .filter(|(_, sent, deadline)| domain::referrals::reminder_day(*sent, *deadline) <= day)
            .map(|(k, _, _)| k)
            .collect();
        for k in &due {
            on_tx!(&mut tx, |c| sqlx::query("UPDATE referral_consultees SET reminded_on = $1 WHERE id = $2")
                .bind(day)
                .bind(*k)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            let job =
                crate::jobs::NewJob::now(job_kind, json!({"consultee_id": k})).once(format!("referral-reminder:{k}"));
            crate::jobs::enqueue(&mut tx, &job).await?;
        }
        tx.commit().await?;
        Ok(due.len())
    }

    /// Sends the consultee's answer link: the message (with the link's token) is written to the
    /// outbox and the token's SHA-256 kept, in one transaction. When the message was written
    /// before (a job run again), nothing changes and `false` is returned, so the link in the
    /// sent message stays the one that works.
    pub async fn send_answer_link(
        &self,
        id: ConsulteeId,
        token_hash: &str,
        expires_at: OffsetDateTime,
        message: &crate::mail::NewMessage,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        if crate::mail::queue_message(&mut tx, message).await?.is_none() {
            return Ok(false);
        }
        keep_token(&mut tx, id, token_hash, expires_at).await?;
        let changes = json!({"expires_at": expires_at.to_string(), "sent_to": message.recipient});
        audit::record(
            &mut tx,
            &Actor::system("system"),
            "referral.answer_link",
            "referral_consultee",
            Some(id.0),
            changes,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Keeps the SHA-256 of the consultee's new answer link, valid until `expires_at`; an earlier
/// link stops working.
async fn keep_token(tx: &mut crate::Tx, id: ConsulteeId, token_hash: &str, expires_at: OffsetDateTime) -> Result<()> {
    const SQL: &str =
        "UPDATE referral_consultees SET token_hash = $1, token_expires_at = $2, token_revoked_at = NULL WHERE id = $3";
    let n = on_tx!(tx, |c| sqlx::query(SQL)
        .bind(token_hash)
        .bind(expires_at)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
