//! A dialogue meeting of a process, held in a municipality or on a theme (seed 003: "Dialogmöten
//! inför revidering höst 24 och vår 25 … Politik och tjänstepersoner från kommun och region
//! tillsammans med företrädare för näringslivet och civilsamhället bjuds in"), with its invitees
//! by kind, the questions discussed and its notes.

use time::Date;

use crate::error::Errors;
use crate::strategy::document::{optional_date, optional_id};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const INVITEES_MAX: usize = 2000;
pub const NOTES_MAX: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogueInput {
    pub title: String,
    pub organisation_id: Option<i64>,
    pub theme: Option<String>,
    pub held_on: Date,
    pub place: Option<String>,
    /// Who was invited, by kind of participant: politics, officials, business, civil society.
    pub invitees: [Option<String>; 4],
    pub notes: Option<String>,
    /// The process's questions discussed (ids).
    pub question_ids: Vec<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct DialogueFields {
    pub title: String,
    pub organisation_id: String,
    pub theme: String,
    pub held_on: String,
    pub place: String,
    pub invitees: [String; 4],
    pub notes: String,
    pub question_ids: Vec<String>,
}

/// The fields of the invitees, in the order of `ParticipantKind::INVITED`.
pub const INVITEE_FIELDS: [&str; 4] =
    ["invitees_politics", "invitees_officials", "invitees_business", "invitees_civil_society"];

impl DialogueFields {
    pub fn parse(&self) -> Result<DialogueInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let organisation_id = e.check(optional_id("organisation_id", &self.organisation_id)).flatten();
        let theme = e.check(text::optional("theme", &self.theme, TITLE_MAX)).flatten();
        if organisation_id.is_none() && theme.is_none() {
            e.push(FieldError::new(
                "organisation_id",
                "place_or_theme",
                "Välj kommunen mötet hölls i, eller skriv dess tema.",
                "Choose the municipality the meeting was held in, or write its theme.",
            ));
        }
        let held_on = match e.check(optional_date("held_on", &self.held_on)) {
            Some(None) => {
                e.push(FieldError::required("held_on"));
                None
            }
            other => other.flatten(),
        };
        let place = e.check(text::optional("place", &self.place, TITLE_MAX)).flatten();
        let mut invitees: [Option<String>; 4] = Default::default();
        for (i, f) in INVITEE_FIELDS.iter().enumerate() {
            invitees[i] = e.check(text::optional_multiline(f, &self.invitees[i], INVITEES_MAX)).flatten();
        }
        let notes = e.check(text::optional_multiline("notes", &self.notes, NOTES_MAX)).flatten();
        let mut question_ids = Vec::new();
        for q in self.question_ids.iter().filter(|q| !q.trim().is_empty()) {
            if let Some(Some(id)) = e.check(optional_id("question_ids", q))
                && !question_ids.contains(&id)
            {
                question_ids.push(id);
            }
        }
        e.finish(|| DialogueInput {
            title: title.unwrap_or_default(),
            organisation_id,
            theme,
            held_on: held_on.unwrap_or(Date::MIN),
            place,
            invitees,
            notes,
            question_ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialogue_is_held_somewhere_or_on_something() {
        let f = DialogueFields {
            title: "Dialogmöte Gislaved".into(),
            organisation_id: "7".into(),
            held_on: "2024-11-12".into(),
            invitees: ["Kommunstyrelsens presidium".into(), "".into(), "Gislaved Näringsliv".into(), "".into()],
            question_ids: vec!["1".into(), "1".into(), "2".into()],
            ..Default::default()
        };
        let d = f.parse().unwrap();
        assert_eq!(d.question_ids, vec![1, 2]);
        assert_eq!(d.invitees[2].as_deref(), Some("Gislaved Näringsliv"));
        let e = DialogueFields { held_on: "12/11".into(), question_ids: vec!["x".into()], ..Default::default() }
            .parse()
            .unwrap_err();
        let got: Vec<_> = e.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            vec![
                ("title", "required"),
                ("organisation_id", "place_or_theme"),
                ("held_on", "invalid_date"),
                ("question_ids", "invalid_id")
            ]
        );
    }
}
