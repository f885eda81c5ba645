//! Accounts, roles and the rules of signing in.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::FieldError;

/// Site-wide roles. Per-body roles (secretary, member …) come from memberships in the
/// structure; an account's effective rights are its site role plus those.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Signed in: reads drafts, contact details and what the body roles allow.
    User,
    /// Manages everything, reads the audit log.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }
}

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 256;

/// Passwords are long rather than complicated (NIST SP 800-63B): 12 to 256 characters.
pub fn check_new_password(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(FieldError::new(
            field,
            "password_too_short",
            format!("Lösenordet måste ha minst {PASSWORD_MIN} tecken."),
            format!("The password must have at least {PASSWORD_MIN} characters."),
        ));
    }
    if n > PASSWORD_MAX {
        return Err(FieldError::too_long(field, PASSWORD_MAX));
    }
    Ok(())
}

/// A new account, as an administrator asks for it: e-mail, name, a first password the
/// administrator hands over (the user changes it on their account page), and whether it
/// administers the installation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub password: String,
    pub is_admin: bool,
}

impl NewAccount {
    pub fn parse(email: &str, name: &str, password: &str, is_admin: bool) -> Result<NewAccount, crate::Invalid> {
        let mut e = crate::error::Errors::new();
        let email = e.check(crate::organisations::email("email", email));
        let name = e.check(crate::text::required("name", name, 200));
        e.check(check_new_password("password", password));
        e.finish(|| NewAccount {
            email: email.unwrap_or_default(),
            name: name.unwrap_or_default(),
            password: password.to_string(),
            is_admin,
        })
    }
}

/// How many wrong passwords are tolerated within a window before further checks are refused
/// until the window has passed. Every password check counts (signing in, the re-check before an
/// approval, the current password when changing it).
///
/// The tight limit is per account *from one address*: five wrong guesses lock that address out
/// of that account, while the owner at their own address can still sign in and approve, so a
/// stranger cannot lock a chair out of an adjustment. Per address, twenty wrong guesses over any
/// accounts; per account from all addresses together, a looser limit against guessing spread
/// over many addresses (OWASP Authentication Cheat Sheet, "Login Throttling").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginThrottle {
    pub window: Duration,
    pub per_account_and_address: u32,
    pub per_address: u32,
    pub per_account: u32,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle { window: Duration::minutes(15), per_account_and_address: 5, per_address: 20, per_account: 100 }
    }
}

/// Wrong passwords counted within the throttle's window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Failures {
    /// For this account from this address.
    pub account_and_address: u32,
    /// From this address, for any account.
    pub address: u32,
    /// For this account, from any address.
    pub account: u32,
}

impl LoginThrottle {
    /// The earliest failure that still counts at `now`.
    pub fn window_start(&self, now: OffsetDateTime) -> OffsetDateTime {
        now - self.window
    }

    /// Whether a new attempt may be tried, given the failures counted since `window_start`.
    pub fn allows(&self, f: Failures) -> bool {
        f.account_and_address < self.per_account_and_address
            && f.address < self.per_address
            && f.account < self.per_account
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_stranger_cannot_lock_the_owner_out() {
        let t = LoginThrottle::default();
        // Five wrong guesses from the stranger's address: that address is locked out of the
        // account, the owner at another address (no failures of their own) is not.
        assert!(!t.allows(Failures { account_and_address: 5, address: 5, account: 5 }));
        assert!(t.allows(Failures { account_and_address: 0, address: 0, account: 5 }));
        // Guessing spread over many addresses still ends.
        assert!(!t.allows(Failures { account_and_address: 0, address: 0, account: 100 }));
    }

    #[test]
    fn a_new_account_needs_an_address_a_name_and_a_long_password() {
        let a = NewAccount::parse(" Karin.Carlen@Rjl.se ", "Karin Carlén", "tolv tecken!", false).unwrap();
        assert_eq!((a.email.as_str(), a.name.as_str()), ("karin.carlen@rjl.se", "Karin Carlén"));
        let e = NewAccount::parse("inte en adress", "", "kort", true).unwrap_err();
        assert!(e.for_field("email").is_some() && e.for_field("name").is_some() && e.for_field("password").is_some());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_new_password("password", "kort").is_err());
        assert!(check_new_password("password", "tolv tecken!").is_ok());
    }

    proptest! {
        #[test]
        fn more_failures_never_reopen_the_door(
            a in 0u32..50, b in 0u32..50, c in 0u32..200, da in 0u32..5, db in 0u32..5, dc in 0u32..5,
        ) {
            let t = LoginThrottle::default();
            let f = Failures { account_and_address: a, address: b, account: c };
            if !t.allows(f) {
                let more = Failures { account_and_address: a + da, address: b + db, account: c + dc };
                prop_assert!(!t.allows(more));
            }
        }
    }
}
