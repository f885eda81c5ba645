//! How many sign-ins through a provider one address may start and leave unanswered. Each start
//! stores a flow and makes the server fetch the provider's metadata, so an anonymous client that
//! posts "Logga in med …" in a loop would fill the table and turn the server against the
//! provider. People start a sign-in once or twice; a shared address (an office behind one NAT)
//! starts many, but completed sign-ins take their flow with them and no longer count. Past the
//! limit the start is refused with 429 until the oldest unanswered flows expire (OWASP's
//! Authentication Cheat Sheet on throttling; RFC 6585 §4 for the status).

use time::{Duration, OffsetDateTime};

/// The window in which unanswered starts are counted: as long as a flow lives.
pub const WINDOW_MINUTES: i64 = 10;

/// Unanswered starts from one address within the window that are still allowed.
pub const PER_ADDRESS: i64 = 30;

/// Where the window begins, for a start at `now`.
pub fn window_start(now: OffsetDateTime) -> OffsetDateTime {
    now - Duration::minutes(WINDOW_MINUTES)
}

/// Whether another start is allowed from an address that has `unanswered` starts in the window.
pub fn allows(unanswered: i64) -> bool {
    unanswered < PER_ADDRESS
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::datetime;

    use super::*;

    #[test]
    fn the_thirty_first_unanswered_start_within_ten_minutes_is_refused() {
        assert!(allows(0));
        assert!(allows(PER_ADDRESS - 1));
        assert!(!allows(PER_ADDRESS));
        assert_eq!(window_start(datetime!(2026-12-06 10:00 UTC)), datetime!(2026-12-06 09:50 UTC));
    }

    proptest! {
        // Once refused, more unanswered starts never make it allowed again.
        #[test]
        fn refusal_is_monotonic(n in 0i64..1000, more in 0i64..1000) {
            prop_assert!(allows(n) || !allows(n + more));
        }
    }
}
