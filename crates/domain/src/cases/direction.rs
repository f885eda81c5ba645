//! Which way a document went: received (inkommande), sent (utgående) or drawn up within the
//! organisation (upprättad). OSL (2009:400) 5 kap. 1 §: incoming and drawn-up documents are
//! registered; TF 2 kap. 9–10 §§ say when a document counts as received or drawn up.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Incoming,
    Outgoing,
    DrawnUp,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Incoming, Direction::Outgoing, Direction::DrawnUp];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Incoming => "incoming",
            Direction::Outgoing => "outgoing",
            Direction::DrawnUp => "drawn_up",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    /// The direction from a form or JSON field, or an error on `direction`.
    pub fn parse_field(s: &str) -> Result<Direction, FieldError> {
        Direction::parse(s).ok_or_else(|| {
            FieldError::new(
                "direction",
                "invalid_direction",
                "Välj om handlingen är inkommande, utgående eller upprättad.",
                "Choose whether the document is incoming, outgoing or drawn up.",
            )
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Direction::Incoming, Lang::Sv) => "Inkommande",
            (Direction::Outgoing, Lang::Sv) => "Utgående",
            (Direction::DrawnUp, Lang::Sv) => "Upprättad",
            (Direction::Incoming, Lang::En) => "Incoming",
            (Direction::Outgoing, Lang::En) => "Outgoing",
            (Direction::DrawnUp, Lang::En) => "Drawn up",
        }
    }

    /// Whether the document has a counterpart: the sender of an incoming one, the recipient of
    /// an outgoing one. A drawn-up document has neither (OSL 5 kap. 2 § asks for "avsändare
    /// eller mottagare" where there is one).
    pub fn has_counterpart(self) -> bool {
        self != Direction::DrawnUp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_directions_round_trip() {
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(d));
        }
        assert_eq!(Direction::parse_field("sideways").unwrap_err().field, "direction");
        assert!(!Direction::DrawnUp.has_counterpart() && Direction::Incoming.has_counterpart());
    }
}
