//! The input of a removal of a person's personal data from the web: the reason, which the audit
//! log keeps (GDPR art. 5.2, accountability: the controller must be able to show why).

use serde::Deserialize;

use crate::error::{Errors, Invalid};
use crate::text;

/// The longest reason kept.
pub const REASON_MAX: usize = 2000;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RemovalInput {
    pub reason: String,
}

impl RemovalInput {
    /// A reason is required: a removal without one cannot be accounted for (GDPR art. 5.2).
    pub fn parse(reason: &str) -> Result<RemovalInput, Invalid> {
        let mut e = Errors::new();
        let reason = e.check(text::required("reason", reason, REASON_MAX));
        e.finish(|| RemovalInput { reason: reason.unwrap_or_default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        // GDPR art. 5.2: the removal is accounted for by its reason.
        assert_eq!(RemovalInput::parse("  ").unwrap_err().first().field, "reason");
        assert_eq!(RemovalInput::parse(&"x".repeat(REASON_MAX + 1)).unwrap_err().first().field, "reason");
        assert_eq!(RemovalInput::parse(" Begäran enligt art. 17 ").unwrap().reason, "Begäran enligt art. 17");
    }
}
