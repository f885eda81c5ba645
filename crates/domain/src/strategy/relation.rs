//! Relations between governing documents (issue 13): seed 003's regional transport plan is
//! coordinated with the RUS and the public-transport programme ("samordna den regionala
//! transportplanen med den regionala utvecklingsstrategin och trafikförsörjningsprogrammet").

use serde::Serialize;

use crate::{FieldError, Invalid};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Worked out together with the other; shown on both documents' pages.
    CoordinatedWith,
    /// Carries out the other (a programme or plan under a strategy).
    Implements,
    /// Replaces the other (a revision).
    Replaces,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] =
        [RelationKind::CoordinatedWith, RelationKind::Implements, RelationKind::Replaces];

    pub fn as_str(&self) -> &'static str {
        match self {
            RelationKind::CoordinatedWith => "coordinated_with",
            RelationKind::Implements => "implements",
            RelationKind::Replaces => "replaces",
        }
    }

    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// Read from the other end ("is implemented by"), or the same for a symmetric relation.
    pub fn key(&self, outgoing: bool) -> String {
        match (self, outgoing) {
            (RelationKind::CoordinatedWith, _) => "strategy.rel_coordinated_with".into(),
            (k, true) => format!("strategy.rel_{}", k.as_str()),
            (k, false) => format!("strategy.rel_{}_by", k.as_str()),
        }
    }
}

/// A relation as typed: from the document whose page it is added on, to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelationInput {
    pub from: i64,
    pub to: i64,
    pub kind: RelationKind,
}

impl RelationInput {
    /// A relation to another document (never to itself), of a kind in the list. A symmetric
    /// relation is kept with the lower id first, so it is stored once whichever end adds it.
    pub fn parse(from: i64, to: &str, kind: &str) -> Result<RelationInput, Invalid> {
        let mut errors = Vec::new();
        let to_id = match super::document::optional_id("to_id", to) {
            Ok(Some(t)) if t == from => {
                errors.push(FieldError::new(
                    "to_id",
                    "self_relation",
                    "Ett dokument kan inte relateras till sig självt.",
                    "A document cannot be related to itself.",
                ));
                None
            }
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                errors.push(FieldError::required("to_id"));
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let kind = RelationKind::parse(kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "relation",
                "invalid_choice",
                "Välj en relation i listan.",
                "Choose a relation from the list.",
            ));
        }
        match (to_id, kind) {
            (Some(to), Some(kind)) if errors.is_empty() => {
                let (from, to) =
                    if kind == RelationKind::CoordinatedWith && to < from { (to, from) } else { (from, to) };
                Ok(RelationInput { from, to, kind })
            }
            _ => Err(Invalid(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transport_plan_is_coordinated_with_the_rus_once_whichever_end_adds_it() {
        let a = RelationInput::parse(7, "3", "coordinated_with").unwrap();
        let b = RelationInput::parse(3, "7", "coordinated_with").unwrap();
        assert_eq!(a, b);
        let c = RelationInput::parse(7, "3", "implements").unwrap();
        assert_eq!((c.from, c.to), (7, 3));
    }

    #[test]
    fn bad_relations_name_their_field() {
        let codes = |r: Result<RelationInput, Invalid>| r.unwrap_err().0.iter().map(|e| e.code).collect::<Vec<_>>();
        assert_eq!(codes(RelationInput::parse(3, "3", "implements")), vec!["self_relation"]);
        assert_eq!(codes(RelationInput::parse(3, "", "x")), vec!["required", "invalid_choice"]);
        assert_eq!(codes(RelationInput::parse(3, "a", "implements")), vec!["invalid_id"]);
    }
}
