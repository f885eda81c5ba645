//! A process: its owner organisation, title, description, whether it is published (the public
//! sees it) and open for inputs (anyone may send inspel), and the strategy it drafts, if any.
//! Its organisation is a list of roles, each held by a body of the consultation structure, an
//! organisation or a named group (seed 000: "Samrådet för strategiska frågor föreslås utgöra
//! politisk styrgrupp … ledningsgruppen för strategiska frågor … beredande tjänstemannagrupp.
//! Region Östergötland ansvarar för den operativa processledningen").

use serde::Serialize;

use crate::error::Errors;
use crate::strategy::document::optional_id;
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 5000;
pub const LABEL_MAX: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessInput {
    pub owner_id: i64,
    pub title: String,
    pub description: Option<String>,
    pub published: bool,
    pub open_for_input: bool,
    pub strategy_id: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct ProcessFields {
    pub owner_id: String,
    pub title: String,
    pub description: String,
    pub published: bool,
    pub open_for_input: bool,
    pub strategy_id: String,
}

impl ProcessFields {
    pub fn parse(&self) -> Result<ProcessInput, Invalid> {
        let mut e = Errors::new();
        let owner = e.check(optional_id("owner_id", &self.owner_id)).flatten();
        if owner.is_none() && self.owner_id.trim().is_empty() {
            e.push(FieldError::required("owner_id"));
        }
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let description =
            e.check(text::optional_multiline("description", &self.description, DESCRIPTION_MAX)).flatten();
        let strategy_id = e.check(optional_id("strategy_id", &self.strategy_id)).flatten();
        if self.open_for_input && !self.published {
            e.push(FieldError::new(
                "open_for_input",
                "not_published",
                "En process kan bara ta emot inspel när den är publicerad.",
                "A process can only take inputs when it is published.",
            ));
        }
        e.finish(|| ProcessInput {
            owner_id: owner.unwrap_or_default(),
            title: title.unwrap_or_default(),
            description,
            published: self.published,
            open_for_input: self.open_for_input,
            strategy_id,
        })
    }
}

/// A role of the process organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// Politisk styrgrupp.
    SteeringGroup,
    /// Beredande tjänstemannagrupp.
    PreparingGroup,
    /// Operativ processledning.
    ProcessLead,
    /// Referensgrupp, arbetsgrupp and the like: named by its label.
    Other,
}

impl RoleKind {
    pub const ALL: [RoleKind; 4] =
        [RoleKind::SteeringGroup, RoleKind::PreparingGroup, RoleKind::ProcessLead, RoleKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::SteeringGroup => "steering_group",
            RoleKind::PreparingGroup => "preparing_group",
            RoleKind::ProcessLead => "process_lead",
            RoleKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RoleKind> {
        RoleKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("process.role_{}", self.as_str())
    }
}

/// A role with who holds it: a body, an organisation, or a group named in `label`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleInput {
    pub kind: RoleKind,
    pub body_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub label: Option<String>,
}

impl RoleInput {
    pub fn parse(kind: &str, body_id: &str, organisation_id: &str, label: &str) -> Result<RoleInput, Invalid> {
        let mut e = Errors::new();
        let kind = e.check(super::choice("kind", kind, RoleKind::parse));
        let body_id = e.check(optional_id("body_id", body_id)).flatten();
        let organisation_id = e.check(optional_id("organisation_id", organisation_id)).flatten();
        let label = e.check(text::optional("label", label, LABEL_MAX)).flatten();
        if body_id.is_some() && organisation_id.is_some() {
            e.push(FieldError::new(
                "organisation_id",
                "both_holders",
                "Välj ett organ eller en organisation, inte båda.",
                "Choose a body or an organisation, not both.",
            ));
        } else if body_id.is_none() && organisation_id.is_none() && label.is_none() {
            e.push(FieldError::new(
                "body_id",
                "holder_required",
                "Välj ett organ eller en organisation, eller skriv gruppens namn.",
                "Choose a body or an organisation, or write the group's name.",
            ));
        }
        e.finish(|| RoleInput { kind: kind.unwrap_or(RoleKind::Other), body_id, organisation_id, label })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_000s_process_organisation_parses() {
        let r = RoleInput::parse("steering_group", "4", "", "").unwrap();
        assert_eq!((r.kind, r.body_id), (RoleKind::SteeringGroup, Some(4)));
        let r = RoleInput::parse("process_lead", "", "1", "").unwrap();
        assert_eq!(r.organisation_id, Some(1));
        let codes = |r: Result<RoleInput, Invalid>| r.unwrap_err().0.into_iter().map(|e| e.code).collect::<Vec<_>>();
        assert_eq!(codes(RoleInput::parse("chief", "", "", "")), vec!["invalid_choice", "holder_required"]);
        assert_eq!(codes(RoleInput::parse("other", "1", "2", "")), vec!["both_holders"]);
    }

    #[test]
    fn a_process_takes_inputs_only_when_published() {
        let f = ProcessFields { owner_id: "1".into(), title: "Revidering av RUS".into(), ..Default::default() };
        assert!(f.parse().is_ok());
        let e = ProcessFields { open_for_input: true, ..f.clone() }.parse().unwrap_err();
        assert_eq!(e.0[0].code, "not_published");
        let e = ProcessFields::default().parse().unwrap_err();
        let got: Vec<_> = e.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(got, vec![("owner_id", "required"), ("title", "required")]);
    }
}
