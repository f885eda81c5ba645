//! Secrecy grants (ADR 54): a registrar lets a named account read a secrecy-marked document of a
//! case, or all the case's secret documents, with a reason and an optional last day; revoking
//! keeps the row. Both writes are audited in their transaction. Which grants open what is the
//! domain's rule (`domain::cases::grant::may_read`); this module only keeps them.

use domain::cases::{Grant, GrantInput};
use domain::ids::{CaseDocumentId, CaseId, UserId};
use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, invalid_field, on_pool, on_tx};

/// A grant as the registrars' list shows it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct SecrecyGrant {
    pub id: i64,
    pub case_id: i64,
    /// The document, or none for all the case's secret documents.
    pub document_id: Option<i64>,
    /// The document's number within the case, when the grant is for one.
    pub document_number: Option<i64>,
    pub user_id: i64,
    pub grantee: String,
    pub reason: String,
    #[serde(with = "domain::dates::ymd::option")]
    pub until: Option<Date>,
    pub granted_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub granted_at: OffsetDateTime,
    pub revoked_by: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl SecrecyGrant {
    pub fn rule(&self) -> Grant {
        Grant { document: self.document_id.map(CaseDocumentId), until: self.until, revoked: self.revoked_at.is_some() }
    }
}

const SELECT: &str = "SELECT g.id, g.case_id, g.document_id, d.number AS document_number, g.user_id, \
     u.email AS grantee, g.reason, g.until, g.granted_by, g.granted_at, g.revoked_by, g.revoked_at \
     FROM secrecy_grants g JOIN users u ON u.id = g.user_id \
     LEFT JOIN case_documents d ON d.id = g.document_id";

impl Store {
    /// Every grant of a case, revoked ones too, newest first (for its registrars).
    pub async fn secrecy_grants(&self, case: CaseId) -> Result<Vec<SecrecyGrant>> {
        let sql = format!("{SELECT} WHERE g.case_id = $1 ORDER BY g.id DESC");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(case.0).fetch_all(p).await)?)
    }

    /// One grant, by its id.
    pub async fn secrecy_grant(&self, id: i64) -> Result<Option<SecrecyGrant>> {
        let sql = format!("{SELECT} WHERE g.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// The grants `user` holds in `case`, as the rule needs them.
    pub async fn reader_grants(&self, user: UserId, case: CaseId) -> Result<Vec<Grant>> {
        let sql = format!("{SELECT} WHERE g.user_id = $1 AND g.case_id = $2");
        let rows: Vec<SecrecyGrant> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(user.0)
            .bind(case.0)
            .fetch_all(p)
            .await)?;
        Ok(rows.iter().map(SecrecyGrant::rule).collect())
    }

    /// Grants the account with address `input.grantee` reading of a secret document of `case`
    /// (or all of them). The account must exist; a named document must be the case's and
    /// secrecy-marked. With an idempotency key, a retry returns the first grant.
    pub async fn grant_secrecy(
        &self,
        case: CaseId,
        input: &GrantInput,
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, key, "secrecy_grant").await? {
            return Ok(id);
        }
        crate::must_exist(&mut tx, "cases", case.0, "case_id").await?;
        let user: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND disabled = FALSE")
                .bind(&input.grantee)
                .fetch_optional(c)
                .await)?;
        let Some(user) = user else {
            return Err(invalid_field(
                "grantee",
                "no_account",
                "Det finns inget aktivt konto med den e-postadressen.",
                "There is no active account with that e-mail address.",
            ));
        };
        if let Some(d) = input.document {
            let marked: Option<Option<String>> = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT secrecy_provision FROM case_documents WHERE id = $1 AND case_id = $2"
            )
            .bind(d.0)
            .bind(case.0)
            .fetch_optional(c)
            .await)?;
            if !matches!(marked, Some(Some(_))) {
                return Err(invalid_field(
                    "grant_document",
                    "not_secret",
                    "Handlingen finns inte i ärendet eller är inte sekretessmarkerad.",
                    "The document is not in the case or is not secrecy-marked.",
                ));
            }
        }
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO secrecy_grants (case_id, document_id, user_id, reason, until, granted_by, granted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
        )
        .bind(case.0)
        .bind(input.document.map(|d| d.0))
        .bind(user)
        .bind(&input.reason)
        .bind(input.until)
        .bind(&actor.label)
        .bind(t)
        .fetch_one(c)
        .await)?;
        let changes = json!({
            "grant_id": id, "grantee": input.grantee, "user_id": user,
            "document_id": input.document.map(|d| d.0), "reason": input.reason,
            "until": input.until.map(|u| u.to_string()),
        });
        audit::record(&mut tx, actor, "secrecy_grant.grant", "case", Some(case.0), changes).await?;
        remember(&mut tx, actor.user_id, key, "secrecy_grant", id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Revokes a grant of `case`; revoking twice is a not-found, so the log holds one revocation.
    pub async fn revoke_secrecy_grant(&self, case: CaseId, grant: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE secrecy_grants SET revoked_by = $1, revoked_at = $2 \
             WHERE id = $3 AND case_id = $4 AND revoked_at IS NULL"
        )
        .bind(&actor.label)
        .bind(t)
        .bind(grant)
        .bind(case.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit::record(&mut tx, actor, "secrecy_grant.revoke", "case", Some(case.0), json!({"grant_id": grant})).await?;
        tx.commit().await
    }
}
