//! Accounts, server-side sessions, personal API tokens, sign-in failures and idempotency keys.

use domain::accounts::{Failures, Role};
use domain::ids::UserId;
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub is_admin: bool,
    pub lang: Option<String>,
    pub disabled: bool,
    /// The person the account acts as, for per-body roles (secretary, member).
    pub person_id: Option<i64>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl User {
    pub fn user_id(&self) -> UserId {
        UserId(self.id)
    }

    pub fn roles(&self) -> Vec<Role> {
        if self.is_admin { vec![Role::User, Role::Admin] } else { vec![Role::User] }
    }
}

pub(crate) const USER_COLS: &str =
    "users.id, users.email, users.name, users.is_admin, users.lang, users.disabled, users.person_id, users.created_at";

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl Store {
    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        password_hash: &str,
        is_admin: bool,
        actor: &Actor,
    ) -> Result<UserId> {
        let mut tx = self.begin().await?;
        let t = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, is_admin, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"
        )
        .bind(email)
        .bind(name)
        .bind(password_hash)
        .bind(is_admin)
        .bind(t)
        .fetch_one(c)
        .await)
        .map_err(StoreError::unique("email"))?;
        audit::record(
            &mut tx,
            actor,
            "user.create",
            "user",
            Some(id),
            audit::diff(None, Some(&json!({"email": email, "name": name, "is_admin": is_admin}))),
        )
        .await?;
        tx.commit().await?;
        Ok(UserId(id))
    }

    pub async fn user(&self, id: UserId) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id.0)
            .fetch_optional(p)
            .await)?)
    }

    /// The account and its password hash, for signing in.
    pub async fn user_with_hash(&self, email: &str) -> Result<Option<(User, String)>> {
        let sql = format!("SELECT {USER_COLS}, users.password_hash FROM users WHERE email = $1");
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: User,
            password_hash: String,
        }
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(email)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(|r| (r.user, r.password_hash)))
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLS} FROM users ORDER BY email");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?)
    }

    /// Sets a new password and ends every session of the account; with `revoke_tokens`, its API
    /// tokens stop working too (an administrator's reset always does).
    pub async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        revoke_tokens: bool,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        // A new password ends every other session of the account.
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        let revoked = if revoke_tokens {
            let stamp = tx.now;
            on_tx!(&mut tx, |c| sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL"
            )
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?
        } else {
            0
        };
        audit::record(&mut tx, actor, "user.password", "user", Some(id.0), json!({"tokens_revoked": revoked})).await?;
        tx.commit().await
    }

    /// Grants or withdraws administration. The last active administrator keeps it, so the
    /// installation is never left without one.
    pub async fn set_user_admin(&self, id: UserId, is_admin: bool, actor: &Actor) -> Result<()> {
        self.set_user_flag(id, "is_admin", is_admin, "user.admin", actor).await
    }

    /// Disables an account (its sessions end and its tokens stop working at once) or enables it
    /// again. The last active administrator cannot be disabled.
    pub async fn set_user_disabled(&self, id: UserId, disabled: bool, actor: &Actor) -> Result<()> {
        self.set_user_flag(id, "disabled", disabled, "user.disabled", actor).await
    }

    async fn set_user_flag(&self, id: UserId, column: &str, value: bool, action: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before: Option<(bool, bool)> =
            on_tx!(&mut tx, |c| sqlx::query_as("SELECT is_admin, disabled FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(c)
                .await)?;
        let (was_admin, was_disabled) = before.ok_or(StoreError::NotFound)?;
        let loses_admin =
            was_admin && !was_disabled && (column == "is_admin" && !value || column == "disabled" && value);
        if loses_admin {
            let others: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
                "SELECT COUNT(*) FROM users WHERE is_admin AND NOT disabled AND id <> $1"
            )
            .bind(id.0)
            .fetch_one(c)
            .await)?;
            if others == 0 {
                return Err(StoreError::Invalid(domain::Invalid::one(domain::FieldError::new(
                    column,
                    "last_admin",
                    "Det här är den enda aktiva administratören. Utse en till först.",
                    "This is the only active administrator. Appoint another one first.",
                ))));
            }
        }
        let stamp = tx.now;
        let sql = format!("UPDATE users SET {column} = $1, updated_at = $2 WHERE id = $3");
        on_tx!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(value)
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if column == "disabled" && value {
            on_tx!(&mut tx, |c| sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.0)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        let previous = if column == "is_admin" { was_admin } else { was_disabled };
        audit::record(&mut tx, actor, action, "user", Some(id.0), json!({ column: { "from": previous, "to": value } }))
            .await?;
        tx.commit().await
    }

    pub async fn set_user_lang(&self, id: UserId, lang: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before: Option<String> = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT lang FROM users WHERE id = $1")
            .bind(id.0)
            .fetch_one(c)
            .await)?;
        if before.as_deref() == Some(lang) {
            return Ok(());
        }
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("UPDATE users SET lang = $1, updated_at = $2 WHERE id = $3")
            .bind(lang)
            .bind(stamp)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(&mut tx, actor, "user.lang", "user", Some(id.0), json!({"lang": {"from": before, "to": lang}}))
            .await?;
        tx.commit().await
    }

    /// Opens a session for a signed-in user; the sign-in itself is audited.
    /// Opens a session; `issuer` is the identity provider it was opened through, if any.
    pub async fn create_session(
        &self,
        user: UserId,
        id_hash: &str,
        expires_at: OffsetDateTime,
        issuer: Option<&str>,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, issuer) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id_hash)
        .bind(user.0)
        .bind(stamp)
        .bind(expires_at)
        .bind(issuer)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let changes = issuer.map_or_else(|| json!({}), |i| json!({ "issuer": i }));
        audit::record(&mut tx, actor, "session.login", "user", Some(user.0), changes).await?;
        tx.commit().await
    }

    pub async fn session_user(&self, id_hash: &str) -> Result<Option<User>> {
        let sql = format!(
            "SELECT {USER_COLS} FROM sessions JOIN users ON users.id = sessions.user_id \
             WHERE sessions.id_hash = $1 AND sessions.expires_at > $2 AND NOT users.disabled"
        );
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id_hash)
            .bind(self.now())
            .fetch_optional(p)
            .await)?)
    }

    /// Ends a session; answers the issuer of the provider it was opened through, if any (so
    /// the browser can sign out there too).
    pub async fn delete_session(&self, id_hash: &str, actor: &Actor) -> Result<Option<String>> {
        let mut tx = self.begin().await?;
        let gone: Option<(Option<String>,)> =
            on_tx!(&mut tx, |c| sqlx::query_as("DELETE FROM sessions WHERE id_hash = $1 RETURNING issuer")
                .bind(id_hash)
                .fetch_optional(c)
                .await)?;
        if gone.is_some() {
            audit::record(&mut tx, actor, "session.logout", "user", actor.user_id.map(|u| u.0), json!({})).await?;
        }
        tx.commit().await?;
        Ok(gone.and_then(|(issuer,)| issuer))
    }

    /// Removes expired sessions and old sign-in failures; housekeeping, not audited.
    pub async fn purge_expired(&self, failures_before: OffsetDateTime) -> Result<u64> {
        let t = self.now();
        let a = on_pool!(&self.pool, |p| sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(t)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        let b = on_pool!(&self.pool, |p| sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(failures_before)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(a + b)
    }

    /// Records a wrong password for the account from the address, audited as a failed sign-in
    /// with what the password was checked for (`sign_in`, `approval`, `password_change`).
    pub async fn record_login_failure(
        &self,
        account_key: &str,
        address: &str,
        purpose: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query("INSERT INTO login_failures (account_key, address, at) VALUES ($1, $2, $3)")
            .bind(account_key)
            .bind(address)
            .bind(stamp)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        audit::record(
            &mut tx,
            actor,
            "session.login_failed",
            "account",
            None,
            json!({"email": account_key, "purpose": purpose}),
        )
        .await?;
        tx.commit().await
    }

    /// Wrong passwords since `since`: for the account from the address, from the address, and
    /// for the account.
    pub async fn login_failures(&self, account_key: &str, address: &str, since: OffsetDateTime) -> Result<Failures> {
        let (pair, addr, acc): (i64, i64, i64) = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN account_key = $1 AND address = $2 THEN 1 ELSE 0 END), 0), \
                    COALESCE(SUM(CASE WHEN address = $2 THEN 1 ELSE 0 END), 0), \
                    COALESCE(SUM(CASE WHEN account_key = $1 THEN 1 ELSE 0 END), 0) \
             FROM login_failures WHERE (account_key = $1 OR address = $2) AND at > $3"
        )
        .bind(account_key)
        .bind(address)
        .bind(since)
        .fetch_one(p)
        .await)?;
        let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        Ok(Failures { account_and_address: n(pair), address: n(addr), account: n(acc) })
    }

    pub async fn create_token(&self, user: UserId, name: &str, token_hash: &str, actor: &Actor) -> Result<i64> {
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
        )
        .bind(user.0)
        .bind(name)
        .bind(token_hash)
        .bind(stamp)
        .fetch_one(c)
        .await)?;
        audit::record(
            &mut tx,
            actor,
            "token.create",
            "api_token",
            Some(id),
            json!({"name": {"to": name}, "user_id": {"to": user.0}}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The account behind a token that is neither revoked nor belongs to a disabled account.
    /// Notes the use at most once a minute, so that a busy client does not write on every read.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<(User, i64)>> {
        let sql = format!(
            "SELECT {USER_COLS}, api_tokens.id AS token_id, api_tokens.last_used_at FROM api_tokens \
             JOIN users ON users.id = api_tokens.user_id \
             WHERE api_tokens.token_hash = $1 AND api_tokens.revoked_at IS NULL AND NOT users.disabled"
        );
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: User,
            token_id: i64,
            last_used_at: Option<OffsetDateTime>,
        }
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(token_hash)
            .fetch_optional(p)
            .await)?;
        let Some(row) = row else { return Ok(None) };
        let t = self.now();
        if row.last_used_at.is_none_or(|u| t - u > time::Duration::minutes(1)) {
            on_pool!(&self.pool, |p| sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(t)
                .bind(row.token_id)
                .execute(p)
                .await
                .map(|r| r.rows_affected()))?;
        }
        Ok(Some((row.user, row.token_id)))
    }

    pub async fn tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, ApiToken>(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id"
        )
        .bind(user.0)
        .fetch_all(p)
        .await)?)
    }

    /// Revokes a token of `user`; revoking twice is harmless.
    pub async fn revoke_token(&self, user: UserId, token_id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL"
        )
        .bind(stamp)
        .bind(token_id)
        .bind(user.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        if n > 0 {
            audit::record(&mut tx, actor, "token.revoke", "api_token", Some(token_id), json!({})).await?;
        }
        tx.commit().await
    }
}

/// The longest idempotency key kept; a longer one is refused, never silently ignored (a retry
/// would otherwise create a duplicate).
pub const IDEMPOTENCY_KEY_MAX: usize = 200;

/// Refuses an idempotency key longer than `IDEMPOTENCY_KEY_MAX` or with control characters.
pub(crate) fn check_key(key: &str) -> Result<()> {
    if key.chars().count() > IDEMPOTENCY_KEY_MAX || key.chars().any(char::is_control) {
        return Err(crate::invalid_field(
            "idempotency_key",
            "invalid_idempotency_key",
            &format!("Idempotensnyckeln får vara högst {IDEMPOTENCY_KEY_MAX} synliga tecken."),
            &format!("The idempotency key may be at most {IDEMPOTENCY_KEY_MAX} visible characters."),
        ));
    }
    Ok(())
}

/// Idempotency keys make a retried create return what the first attempt made. Simultaneous
/// retries with one key queue on it (SQLite's write lock; a transaction-scoped advisory lock on
/// PostgreSQL), so the second sees the first's record instead of a conflict.
pub(crate) async fn remembered(
    tx: &mut Tx,
    user: Option<UserId>,
    key: Option<&str>,
    entity_type: &str,
) -> Result<Option<i64>> {
    let (Some(user), Some(key)) = (user, key) else { return Ok(None) };
    check_key(key)?;
    if let crate::TxConn::Postgres(t) = &mut tx.conn {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(format!("idempotency\n{}\n{key}", user.0))
            .execute(&mut **t)
            .await?;
    }
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT entity_id FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND entity_type = $3"
    )
    .bind(user.0)
    .bind(key)
    .bind(entity_type)
    .fetch_optional(c)
    .await)?)
}

pub(crate) async fn remember(
    tx: &mut Tx,
    user: Option<UserId>,
    key: Option<&str>,
    entity_type: &str,
    id: i64,
) -> Result<()> {
    let (Some(user), Some(key)) = (user, key) else { return Ok(()) };
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, entity_type, entity_id, created_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(user.0)
    .bind(key)
    .bind(entity_type)
    .bind(id)
    .bind(tx.now)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))
    .map_err(StoreError::unique("idempotency_key"))?;
    Ok(())
}
