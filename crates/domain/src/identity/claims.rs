//! The checks of an ID token's claims once its signature is verified (OpenID Connect Core 1.0
//! §3.1.3.7, "ID Token Validation", items 2–5 and 9–13), and the e-mail address it vouches for.
//! Times are compared with the store's clock (ADR 15), never the system's, with a minute of
//! leeway for the provider's clock (RFC 7519 §4.1.4 allows "some small leeway").

use serde::{Deserialize, Deserializer};
use time::OffsetDateTime;

use super::Refusal;

/// How far the provider's clock may be from ours.
pub const LEEWAY_SECONDS: i64 = 60;
/// The oldest `iat` accepted: a token is used at once, in the callback that received it.
pub const MAX_TOKEN_AGE_SECONDS: i64 = 600;
/// The `max_age` asked for when re-authenticating for an approval: the provider must have
/// authenticated the person within these seconds, and after we asked.
pub const REAUTH_MAX_AGE_SECONDS: i64 = 300;

/// The claims of an ID token we read (RFC 7519 §4.1, OpenID Connect Core 1.0 §2 and §5.1).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct IdClaims {
    pub iss: String,
    pub sub: String,
    #[serde(deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    #[serde(default)]
    pub azp: Option<String>,
    pub exp: i64,
    pub iat: i64,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub auth_time: Option<i64>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "bool_or_string")]
    pub email_verified: Option<bool>,
    #[serde(default)]
    pub name: Option<String>,
}

/// What the token must say for this sign-in.
#[derive(Clone, Debug)]
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub now: OffsetDateTime,
    /// For a re-authentication: when we asked for it (the flow's start); `auth_time` must be
    /// present, no earlier than that and within [`REAUTH_MAX_AGE_SECONDS`] of now (§3.1.2.1:
    /// with `max_age` the provider must return `auth_time`).
    pub reauthenticated_since: Option<OffsetDateTime>,
}

/// Checks the claims of a verified token; the first failing check is the refusal.
pub fn check(c: &IdClaims, e: &Expected) -> Result<(), Refusal> {
    let now = e.now.unix_timestamp();
    // Item 2: the issuer is exactly the provider's.
    if c.iss != e.issuer {
        return Err(Refusal::Issuer);
    }
    // Items 3–5: we are an audience; with several, `azp` names us (and if present, it is us).
    if !c.aud.iter().any(|a| a == e.client_id)
        || (c.aud.len() > 1 && c.azp.is_none())
        || c.azp.as_deref().is_some_and(|a| a != e.client_id)
    {
        return Err(Refusal::Audience);
    }
    // Item 9: not expired.
    if now >= c.exp + LEEWAY_SECONDS {
        return Err(Refusal::Expired);
    }
    // Item 10: issued now, not in the future nor long ago.
    if c.iat > now + LEEWAY_SECONDS || now - c.iat > MAX_TOKEN_AGE_SECONDS {
        return Err(Refusal::IssuedAt);
    }
    // Item 11: the nonce of this sign-in (a token replayed into another sign-in fails here).
    if c.nonce.as_deref() != Some(e.nonce) {
        return Err(Refusal::Nonce);
    }
    // Items 12–13: a re-authentication happened after we asked, and recently.
    if let Some(since) = e.reauthenticated_since {
        let fresh = c.auth_time.is_some_and(|t| {
            t + LEEWAY_SECONDS >= since.unix_timestamp() && now - t <= REAUTH_MAX_AGE_SECONDS + LEEWAY_SECONDS
        });
        if !fresh {
            return Err(Refusal::NotReauthenticated);
        }
    }
    Ok(())
}

/// The e-mail address the provider vouches for: only with `email_verified` true (OpenID
/// Connect Core 1.0 §5.1: otherwise the address may be anybody's), trimmed and in lower case.
pub fn verified_email(c: &IdClaims) -> Result<String, Refusal> {
    match (&c.email, c.email_verified) {
        (Some(e), Some(true)) if e.contains('@') => Ok(e.trim().to_lowercase()),
        _ => Err(Refusal::UnverifiedEmail),
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Aud {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Aud::deserialize(d)? {
        Aud::One(a) => vec![a],
        Aud::Many(a) => a,
    })
}

/// Some providers send `"email_verified": "true"` as a string.
fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<B>::deserialize(d)? {
        Some(B::Bool(b)) => Some(b),
        Some(B::Text(t)) => Some(t == "true"),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-16 09:00 UTC);

    fn claims() -> IdClaims {
        serde_json::from_value(serde_json::json!({
            "iss": "https://idp.region.se", "sub": "u1", "aud": "samverkan",
            "exp": NOW.unix_timestamp() + 300, "iat": NOW.unix_timestamp() - 5,
            "nonce": "n1", "email": "Anna@Region.se", "email_verified": true,
            "auth_time": NOW.unix_timestamp() - 5
        }))
        .unwrap()
    }

    fn expected() -> Expected<'static> {
        Expected {
            issuer: "https://idp.region.se",
            client_id: "samverkan",
            nonce: "n1",
            now: NOW,
            reauthenticated_since: None,
        }
    }

    #[test]
    fn a_fresh_token_for_us_passes() {
        assert_eq!(check(&claims(), &expected()), Ok(()));
        assert_eq!(verified_email(&claims()), Ok("anna@region.se".into()));
    }

    /// §3.1.3.7 items 2–5.
    #[test]
    fn issuer_and_audience_are_ours() {
        let c = IdClaims { iss: "https://other.se".into(), ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Issuer));
        let c = IdClaims { aud: vec!["other".into()], ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Audience));
        let c = IdClaims { aud: vec!["samverkan".into(), "other".into()], ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Audience));
        let c = IdClaims { aud: vec!["samverkan".into(), "other".into()], azp: Some("samverkan".into()), ..claims() };
        assert_eq!(check(&c, &expected()), Ok(()));
        let c = IdClaims { azp: Some("other".into()), ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Audience));
    }

    /// §3.1.3.7 items 9–11.
    #[test]
    fn expired_future_old_and_foreign_tokens_are_refused() {
        let t = NOW.unix_timestamp();
        let c = IdClaims { exp: t - LEEWAY_SECONDS, ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Expired));
        let c = IdClaims { exp: t - LEEWAY_SECONDS + 1, ..claims() };
        assert_eq!(check(&c, &expected()), Ok(()));
        let c = IdClaims { iat: t + LEEWAY_SECONDS + 1, ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::IssuedAt));
        let c = IdClaims { iat: t - MAX_TOKEN_AGE_SECONDS - 1, ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::IssuedAt));
        let c = IdClaims { nonce: Some("n2".into()), ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Nonce));
        let c = IdClaims { nonce: None, ..claims() };
        assert_eq!(check(&c, &expected()), Err(Refusal::Nonce));
    }

    /// §3.1.2.1 (`max_age`, `prompt=login`) and items 12–13: `auth_time` after we asked.
    #[test]
    fn a_reauthentication_must_be_after_the_request_and_recent() {
        let asked = NOW - time::Duration::seconds(30);
        let e = Expected { reauthenticated_since: Some(asked), ..expected() };
        assert_eq!(check(&claims(), &e), Ok(()));
        let c = IdClaims { auth_time: None, ..claims() };
        assert_eq!(check(&c, &e), Err(Refusal::NotReauthenticated));
        let c = IdClaims { auth_time: Some(asked.unix_timestamp() - LEEWAY_SECONDS - 1), ..claims() };
        assert_eq!(check(&c, &e), Err(Refusal::NotReauthenticated));
        let e = Expected { reauthenticated_since: Some(NOW - time::Duration::hours(1)), ..expected() };
        let c = IdClaims {
            auth_time: Some(NOW.unix_timestamp() - REAUTH_MAX_AGE_SECONDS - LEEWAY_SECONDS - 1),
            ..claims()
        };
        assert_eq!(check(&c, &e), Err(Refusal::NotReauthenticated));
    }

    /// §5.1: only a verified address counts; a string "true" is read as true.
    #[test]
    fn only_a_verified_address_is_vouched_for() {
        let c = IdClaims { email_verified: Some(false), ..claims() };
        assert_eq!(verified_email(&c), Err(Refusal::UnverifiedEmail));
        let c = IdClaims { email_verified: None, ..claims() };
        assert_eq!(verified_email(&c), Err(Refusal::UnverifiedEmail));
        let c: IdClaims = serde_json::from_value(serde_json::json!({
            "iss": "i", "sub": "s", "aud": ["a"], "exp": 1, "iat": 1, "email": "x@y.se", "email_verified": "true"
        }))
        .unwrap();
        assert_eq!(verified_email(&c), Ok("x@y.se".into()));
    }

    proptest! {
        /// Whatever the times, a token is never accepted at or after its expiry (plus leeway).
        #[test]
        fn never_accepted_after_expiry(exp in -10_000i64..10_000, iat in -10_000i64..10_000) {
            let t = NOW.unix_timestamp();
            let c = IdClaims { exp: t + exp, iat: t + iat, ..claims() };
            if check(&c, &expected()).is_ok() {
                prop_assert!(t < c.exp + LEEWAY_SECONDS);
                prop_assert!(c.iat <= t + LEEWAY_SECONDS && t - c.iat <= MAX_TOKEN_AGE_SECONDS);
            }
        }
    }
}
