//! Provider accounts linked to ours. A sign-in finds its account by the provider's stable
//! identifier (issuer and subject); the first time, by the e-mail address the provider vouches
//! for: the account with that address is linked, or, when there is none, an account is made for
//! the person of the register with that address and linked to them (just in time). The link
//! and the account are written in one transaction with their audit events.

use domain::ids::UserId;
use serde_json::json;
use time::OffsetDateTime;

use crate::accounts::{USER_COLS, User};
use crate::{Actor, Result, Store, Tx, audit, on_tx};

const LINK: &str = "INSERT INTO user_identities (issuer, subject, user_id, created_at, last_auth_at) \
                    VALUES ($1, $2, $3, $4, $4) ON CONFLICT (issuer, subject) DO NOTHING";

/// What a sign-in through a provider found.
#[derive(Clone, Debug)]
pub enum IdentitySignIn {
    /// The provider account was linked already.
    Known(User),
    /// Linked now to the account with the verified e-mail address.
    Linked(User),
    /// An account made now for the person of the register with the address.
    Created(User),
    /// Not linked, and the provider vouches for no e-mail address.
    NoVerifiedEmail,
    /// Not linked, and no account or person has the address.
    NoAccount,
}

impl Store {
    /// Finds or makes the account of the provider account (`issuer`, `subject`); `email` is the
    /// address the provider vouches for (verified), `name` the name it gives.
    pub async fn sign_in_identity(
        &self,
        issuer: &str,
        subject: &str,
        email: Option<&str>,
        name: Option<&str>,
        actor: &Actor,
    ) -> Result<IdentitySignIn> {
        let mut tx = self.begin().await?;
        let now = tx.now;
        let linked: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2"
        )
        .bind(issuer)
        .bind(subject)
        .fetch_optional(c)
        .await)?;
        if let Some(id) = linked {
            on_tx!(&mut tx, |c| sqlx::query(
                "UPDATE user_identities SET last_auth_at = $1 WHERE issuer = $2 AND subject = $3"
            )
            .bind(now)
            .bind(issuer)
            .bind(subject)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            let user = user_in(&mut tx, id).await?;
            tx.commit().await?;
            return Ok(IdentitySignIn::Known(user));
        }
        let Some(email) = email else { return Ok(IdentitySignIn::NoVerifiedEmail) };
        let account: Option<i64> = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(c)
            .await)?;
        let (id, created) = match account {
            Some(id) => (id, false),
            None => {
                let person: Option<(i64, String)> = on_tx!(&mut tx, |c| sqlx::query_as(
                    "SELECT id, name FROM people WHERE LOWER(email) = $1 ORDER BY id LIMIT 1"
                )
                .bind(email)
                .fetch_optional(c)
                .await)?;
                let Some((person, person_name)) = person else { return Ok(IdentitySignIn::NoAccount) };
                let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(&person_name).to_string();
                (create_account(&mut tx, email, &name, person, now, actor).await?, true)
            }
        };
        // Of two first sign-ins at once, the second leaves the first one's link as it is.
        on_tx!(&mut tx, |c| sqlx::query(LINK)
            .bind(issuer)
            .bind(subject)
            .bind(id)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "identity.linked",
            "user",
            Some(id),
            json!({"issuer": issuer, "subject": subject, "email": email}),
        )
        .await?;
        let user = user_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(if created { IdentitySignIn::Created(user) } else { IdentitySignIn::Linked(user) })
    }

    /// The issuers the account is linked to (its provider accounts), oldest link first.
    pub async fn identity_issuers(&self, user: UserId) -> Result<Vec<String>> {
        Ok(crate::on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT issuer FROM user_identities WHERE user_id = $1 ORDER BY created_at, issuer"
        )
        .bind(user.0)
        .fetch_all(p)
        .await)?)
    }

    /// Whether (`issuer`, `subject`) is linked to `user`; a re-authentication must be by the
    /// provider account of the signed-in account. Records the authentication when it is.
    pub async fn reauthenticated(
        &self,
        user: UserId,
        issuer: &str,
        subject: &str,
        auth_time: OffsetDateTime,
        actor: &Actor,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE user_identities SET last_auth_at = $1 WHERE issuer = $2 AND subject = $3 AND user_id = $4"
        )
        .bind(auth_time)
        .bind(issuer)
        .bind(subject)
        .bind(user.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Ok(false);
        }
        let at = auth_time.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        audit::record(
            &mut tx,
            actor,
            "identity.reauthenticated",
            "user",
            Some(user.0),
            json!({"issuer": issuer, "auth_time": at}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// An account for `person`, without a password of its own (the empty hash never verifies);
/// when the person already has an account, that one.
async fn create_account(
    tx: &mut Tx,
    email: &str,
    name: &str,
    person: i64,
    now: OffsetDateTime,
    actor: &Actor,
) -> Result<i64> {
    let existing: Option<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM users WHERE person_id = $1 ORDER BY id LIMIT 1")
            .bind(person)
            .fetch_optional(c)
            .await)?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, is_admin, person_id, created_at, updated_at) \
         VALUES ($1, $2, '', FALSE, $3, $4, $4) RETURNING id"
    )
    .bind(email)
    .bind(name)
    .bind(person)
    .bind(now)
    .fetch_one(c)
    .await)?;
    audit::record(
        tx,
        actor,
        "user.create",
        "user",
        Some(id),
        json!({"email": {"to": email}, "name": {"to": name}, "person_id": {"to": person}, "via": "oidc"}),
    )
    .await?;
    Ok(id)
}

async fn user_in(tx: &mut Tx, id: i64) -> Result<User> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_one(c).await)?)
}
