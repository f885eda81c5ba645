//! A question of a process, put to its dialogue meetings and inputs (seed 003: Jönköping's
//! revision dialogues with four group questions, e.g. "Vilka frågor ska RUS:en adressera?").
//! A question is a sentence or two read aloud in a dialogue meeting, so it is short.

use crate::{FieldError, text};

/// The longest question: a few sentences, far more than any of seed 003's four.
pub const QUESTION_MAX: usize = 500;

/// A question as given, trimmed; required, one line, at most `QUESTION_MAX` characters.
pub fn parse(field: &str, v: &str) -> Result<String, FieldError> {
    text::required(field, v, QUESTION_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 003's group questions fit; a question is required and at most 500 characters.
    #[test]
    fn a_question_is_a_short_line() {
        for q in [
            "Vilka frågor ska RUS:en adressera?",
            "Vad behöver vi göra tillsammans för att nå målen?",
            "Vilka styrkor och utmaningar ser ni i er kommun?",
        ] {
            assert_eq!(parse("text", &format!("  {q} ")).unwrap(), q);
        }
        assert_eq!(parse("text", " ").unwrap_err().code, "required");
        assert!(parse("text", &"å".repeat(QUESTION_MAX)).is_ok());
        let e = parse("text", &"å".repeat(QUESTION_MAX + 1)).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("text", "too_long"));
    }
}
