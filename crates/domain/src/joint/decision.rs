//! An organisation's decision on a joint matter as its officer records it (issue 11, rule 9;
//! journeys: Mikael "records his board's decision (date, §, text) so the region's matrix
//! updates"): the day, the deciding body (e.g. "Kommunstyrelsen"), the paragraph ("§ 45"), the
//! decision's text and its outcome. A region officer who records on the organisation's behalf
//! must say why and from what (ADR 39): the note is then required and shown on the matrix.

use time::Date;

use super::Outcome;
use crate::cases::refuse_identity_number;
use crate::error::Errors;
use crate::{FieldError, Invalid, text};

pub const BODY_MAX: usize = 200;
pub const PARAGRAPH_MAX: usize = 30;
pub const TEXT_MAX: usize = 4000;
pub const NOTE_MAX: usize = 500;

/// A decision as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionInput {
    pub decided_on: Date,
    pub body: String,
    pub paragraph: String,
    pub text: String,
    pub outcome: Outcome,
    /// Why the region's officer records it on the organisation's behalf; none when the
    /// organisation's own officer records it.
    pub note: Option<String>,
}

/// The fields of a decision as typed, from a form or JSON.
#[derive(Clone, Copy, Debug, Default)]
pub struct DecisionFields<'a> {
    pub decided_on: &'a str,
    pub body: &'a str,
    pub paragraph: &'a str,
    pub text: &'a str,
    pub outcome: &'a str,
    pub note: &'a str,
}

/// A public text: bounded and free of personal identity numbers (the matrix is public).
fn public(field: &str, v: &str, max: usize) -> Result<String, FieldError> {
    text::required(field, v, max).and_then(|t| refuse_identity_number(field, &t).map(|()| t))
}

impl DecisionInput {
    /// Every field's problems at once. A decision is taken no later than `today`; `on_behalf`
    /// says whether the one recording it is the region's officer rather than the
    /// organisation's own, which makes the note required.
    pub fn parse(f: DecisionFields, today: Date, on_behalf: bool) -> Result<DecisionInput, Invalid> {
        let mut e = Errors::new();
        let date = e.check(crate::structure::date("decided_on", f.decided_on)).flatten();
        if date.is_none() && f.decided_on.trim().is_empty() {
            e.push(FieldError::required("decided_on"));
        }
        if let Some(d) = date
            && d > today
        {
            e.push(FieldError::new(
                "decided_on",
                "decided_in_future",
                "Ett beslut kan inte vara fattat senare än i dag.",
                "A decision cannot be taken later than today.",
            ));
        }
        let body = e.check(public("body", f.body, BODY_MAX));
        let paragraph = e.check(public("paragraph", f.paragraph, PARAGRAPH_MAX));
        let decision = e.check(
            text::optional_multiline("text", f.text, TEXT_MAX)
                .and_then(|t| t.ok_or_else(|| FieldError::required("text")))
                .and_then(|t| refuse_identity_number("text", &t).map(|()| t)),
        );
        let outcome = e.check(Outcome::parse_field(f.outcome));
        let note = e.check(text::optional("note", f.note, NOTE_MAX).and_then(|n| {
            n.as_deref().map_or(Ok(()), |n| refuse_identity_number("note", n))?;
            Ok(n)
        }));
        if on_behalf && matches!(note, Some(None)) {
            e.push(FieldError::new(
                "note",
                "note_required",
                "Du registrerar för en annan organisation: ange varifrån beslutet kommer (t.ex. protokollsutdrag mottaget per e-post).",
                "You record for another organisation: say where the decision comes from (e.g. an extract received by e-mail).",
            ));
        }
        e.finish(|| DecisionInput {
            decided_on: date.unwrap_or(today),
            body: body.unwrap_or_default(),
            paragraph: paragraph.unwrap_or_default(),
            text: decision.unwrap_or_default(),
            outcome: outcome.unwrap_or(Outcome::Agrees),
            note: if on_behalf { note.flatten() } else { None },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 16);

    fn fields<'a>() -> DecisionFields<'a> {
        DecisionFields {
            decided_on: "2026-10-05",
            body: "Kommunstyrelsen",
            paragraph: "§ 145",
            text: "Kommunstyrelsen beslutar att aktivt delta i processen för att utarbeta en ny regional utvecklingsstrategi för Östergötland.",
            outcome: "agrees",
            note: "",
        }
    }

    #[test]
    fn a_municipal_board_decision_parses() {
        let d = DecisionInput::parse(fields(), TODAY, false).unwrap();
        assert_eq!((d.decided_on, d.paragraph.as_str(), d.outcome), (date!(2026 - 10 - 05), "§ 145", Outcome::Agrees));
        // The organisation's own officer needs no note; a note typed anyway is not kept.
        let d = DecisionInput::parse(DecisionFields { note: "x", ..fields() }, TODAY, false).unwrap();
        assert_eq!(d.note, None);
    }

    #[test]
    fn on_behalf_the_note_is_required() {
        let e = DecisionInput::parse(fields(), TODAY, true).unwrap_err();
        assert_eq!((e.first().field.as_str(), e.first().code), ("note", "note_required"));
        let d = DecisionInput::parse(DecisionFields { note: "Utdrag mottaget per e-post", ..fields() }, TODAY, true)
            .unwrap();
        assert_eq!(d.note.as_deref(), Some("Utdrag mottaget per e-post"));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let long = "x".repeat(PARAGRAPH_MAX + 1);
        let f = DecisionFields {
            decided_on: "2026-11-17",
            body: "",
            paragraph: &long,
            text: "",
            outcome: "perhaps",
            note: "Enligt 121212-1212",
        };
        let e = DecisionInput::parse(f, TODAY, true).unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("decided_on", "decided_in_future"),
                ("body", "required"),
                ("paragraph", "too_long"),
                ("text", "required"),
                ("outcome", "invalid_outcome"),
                ("note", "identity_number"),
            ]
        );
        let e = DecisionInput::parse(DecisionFields { decided_on: "igår", ..fields() }, TODAY, false).unwrap_err();
        assert_eq!(e.first().code, "invalid_date");
        let e = DecisionInput::parse(DecisionFields { decided_on: "", ..fields() }, TODAY, false).unwrap_err();
        assert_eq!(e.first().code, "required");
    }
}
