//! Agenda 2030's 17 goals and 169 targets, shipped in `data/` (the UN's texts as Open SDG's
//! translation files carry them, MIT; the goals' Swedish names; see `data/README.md`), and the
//! reference a strategy node makes to a goal ("3") or a target ("3.4", "3.d").

use std::sync::OnceLock;

use serde::Serialize;

use crate::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Goal {
    pub number: u8,
    pub title_en: String,
    pub short_en: String,
    pub title_sv: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub goal: u8,
    /// UN numbering: "1.1", "1.a".
    pub code: String,
    pub title_en: String,
}

const GOALS_CSV: &str = include_str!("../../../../data/sdg_goals.csv");
const TARGETS_CSV: &str = include_str!("../../../../data/sdg_targets.csv");

fn rows(csv: &str) -> impl Iterator<Item = Vec<String>> {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| crate::structure::csv_import::cells(l, ','))
}

pub fn goals() -> &'static [Goal] {
    static G: OnceLock<Vec<Goal>> = OnceLock::new();
    G.get_or_init(|| {
        rows(GOALS_CSV)
            .map(|r| Goal {
                number: r[0].parse().unwrap_or_default(),
                title_en: r[1].clone(),
                short_en: r[2].clone(),
                title_sv: r[3].clone(),
            })
            .collect()
    })
}

pub fn targets() -> &'static [Target] {
    static T: OnceLock<Vec<Target>> = OnceLock::new();
    T.get_or_init(|| {
        rows(TARGETS_CSV)
            .map(|r| Target { goal: r[0].parse().unwrap_or_default(), code: r[1].clone(), title_en: r[2].clone() })
            .collect()
    })
}

pub fn goal(n: u8) -> Option<&'static Goal> {
    goals().iter().find(|g| g.number == n)
}

pub fn target(code: &str) -> Option<&'static Target> {
    targets().iter().find(|t| t.code == code)
}

pub fn targets_of(goal: u8) -> impl Iterator<Item = &'static Target> {
    targets().iter().filter(move |t| t.goal == goal)
}

/// A node's reference: a whole goal, or one target. Stored as its code ("3", "3.4").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct SdgRef(String);

impl From<SdgRef> for String {
    fn from(r: SdgRef) -> String {
        r.0
    }
}

impl SdgRef {
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The goal's number (the part before the dot).
    pub fn goal(&self) -> u8 {
        self.0.split('.').next().and_then(|g| g.parse().ok()).unwrap_or_default()
    }

    pub fn is_target(&self) -> bool {
        self.0.contains('.')
    }

    /// A code of a goal or target in the reference data.
    pub fn parse(field: &str, s: &str) -> Result<SdgRef, FieldError> {
        let s = s.trim().to_ascii_lowercase();
        let known = match s.split_once('.') {
            None => s.parse::<u8>().ok().and_then(goal).is_some(),
            Some(_) => target(&s).is_some(),
        };
        if known {
            Ok(SdgRef(s))
        } else {
            Err(FieldError::new(
                field,
                "unknown_sdg",
                format!("”{s}” är inget av de globala målen eller delmålen (t.ex. 3 eller 3.4)."),
                format!("“{s}” is not one of the global goals or targets (e.g. 3 or 3.4)."),
            ))
        }
    }

    /// Codes separated by commas, spaces or lines; each once, in the goals' order.
    pub fn parse_list(field: &str, s: &str) -> Result<Vec<SdgRef>, FieldError> {
        let mut out: Vec<SdgRef> = Vec::new();
        for part in s.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()) {
            let r = SdgRef::parse(field, part)?;
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out.sort_by_key(|r| r.sort_key());
        Ok(out)
    }

    /// Goals in number order, a goal's targets after it in the data's order (1.1 … 1.5, 1.a).
    pub fn sort_key(&self) -> (u8, usize) {
        let pos =
            if self.is_target() { targets().iter().position(|t| t.code == self.0).map_or(0, |p| p + 1) } else { 0 };
        (self.goal(), pos)
    }
}

/// A Swedish target text as an administrator types it.
pub const TARGET_SV_MAX: usize = 1000;

pub fn target_sv(value: &str) -> Result<Option<String>, FieldError> {
    crate::text::optional_multiline("title_sv", value, TARGET_SV_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_the_17_goals_and_169_targets() {
        assert_eq!(goals().len(), 17);
        assert_eq!(targets().len(), 169);
        assert_eq!(goal(1).unwrap().title_sv, "Ingen fattigdom");
        assert_eq!(
            goal(2).unwrap().title_en,
            "End hunger, achieve food security and improved nutrition and promote sustainable agriculture"
        );
        assert!(goals().iter().all(|g| !g.title_sv.is_empty() && targets_of(g.number).count() >= 5));
        assert!(target("1.1").unwrap().title_en.contains("$1.25 a day"));
    }

    #[test]
    fn references_parse_in_goal_order() {
        let l = SdgRef::parse_list("sdg", "11.2, 3  3.4\n3.D 11.2").unwrap();
        assert_eq!(l.iter().map(SdgRef::code).collect::<Vec<_>>(), vec!["3", "3.4", "3.d", "11.2"]);
        assert_eq!(SdgRef::parse("sdg", "18").unwrap_err().code, "unknown_sdg");
        assert_eq!(SdgRef::parse("sdg", "3.99").unwrap_err().code, "unknown_sdg");
        assert!(SdgRef::parse_list("sdg", "").unwrap().is_empty());
    }
}
