//! The stakeholder analysis before inviting to dialogue (seed 002: "Vi kommer att utifrån en
//! intressentanalys bjuda in aktörer till dialog"): each stakeholder — an organisation of the
//! register or a named group — placed by interest and influence on a four-step scale, with
//! whether it was invited and whether it took part. The grid's quadrants give the usual
//! approach (the power–interest grid, Mendelow 1991): manage closely, keep satisfied, keep
//! informed, monitor.

use serde::Serialize;

use crate::error::Errors;
use crate::strategy::document::optional_id;
use crate::{FieldError, Invalid, text};

pub const NAME_MAX: usize = 200;
pub const NOTE_MAX: usize = 1000;

/// A step of the scale, 1 (low) to 4 (high).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Level(pub u8);

impl Level {
    pub const ALL: [Level; 4] = [Level(1), Level(2), Level(3), Level(4)];

    pub fn parse(field: &str, v: &str) -> Result<Level, FieldError> {
        v.trim().parse::<u8>().ok().filter(|n| (1..=4).contains(n)).map(Level).ok_or_else(|| {
            FieldError::new(field, "invalid_level", "Välj en nivå från 1 till 4.", "Choose a level from 1 to 4.")
        })
    }

    pub fn high(self) -> bool {
        self.0 >= 3
    }
}

/// The approach a stakeholder's place in the grid suggests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    ManageClosely,
    KeepSatisfied,
    KeepInformed,
    Monitor,
}

impl Strategy {
    pub fn of(interest: Level, influence: Level) -> Strategy {
        match (influence.high(), interest.high()) {
            (true, true) => Strategy::ManageClosely,
            (true, false) => Strategy::KeepSatisfied,
            (false, true) => Strategy::KeepInformed,
            (false, false) => Strategy::Monitor,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Strategy::ManageClosely => "process.grid_manage",
            Strategy::KeepSatisfied => "process.grid_satisfy",
            Strategy::KeepInformed => "process.grid_inform",
            Strategy::Monitor => "process.grid_monitor",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StakeholderInput {
    pub organisation_id: Option<i64>,
    pub name: Option<String>,
    pub kind: super::ParticipantKind,
    pub interest: Level,
    pub influence: Level,
    pub invited: bool,
    pub took_part: bool,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct StakeholderFields {
    pub organisation_id: String,
    pub name: String,
    pub kind: String,
    pub interest: String,
    pub influence: String,
    pub invited: bool,
    pub took_part: bool,
    pub note: String,
}

impl StakeholderFields {
    pub fn parse(&self) -> Result<StakeholderInput, Invalid> {
        let mut e = Errors::new();
        let organisation_id = e.check(optional_id("organisation_id", &self.organisation_id)).flatten();
        let name = e.check(text::optional("name", &self.name, NAME_MAX)).flatten();
        if organisation_id.is_none() == name.is_none() {
            e.push(FieldError::new(
                "organisation_id",
                "one_stakeholder",
                "Välj en organisation eller skriv gruppens namn (ett av dem).",
                "Choose an organisation or write the group's name (one of them).",
            ));
        }
        let kind = e.check(super::choice("kind", &self.kind, super::ParticipantKind::parse));
        let interest = e.check(Level::parse("interest", &self.interest));
        let influence = e.check(Level::parse("influence", &self.influence));
        let note = e.check(text::optional_multiline("note", &self.note, NOTE_MAX)).flatten();
        e.finish(|| StakeholderInput {
            organisation_id,
            name,
            kind: kind.unwrap_or(super::ParticipantKind::CivilSociety),
            interest: interest.unwrap_or(Level(1)),
            influence: influence.unwrap_or(Level(1)),
            invited: self.invited,
            took_part: self.took_part,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_has_four_quadrants() {
        assert_eq!(Strategy::of(Level(4), Level(3)), Strategy::ManageClosely);
        assert_eq!(Strategy::of(Level(1), Level(4)), Strategy::KeepSatisfied);
        assert_eq!(Strategy::of(Level(3), Level(2)), Strategy::KeepInformed);
        assert_eq!(Strategy::of(Level(2), Level(2)), Strategy::Monitor);
        for i in Level::ALL {
            for j in Level::ALL {
                // More influence never moves a stakeholder towards less attention.
                let s = Strategy::of(i, j);
                if j.high() {
                    assert!(matches!(s, Strategy::ManageClosely | Strategy::KeepSatisfied));
                }
            }
        }
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f =
            StakeholderFields { kind: "x".into(), interest: "5".into(), influence: "".into(), ..Default::default() };
        let got: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("organisation_id", "one_stakeholder"),
            ("kind", "invalid_choice"),
            ("interest", "invalid_level"),
            ("influence", "invalid_level"),
        ];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let f = StakeholderFields {
            name: "Företagarna i länet".into(),
            kind: "business".into(),
            interest: "3".into(),
            influence: "2".into(),
            invited: true,
            ..Default::default()
        };
        let s = f.parse().unwrap();
        assert_eq!(Strategy::of(s.interest, s.influence), Strategy::KeepInformed);
    }
}
