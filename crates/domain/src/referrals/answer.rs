//! An answer to a referral (remissvar). Issue 12: "An organisation's answer is drafted together
//! by several of its people and submitted once on its behalf: an overall position (supports /
//! supports with changes / opposes / no comment), comments anchored to sections, answers to the
//! questions, attachments, the answering organisation's own case number … late answers are
//! flagged and accepted or not as the referral says."

use serde::{Deserialize, Serialize};
use time::Date;

use super::LateAnswers;
use crate::error::{Errors, Lang};
use crate::{FieldError, Invalid, text};

pub const THEIR_NUMBER_MAX: usize = 100;
pub const SUMMARY_MAX: usize = 20_000;
pub const COMMENT_MAX: usize = 10_000;
pub const QUESTION_ANSWER_MAX: usize = 10_000;
pub const NAME_MAX: usize = 200;

/// The answer's overall position on the referred document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Supports,
    SupportsWithChanges,
    Opposes,
    NoComment,
}

impl Position {
    pub const ALL: [Position; 4] =
        [Position::Supports, Position::SupportsWithChanges, Position::Opposes, Position::NoComment];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Supports => "supports",
            Position::SupportsWithChanges => "supports_with_changes",
            Position::Opposes => "opposes",
            Position::NoComment => "no_comment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Position::Supports, Lang::Sv) => "Tillstyrker",
            (Position::Supports, Lang::En) => "Supports",
            (Position::SupportsWithChanges, Lang::Sv) => "Tillstyrker med ändringar",
            (Position::SupportsWithChanges, Lang::En) => "Supports with changes",
            (Position::Opposes, Lang::Sv) => "Avstyrker",
            (Position::Opposes, Lang::En) => "Opposes",
            (Position::NoComment, Lang::Sv) => "Inget att invända",
            (Position::NoComment, Lang::En) => "No comment",
        }
    }
}

/// An answer is a draft its organisation's people share until it is submitted, once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    #[default]
    Draft,
    Submitted,
}

impl AnswerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerStatus::Draft => "draft",
            AnswerStatus::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(AnswerStatus::Draft),
            "submitted" => Some(AnswerStatus::Submitted),
            _ => None,
        }
    }

    /// A draft may be changed and submitted; a submitted answer is the organisation's and is
    /// registered as it arrived, so it is never changed or submitted again.
    pub fn check_editable(self) -> Result<(), FieldError> {
        match self {
            AnswerStatus::Draft => Ok(()),
            AnswerStatus::Submitted => Err(FieldError::new(
                "answer",
                "already_submitted",
                "Svaret är redan inskickat och kan inte ändras.",
                "The answer has already been submitted and cannot be changed.",
            )),
        }
    }
}

/// When an answer arrived, measured against the referral's deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    OnTime,
    /// After the deadline, taken and flagged.
    Late,
}

/// Whether an answer submitted on `day` is taken: on time up to and including the deadline;
/// after it, flagged late when the referral takes late answers and refused otherwise.
pub fn arrival(deadline: Date, late_answers: LateAnswers, day: Date) -> Result<Arrival, FieldError> {
    if day <= deadline {
        return Ok(Arrival::OnTime);
    }
    match late_answers {
        LateAnswers::Accepted => Ok(Arrival::Late),
        LateAnswers::Refused => Err(FieldError::new(
            "answer",
            "deadline_passed",
            format!("Sista svarsdag var {deadline}; remissen tar inte emot sena svar."),
            format!("The deadline was {deadline}; the referral does not accept late answers."),
        )),
    }
}

/// The answer's own fields as its drafters typed them. A draft may lack a position; a
/// submitted answer may not (`check_complete`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerInput {
    pub position: Option<Position>,
    /// The answering organisation's own case number ("KS 2022/0034").
    pub their_case_number: Option<String>,
    pub summary: Option<String>,
    /// For an answer from the open form: the name of the private person, association or
    /// company that answers.
    pub respondent_name: Option<String>,
}

impl AnswerInput {
    pub fn parse(
        position: &str,
        their_case_number: &str,
        summary: &str,
        respondent_name: &str,
    ) -> Result<AnswerInput, Invalid> {
        let mut e = Errors::new();
        let position = match position.trim() {
            "" => None,
            p => e.check(Position::parse(p).ok_or_else(|| {
                FieldError::new(
                    "position",
                    "invalid_choice",
                    "Välj ett av ställningstagandena.",
                    "Choose one of the positions.",
                )
            })),
        };
        let number = e.check(text::optional("their_case_number", their_case_number, THEIR_NUMBER_MAX));
        let summary = e.check(text::optional_multiline("summary", summary, SUMMARY_MAX));
        let name = e.check(text::optional("respondent_name", respondent_name, NAME_MAX));
        e.finish(|| AnswerInput {
            position,
            their_case_number: number.flatten(),
            summary: summary.flatten(),
            respondent_name: name.flatten(),
        })
    }

    /// What a submission needs: a position.
    pub fn check_complete(&self) -> Result<Position, FieldError> {
        self.position.ok_or_else(|| {
            FieldError::new(
                "position",
                "position_required",
                "Välj ett ställningstagande innan svaret skickas in.",
                "Choose a position before the answer is submitted.",
            )
        })
    }
}

/// A comment as typed: its text and the section (by number) it is anchored to, or none for a
/// comment on the document as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentInput {
    pub section: Option<i64>,
    pub text: String,
}

impl CommentInput {
    /// `sections` is how many sections the referral has.
    pub fn parse(section: &str, text: &str, sections: i64) -> Result<CommentInput, Invalid> {
        let mut e = Errors::new();
        let section = match section.trim() {
            "" => None,
            s => e.check(s.parse::<i64>().ok().filter(|n| (1..=sections).contains(n)).map(Some).ok_or_else(|| {
                FieldError::new(
                    "section",
                    "unknown_section",
                    format!("Välj ett av remissens avsnitt (1–{sections})."),
                    format!("Choose one of the referral's sections (1–{sections})."),
                )
            })),
        }
        .flatten();
        let text = e.check(
            crate::text::optional_multiline("text", text, COMMENT_MAX)
                .and_then(|t| t.ok_or_else(|| FieldError::required("text"))),
        );
        e.finish(|| CommentInput { section, text: text.unwrap_or_default() })
    }
}

/// An answer to one of the missiv's questions.
pub fn question_answer(field: &str, text: &str) -> Result<Option<String>, FieldError> {
    crate::text::optional_multiline(field, text, QUESTION_ANSWER_MAX)
}

/// The id of a question an answer is given to through the API: one of the referral's own
/// (`known`), or refused at `field`, so that an answer to a question the referral does not ask
/// is not dropped without a word.
pub fn question_id(field: &str, id: &str, known: &[i64]) -> Result<i64, FieldError> {
    match id.trim().parse::<i64>() {
        Ok(n) if known.contains(&n) => Ok(n),
        _ => Err(FieldError::new(
            field,
            "unknown_question",
            format!("Remissen har ingen fråga {id}."),
            format!("The referral has no question {id}."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn only_the_referrals_own_questions_take_answers() {
        assert_eq!(question_id("answers", "7", &[3, 7]), Ok(7));
        for bad in ["8", "x", "", "-7"] {
            let e = question_id("answers", bad, &[3, 7]).unwrap_err();
            assert_eq!((e.field.as_str(), e.code), ("answers", "unknown_question"));
        }
    }

    #[test]
    fn an_answer_in_the_seed_period_is_on_time_and_after_it_late_or_refused() {
        // Seed 002: "Januari – mars: Remisstid" (2022-01-15 to 2022-03-31).
        let deadline = date!(2022 - 03 - 31);
        assert_eq!(arrival(deadline, LateAnswers::Refused, date!(2022 - 03 - 31)), Ok(Arrival::OnTime));
        assert_eq!(arrival(deadline, LateAnswers::Accepted, date!(2022 - 04 - 04)), Ok(Arrival::Late));
        assert_eq!(arrival(deadline, LateAnswers::Refused, date!(2022 - 04 - 01)).unwrap_err().code, "deadline_passed");
    }

    #[test]
    fn an_answer_is_submitted_once_and_needs_a_position() {
        // Issue 12: "submitted once on its behalf".
        assert!(AnswerStatus::Draft.check_editable().is_ok());
        assert_eq!(AnswerStatus::Submitted.check_editable().unwrap_err().code, "already_submitted");
        let draft = AnswerInput::parse("", "KS 2022/0034", "", "").unwrap();
        assert_eq!(draft.check_complete().unwrap_err().field, "position");
        let a = AnswerInput::parse("supports_with_changes", "", "Vi tillstyrker med ändringar.", "").unwrap();
        assert_eq!(a.check_complete(), Ok(Position::SupportsWithChanges));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let e = AnswerInput::parse("maybe", &"K".repeat(101), "", "a\u{202E}b").unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            [
                ("position", "invalid_choice"),
                ("their_case_number", "too_long"),
                ("respondent_name", "invisible_characters")
            ]
        );
        let e = CommentInput::parse("5", " ", 4).unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(got, [("section", "unknown_section"), ("text", "required")]);
        let c = CommentInput::parse("4", "Lyft besöksnäringen.", 4).unwrap();
        assert_eq!(c.section, Some(4));
        assert_eq!(CommentInput::parse("", "Helheten.", 4).unwrap().section, None);
    }
}
