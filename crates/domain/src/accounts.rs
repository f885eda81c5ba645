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

/// How many failed sign-ins are tolerated within a window, per account and per address,
/// before further attempts are refused until the window has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginThrottle {
    pub window: Duration,
    pub per_account: u32,
    pub per_address: u32,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle { window: Duration::minutes(15), per_account: 5, per_address: 20 }
    }
}

impl LoginThrottle {
    /// The earliest failure that still counts at `now`.
    pub fn window_start(&self, now: OffsetDateTime) -> OffsetDateTime {
        now - self.window
    }

    /// Whether a new attempt may be tried, given the failures counted since `window_start`.
    pub fn allows(&self, account_failures: u32, address_failures: u32) -> bool {
        account_failures < self.per_account && address_failures < self.per_address
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_new_password("password", "kort").is_err());
        assert!(check_new_password("password", "tolv tecken!").is_ok());
    }

    proptest! {
        #[test]
        fn more_failures_never_reopen_the_door(a in 0u32..50, b in 0u32..50, da in 0u32..5, db in 0u32..5) {
            let t = LoginThrottle::default();
            if !t.allows(a, b) {
                prop_assert!(!t.allows(a + da, b + db));
            }
        }
    }
}
