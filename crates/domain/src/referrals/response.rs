//! The drafter's response to a comment in the consultation report (samrådsredogörelse).
//!
//! Plan- och bygglagen (2010:900) 5 kap. 17 §: the views that came in are compiled and answered
//! with the drafter's comments in a samrådsredogörelse. Issue 12 makes the rule the product
//! keeps: "Every comment gets a response — accommodated, partly accommodated, not
//! accommodated, noted — and a reason is required for every comment not fully accommodated".

use serde::{Deserialize, Serialize};

use crate::error::{Errors, Lang};
use crate::{FieldError, Invalid, text};

pub const REASON_MAX: usize = 10_000;

/// What became of a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accommodated,
    PartlyAccommodated,
    NotAccommodated,
    Noted,
}

impl Verdict {
    pub const ALL: [Verdict; 4] =
        [Verdict::Accommodated, Verdict::PartlyAccommodated, Verdict::NotAccommodated, Verdict::Noted];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accommodated => "accommodated",
            Verdict::PartlyAccommodated => "partly_accommodated",
            Verdict::NotAccommodated => "not_accommodated",
            Verdict::Noted => "noted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::Accommodated, Lang::Sv) => "Tillgodosedd",
            (Verdict::Accommodated, Lang::En) => "Accommodated",
            (Verdict::PartlyAccommodated, Lang::Sv) => "Delvis tillgodosedd",
            (Verdict::PartlyAccommodated, Lang::En) => "Partly accommodated",
            (Verdict::NotAccommodated, Lang::Sv) => "Inte tillgodosedd",
            (Verdict::NotAccommodated, Lang::En) => "Not accommodated",
            (Verdict::Noted, Lang::Sv) => "Noterad",
            (Verdict::Noted, Lang::En) => "Noted",
        }
    }

    /// Whether the comment was fully accommodated; every other verdict needs its reason, and
    /// its respondent is told it (issue 12).
    pub fn fully_accommodated(self) -> bool {
        self == Verdict::Accommodated
    }
}

/// A response as the drafter typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseInput {
    pub verdict: Verdict,
    pub reason: Option<String>,
}

impl ResponseInput {
    pub fn parse(verdict: &str, reason: &str) -> Result<ResponseInput, Invalid> {
        let mut e = Errors::new();
        let verdict = e.check(Verdict::parse(verdict.trim()).ok_or_else(|| {
            FieldError::new(
                "verdict",
                "invalid_choice",
                "Välj hur synpunkten har beaktats.",
                "Choose how the comment was taken into account.",
            )
        }));
        let reason = e.check(text::optional_multiline("reason", reason, REASON_MAX)).flatten();
        if let Some(v) = verdict
            && !v.fully_accommodated()
            && reason.is_none()
        {
            e.push(FieldError::new(
                "reason",
                "reason_required",
                "Motivera varför synpunkten inte har tillgodosetts fullt ut.",
                "Give the reason why the comment was not fully accommodated.",
            ));
        }
        e.finish(|| ResponseInput { verdict: verdict.unwrap_or(Verdict::Noted), reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_unless_fully_accommodated() {
        // Issue 12 / PBL 5 kap. 17 §: the response says why a view was not followed.
        assert_eq!(ResponseInput::parse("accommodated", "").unwrap().reason, None);
        for v in ["partly_accommodated", "not_accommodated", "noted"] {
            let e = ResponseInput::parse(v, "  ").unwrap_err();
            assert_eq!((e.first().field.as_str(), e.first().code), ("reason", "reason_required"), "{v}");
            assert!(ResponseInput::parse(v, "Frågan hanteras i den regionala transportplanen.").is_ok());
        }
        let e = ResponseInput::parse("rejected", "").unwrap_err();
        assert_eq!((e.first().field.as_str(), e.first().code), ("verdict", "invalid_choice"));
    }
}
