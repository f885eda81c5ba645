//! Joint matters: created with a row per organisation in one transaction, loaded with their
//! matrix and follow-up items, listed, sent, and moved through the statuses a status change may
//! reach (the domain's rule; the end states come only from a recorded decision).

use domain::ids::{CaseId, OrganisationId};
use domain::joint::{JointMatterInput, PartyStatus, overdue};
use domain::search::Searchable;
use serde_json::json;
use time::Date;

use super::{FollowUp, JointMatter, MatterSummary, ParagraphRef, Party};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, invalid_field, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct MatterRow {
    id: i64,
    case_id: i64,
    case_number: String,
    owner_id: i64,
    owner: String,
    paragraph_id: Option<i64>,
    title: String,
    points: String,
    due_on: Date,
}

#[derive(sqlx::FromRow)]
struct PartyRow {
    organisation_id: i64,
    organisation: String,
    status: String,
    sent_on: Option<Date>,
    decided_on: Option<Date>,
    decision_body: Option<String>,
    paragraph: Option<String>,
    decision_text: Option<String>,
    outcome: Option<String>,
    recorded_by: Option<String>,
    on_behalf_note: Option<String>,
    extract_name: Option<String>,
    extract_sha256: Option<String>,
}

impl From<PartyRow> for Party {
    fn from(r: PartyRow) -> Party {
        Party {
            organisation_id: OrganisationId(r.organisation_id),
            organisation: r.organisation,
            status: PartyStatus::parse(&r.status).unwrap_or_default(),
            sent_on: r.sent_on,
            decided_on: r.decided_on,
            body: r.decision_body,
            paragraph: r.paragraph,
            text: r.decision_text,
            outcome: r.outcome.as_deref().and_then(domain::joint::Outcome::parse),
            recorded_by: r.recorded_by,
            on_behalf_note: r.on_behalf_note,
            extract_name: r.extract_name,
            extract_sha256: r.extract_sha256,
        }
    }
}

#[derive(sqlx::FromRow)]
struct FollowUpRow {
    id: i64,
    organisation_id: Option<i64>,
    organisation: Option<String>,
    text: String,
    due_on: Date,
    done_on: Option<Date>,
}

const MATTER: &str = "SELECT j.id, j.case_id, \
     c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT) AS case_number, \
     j.owner_id, o.name AS owner, j.paragraph_id, j.title, j.points, j.due_on \
     FROM joint_matters j JOIN cases c ON c.id = j.case_id JOIN organisations o ON o.id = j.owner_id";

const PARTIES: &str = "SELECT p.organisation_id, o.name AS organisation, p.status, p.sent_on, p.decided_on, \
     p.decision_body, p.paragraph, p.decision_text, p.outcome, p.recorded_by, p.on_behalf_note, \
     p.extract_name, p.extract_sha256 \
     FROM joint_parties p JOIN organisations o ON o.id = p.organisation_id \
     WHERE p.matter_id = $1 ORDER BY o.name_key, o.id";

const FOLLOW_UPS: &str = "SELECT f.id, f.organisation_id, o.name AS organisation, f.text, f.due_on, f.done_on \
     FROM joint_follow_ups f LEFT JOIN organisations o ON o.id = f.organisation_id \
     WHERE f.matter_id = $1 ORDER BY f.due_on, f.id";

const PARAGRAPH: &str = "SELECT p.id, p.meeting_id, CAST(p.number AS BIGINT) AS number, p.title, b.name AS body, m.date \
     FROM paragraphs p JOIN bodies b ON b.id = p.body_id JOIN meetings m ON m.id = p.meeting_id WHERE p.id = $1";

/// The matter's row, locked for the rest of `tx` where the engine locks rows.
pub(super) async fn matter_row_in(tx: &mut Tx, id: i64) -> Result<(OrganisationId, Date)> {
    let row: Option<(i64, Date)> = on_tx!(tx, |c| sqlx::query_as(
        "UPDATE joint_matters SET updated_at = updated_at WHERE id = $1 RETURNING owner_id, due_on"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let (owner, due) = row.ok_or(StoreError::NotFound)?;
    Ok((OrganisationId(owner), due))
}

/// The status of an organisation's row of a matter, in `tx`.
pub(super) async fn party_status_in(tx: &mut Tx, matter: i64, org: OrganisationId) -> Result<PartyStatus> {
    let s: Option<String> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT status FROM joint_parties WHERE matter_id = $1 AND organisation_id = $2"
    )
    .bind(matter)
    .bind(org.0)
    .fetch_optional(c)
    .await)?;
    s.map(|s| PartyStatus::parse(&s).unwrap_or_default()).ok_or(StoreError::NotFound)
}

impl Store {
    /// A joint matter with its matrix (organisations by name) and follow-up items by due day.
    pub async fn joint_matter(&self, id: i64) -> Result<Option<JointMatter>> {
        let sql = format!("{MATTER} WHERE j.id = $1");
        let row: Option<MatterRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?;
        let Some(r) = row else { return Ok(None) };
        let parties: Vec<PartyRow> = on_pool!(&self.pool, |p| sqlx::query_as(PARTIES).bind(id).fetch_all(p).await)?;
        let follow: Vec<FollowUpRow> =
            on_pool!(&self.pool, |p| sqlx::query_as(FOLLOW_UPS).bind(id).fetch_all(p).await)?;
        let paragraph: Option<ParagraphRef> = match r.paragraph_id {
            Some(pid) => on_pool!(&self.pool, |p| sqlx::query_as(PARAGRAPH).bind(pid).fetch_optional(p).await)?,
            None => None,
        };
        let today = self.today();
        Ok(Some(JointMatter {
            id: r.id,
            case_id: CaseId(r.case_id),
            case_number: r.case_number,
            owner_id: OrganisationId(r.owner_id),
            owner: r.owner,
            paragraph,
            title: r.title,
            points: serde_json::from_str(&r.points).unwrap_or_default(),
            due_on: r.due_on,
            parties: parties.into_iter().map(Party::from).collect(),
            follow_ups: follow
                .into_iter()
                .map(|f| FollowUp {
                    id: f.id,
                    organisation_id: f.organisation_id.map(OrganisationId),
                    organisation: f.organisation,
                    text: f.text,
                    overdue: overdue(f.due_on, f.done_on, today),
                    due_on: f.due_on,
                    done_on: f.done_on,
                })
                .collect(),
        }))
    }

    /// Joint matters with their counts, latest due first; `case` narrows to one case's,
    /// `paragraph` to those a paragraph recommended.
    pub async fn joint_matters(&self, case: Option<CaseId>, paragraph: Option<i64>) -> Result<Vec<MatterSummary>> {
        let sql = "SELECT j.id, j.title, j.case_id, o.name AS owner, j.due_on, \
             (SELECT COUNT(*) FROM joint_parties p WHERE p.matter_id = j.id) AS parties, \
             (SELECT COUNT(*) FROM joint_parties p WHERE p.matter_id = j.id AND p.status IN ('decided', 'declined')) AS decided \
             FROM joint_matters j JOIN organisations o ON o.id = j.owner_id \
             WHERE (CAST($1 AS BIGINT) IS NULL OR j.case_id = $1) AND (CAST($2 AS BIGINT) IS NULL OR j.paragraph_id = $2) \
             ORDER BY j.due_on DESC, j.id DESC";
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sql).bind(case.map(|c| c.0)).bind(paragraph).fetch_all(p).await)?)
    }

    /// Creates a joint matter of a case, owned by the case's organisation, with a row per
    /// organisation "not yet sent". With an idempotency key, a retry returns the first.
    pub async fn create_joint_matter(&self, input: &JointMatterInput, actor: &Actor, key: Option<&str>) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "joint_matter").await? {
            return Ok(id);
        }
        let owner: Option<(i64, String)> = on_tx!(&mut tx, |c| {
            sqlx::query_as(
            "SELECT organisation_id, prefix || ' ' || CAST(year AS TEXT) || '/' || CAST(seq AS TEXT) FROM cases WHERE id = $1"
        )
        .bind(input.case_id.0)
        .fetch_optional(c)
        .await
        })?;
        let Some((owner, case_number)) = owner else {
            return Err(invalid_field("case_id", "unknown_case", "Ärendet finns inte.", "The case does not exist."));
        };
        if let Some(p) = input.paragraph_id {
            let found: Option<i64> =
                on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT id FROM paragraphs WHERE id = $1")
                    .bind(p)
                    .fetch_optional(c)
                    .await)?;
            if found.is_none() {
                return Err(invalid_field(
                    "paragraph_id",
                    "unknown_paragraph",
                    "Paragrafen finns inte.",
                    "The paragraph does not exist.",
                ));
            }
        }
        for o in &input.organisations {
            crate::must_exist(&mut tx, "organisations", o.0, "organisations").await?;
        }
        let t = tx.now;
        let points = serde_json::to_string(&input.points).map_err(|e| StoreError::Config(e.to_string()))?;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO joint_matters (case_id, owner_id, paragraph_id, title, points, due_on, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
        )
        .bind(input.case_id.0)
        .bind(owner)
        .bind(input.paragraph_id)
        .bind(&input.title)
        .bind(&points)
        .bind(input.due_on)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        for o in &input.organisations {
            on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO joint_parties (matter_id, organisation_id, status, updated_at) VALUES ($1, $2, $3, $4)"
            )
            .bind(id)
            .bind(o.0)
            .bind(PartyStatus::NotSent.as_str())
            .bind(t)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        remember(&mut tx, actor.user_id, key, "joint_matter", id).await?;
        let changes = json!({
            "case_id": input.case_id.0, "paragraph_id": input.paragraph_id, "title": input.title,
            "points": input.points, "due_on": input.due_on.to_string(),
            "organisations": input.organisations.iter().map(|o| o.0).collect::<Vec<_>>(),
        });
        audit::record(&mut tx, actor, "joint_matter.create", "joint_matter", Some(id), changes).await?;
        let indexed = super::index::IndexedMatter {
            id,
            title: &input.title,
            points: &input.points,
            case_number: &case_number,
            due_on: input.due_on,
        };
        crate::search::index(&mut tx, &format!("joint:{id}"), &indexed.search_document()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sends the matter to every organisation it has not been sent to yet; returns how many.
    pub async fn send_joint_matter(&self, id: i64, notify_job: Option<&'static str>, actor: &Actor) -> Result<u64> {
        self.send_joint_matter_on(id, None, notify_job, actor).await
    }

    /// Sends the matter, dated `on` when it was sent before it was kept here (the demo's or a
    /// migration's history), today by the store's clock otherwise. With `notify_job`, a job of
    /// that kind is queued in the same transaction with the organisations sent to, so their
    /// officers are told exactly when the sending committed.
    pub async fn send_joint_matter_on(
        &self,
        id: i64,
        on: Option<Date>,
        notify_job: Option<&'static str>,
        actor: &Actor,
    ) -> Result<u64> {
        let mut tx = self.begin().await?;
        matter_row_in(&mut tx, id).await?;
        let t = tx.now;
        let today = on.unwrap_or_else(|| domain::meetings::calendar::swedish_date(t));
        let sent_to: Vec<i64> = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "SELECT organisation_id FROM joint_parties WHERE matter_id = $1 AND status = $2 ORDER BY organisation_id"
        )
        .bind(id)
        .bind(PartyStatus::NotSent.as_str())
        .fetch_all(c)
        .await
        })?;
        let n = on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE joint_parties SET status = $1, sent_on = $2, updated_at = $3 WHERE matter_id = $4 AND status = $5"
        )
        .bind(PartyStatus::Sent.as_str())
        .bind(today)
        .bind(t)
        .bind(id)
        .bind(PartyStatus::NotSent.as_str())
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        let changes = json!({"sent_to": n, "sent_on": today.to_string()});
        audit::record(&mut tx, actor, "joint_matter.send", "joint_matter", Some(id), changes).await?;
        if let Some(kind) = notify_job.filter(|_| !sent_to.is_empty()) {
            let payload = json!({"matter_id": id, "organisations": sent_to});
            crate::jobs::enqueue(&mut tx, &crate::jobs::NewJob::now(kind, payload)).await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    /// Moves an organisation's row forward (sent, in preparation), by the domain's rule.
    pub async fn change_joint_party_status(
        &self,
        id: i64,
        org: OrganisationId,
        to: PartyStatus,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        matter_row_in(&mut tx, id).await?;
        let before = party_status_in(&mut tx, id, org).await?;
        before.change_to(to).map_err(domain::Invalid::one)?;
        let t = tx.now;
        let today = domain::meetings::calendar::swedish_date(t);
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE joint_parties SET status = $1, sent_on = COALESCE(sent_on, $2), updated_at = $3 \
             WHERE matter_id = $4 AND organisation_id = $5"
        )
        .bind(to.as_str())
        .bind(today)
        .bind(t)
        .bind(id)
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = audit::diff(
            Some(&json!({"organisation_id": org.0, "status": before.as_str()})),
            Some(&json!({"organisation_id": org.0, "status": to.as_str()})),
        );
        audit::record(&mut tx, actor, "joint_party.status", "joint_matter", Some(id), changes).await?;
        tx.commit().await?;
        Ok(())
    }
}
