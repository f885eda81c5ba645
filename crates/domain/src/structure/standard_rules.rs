//! The rule sets of Östergötland's consultation structure (seed 001, rules 1–6 of `domain.md`),
//! for any county: the starting point an administrator edits.

use super::{Rule, Scope, Side};
use crate::organisations::OrganisationKind;

fn municipalities(county_code: &str) -> Scope {
    Scope::MunicipalitiesInCounty { county_code: county_code.into() }
}

fn region(county_code: &str) -> Scope {
    Scope::Region { county_code: county_code.into() }
}

fn seats(scope: Scope, side: Option<Side>, min: u32, max: Option<u32>) -> Rule {
    Rule::SeatsPerOrganisation { scope, side, min, max }
}

/// Rule 4: a presidium with the region and the municipalities.
fn joint_presidium() -> Rule {
    Rule::PresidiumIncludes { kinds: vec![OrganisationKind::Region, OrganisationKind::Municipality] }
}

/// Samrådet för strategiska frågor: each municipality sends one majority and one opposition
/// representative (rule 1), the region at least one (in the seed the regional board's presidium
/// and two committees' representatives); joint presidium, four meetings a year, a two-year work
/// plan (rules 4–6).
pub fn strategic_consultation_group(county_code: &str) -> Vec<Rule> {
    vec![
        seats(municipalities(county_code), Some(Side::Majority), 1, Some(1)),
        seats(municipalities(county_code), Some(Side::Opposition), 1, Some(1)),
        seats(region(county_code), None, 1, None),
        joint_presidium(),
        Rule::MeetsAtLeast { per_year: 4 },
        Rule::WorkPlanCurrent { years_covered: 2 },
    ]
}

/// Samrådet för vård och omsorg: the region and each municipality send at least one ordinary
/// political representative (rule 2); joint presidium, four meetings a year, a two-year work
/// plan (rules 4–6).
pub fn care_consultation_group(county_code: &str) -> Vec<Rule> {
    vec![
        seats(municipalities(county_code), None, 1, None),
        seats(region(county_code), None, 1, None),
        joint_presidium(),
        Rule::MeetsAtLeast { per_year: 4 },
        Rule::WorkPlanCurrent { years_covered: 2 },
    ]
}

/// A management group: each municipality and the region have at least one ordinary member (the
/// municipal director or the official responsible for the area, seed 001 4.2.2) and the
/// presidium has the region and a municipality (4.2.3).
pub fn management_group(county_code: &str) -> Vec<Rule> {
    vec![
        seats(municipalities(county_code), None, 1, None),
        seats(region(county_code), None, 1, None),
        joint_presidium(),
    ]
}
