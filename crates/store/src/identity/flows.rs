//! Sign-ins in progress: what the answer from the provider must match. Kept by the SHA-256 of
//! the state and taken (deleted and returned in one statement) when the answer comes, so a state
//! is good for one answer only: a replayed or forged one finds nothing (RFC 6749 §10.12,
//! OpenID Connect Core 1.0 §3.1.2.7 and RFC 9700 §2.1 on state and CSRF).

use domain::ids::UserId;
use time::OffsetDateTime;

use crate::{Result, Store, on_pool};

/// Re-authentication before an approval: the account, and the protocol (or OJ paragraph) it
/// approves once the provider has authenticated it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reauthentication {
    pub user_id: UserId,
    pub meeting_id: i64,
    pub paragraph: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct NewFlow<'a> {
    pub state_hash: &'a str,
    /// The client address that started it (`domain::identity::starts`).
    pub address: &'a str,
    pub browser_hash: &'a str,
    pub provider: u32,
    pub nonce: &'a str,
    pub verifier: &'a str,
    pub return_to: &'a str,
    pub reauthentication: Option<Reauthentication>,
    pub expires_at: OffsetDateTime,
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct Row {
    browser_hash: String,
    provider: i64,
    nonce: String,
    verifier: String,
    return_to: String,
    user_id: Option<i64>,
    meeting_id: Option<i64>,
    paragraph: Option<i64>,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
}

/// A sign-in in progress, as taken when its answer came.
#[derive(Clone, Debug)]
pub struct Flow {
    pub browser_hash: String,
    pub provider: u32,
    pub nonce: String,
    pub verifier: String,
    pub return_to: String,
    pub reauthentication: Option<Reauthentication>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

impl From<Row> for Flow {
    fn from(r: Row) -> Flow {
        let reauthentication = match (r.user_id, r.meeting_id) {
            (Some(u), Some(m)) => Some(Reauthentication { user_id: UserId(u), meeting_id: m, paragraph: r.paragraph }),
            _ => None,
        };
        Flow {
            browser_hash: r.browser_hash,
            provider: u32::try_from(r.provider).unwrap_or(u32::MAX),
            nonce: r.nonce,
            verifier: r.verifier,
            return_to: r.return_to,
            reauthentication,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

impl Store {
    /// Remembers a sign-in just started, and forgets those that expired unanswered. Not
    /// audited: nothing has changed until the answer comes, and that is audited.
    pub async fn start_oidc_flow(&self, f: &NewFlow<'_>) -> Result<()> {
        let now = self.now();
        on_pool!(&self.pool, |p| sqlx::query("DELETE FROM oidc_flows WHERE expires_at <= $1")
            .bind(now)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        let re = f.reauthentication.as_ref();
        on_pool!(&self.pool, |p| {
            sqlx::query(
            "INSERT INTO oidc_flows (state_hash, browser_hash, provider, nonce, verifier, return_to, user_id, \
             meeting_id, paragraph, created_at, expires_at, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        )
        .bind(f.state_hash)
        .bind(f.browser_hash)
        .bind(i64::from(f.provider))
        .bind(f.nonce)
        .bind(f.verifier)
        .bind(f.return_to)
        .bind(re.map(|r| r.user_id.0))
        .bind(re.map(|r| r.meeting_id))
        .bind(re.and_then(|r| r.paragraph))
        .bind(now)
        .bind(f.expires_at)
        .bind(f.address)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// How many sign-ins started from `address` since `since` are still unanswered (answered
    /// ones are taken, expired ones forgotten at the next start).
    pub async fn unanswered_oidc_flows(&self, address: &str, since: OffsetDateTime) -> Result<i64> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM oidc_flows WHERE address = $1 AND created_at > $2"
        )
        .bind(address)
        .bind(since)
        .fetch_one(p)
        .await)?)
    }

    /// Takes the sign-in whose state has this hash: it is gone afterwards, so of two answers
    /// with one state only the first finds it.
    pub async fn take_oidc_flow(&self, state_hash: &str) -> Result<Option<Flow>> {
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(
            "DELETE FROM oidc_flows WHERE state_hash = $1 RETURNING browser_hash, provider, nonce, verifier, \
             return_to, user_id, meeting_id, paragraph, created_at, expires_at"
        )
        .bind(state_hash)
        .fetch_optional(p)
        .await)?;
        Ok(row.map(Flow::from))
    }
}
