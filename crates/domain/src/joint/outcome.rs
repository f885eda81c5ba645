//! What an organisation's board decided on a joint recommendation (issue 11): it agrees, agrees
//! with changes (e.g. a reservation or an added condition), or declines.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Agrees,
    AgreesWithChanges,
    Declines,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Agrees, Outcome::AgreesWithChanges, Outcome::Declines];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Agrees => "agrees",
            Outcome::AgreesWithChanges => "agrees_with_changes",
            Outcome::Declines => "declines",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Agrees, Lang::Sv) => "Ställer sig bakom",
            (Outcome::AgreesWithChanges, Lang::Sv) => "Ställer sig bakom med ändringar",
            (Outcome::Declines, Lang::Sv) => "Avböjer",
            (Outcome::Agrees, Lang::En) => "Agrees",
            (Outcome::AgreesWithChanges, Lang::En) => "Agrees with changes",
            (Outcome::Declines, Lang::En) => "Declines",
        }
    }

    /// The outcome as typed in the field `outcome`.
    pub fn parse_field(s: &str) -> Result<Outcome, FieldError> {
        if s.trim().is_empty() {
            return Err(FieldError::required("outcome"));
        }
        Outcome::parse(s).ok_or_else(|| {
            FieldError::new(
                "outcome",
                "invalid_outcome",
                "Välj ett utfall i listan.",
                "Choose an outcome from the list.",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_parse_and_name_themselves() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse_field(o.as_str()), Ok(o));
        }
        assert_eq!(Outcome::parse_field("").unwrap_err().code, "required");
        assert_eq!(Outcome::parse_field("maybe").unwrap_err().code, "invalid_outcome");
        assert_eq!(Outcome::AgreesWithChanges.label(Lang::Sv), "Ställer sig bakom med ändringar");
    }
}
