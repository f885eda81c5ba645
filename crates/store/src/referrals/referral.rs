//! Creating, loading and publishing a referral, and its sections and questions.

use domain::ids::{CaseId, ReferralId};
use domain::referrals::{ReferralInput, ReferralStatus, SectionInput};
use serde::Serialize;
use serde_json::json;

use super::{Referral, Row, SELECT, fetch, refused, touch};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// A numbered section of one version of the referred document (version 1 is the referral
/// version).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Section {
    pub version: i64,
    pub number: i64,
    pub heading: String,
    pub body: String,
}

impl domain::referrals::SectionText for Section {
    fn heading(&self) -> &str {
        &self.heading
    }
    fn body(&self) -> &str {
        &self.body
    }
}

/// A question of the missiv, overall (no section) or on one section.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Question {
    pub id: i64,
    pub number: i64,
    pub section: Option<i64>,
    pub text: String,
}

fn draft_only(r: &Referral) -> Result<()> {
    if r.status != ReferralStatus::Draft {
        return Err(refused(
            "referral",
            "referral_published",
            "Remissen är redan utskickad; remissversionen och missivet kan inte ändras.",
            "The referral has been sent; its referral version and covering letter cannot change.",
        ));
    }
    Ok(())
}

impl Store {
    /// Creates a draft referral in `case`. With an idempotency key a retry returns the first.
    pub async fn create_referral(
        &self,
        case: CaseId,
        input: &ReferralInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<ReferralId> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "referral").await? {
            return Ok(ReferralId(id));
        }
        if !crate::exists(&mut tx, "cases", case.0).await? {
            return Err(StoreError::NotFound);
        }
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO referrals (case_id, title, document_version, sent_on, deadline, late_answers, open_to_public, \
             missiv, status, report_status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', 'draft', $9, $9) RETURNING id"
        )
        .bind(case.0)
        .bind(&input.title)
        .bind(&input.document_version)
        .bind(input.sent_on)
        .bind(input.deadline)
        .bind(input.late_answers.as_str())
        .bind(input.open_to_public)
        .bind(&input.missiv)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        remember(&mut tx, actor.user_id, key, "referral", id).await?;
        let changes = json!({
            "case_id": case.0, "title": input.title, "document_version": input.document_version,
            "sent_on": input.sent_on.to_string(), "deadline": input.deadline.to_string(),
            "late_answers": input.late_answers.as_str(), "open_to_public": input.open_to_public,
        });
        audit::record(&mut tx, actor, "referral.create", "referral", Some(id), changes).await?;
        tx.commit().await?;
        Ok(ReferralId(id))
    }

    pub async fn referral(&self, id: ReferralId) -> Result<Option<Referral>> {
        let sql = format!("{SELECT} WHERE r.id = $1");
        let row: Option<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Referral::from))
    }

    /// The referrals of a case, newest first.
    pub async fn case_referrals(&self, case: CaseId) -> Result<Vec<Referral>> {
        let sql = format!("{SELECT} WHERE r.case_id = $1 ORDER BY r.sent_on DESC, r.id DESC");
        let rows: Vec<Row> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(case.0)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(Referral::from).collect())
    }

    /// The published referrals, the latest deadline first.
    pub async fn published_referrals(&self) -> Result<Vec<Referral>> {
        let sql = format!("{SELECT} WHERE r.status = 'published' ORDER BY r.deadline DESC, r.id DESC");
        let rows: Vec<Row> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
        Ok(rows.into_iter().map(Referral::from).collect())
    }

    /// Replaces the sections of `version` (1: the referral version, only while the referral is
    /// a draft; 2 and later: later versions, compared with it).
    pub async fn set_referral_sections(
        &self,
        id: ReferralId,
        version: i64,
        sections: &[SectionInput],
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        if version < 1 {
            return Err(StoreError::NotFound);
        }
        if version == 1 {
            draft_only(&r)?;
        }
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM referral_sections WHERE referral_id = $1 AND version = $2")
            .bind(id.0)
            .bind(version)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        for (i, s) in sections.iter().enumerate() {
            on_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO referral_sections (referral_id, version, number, heading, body) VALUES ($1, $2, $3, $4, $5)"
            )
            .bind(id.0)
            .bind(version)
            .bind(i as i64 + 1)
            .bind(&s.heading)
            .bind(&s.body)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
        let headings: Vec<&str> = sections.iter().map(|s| s.heading.as_str()).collect();
        let changes = json!({"version": version, "headings": headings});
        audit::record(&mut tx, actor, "referral.sections", "referral", Some(id.0), changes).await?;
        tx.commit().await
    }

    /// The sections of one version, by number.
    pub async fn referral_sections(&self, id: ReferralId, version: i64) -> Result<Vec<Section>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT version, number, heading, body FROM referral_sections \
             WHERE referral_id = $1 AND version = $2 ORDER BY number"
        )
        .bind(id.0)
        .bind(version)
        .fetch_all(p)
        .await)?)
    }

    /// The newest version with sections (1 when only the referral version has them).
    pub async fn referral_latest_version(&self, id: ReferralId) -> Result<i64> {
        let v: Option<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT MAX(version) FROM referral_sections WHERE referral_id = $1"
        )
        .bind(id.0)
        .fetch_one(p)
        .await)?;
        Ok(v.unwrap_or(1))
    }

    /// Adds a question to the draft's missiv: overall, or on section `section` of the referral
    /// version.
    pub async fn add_referral_question(
        &self,
        id: ReferralId,
        section: Option<i64>,
        text: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        draft_only(&r)?;
        if let Some(s) = section {
            let n: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT COUNT(*) FROM referral_sections WHERE referral_id = $1 AND version = 1 AND number = $2"
            )
            .bind(id.0)
            .bind(s)
            .fetch_one(c)
            .await)?;
            if n == 0 {
                return Err(refused(
                    "section",
                    "unknown_section",
                    "Avsnittet finns inte i remissversionen.",
                    "The referral version has no such section.",
                ));
            }
        }
        let number: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM referral_questions WHERE referral_id = $1"
        )
        .bind(id.0)
        .fetch_one(c)
        .await)?;
        let qid: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO referral_questions (referral_id, number, section, text) VALUES ($1, $2, $3, $4) RETURNING id"
        )
        .bind(id.0)
        .bind(number)
        .bind(section)
        .bind(text)
        .fetch_one(c)
        .await
        })?;
        let changes = json!({"question": number, "section": section, "text": text});
        audit::record(&mut tx, actor, "referral.question", "referral", Some(id.0), changes).await?;
        tx.commit().await?;
        Ok(qid)
    }

    pub async fn referral_questions(&self, id: ReferralId) -> Result<Vec<Question>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, number, section, text FROM referral_questions WHERE referral_id = $1 ORDER BY number"
        )
        .bind(id.0)
        .fetch_all(p)
        .await)?)
    }

    /// Records the referred document's PDF (its bytes already stored by digest) on the draft.
    pub async fn set_referral_document(
        &self,
        id: ReferralId,
        file_name: &str,
        sha256: &str,
        size: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        draft_only(&r)?;
        crate::files::record(&mut tx, sha256, size, "application/pdf").await?;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE referrals SET document_file_name = $1, document_sha256 = $2 WHERE id = $3"
        )
        .bind(file_name)
        .bind(sha256)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = json!({"file_name": file_name, "sha256": sha256});
        audit::record(&mut tx, actor, "referral.document", "referral", Some(id.0), changes).await?;
        tx.commit().await
    }

    /// Publishes the referral with its missiv: it needs sections and at least one consultee (or
    /// the open form). The invitations are a job enqueued in the same transaction (`job_kind`,
    /// the web's handler), so they exist exactly when the referral is out.
    pub async fn publish_referral(&self, id: ReferralId, job_kind: &'static str, actor: &Actor) -> Result<Referral> {
        let mut tx = self.begin().await?;
        let r = touch(&mut tx, id).await?;
        draft_only(&r)?;
        let (sections, consultees): (i64, i64) = on_tx!(&mut tx, |c| sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM referral_sections WHERE referral_id = $1 AND version = 1), \
                    (SELECT COUNT(*) FROM referral_consultees WHERE referral_id = $1)"
        )
        .bind(id.0)
        .fetch_one(c)
        .await)?;
        if sections == 0 {
            return Err(refused(
                "sections",
                "sections_required",
                "Dela in remissversionen i avsnitt innan remissen skickas ut.",
                "Divide the referral version into sections before the referral is sent.",
            ));
        }
        if consultees == 0 && !r.open_to_public {
            return Err(refused(
                "consultees",
                "consultees_required",
                "Välj remissinstanser innan remissen skickas ut.",
                "Choose consultees before the referral is sent.",
            ));
        }
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE referrals SET status = 'published', published_at = $1 WHERE id = $2")
            .bind(t)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        crate::jobs::enqueue(
            &mut tx,
            &crate::jobs::NewJob::now(job_kind, json!({"referral_id": id.0}))
                .once(format!("referral-invitations:{}", id.0)),
        )
        .await?;
        super::index::refresh_referral(&mut tx, id).await?;
        audit::record(&mut tx, actor, "referral.publish", "referral", Some(id.0), json!({"consultees": consultees}))
            .await?;
        let r = fetch(&mut tx, id).await?;
        tx.commit().await?;
        Ok(r)
    }
}
