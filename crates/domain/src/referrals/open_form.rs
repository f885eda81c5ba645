//! The open form of a referral open to everyone (issue 12: "optionally everyone (an open form
//! for citizens, associations and companies, with moderation before publication)"): who
//! answers and what, and the drafter's moderation (publish, or reject with a reason).
//! `domain.md` rule 22: the name of a private person is personal data, reviewed before
//! publication like every answer's.

use serde::{Deserialize, Serialize};

use super::answer::{NAME_MAX, Position, SUMMARY_MAX};
use super::report::ReportStatus;
use crate::error::{Errors, Lang};
use crate::organisations::OrganisationKind;
use crate::{FieldError, Invalid, text};

pub const ORGANISATION_MAX: usize = 200;
pub const REASON_MAX: usize = 2_000;

/// Who answers through the open form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentType {
    PrivatePerson,
    Association,
    Company,
}

impl RespondentType {
    pub const ALL: [RespondentType; 3] =
        [RespondentType::PrivatePerson, RespondentType::Association, RespondentType::Company];

    pub fn as_str(self) -> &'static str {
        match self {
            RespondentType::PrivatePerson => "private_person",
            RespondentType::Association => "association",
            RespondentType::Company => "company",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RespondentType::PrivatePerson, Lang::Sv) => "Privatperson",
            (RespondentType::PrivatePerson, Lang::En) => "Private person",
            (RespondentType::Association, Lang::Sv) => "Förening eller annan ideell organisation",
            (RespondentType::Association, Lang::En) => "Association or other non-profit organisation",
            (RespondentType::Company, Lang::Sv) => "Företag",
            (RespondentType::Company, Lang::En) => "Company",
        }
    }

    /// The kind of organisation the report counts an association's or a company's answer
    /// under (none for a private person, counted as one).
    pub fn organisation_kind(self) -> Option<OrganisationKind> {
        match self {
            RespondentType::PrivatePerson => None,
            RespondentType::Association => Some(OrganisationKind::CivilSocietyOrganisation),
            RespondentType::Company => Some(OrganisationKind::BusinessOrganisation),
        }
    }
}

/// What the open form asks besides comments and answers to the questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenAnswerInput {
    pub name: String,
    pub respondent_type: RespondentType,
    /// The association or company answered for, if the respondent names one.
    pub organisation: Option<String>,
    /// Where the receipt and the report's notice go (optional).
    pub email: Option<String>,
    pub position: Position,
    pub summary: Option<String>,
}

impl OpenAnswerInput {
    pub fn parse(
        name: &str,
        respondent_type: &str,
        organisation: &str,
        email: &str,
        position: &str,
        summary: &str,
    ) -> Result<OpenAnswerInput, Invalid> {
        let mut e = Errors::new();
        let name = e.check(text::required("name", name, NAME_MAX));
        let kind = e.check(RespondentType::parse(respondent_type.trim()).ok_or_else(|| {
            FieldError::new(
                "respondent_type",
                "invalid_choice",
                "Välj om du svarar som privatperson, förening eller företag.",
                "Choose whether you answer as a private person, an association or a company.",
            )
        }));
        let organisation = e.check(text::optional("organisation", organisation, ORGANISATION_MAX));
        let email = match email.trim() {
            "" => None,
            s => e.check(crate::organisations::email("email", s)),
        };
        let position = e.check(Position::parse(position.trim()).ok_or_else(|| {
            FieldError::new("position", "position_required", "Välj ett ställningstagande.", "Choose a position.")
        }));
        let summary = e.check(text::optional_multiline("summary", summary, SUMMARY_MAX));
        e.finish(|| OpenAnswerInput {
            name: name.unwrap_or_default(),
            respondent_type: kind.unwrap_or(RespondentType::PrivatePerson),
            organisation: organisation.flatten(),
            email,
            position: position.unwrap_or(Position::NoComment),
            summary: summary.flatten(),
        })
    }
}

/// Where an open answer stands: waiting for the drafter, published with the report, or
/// rejected with a reason (and never published).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    Pending,
    Approved,
    Rejected,
}

impl Moderation {
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Approved => "approved",
            Moderation::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Moderation::Pending, Moderation::Approved, Moderation::Rejected].into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Moderation::Pending, Lang::Sv) => "Väntar på granskning",
            (Moderation::Pending, Lang::En) => "Awaiting moderation",
            (Moderation::Approved, Lang::Sv) => "Publiceras",
            (Moderation::Approved, Lang::En) => "Published",
            (Moderation::Rejected, Lang::Sv) => "Avvisat",
            (Moderation::Rejected, Lang::En) => "Rejected",
        }
    }
}

/// The drafter's decision on an open answer: publish, or reject with a reason (the reason is
/// kept, so that the decision can be explained to the respondent and in the audit log).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModerationInput {
    Publish,
    Reject { reason: String },
}

impl ModerationInput {
    pub fn parse(decision: &str, reason: &str) -> Result<ModerationInput, Invalid> {
        match decision.trim() {
            "publish" => Ok(ModerationInput::Publish),
            "reject" => {
                let reason = text::optional_multiline("reason", reason, REASON_MAX)?.ok_or_else(|| {
                    FieldError::new(
                        "reason",
                        "reason_required",
                        "Skriv varför svaret avvisas.",
                        "Write why the answer is rejected.",
                    )
                })?;
                Ok(ModerationInput::Reject { reason })
            }
            _ => Err(Invalid::one(FieldError::new(
                "decision",
                "invalid_choice",
                "Välj att publicera eller avvisa svaret.",
                "Choose to publish or to reject the answer.",
            ))),
        }
    }

    pub fn outcome(&self) -> Moderation {
        match self {
            ModerationInput::Publish => Moderation::Approved,
            ModerationInput::Reject { .. } => Moderation::Rejected,
        }
    }
}

/// Whether a file sent with an open answer is public. Issue 12 publishes the open form's
/// answers "with moderation before publication", and `domain.md` rule 22 only after the
/// personal-data review; a file is published with the report, so only once the report is
/// published (the review comes first, and waits for every moderation) and only for an answer
/// the drafter published. The review masks personal data in texts but cannot in a file, so a
/// private person's file, whose name the review would mask, is never published: the drafters
/// read it, the public reads the answer's masked text.
pub fn open_file_public(moderation: Moderation, report: ReportStatus, respondent: RespondentType) -> bool {
    report == ReportStatus::Published
        && moderation == Moderation::Approved
        && respondent != RespondentType::PrivatePerson
}

/// Who answered, as the drafters' notice of an answer awaiting moderation says it: the kind of
/// respondent, and for an association or a company the organisation named. The notice is an
/// e-mail, outside the personal-data review (`domain.md` rule 22), so it never carries a
/// private person's own words: neither the name, nor an organisation a private person typed,
/// nor any of the answer's text. The drafters read those in moderation, signed in.
pub fn moderation_notice_respondent(respondent: RespondentType, organisation: Option<&str>, lang: Lang) -> String {
    let kind = respondent.label(lang);
    match organisation.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) if respondent != RespondentType::PrivatePerson => format!("{kind}: {o}"),
        _ => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moderation_notice_names_an_organisation_never_a_private_person() {
        // Rule 22: a private person's data reaches the web (and mail) only after the review.
        let company = moderation_notice_respondent(RespondentType::Company, Some(" Koskinen Bygg AB "), Lang::Sv);
        assert_eq!(company, "Företag: Koskinen Bygg AB");
        let association = moderation_notice_respondent(RespondentType::Association, None, Lang::En);
        assert_eq!(association, "Association or other non-profit organisation");
        let private = moderation_notice_respondent(RespondentType::PrivatePerson, Some("Sara Holm"), Lang::Sv);
        assert_eq!(private, "Privatperson");
        assert_eq!(moderation_notice_respondent(RespondentType::Company, Some("  "), Lang::Sv), "Företag");
    }

    #[test]
    fn an_open_answers_file_is_public_only_after_moderation_and_review_and_never_a_private_persons() {
        // Issue 12 ("moderation before publication") and rule 22 (the review before web
        // publication): every earlier step keeps the file with the drafters.
        use ReportStatus::{Draft, Published, Reviewed};
        let company = RespondentType::Company;
        assert!(open_file_public(Moderation::Approved, Published, company));
        assert!(open_file_public(Moderation::Approved, Published, RespondentType::Association));
        for report in [Draft, Reviewed] {
            assert!(!open_file_public(Moderation::Approved, report, company), "{report:?}");
        }
        for m in [Moderation::Pending, Moderation::Rejected] {
            assert!(!open_file_public(m, Published, company), "{m:?}");
        }
        assert!(!open_file_public(Moderation::Approved, Published, RespondentType::PrivatePerson));
    }

    #[test]
    fn the_open_form_names_every_wrong_field() {
        let e = OpenAnswerInput::parse(" ", "citizen", &"O".repeat(201), "inte-en-adress", "", "").unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            [
                ("name", "required"),
                ("respondent_type", "invalid_choice"),
                ("organisation", "too_long"),
                ("email", "invalid_email"),
                ("position", "position_required")
            ]
        );
        let a = OpenAnswerInput::parse("Anna Berg", "private_person", "", "", "supports_with_changes", "Bra.").unwrap();
        assert_eq!(
            (a.respondent_type, a.email, a.position),
            (RespondentType::PrivatePerson, None, Position::SupportsWithChanges)
        );
        let a = OpenAnswerInput::parse("Kim", "company", "Solkraft AB", "Kim@Solkraft.example", "opposes", "").unwrap();
        assert_eq!(a.organisation.as_deref(), Some("Solkraft AB"));
        assert_eq!(a.email.as_deref(), Some("kim@solkraft.example"));
    }

    #[test]
    fn associations_and_companies_count_as_their_kind_of_organisation() {
        // Issue 12: the report groups by kind of respondent; the open form's associations and
        // companies stand with the civil-society and business organisations asked.
        assert_eq!(RespondentType::Association.organisation_kind(), Some(OrganisationKind::CivilSocietyOrganisation));
        assert_eq!(RespondentType::Company.organisation_kind(), Some(OrganisationKind::BusinessOrganisation));
        assert_eq!(RespondentType::PrivatePerson.organisation_kind(), None);
        for t in RespondentType::ALL {
            assert_eq!(RespondentType::parse(t.as_str()), Some(t));
        }
    }

    #[test]
    fn a_rejection_needs_its_reason() {
        assert_eq!(ModerationInput::parse("publish", "").unwrap().outcome(), Moderation::Approved);
        assert_eq!(ModerationInput::parse("reject", " ").unwrap_err().first().code, "reason_required");
        let r = ModerationInput::parse("reject", "Svaret gäller en annan fråga.").unwrap();
        assert_eq!(r, ModerationInput::Reject { reason: "Svaret gäller en annan fråga.".into() });
        assert_eq!(ModerationInput::parse("maybe", "").unwrap_err().first().field, "decision");
    }
}
