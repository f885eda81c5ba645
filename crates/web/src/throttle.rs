//! What one client address may send through a public form in an hour: document requests,
//! referral answers through the open form, open survey responses and process inputs. Each form
//! has its limit and its message; the store counts what the address sent since the window's
//! start, and a retry of what is already stored is never refused (it adds nothing). Refused is
//! `AppError::Throttled`: 429 with the form's message in the API, the form shown again with
//! the message for people.

use time::{Duration, OffsetDateTime};

use crate::App;
use crate::error::{AppError, AppResult};

/// The window every public form's limit is counted in.
pub const WINDOW: Duration = Duration::hours(1);

/// A public form's limit: how many an address may send in `WINDOW`, and the message (an i18n
/// key) it is refused with.
#[derive(Clone, Copy, Debug)]
pub struct PerAddress {
    pub limit: i64,
    pub message: &'static str,
}

impl PerAddress {
    /// Where the store starts counting.
    pub fn since(&self, app: &App) -> OffsetDateTime {
        app.store.now() - WINDOW
    }

    /// Refused when the address has already sent `limit` in the window, unless this is a retry
    /// of one already stored (`stored`).
    pub fn check(&self, sent: i64, stored: bool) -> AppResult<()> {
        if sent >= self.limit && !stored { Err(AppError::Throttled(self.message)) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_refuses_the_next_but_never_a_retry() {
        let rule = PerAddress { limit: 5, message: "referral.open_throttled" };
        assert!(rule.check(4, false).is_ok());
        assert!(matches!(rule.check(5, false), Err(AppError::Throttled("referral.open_throttled"))));
        assert!(rule.check(5, true).is_ok(), "a retry of a stored answer adds nothing");
    }
}
