//! A survey's own fields: its title and introduction, whom it asks — organisations (each
//! answers once, drafted together by its people, issue 14) or anyone (open, one response per
//! submission) — and the last day for answers. Its life: drafted (the owner builds it; only
//! owners see it), open (sent; the questions are fixed), closed (no more answers). An
//! organisation's answer is drafted, then submitted.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::Errors;
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const INTRO_MAX: usize = 10_000;

/// Whom the survey asks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Organisations sent the survey; one answer each, submitted on the organisation's behalf.
    #[default]
    Organisations,
    /// Anyone with the link; each submission is one response.
    Open,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Organisations => "organisations",
            Audience::Open => "open",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "organisations" => Some(Audience::Organisations),
            "open" => Some(Audience::Open),
            _ => None,
        }
    }
}

/// Where a survey stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    #[default]
    Draft,
    Open,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(SurveyStatus::Draft),
            "open" => Some(SurveyStatus::Open),
            "closed" => Some(SurveyStatus::Closed),
            _ => None,
        }
    }
}

/// Where an organisation's answer stands: drafted by its people, or submitted on its behalf
/// (once; read-only after). An organisation asked that no one has begun has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    Draft,
    Submitted,
}

impl ResponseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Draft => "draft",
            ResponseStatus::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ResponseStatus::Draft),
            "submitted" => Some(ResponseStatus::Submitted),
            _ => None,
        }
    }
}

/// Whether answers are taken on `today`: the survey is open and its closing day (when it has
/// one) has not passed.
pub fn takes_answers(status: SurveyStatus, closes_on: Option<Date>, today: Date) -> bool {
    status == SurveyStatus::Open && closes_on.is_none_or(|d| today <= d)
}

/// A survey as its owner typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyInput {
    pub title: String,
    pub intro: Option<String>,
    pub audience: Audience,
    pub closes_on: Option<Date>,
}

/// Whether a survey may be sent on `today`: not once its closing day (when it has one) has
/// passed, since it would take no answers. Refused at `closes_on`, the field to change.
pub fn sendable(closes_on: Option<Date>, today: Date) -> Result<(), FieldError> {
    if closes_on.is_some_and(|d| d < today) {
        return Err(FieldError::new(
            "closes_on",
            "closed_before_sending",
            "Sista svarsdag har passerat. Ändra sista svarsdag innan enkäten skickas.",
            "The last day for answers has passed. Change the last day before the survey is sent.",
        ));
    }
    Ok(())
}

impl SurveyInput {
    /// Checks every field of a new survey; the closing day, when given, must not be before
    /// `today`.
    pub fn parse(title: &str, intro: &str, audience: &str, closes_on: &str, today: Date) -> Result<Self, Invalid> {
        SurveyInput::parse_edit(title, intro, audience, closes_on, today, None)
    }

    /// Checks every field of an edit of a survey whose closing day is `stored`: a day that has
    /// passed is refused unless it is the one already stored (a survey past its closing day
    /// keeps it while its title or introduction is corrected).
    pub fn parse_edit(
        title: &str,
        intro: &str,
        audience: &str,
        closes_on: &str,
        today: Date,
        stored: Option<Date>,
    ) -> Result<Self, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", title, TITLE_MAX));
        let intro = e.check(text::optional_multiline("intro", intro, INTRO_MAX));
        let audience = e.check(Audience::parse(audience.trim()).ok_or_else(|| {
            FieldError::new(
                "audience",
                "invalid_choice",
                "Välj om enkäten går till organisationer eller är öppen för alla.",
                "Choose whether the survey goes to organisations or is open to anyone.",
            )
        }));
        let closes_on = e.check(crate::structure::date("closes_on", closes_on)).flatten();
        if closes_on.is_some_and(|d| d < today && Some(d) != stored) {
            e.push(FieldError::new(
                "closes_on",
                "in_the_past",
                "Sista svarsdag kan inte ha passerat.",
                "The last day for answers cannot have passed.",
            ));
        }
        e.finish(|| ())?;
        Ok(SurveyInput {
            title: title.unwrap_or_default(),
            intro: intro.flatten(),
            audience: audience.unwrap_or_default(),
            closes_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn fields_parse_with_errors_at_each() {
        let today = date!(2026 - 03 - 01);
        let s = SurveyInput::parse("Enkät inför arbete med ny RUS", "", "organisations", "2026-04-15", today).unwrap();
        assert_eq!(s.closes_on, Some(date!(2026 - 04 - 15)));
        let e = SurveyInput::parse("", "", "alla", "2026-02-01", today).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["title", "audience", "closes_on"]);
        assert!(takes_answers(SurveyStatus::Open, Some(today), today));
        assert!(!takes_answers(SurveyStatus::Open, Some(date!(2026 - 02 - 28)), today));
        assert!(!takes_answers(SurveyStatus::Draft, None, today));
    }

    #[test]
    fn a_passed_closing_day_stays_on_an_edit_but_blocks_sending() {
        let today = date!(2026 - 03 - 01);
        let passed = date!(2026 - 02 - 15);
        let s = SurveyInput::parse_edit("Ny titel", "", "organisations", "2026-02-15", today, Some(passed)).unwrap();
        assert_eq!(s.closes_on, Some(passed), "the stored day is kept");
        let e = SurveyInput::parse_edit("Ny titel", "", "organisations", "2026-02-14", today, Some(passed));
        assert_eq!(e.unwrap_err().first().field, "closes_on", "another passed day is refused");
        assert_eq!(sendable(Some(passed), today).unwrap_err().field, "closes_on");
        assert!(sendable(Some(today), today).is_ok() && sendable(None, today).is_ok());
    }

    #[test]
    fn a_response_status_reads_what_it_writes_and_nothing_else() {
        for s in [ResponseStatus::Draft, ResponseStatus::Submitted] {
            assert_eq!(ResponseStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ResponseStatus::parse("Submitted"), None);
        assert_eq!(serde_json::to_value(ResponseStatus::Submitted).unwrap(), "submitted");
    }
}
