//! A governing document (styrande dokument, issue 13): a strategy, programme or plan of an
//! organisation, the period it is valid for, who adopted it (body, day, paragraph — the
//! protocol's paragraph when the protocol is kept here), the rule for its review and the day it
//! was last reviewed. Seed 003: Region Jönköpings län's five documents under revision
//! ("Regional utvecklingsstrategi 2020-2035", "Hållbarhetsprogram 2020-2025", …); seed 001's
//! Bilaga 1: the regional strategies to be initiated from the strategic consultation group.

use serde::Serialize;
use time::Date;

use super::review::RevisionRule;
use crate::error::Errors;
use crate::ids::{BodyId, OrganisationId};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const SUMMARY_MAX: usize = 4000;
pub const ADOPTED_BY_MAX: usize = 200;
pub const PARAGRAPH_MAX: usize = 40;

/// What kind of governing document it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Strategy,
    Programme,
    Plan,
    Policy,
    Guideline,
    Agenda,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Strategy,
        DocumentKind::Programme,
        DocumentKind::Plan,
        DocumentKind::Policy,
        DocumentKind::Guideline,
        DocumentKind::Agenda,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            DocumentKind::Strategy => "strategy",
            DocumentKind::Programme => "programme",
            DocumentKind::Plan => "plan",
            DocumentKind::Policy => "policy",
            DocumentKind::Guideline => "guideline",
            DocumentKind::Agenda => "agenda",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The i18n key of its name.
    pub fn key(&self) -> String {
        format!("strategy.kind_{}", self.as_str())
    }
}

/// A governing document as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentInput {
    pub owner_id: OrganisationId,
    pub kind: DocumentKind,
    pub title: String,
    pub summary: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The adopting body as registered here, or its name as written (another organisation's).
    pub adopted_body_id: Option<BodyId>,
    pub adopted_by: Option<String>,
    pub adopted_on: Option<Date>,
    /// "§ 145" as written in the protocol.
    pub adopted_paragraph: Option<String>,
    /// The protocol paragraph, when the protocol is kept here.
    pub paragraph_id: Option<i64>,
    pub revision_rule: RevisionRule,
    pub reviewed_on: Option<Date>,
    /// The body the document was initiated from (seed 001: the strategic consultation group).
    pub initiated_by_body_id: Option<BodyId>,
}

/// The fields of the form and the API as typed, all text.
#[derive(Clone, Debug, Default)]
pub struct DocumentFields {
    pub owner_id: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub valid_from: String,
    pub valid_to: String,
    pub adopted_body_id: String,
    pub adopted_by: String,
    pub adopted_on: String,
    pub adopted_paragraph: String,
    pub paragraph_id: String,
    pub revision_rule: String,
    pub reviewed_on: String,
    pub initiated_by_body_id: String,
}

/// An optional positive id typed into a field.
pub fn optional_id(field: &str, v: &str) -> Result<Option<i64>, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>().ok().filter(|n| *n > 0).map(Some).ok_or_else(|| {
        FieldError::new(field, "invalid_id", "Välj ett värde i listan.", "Choose a value from the list.")
    })
}

/// An optional list of positive ids typed as a list (a multi-select, or "3, 7" in one field).
pub fn id_list(field: &str, values: &[String], max: usize) -> Result<Vec<i64>, crate::FieldError> {
    let mut out: Vec<i64> = Vec::new();
    for v in values.iter().flat_map(|v| v.split([',', ' '])).map(str::trim).filter(|v| !v.is_empty()) {
        match optional_id(field, v)? {
            Some(id) if !out.contains(&id) => out.push(id),
            _ => {}
        }
    }
    if out.len() > max {
        return Err(crate::FieldError::new(
            field,
            "too_many",
            format!("Högst {max} val."),
            format!("At most {max} choices."),
        ));
    }
    Ok(out)
}

/// An optional day, `YYYY-MM-DD`.
pub fn optional_date(field: &str, v: &str) -> Result<Option<Date>, FieldError> {
    crate::structure::date(field, v)
}

impl DocumentFields {
    /// Every field's problems at once. The period ends on or after it starts; a review is not
    /// before the adoption; a document is adopted by a registered body or a named one.
    pub fn parse(&self) -> Result<DocumentInput, Invalid> {
        let mut e = Errors::new();
        let owner = e.check(optional_id("owner_id", &self.owner_id)).flatten();
        if owner.is_none() && self.owner_id.trim().is_empty() {
            e.push(FieldError::required("owner_id"));
        }
        let kind = DocumentKind::parse(&self.kind);
        if kind.is_none() {
            e.push(FieldError::new("kind", "invalid_choice", "Välj en typ i listan.", "Choose a type from the list."));
        }
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let summary = e.check(text::optional_multiline("summary", &self.summary, SUMMARY_MAX)).flatten();
        let valid_from = e.check(optional_date("valid_from", &self.valid_from)).flatten();
        let valid_to = e.check(optional_date("valid_to", &self.valid_to)).flatten();
        if let (Some(f), Some(t)) = (valid_from, valid_to)
            && t < f
        {
            e.push(FieldError::new(
                "valid_to",
                "before_start",
                "Giltighetstiden kan inte sluta innan den börjar.",
                "The period of validity cannot end before it starts.",
            ));
        }
        let adopted_body_id = e.check(optional_id("adopted_body_id", &self.adopted_body_id)).flatten();
        let adopted_by = e.check(text::optional("adopted_by", &self.adopted_by, ADOPTED_BY_MAX)).flatten();
        let adopted_on = e.check(optional_date("adopted_on", &self.adopted_on)).flatten();
        let adopted_paragraph =
            e.check(text::optional("adopted_paragraph", &self.adopted_paragraph, PARAGRAPH_MAX)).flatten();
        let paragraph_id = e.check(optional_id("paragraph_id", &self.paragraph_id)).flatten();
        let adopted_anything = adopted_on.is_some() || adopted_paragraph.is_some() || paragraph_id.is_some();
        if adopted_anything && adopted_body_id.is_none() && adopted_by.is_none() {
            e.push(FieldError::new(
                "adopted_by",
                "adopted_by_missing",
                "Ange vilket organ som antog dokumentet.",
                "Say which body adopted the document.",
            ));
        }
        let revision_rule = e.check(RevisionRule::parse("revision_rule", &self.revision_rule));
        let reviewed_on = e.check(optional_date("reviewed_on", &self.reviewed_on)).flatten();
        if let (Some(a), Some(r)) = (adopted_on, reviewed_on)
            && r < a
        {
            e.push(FieldError::new(
                "reviewed_on",
                "before_adoption",
                "Översynen kan inte ha gjorts innan dokumentet antogs.",
                "The review cannot have been made before the document was adopted.",
            ));
        }
        if revision_rule.is_some_and(|r| r != RevisionRule::None) && adopted_on.is_none() && reviewed_on.is_none() {
            e.push(FieldError::new(
                "adopted_on",
                "needed_for_review",
                "Ange när dokumentet antogs, så att nästa översyn kan räknas fram.",
                "Give the day the document was adopted, so that the next review can be worked out.",
            ));
        }
        let initiated = e.check(optional_id("initiated_by_body_id", &self.initiated_by_body_id)).flatten();
        e.finish(|| DocumentInput {
            owner_id: OrganisationId(owner.unwrap_or_default()),
            kind: kind.unwrap_or(DocumentKind::Strategy),
            title: title.unwrap_or_default(),
            summary,
            valid_from,
            valid_to,
            adopted_body_id: adopted_body_id.map(BodyId),
            adopted_by,
            adopted_on,
            adopted_paragraph,
            paragraph_id,
            revision_rule: revision_rule.unwrap_or(RevisionRule::None),
            reviewed_on,
            initiated_by_body_id: initiated.map(BodyId),
        })
    }
}

impl DocumentInput {
    /// The day the review clock counts from: the last review, or the adoption.
    pub fn review_since(&self) -> Option<Date> {
        self.reviewed_on.or(self.adopted_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Seed 003: "Regional utvecklingsstrategi 2020-2035", "Beslut i regionfullmäktige 2019-12-03".
    fn rus() -> DocumentFields {
        DocumentFields {
            owner_id: "3".into(),
            kind: "strategy".into(),
            title: "Regional utvecklingsstrategi 2020-2035".into(),
            valid_from: "2020-01-01".into(),
            valid_to: "2035-12-31".into(),
            adopted_by: "Regionfullmäktige".into(),
            adopted_on: "2019-12-03".into(),
            revision_rule: "between_elections".into(),
            ..Default::default()
        }
    }

    #[test]
    fn seed_003s_rus_parses() {
        let d = rus().parse().unwrap();
        assert_eq!(d.kind, DocumentKind::Strategy);
        assert_eq!(d.revision_rule, RevisionRule::BetweenElections);
        assert_eq!(d.review_since(), Some(date!(2019 - 12 - 03)));
        assert_eq!(d.adopted_by.as_deref(), Some("Regionfullmäktige"));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = DocumentFields {
            owner_id: "x".into(),
            kind: "memo".into(),
            title: "t".repeat(TITLE_MAX + 1),
            valid_from: "2035-01-01".into(),
            valid_to: "2020-01-01".into(),
            adopted_body_id: "-1".into(),
            adopted_on: "3 dec".into(),
            adopted_paragraph: "§".repeat(PARAGRAPH_MAX + 1),
            paragraph_id: "0".into(),
            revision_rule: "sometimes".into(),
            reviewed_on: "2019-13-01".into(),
            initiated_by_body_id: "y".into(),
            ..Default::default()
        };
        let got: Vec<(String, &str)> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("owner_id", "invalid_id"),
            ("kind", "invalid_choice"),
            ("title", "too_long"),
            ("valid_to", "before_start"),
            ("adopted_body_id", "invalid_id"),
            ("adopted_on", "invalid_date"),
            ("adopted_paragraph", "too_long"),
            ("paragraph_id", "invalid_id"),
            ("revision_rule", "invalid_choice"),
            ("reviewed_on", "invalid_date"),
            ("initiated_by_body_id", "invalid_id"),
        ];
        assert_eq!(got, want.iter().map(|(f, c)| (f.to_string(), *c)).collect::<Vec<_>>());
    }

    #[test]
    fn adoption_needs_a_body_and_a_review_rule_needs_a_day() {
        let f = DocumentFields { adopted_by: String::new(), ..rus() };
        assert_eq!(f.parse().unwrap_err().first().code, "adopted_by_missing");
        let f = DocumentFields { adopted_on: String::new(), adopted_by: String::new(), ..rus() };
        assert_eq!(f.parse().unwrap_err().first().code, "needed_for_review");
        let f = DocumentFields { reviewed_on: "2019-01-01".into(), ..rus() };
        assert_eq!(f.parse().unwrap_err().first().code, "before_adoption");
        let f = DocumentFields { owner_id: String::new(), title: " ".into(), ..rus() };
        let codes: Vec<_> = f.parse().unwrap_err().0.iter().map(|e| (e.field.clone(), e.code)).collect();
        assert_eq!(codes, vec![("owner_id".to_string(), "required"), ("title".to_string(), "required")]);
    }
}
