//! Organisations whose people sign in only through their provider: the accounts linked to a
//! person of such an organisation have no use for a local password (sign-in, approval and
//! password change refuse it).

use domain::ids::{OrganisationId, UserId};
use serde_json::json;

use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

impl Store {
    /// Whether the account may use a local password: yes unless the organisation of the person
    /// it acts as has switched local passwords off.
    pub async fn password_allowed(&self, user: UserId) -> Result<bool> {
        let allowed: Option<bool> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT o.local_passwords FROM users u JOIN people p ON p.id = u.person_id \
             JOIN organisations o ON o.id = p.organisation_id WHERE u.id = $1"
        )
        .bind(user.0)
        .fetch_optional(p)
        .await)?;
        Ok(allowed.unwrap_or(true))
    }

    /// The organisations whose people sign in only through their provider, by name.
    pub async fn organisations_without_passwords(&self) -> Result<Vec<(i64, String)>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, name FROM organisations WHERE NOT local_passwords ORDER BY name_key, id"
        )
        .fetch_all(p)
        .await)?)
    }

    /// Switches local passwords on or off for an organisation's people; setting what is already
    /// set changes nothing and records nothing (answers false). Sessions already open run on
    /// until they expire.
    pub async fn set_local_passwords(&self, org: OrganisationId, allowed: bool, actor: &Actor) -> Result<bool> {
        let mut tx = self.begin().await?;
        let before: Option<bool> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT local_passwords FROM organisations WHERE id = $1")
                .bind(org.0)
                .fetch_optional(c)
                .await)?;
        let before = before.ok_or(StoreError::NotFound)?;
        if before == allowed {
            return Ok(false);
        }
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE organisations SET local_passwords = $1, updated_at = $2 WHERE id = $3"
        )
        .bind(allowed)
        .bind(stamp)
        .bind(org.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "organisation.passwords",
            "organisation",
            Some(org.0),
            json!({"local_passwords": {"from": before, "to": allowed}}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A refused sign-in through a provider, with why (the refusal's code) and what the
    /// provider said, for the administrators' log.
    pub async fn record_identity_refusal(
        &self,
        provider: u32,
        reason: &str,
        detail: serde_json::Value,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        audit::record(
            &mut tx,
            actor,
            "identity.refused",
            "identity_provider",
            Some(i64::from(provider)),
            json!({"reason": reason, "detail": detail}),
        )
        .await?;
        tx.commit().await
    }
}
