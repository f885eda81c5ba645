//! A node of a strategy's tree as typed: its parent, kind, title, description, the
//! sustainability dimensions it serves (seed 004: social, ecological, economic), its Agenda 2030
//! goals and targets, the bodies that own the work, and its position among its siblings.

use serde::Serialize;

use super::sdg::SdgRef;
use super::tree::NodeKind;
use crate::error::Errors;
use crate::ids::BodyId;
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 4000;
pub const BODIES_MAX: usize = 20;
pub const POSITION_MAX: i64 = 999;
pub const INDICATORS_MAX: usize = 30;

/// The three dimensions of sustainable development (seed 004: "Social Ekologisk Ekonomisk").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Social,
    Ecological,
    Economic,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [Dimension::Social, Dimension::Ecological, Dimension::Economic];

    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Social => "social",
            Dimension::Ecological => "ecological",
            Dimension::Economic => "economic",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    pub fn key(&self) -> String {
        format!("strategy.dim_{}", self.as_str())
    }

    /// Stored as a comma-separated list in the fixed order.
    pub fn join(ds: &[Dimension]) -> String {
        ds.iter().map(Dimension::as_str).collect::<Vec<_>>().join(",")
    }

    pub fn split(s: &str) -> Vec<Dimension> {
        s.split(',').filter_map(Dimension::parse).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeInput {
    pub parent_id: Option<i64>,
    pub kind: NodeKind,
    pub title: String,
    pub description: Option<String>,
    pub dimensions: Vec<Dimension>,
    pub sdg: Vec<SdgRef>,
    pub bodies: Vec<BodyId>,
    /// The indicators that follow the node up (issue 13, ADR 51).
    pub indicators: Vec<i64>,
    /// None: after the last sibling.
    pub position: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct NodeFields {
    pub parent_id: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub dimensions: Vec<String>,
    pub sdg: String,
    pub bodies: Vec<String>,
    pub indicators: Vec<String>,
    pub position: String,
}

impl NodeFields {
    /// Every field's problems at once; the tree's rules (kind under parent, cycles) are the
    /// store's to check against the strategy's nodes, with `tree::may_hold` and `would_cycle`.
    pub fn parse(&self) -> Result<NodeInput, Invalid> {
        let mut e = Errors::new();
        let parent_id = e.check(super::document::optional_id("parent_id", &self.parent_id)).flatten();
        let kind = NodeKind::parse(&self.kind);
        if kind.is_none() {
            e.push(FieldError::new("kind", "invalid_choice", "Välj en typ i listan.", "Choose a type from the list."));
        }
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let description =
            e.check(text::optional_multiline("description", &self.description, DESCRIPTION_MAX)).flatten();
        let mut dimensions = Vec::new();
        for d in self.dimensions.iter().filter(|d| !d.trim().is_empty()) {
            match Dimension::parse(d) {
                Some(d) if !dimensions.contains(&d) => dimensions.push(d),
                Some(_) => {}
                None => {
                    e.push(FieldError::new(
                        "dimensions",
                        "invalid_choice",
                        "Välj dimensioner i listan (social, ekologisk, ekonomisk).",
                        "Choose dimensions from the list (social, ecological, economic).",
                    ));
                    break;
                }
            }
        }
        dimensions.sort();
        let sdg = e.check(SdgRef::parse_list("sdg", &self.sdg));
        let mut bodies: Vec<BodyId> = Vec::new();
        for b in self.bodies.iter().filter(|b| !b.trim().is_empty()) {
            match super::document::optional_id("bodies", b) {
                Ok(Some(id)) if !bodies.contains(&BodyId(id)) => bodies.push(BodyId(id)),
                Ok(_) => {}
                Err(err) => {
                    e.push(err);
                    break;
                }
            }
        }
        if bodies.len() > BODIES_MAX {
            e.push(FieldError::new(
                "bodies",
                "too_many",
                format!("Högst {BODIES_MAX} organ."),
                format!("At most {BODIES_MAX} bodies."),
            ));
        }
        let indicators = e.check(super::document::id_list("indicators", &self.indicators, INDICATORS_MAX));
        let position = match self.position.trim() {
            "" => None,
            p => e.check(p.parse::<i64>().ok().filter(|n| (1..=POSITION_MAX).contains(n)).ok_or_else(|| {
                FieldError::new(
                    "sort_order",
                    "invalid_position",
                    format!("Skriv ett tal från 1 till {POSITION_MAX}."),
                    format!("Write a number from 1 to {POSITION_MAX}."),
                )
            })),
        };
        e.finish(|| NodeInput {
            parent_id,
            kind: kind.unwrap_or(NodeKind::Area),
            title: title.unwrap_or_default(),
            description,
            dimensions,
            sdg: sdg.unwrap_or_default(),
            bodies,
            indicators: indicators.unwrap_or_default(),
            position,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_strategy_of_seed_003_with_dimensions_and_goals() {
        let n = NodeFields {
            parent_id: "4".into(),
            kind: "priority".into(),
            title: "Likvärdiga möjligheter till boende, arbete och välfärd i hela länet".into(),
            dimensions: vec!["economic".into(), "social".into(), "social".into()],
            sdg: "11.2 10".into(),
            bodies: vec!["7".into(), "7".into(), "".into()],
            indicators: vec!["3".into(), "3".into()],
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(n.dimensions, vec![Dimension::Social, Dimension::Economic]);
        assert_eq!(n.sdg.iter().map(SdgRef::code).collect::<Vec<_>>(), vec!["10", "11.2"]);
        assert_eq!((n.parent_id, n.bodies, n.position), (Some(4), vec![BodyId(7)], None));
        assert_eq!(n.indicators, vec![3]);
        assert_eq!(Dimension::split(&Dimension::join(&n.dimensions)), n.dimensions);
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = NodeFields {
            parent_id: "p".into(),
            kind: "vision".into(),
            title: "".into(),
            description: "d".repeat(DESCRIPTION_MAX + 1),
            dimensions: vec!["cultural".into()],
            sdg: "3 18".into(),
            bodies: vec!["b".into()],
            indicators: vec!["i".into()],
            position: "0".into(),
        };
        let got: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("parent_id", "invalid_id"),
            ("kind", "invalid_choice"),
            ("title", "required"),
            ("description", "too_long"),
            ("dimensions", "invalid_choice"),
            ("sdg", "unknown_sdg"),
            ("bodies", "invalid_id"),
            ("indicators", "invalid_id"),
            ("sort_order", "invalid_position"),
        ];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
    }
}
