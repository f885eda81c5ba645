//! An organisation's number series (its prefix) and its registrars: the accounts that register
//! cases and documents in its series and read its secret documents (ADR 33).

use domain::cases::Prefix;
use domain::ids::{OrganisationId, UserId};
use serde::Serialize;
use serde_json::json;

use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// An organisation that keeps its registry here, with its prefix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Series {
    pub organisation_id: i64,
    pub organisation: String,
    pub prefix: String,
}

/// An account that registers in an organisation's series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Registrar {
    pub organisation_id: i64,
    pub user_id: i64,
    pub email: String,
    pub name: String,
}

impl Store {
    /// Every series, by organisation name.
    pub async fn case_series(&self) -> Result<Vec<Series>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Series>(
            "SELECT s.organisation_id, o.name AS organisation, s.prefix FROM case_series s \
             JOIN organisations o ON o.id = s.organisation_id ORDER BY o.name_key, s.organisation_id"
        )
        .fetch_all(p)
        .await)?)
    }

    /// Sets (or changes) an organisation's prefix. Cases already numbered keep theirs.
    pub async fn set_case_series(&self, org: OrganisationId, prefix: &Prefix, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        crate::must_exist(&mut tx, "organisations", org.0, "organisation_id").await?;
        let before: Option<String> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT prefix FROM case_series WHERE organisation_id = $1")
                .bind(org.0)
                .fetch_optional(c)
                .await)?;
        let t = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO case_series (organisation_id, prefix, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (organisation_id) DO UPDATE SET prefix = excluded.prefix"
        )
        .bind(org.0)
        .bind(prefix.as_str())
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::unique("prefix"))?;
        let changes = audit::diff(before.map(|p| json!({"prefix": p})).as_ref(), Some(&json!({"prefix": prefix})));
        audit::record(&mut tx, actor, "case_series.set", "organisation", Some(org.0), changes).await?;
        tx.commit().await
    }

    /// The registrars of an organisation, by name.
    pub async fn registrars(&self, org: OrganisationId) -> Result<Vec<Registrar>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Registrar>(
            "SELECT r.organisation_id, r.user_id, u.email, u.name FROM case_registrars r \
             JOIN users u ON u.id = r.user_id WHERE r.organisation_id = $1 ORDER BY u.name, u.id"
        )
        .bind(org.0)
        .fetch_all(p)
        .await)?)
    }

    /// The organisations an account registers for.
    pub async fn registrar_of(&self, user: UserId) -> Result<Vec<OrganisationId>> {
        let ids: Vec<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT organisation_id FROM case_registrars WHERE user_id = $1 ORDER BY organisation_id"
        )
        .bind(user.0)
        .fetch_all(p)
        .await)?;
        Ok(ids.into_iter().map(OrganisationId).collect())
    }

    /// Makes an account a registrar of an organisation; granting twice changes nothing.
    pub async fn grant_registrar(&self, org: OrganisationId, user: UserId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        crate::must_exist(&mut tx, "organisations", org.0, "organisation_id").await?;
        crate::must_exist(&mut tx, "users", user.0, "user_id").await?;
        let t = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO case_registrars (organisation_id, user_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (organisation_id, user_id) DO NOTHING"
        )
        .bind(org.0)
        .bind(user.0)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n > 0 {
            let changes = audit::diff(None, Some(&json!({"user_id": user.0})));
            audit::record(&mut tx, actor, "case_registrar.grant", "organisation", Some(org.0), changes).await?;
        }
        tx.commit().await
    }

    /// Ends an account's registrar role in an organisation.
    pub async fn revoke_registrar(&self, org: OrganisationId, user: UserId, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "DELETE FROM case_registrars WHERE organisation_id = $1 AND user_id = $2"
        )
        .bind(org.0)
        .bind(user.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let changes = audit::diff(Some(&json!({"user_id": user.0})), None);
        audit::record(&mut tx, actor, "case_registrar.revoke", "organisation", Some(org.0), changes).await?;
        tx.commit().await
    }
}
