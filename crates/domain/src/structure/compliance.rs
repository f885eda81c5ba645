//! Checks a body against its representation rules and says, in Swedish and English, what is
//! missing.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use super::draft::Draft;
use super::late_protocols::{ProtocolFacts, late_protocols};
use super::rules::{kind_phrase, representatives};
use super::term_ending::term_ending;
use super::{BodyFacts, MembershipFacts, OrganisationFacts, Rule, Scope, Side, ordinary_seats};
use crate::error::Lang;
use crate::ids::OrganisationId;
use crate::organisations::OrganisationKind;
use crate::reference;

/// The latest work plan of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkPlanFacts {
    /// The day it was decided or last updated.
    pub updated_on: Date,
    /// First and last calendar year it covers.
    pub covers_from: i32,
    pub covers_to: i32,
}

/// Everything the rules look at, as the caller loaded it.
#[derive(Clone, Copy, Debug)]
pub struct ComplianceInput<'a> {
    pub body: &'a BodyFacts,
    /// The day the rules are checked for: memberships must be active on it, meetings and work
    /// plan are judged for its calendar year.
    pub at: Date,
    /// The organisations that may be in a rule's scope (those of the memberships count too).
    pub organisations: &'a [OrganisationFacts],
    /// The body's memberships, past, present and future.
    pub memberships: &'a [MembershipFacts],
    /// The memberships of the body's presidium.
    pub presidium: &'a [MembershipFacts],
    /// Meetings held or planned in the calendar year of `at`.
    pub meetings_in_year: u32,
    pub work_plan: Option<&'a WorkPlanFacts>,
    /// The body's meetings whose protocol was not adjusted by `at` (checked against rule 15
    /// whatever the body's rules).
    pub protocols: &'a [ProtocolFacts],
    /// How many days before a term ends its ending seats are a finding (default
    /// [`TERM_NOTICE_DAYS`](super::TERM_NOTICE_DAYS)).
    pub term_notice_days: i64,
}

/// One way in which a body falls short of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable code, e.g. "seats_per_organisation".
    pub rule: &'static str,
    /// The rule's position in the list that was checked.
    pub rule_index: usize,
    /// The organisation the finding concerns, when it is one that is registered.
    pub organisation_id: Option<OrganisationId>,
    pub sv: String,
    pub en: String,
}

impl Finding {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub compliant: bool,
    /// Sorted by rule, then organisation name (Swedish order), then message, so the report does
    /// not depend on the order of the input.
    pub findings: Vec<Finding>,
}

/// Checks every rule for the body and collects what falls short. Two checks hold for every
/// body whatever its rules, and follow them in the report: late protocols (`protocol_late`,
/// KL 5 kap. 69 §) and seats ending with the term (`term_ending`).
pub fn compliance(rules: &[Rule], input: &ComplianceInput<'_>) -> Report {
    let known = known_organisations(input);
    let body = input.body.name.as_str();
    let standing = [
        ("protocol_late", late_protocols(body, input.protocols, input.at)),
        ("term_ending", term_ending(body, input.memberships, input.at, input.term_notice_days)),
    ];
    let standing = standing
        .into_iter()
        .enumerate()
        .flat_map(|(k, (code, drafts))| drafts.into_iter().map(move |d| (rules.len() + k, code, d)));
    let mut found: Vec<_> = rules
        .iter()
        .enumerate()
        .flat_map(|(i, rule)| {
            let drafts = match rule {
                Rule::SeatsPerOrganisation { scope, side, min, max } => seats(input, &known, scope, *side, *min, *max),
                Rule::PresidiumIncludes { kinds } => presidium(input, kinds),
                Rule::MeetsAtLeast { per_year } => meetings(input, *per_year),
                Rule::WorkPlanCurrent { years_covered } => work_plan(input, *years_covered),
            };
            drafts.into_iter().map(move |d| (i, rule.code(), d))
        })
        .chain(standing)
        .map(|(i, code, d)| {
            let key = (i, collation_key(&d.name), d.name);
            let f = Finding { rule: code, rule_index: i, organisation_id: d.organisation_id, sv: d.sv, en: d.en };
            (key, f)
        })
        .collect();
    found.sort_by(|(a, fa), (b, fb)| {
        (a, &fa.sv, &fa.en, fa.organisation_id).cmp(&(b, &fb.sv, &fb.en, fb.organisation_id))
    });
    let findings: Vec<Finding> = found.into_iter().map(|(_, f)| f).collect();
    Report { compliant: findings.is_empty(), findings }
}

/// The organisations passed in and those of the memberships, one per id (the list wins).
fn known_organisations<'a>(input: &ComplianceInput<'a>) -> Vec<&'a OrganisationFacts> {
    let mut known = BTreeMap::new();
    let of_members = input.memberships.iter().chain(input.presidium).map(|m| &m.organisation);
    for o in input.organisations.iter().chain(of_members) {
        known.entry(o.id).or_insert(o);
    }
    known.into_values().collect()
}

/// Rules 1 and 2: each organisation in scope holds between min and max ordinary seats.
fn seats(
    input: &ComplianceInput<'_>,
    known: &[&OrganisationFacts],
    scope: &Scope,
    side: Option<Side>,
    min: u32,
    max: Option<u32>,
) -> Vec<Draft> {
    let body = &input.body.name;
    let found: Vec<&OrganisationFacts> = known.iter().copied().filter(|o| scope.includes(o)).collect();
    let registered =
        found.iter().map(|o| (o.name.clone(), Some(o.id), ordinary_seats(input.memberships, o.id, side, input.at)));
    let unregistered = unregistered(scope, &found).into_iter().map(|(name, id)| (name, id, 0));
    registered
        .chain(unregistered)
        .filter_map(|(name, organisation_id, n)| {
            let (sv_reps, en_reps) = (representatives(side, n, Lang::Sv), representatives(side, n, Lang::En));
            let (sv, en) = if n == 0 && min > 0 {
                let en_reps = representatives(side, 1, Lang::En);
                (format!("{name} saknar {sv_reps} i {body}."), format!("{name} has no {en_reps} in {body}."))
            } else if n < min as usize {
                (
                    format!("{name} har {n} {sv_reps} i {body}; minst {min} krävs."),
                    format!("{name} has {n} {en_reps} in {body}; at least {min} required."),
                )
            } else if let Some(max) = max.filter(|max| n > *max as usize) {
                (
                    format!("{name} har {n} {sv_reps} i {body}; högst {max} är tillåtet."),
                    format!("{name} has {n} {en_reps} in {body}; at most {max} allowed."),
                )
            } else {
                return None;
            };
            Some(Draft { name, organisation_id, sv, en })
        })
        .collect()
}

/// The organisations a scope names that are not registered: municipalities and regions from
/// the reference data, ids that match no organisation.
fn unregistered(scope: &Scope, found: &[&OrganisationFacts]) -> Vec<(String, Option<OrganisationId>)> {
    let has_code = |code: &str| found.iter().any(|o| o.code.as_deref() == Some(code));
    match scope {
        Scope::MunicipalitiesInCounty { county_code } => reference::municipalities_in(county_code)
            .filter(|m| !has_code(&m.code))
            .map(|m| (m.official_name.clone(), None))
            .collect(),
        Scope::Region { county_code } => reference::county(county_code)
            .filter(|c| !has_code(&c.code))
            .map(|c| (c.region.clone(), None))
            .into_iter()
            .collect(),
        Scope::Organisations { ids } => {
            let mut ids: Vec<_> = ids.iter().filter(|id| !found.iter().any(|o| o.id == **id)).collect();
            ids.sort();
            ids.dedup();
            ids.into_iter().map(|id| (format!("Organisation {id}"), Some(*id))).collect()
        }
    }
}

/// Rule 4: the presidium has an active ordinary member from an organisation of each kind.
fn presidium(input: &ComplianceInput<'_>, kinds: &[OrganisationKind]) -> Vec<Draft> {
    let body = &input.body.name;
    let present = |k: OrganisationKind| {
        input.presidium.iter().any(|m| m.organisation.kind == k && m.role.is_ordinary() && m.is_active_at(input.at))
    };
    let mut missing: Vec<OrganisationKind> = Vec::new();
    for &k in kinds {
        if !missing.contains(&k) && !present(k) {
            missing.push(k);
        }
    }
    missing
        .into_iter()
        .map(|k| {
            Draft::body(
                format!("Presidiet för {body} saknar företrädare för {}.", kind_phrase(k, Lang::Sv)),
                format!("The presidium of {body} has no representative of {}.", kind_phrase(k, Lang::En)),
            )
        })
        .collect()
}

/// Rule 5: at least `per_year` meetings in the calendar year.
fn meetings(input: &ComplianceInput<'_>, per_year: u32) -> Vec<Draft> {
    let (body, n, year) = (&input.body.name, input.meetings_in_year, input.at.year());
    if n >= per_year {
        return Vec::new();
    }
    let (sv_n, en_n) = match n {
        0 => ("inga sammanträden".to_string(), "no meetings".to_string()),
        1 => ("1 sammanträde".to_string(), "1 meeting".to_string()),
        n => (format!("{n} sammanträden"), format!("{n} meetings")),
    };
    vec![Draft::body(
        format!("{body} har {sv_n} {year}; minst {per_year} krävs."),
        format!("{body} has {en_n} in {year}; at least {per_year} required."),
    )]
}

/// Rule 6: a work plan decided this calendar year (by the day checked) that covers the next
/// `years_covered` years.
fn work_plan(input: &ComplianceInput<'_>, years_covered: u32) -> Vec<Draft> {
    let (body, year) = (&input.body.name, input.at.year());
    let from = i64::from(year) + 1;
    let to = from + i64::from(years_covered.max(1)) - 1;
    let current = input.work_plan.is_some_and(|p| {
        p.updated_on.year() == year
            && p.updated_on <= input.at
            && i64::from(p.covers_from) <= from
            && i64::from(p.covers_to) >= to
    });
    if current {
        return Vec::new();
    }
    let years = if from == to { from.to_string() } else { format!("{from}–{to}") };
    vec![Draft::body(
        format!("{body} saknar en arbetsplan som täcker {years} och är uppdaterad {year}."),
        format!("{body} has no work plan that covers {years} and was updated in {year}."),
    )]
}

/// Sorts names in Swedish order: å, ä and ö after z, case and accents on e aside.
fn collation_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => u32::from('z') + 1,
            'ä' | 'æ' => u32::from('z') + 2,
            'ö' | 'ø' => u32::from('z') + 3,
            'é' | 'è' => u32::from('e'),
            c => u32::from(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::collation_key;

    #[test]
    fn names_sort_in_swedish_order() {
        let mut names = ["Ödeshögs kommun", "Åtvidabergs kommun", "Ydre kommun", "Ärla", "Boxholms kommun"];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(names, ["Boxholms kommun", "Ydre kommun", "Åtvidabergs kommun", "Ärla", "Ödeshögs kommun"]);
    }
}
