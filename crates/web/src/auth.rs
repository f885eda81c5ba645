//! Passwords (Argon2id), secrets for sessions, CSRF and API tokens, and signing in with the
//! login throttle.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use domain::ids::UserId;
use store::accounts::User;
use store::{Actor, Via};
use time::Duration;

pub use crate::secrets::{hex, new_api_token, new_secret, same_secret, sha256_hex};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// Hashes a password with Argon2id and the crate's default (OWASP-recommended) parameters.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the operating system's random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("hashing cannot fail").to_string()
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// What a password is checked for; failures are audited with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    /// The re-check before approving a protocol (page or API).
    Approval,
    /// The current password when changing it.
    PasswordChange,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::Approval => "approval",
            Purpose::PasswordChange => "password_change",
        }
    }
}

/// The one password check of the product: signing in, the re-check before an approval and the
/// current password when changing it all come here. Refused with 429 while the throttle is
/// closed for the account from `address` (domain `LoginThrottle`); a wrong password (or an
/// unknown or disabled account) is recorded and audited as `session.login_failed` and answers
/// `None`, never revealing which of those it was.
pub async fn check_password(
    app: &App,
    email: &str,
    password: &str,
    address: &str,
    purpose: Purpose,
) -> AppResult<Option<User>> {
    let email = email.trim().to_lowercase();
    let throttle = app.config.throttle;
    let failures = app.store.login_failures(&email, address, throttle.window_start(app.store.now())).await?;
    if !throttle.allows(failures) {
        return Err(AppError::TooManyRequests);
    }
    let found = app.store.user_with_hash(&email).await?;
    // Verify against a fixed hash when the account is missing, so timing tells nothing.
    let hash = found.as_ref().map_or(DUMMY_HASH, |(_, h)| h.as_str());
    let mut ok = verify_password(hash, password);
    // An organisation may have its people sign in only through its provider (ADR 29).
    if let Some((user, _)) = found.as_ref().filter(|_| ok) {
        ok = app.store.password_allowed(user.user_id()).await?;
    }
    match found {
        Some((user, _)) if ok && !user.disabled => Ok(Some(user)),
        found => {
            let actor = Actor {
                user_id: found.map(|(u, _)| UserId(u.id)).filter(|_| purpose != Purpose::SignIn),
                label: email.clone(),
                via: Via::Session,
                address: Some(address.to_string()),
            };
            app.store.record_login_failure(&email, address, purpose.code(), &actor).await?;
            Ok(None)
        }
    }
}

/// Checks the signed-in account's password again (before an approval, or as the current
/// password when changing it) through [`check_password`]; a wrong one is an error on `field`.
pub async fn confirm_password(app: &App, ctx: &Ctx, password: &str, purpose: Purpose, field: &str) -> AppResult<()> {
    let u = ctx.require_user()?;
    if check_password(app, &u.email, password, &ctx.address, purpose).await?.is_some_and(|c| c.id == u.id) {
        return Ok(());
    }
    let (sv, en) = match purpose {
        Purpose::PasswordChange => ("Det nuvarande lösenordet stämmer inte.", "The current password is not correct."),
        _ => (
            "Fel lösenord. Ange lösenordet till ditt konto för att justera.",
            "Wrong password. Enter your account's password to approve.",
        ),
    };
    Err(AppError::Invalid(domain::Invalid::one(domain::FieldError::new(field, "wrong_password", sv, en))))
}

/// How an approver shows, at the moment of approving, that they are the account signed in:
/// their password again (local accounts), or a fresh sign-in at their provider.
pub enum Confirmation<'a> {
    Password(&'a str),
    Provider(Reauthenticated),
}

/// A re-authentication at the account's identity provider that `oidc` has just verified: a
/// signed ID token for this account's provider account, with an `auth_time` after it was
/// asked for (ADR 29). Only `oidc` makes one.
#[derive(Debug)]
pub struct Reauthenticated {
    user: UserId,
}

impl Reauthenticated {
    pub(crate) fn verified(user: UserId) -> Reauthenticated {
        Reauthenticated { user }
    }
}

/// Checks an approver's confirmation: the password through [`confirm_password`], or a
/// re-authentication that must be the signed-in account's own.
pub async fn confirm(app: &App, ctx: &Ctx, confirmation: Confirmation<'_>, field: &str) -> AppResult<()> {
    match confirmation {
        Confirmation::Password(p) => confirm_password(app, ctx, p, Purpose::Approval, field).await,
        Confirmation::Provider(r) if ctx.require_user()?.user_id() == r.user => Ok(()),
        Confirmation::Provider(_) => Err(AppError::Forbidden),
    }
}

/// The configured identity provider the account is linked to (the first, if several): the
/// one it re-authenticates at before an approval (ADR 29).
pub async fn linked_provider(app: &App, user: UserId) -> AppResult<Option<domain::identity::Provider>> {
    let issuers = app.store.identity_issuers(user).await?;
    Ok(issuers.iter().find_map(|i| app.config.oidc.iter().find(|p| &p.issuer == i)).cloned())
}

/// Signs in: the password check, then a new session. A refused attempt never reveals whether
/// the account exists.
pub async fn sign_in(app: &App, email: &str, password: &str, address: &str) -> AppResult<(User, String)> {
    let Some(user) = check_password(app, email, password, address, Purpose::SignIn).await? else {
        return Err(AppError::Unauthorized);
    };
    let session = open_session(app, &user, address, None).await?;
    Ok((user, session))
}

/// A new session for an account that has proved who it is (password, or the provider whose
/// issuer is `issuer`); answers the session id for the cookie. The sign-in is audited.
pub async fn open_session(app: &App, user: &User, address: &str, issuer: Option<&str>) -> AppResult<String> {
    let session = new_secret();
    let expires = app.store.now() + Duration::hours(app.config.session_hours);
    let actor = Actor {
        user_id: Some(UserId(user.id)),
        label: user.email.clone(),
        via: Via::Session,
        address: Some(address.to_string()),
    };
    app.store.create_session(UserId(user.id), &sha256_hex(&session), expires, issuer, &actor).await?;
    Ok(session)
}

/// Argon2id hash of a random password nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FtdmVya2FuLWR1bW15$CMdTU7hbBtKwIDlnO7n3yR3sDPtqZ0ffPZDyk1bhPTM";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("korrekt häst batteri");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "korrekt häst batteri"));
        assert!(!verify_password(&h, "fel"));
        assert!(!verify_password("not a hash", "x"));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
        assert_ne!(new_secret(), new_secret());
        assert_eq!(new_api_token().len(), 68);
    }
}
