//! A case (ärende) of an organisation's registry: its number, an internal title the
//! organisation works with and a public title the registry shows, its status, who is
//! responsible and which body prepares it (issue 11).

use serde::Serialize;
use time::Date;

use super::identity_number::refuse_identity_number;
use super::{CaseNumber, CaseStatus};
use crate::error::Errors;
use crate::ids::{BodyId, CaseId, OrganisationId};
use crate::search::{Kind, Readers, SearchDocument, Searchable};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const RESPONSIBLE_MAX: usize = 200;

/// A case as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Case {
    pub id: CaseId,
    pub organisation_id: OrganisationId,
    pub number: CaseNumber,
    /// What the organisation calls the case internally; shown to its registrars only.
    pub internal_title: String,
    /// What the public registry shows.
    pub public_title: String,
    pub status: CaseStatus,
    pub responsible: Option<String>,
    pub body_id: Option<BodyId>,
    /// The day the case was registered, by the store's clock.
    #[serde(with = "crate::dates::ymd")]
    pub opened_on: Date,
    /// How many documents are registered in it.
    pub documents: i64,
}

/// A case as a registrar typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseInput {
    pub organisation_id: OrganisationId,
    pub internal_title: String,
    pub public_title: String,
    pub responsible: Option<String>,
    pub body_id: Option<BodyId>,
}

/// Search finds a case by its number and public title, never its internal title.
impl Searchable for Case {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::Case,
            ref_id: self.id.0,
            title: format!("{} {}", self.number, self.public_title),
            text: [self.public_title.as_str(), self.responsible.as_deref().unwrap_or("")].join(" · "),
            url: format!("/diarium/{}", self.id),
            body_id: self.body_id.map(|b| b.0),
            year: Some(self.opened_on.year()),
            date: self.opened_on.to_string(),
            readers: Readers::Public,
        }
    }
}

/// A chosen id; `required` ones must be chosen.
fn id(field: &str, v: &str, required: bool) -> Result<Option<i64>, FieldError> {
    if required && v.trim().is_empty() {
        return Err(FieldError::required(field));
    }
    crate::structure::inputs::id(field, v)
}

impl CaseInput {
    /// Every field's problems at once. The public title and the person responsible are public
    /// and refuse personal identity numbers; the internal title is the organisation's own.
    pub fn parse(
        organisation: &str,
        internal_title: &str,
        public_title: &str,
        responsible: &str,
        body: &str,
    ) -> Result<CaseInput, Invalid> {
        let mut e = Errors::new();
        let organisation = e.check(id("organisation_id", organisation, true)).flatten();
        let internal_title = e.check(text::required("internal_title", internal_title, TITLE_MAX));
        let public_title = e.check(
            text::required("public_title", public_title, TITLE_MAX)
                .and_then(|t| refuse_identity_number("public_title", &t).map(|()| t)),
        );
        let responsible = e.check(text::optional("responsible", responsible, RESPONSIBLE_MAX).and_then(|r| {
            r.as_deref().map_or(Ok(()), |r| refuse_identity_number("responsible", r))?;
            Ok(r)
        }));
        let body = e.check(id("body_id", body, false)).flatten();
        e.finish(|| CaseInput {
            organisation_id: OrganisationId(organisation.unwrap_or_default()),
            internal_title: internal_title.unwrap_or_default(),
            public_title: public_title.unwrap_or_default(),
            responsible: responsible.flatten(),
            body_id: body.map(BodyId),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_case_parses() {
        // Seed 000: Region Östergötland's case, prepared by the strategic management group.
        let c = CaseInput::parse(
            "7",
            "RUS – gemensam arbetsprocess med kommunerna",
            "Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess",
            "Anna Regionutvecklare",
            "3",
        )
        .unwrap();
        assert_eq!((c.organisation_id, c.body_id), (OrganisationId(7), Some(BodyId(3))));
        assert_eq!(c.responsible.as_deref(), Some("Anna Regionutvecklare"));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let long = "x".repeat(TITLE_MAX + 1);
        let e = CaseInput::parse("", &long, "Ansökan från 121212-1212", "191212121212", "ett").unwrap_err();
        let fields: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("organisation_id", "required"),
                ("internal_title", "too_long"),
                ("public_title", "identity_number"),
                ("responsible", "identity_number"),
                ("body_id", "invalid_id"),
            ]
        );
        // The internal title is not public: a number there is the organisation's own matter.
        assert!(CaseInput::parse("1", "Ärende om 121212-1212", "Bidragsärende", "", "").is_ok());
        assert_eq!(CaseInput::parse("1", "a", "", "", "").unwrap_err().first().field, "public_title");
    }
}
