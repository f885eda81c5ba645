//! A joint matter as the region's officer sends it (issue 11): the case it belongs to, the
//! protocol paragraph of the consultation group that recommended it (optional: a matter may be
//! sent before the protocol is adjusted), its title, its decision points (seed 000's "Förslag
//! till beslut" 1–3, one a line), the day by which the organisations are asked to decide, and
//! the organisations it goes to.

use time::Date;

use crate::cases::refuse_identity_number;
use crate::error::Errors;
use crate::ids::{CaseId, OrganisationId};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
/// A decision point's length, and how many a matter may have.
pub const POINT_MAX: usize = 1000;
pub const POINTS_MAX: usize = 20;
/// How many organisations a matter may go to: a county's municipalities and region, with room
/// for the national scale's largest county (Västra Götaland: 49 municipalities).
pub const PARTIES_MAX: usize = 100;

/// A joint matter as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JointMatterInput {
    pub case_id: CaseId,
    pub paragraph_id: Option<i64>,
    pub title: String,
    pub points: Vec<String>,
    pub due_on: Date,
    pub organisations: Vec<OrganisationId>,
}

fn id(field: &str, v: &str) -> Result<Option<i64>, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>().ok().filter(|n| *n > 0).map(Some).ok_or_else(|| {
        FieldError::new(field, "invalid_id", "Välj ett värde i listan.", "Choose a value from the list.")
    })
}

/// The decision points, one a line; blank lines and a leading "1." or "2)" are dropped.
fn points(v: &str) -> Result<Vec<String>, FieldError> {
    let mut out = Vec::new();
    for line in v.lines() {
        let l = line.trim();
        // "1. Kommunstyrelsen beslutar …" → "Kommunstyrelsen beslutar …"; "2027 års plan" stays.
        let digits = l.trim_start_matches(|c: char| c.is_ascii_digit());
        let l = match digits.strip_prefix(['.', ')']) {
            Some(rest) if digits.len() < l.len() => rest.trim(),
            _ => l,
        };
        if l.is_empty() {
            continue;
        }
        let p = text::required("points", l, POINT_MAX)?;
        refuse_identity_number("points", &p)?;
        out.push(p);
    }
    if out.is_empty() {
        return Err(FieldError::required("points"));
    }
    if out.len() > POINTS_MAX {
        return Err(FieldError::new(
            "points",
            "too_many",
            format!("Högst {POINTS_MAX} beslutspunkter."),
            format!("At most {POINTS_MAX} decision points."),
        ));
    }
    Ok(out)
}

impl JointMatterInput {
    /// Every field's problems at once. The due day is today or later; the organisations are
    /// at least one, each once.
    pub fn parse(
        case: &str,
        paragraph: &str,
        title: &str,
        points_text: &str,
        due_on: &str,
        organisations: &[String],
        today: Date,
    ) -> Result<JointMatterInput, Invalid> {
        let mut e = Errors::new();
        let case_id = e.check(id("case_id", case)).flatten();
        if case_id.is_none() && case.trim().is_empty() {
            e.push(FieldError::required("case_id"));
        }
        let paragraph_id = e.check(id("paragraph_id", paragraph)).flatten();
        let title = e.check(
            text::required("title", title, TITLE_MAX).and_then(|t| refuse_identity_number("title", &t).map(|()| t)),
        );
        let points = e.check(points(points_text));
        let due = e.check(crate::structure::date("due_on", due_on)).flatten();
        if due.is_none() && due_on.trim().is_empty() {
            e.push(FieldError::required("due_on"));
        }
        if let Some(d) = due
            && d < today
        {
            e.push(FieldError::new(
                "due_on",
                "due_in_past",
                "Sista dag för beslut kan inte ha passerat redan.",
                "The last day for decisions cannot be in the past.",
            ));
        }
        let mut orgs: Vec<OrganisationId> = Vec::new();
        for o in organisations.iter().filter(|o| !o.trim().is_empty()) {
            match id("organisations", o) {
                Ok(Some(i)) if !orgs.contains(&OrganisationId(i)) => orgs.push(OrganisationId(i)),
                Ok(_) => {}
                Err(err) => {
                    e.push(err);
                    orgs.clear();
                    break;
                }
            }
        }
        if orgs.is_empty() && organisations.iter().all(|o| o.trim().is_empty()) {
            e.push(FieldError::new(
                "organisations",
                "required",
                "Välj minst en organisation som ska besluta.",
                "Choose at least one organisation to decide.",
            ));
        }
        if orgs.len() > PARTIES_MAX {
            e.push(FieldError::new(
                "organisations",
                "too_many",
                format!("Högst {PARTIES_MAX} organisationer."),
                format!("At most {PARTIES_MAX} organisations."),
            ));
        }
        e.finish(|| JointMatterInput {
            case_id: CaseId(case_id.unwrap_or_default()),
            paragraph_id,
            title: title.unwrap_or_default(),
            points: points.unwrap_or_default(),
            due_on: due.unwrap_or(today),
            organisations: orgs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 16);
    const SEED_POINTS: &str = "1. Kommunstyrelsen beslutar att aktivt delta i processen för att utarbeta en ny regional utvecklingsstrategi för Östergötland.\n\
        2. Kommunstyrelsen ställer sig bakom den i bilagan föreslagna processen och processorganisationen.\n\
        3. Arbetet ska kontinuerligt återrapporteras till kommunstyrelsens planeringsutskott.";

    fn orgs(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn seed_000s_three_decision_points_parse() {
        let m = JointMatterInput::parse(
            "4",
            "",
            "Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess",
            SEED_POINTS,
            "2027-01-31",
            &orgs(&["11", "12", "12", ""]),
            TODAY,
        )
        .unwrap();
        assert_eq!(m.points.len(), 3);
        assert!(m.points[2].starts_with("Arbetet ska kontinuerligt återrapporteras"));
        assert_eq!(m.organisations, vec![OrganisationId(11), OrganisationId(12)]);
        assert_eq!((m.case_id, m.paragraph_id, m.due_on), (CaseId(4), None, date!(2027 - 01 - 31)));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let e = JointMatterInput::parse("", "x", &"t".repeat(TITLE_MAX + 1), " \n ", "2026-11-15", &orgs(&[]), TODAY)
            .unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("case_id", "required"),
                ("paragraph_id", "invalid_id"),
                ("title", "too_long"),
                ("points", "required"),
                ("due_on", "due_in_past"),
                ("organisations", "required"),
            ]
        );
        let e = JointMatterInput::parse("a", "", "RUS 121212-1212", "Punkt", "31/1", &orgs(&["x"]), TODAY).unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("case_id", "invalid_id"),
                ("title", "identity_number"),
                ("due_on", "invalid_date"),
                ("organisations", "invalid_id"),
            ]
        );
        let many = (0..=POINTS_MAX).map(|i| format!("Punkt {i}")).collect::<Vec<_>>().join("\n");
        let e = JointMatterInput::parse("1", "", "T", &many, "", &orgs(&["1"]), TODAY).unwrap_err();
        assert_eq!(e.0.iter().map(|f| f.code).collect::<Vec<_>>(), vec!["too_many", "required"]);
    }
}
