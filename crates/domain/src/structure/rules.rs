//! Representation rules as data: administrators edit them per body, the store keeps them as
//! JSON, and `compliance` checks a body against them.

use serde::{Deserialize, Serialize};

use super::{OrganisationFacts, Side};
use crate::error::{Errors, Lang};
use crate::ids::OrganisationId;
use crate::organisations::OrganisationKind;
use crate::{FieldError, Invalid, reference};

/// One rule a body must meet. Stored as JSON tagged by `kind`, e.g.
/// `{"kind":"meets_at_least","per_year":4}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Every organisation in `scope` holds between `min` and `max` ordinary seats (chair, vice
    /// chair, member) on `side`, or on any side when `side` is none (rules 1 and 2).
    SeatsPerOrganisation { scope: Scope, side: Option<Side>, min: u32, max: Option<u32> },
    /// The presidium has at least one ordinary member from an organisation of each kind (rule 4).
    PresidiumIncludes { kinds: Vec<OrganisationKind> },
    /// The body meets at least `per_year` times in a calendar year (rule 5).
    MeetsAtLeast { per_year: u32 },
    /// The body has a work plan decided this calendar year that covers the next
    /// `years_covered` years (rule 6).
    WorkPlanCurrent { years_covered: u32 },
}

/// The organisations a seat rule applies to. Regions and municipalities are matched by their
/// länskod and kommunkod (`OrganisationFacts::code`), so a municipality of the county that has
/// no organisation in the product yet still counts, with no seats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    MunicipalitiesInCounty { county_code: String },
    Region { county_code: String },
    Organisations { ids: Vec<OrganisationId> },
}

/// The most organisations one rule may name.
pub const MAX_SCOPE_IDS: usize = 500;

impl Scope {
    pub fn includes(&self, o: &OrganisationFacts) -> bool {
        let code = o.code.as_deref();
        match self {
            Scope::MunicipalitiesInCounty { county_code } => {
                o.kind == OrganisationKind::Municipality
                    && code.and_then(reference::municipality).is_some_and(|m| &m.county_code == county_code)
            }
            Scope::Region { county_code } => o.kind == OrganisationKind::Region && code == Some(county_code),
            Scope::Organisations { ids } => ids.contains(&o.id),
        }
    }
}

impl Rule {
    /// A stable code for the rule's kind, the same as its JSON tag.
    pub fn code(&self) -> &'static str {
        match self {
            Rule::SeatsPerOrganisation { .. } => "seats_per_organisation",
            Rule::PresidiumIncludes { .. } => "presidium_includes",
            Rule::MeetsAtLeast { .. } => "meets_at_least",
            Rule::WorkPlanCurrent { .. } => "work_plan_current",
        }
    }

    /// Checks a rule an administrator entered: real county codes, at least one organisation or
    /// kind, min ≤ max, at least one meeting a year, a work plan of 1–10 years.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Errors::new();
        match self {
            Rule::SeatsPerOrganisation { scope, min, max, .. } => {
                match scope {
                    Scope::MunicipalitiesInCounty { county_code } | Scope::Region { county_code }
                        if reference::county(county_code).is_none() =>
                    {
                        e.push(FieldError::new(
                            "county_code",
                            "unknown_county",
                            format!("”{county_code}” är ingen länskod. Ange två siffror, t.ex. 05 för Östergötlands län."),
                            format!("“{county_code}” is not a county code. Give two digits, e.g. 05 for Östergötland County."),
                        ));
                    }
                    Scope::Organisations { ids } if ids.is_empty() => e.push(FieldError::new(
                        "ids",
                        "required",
                        "Välj minst en organisation.",
                        "Choose at least one organisation.",
                    )),
                    // An id no organisation can have (0, −3) broke the bodies' list afterwards.
                    Scope::Organisations { ids } if ids.iter().any(|i| i.0 < 1) || ids.len() > MAX_SCOPE_IDS => {
                        e.push(FieldError::new(
                            "ids",
                            "invalid_id",
                            format!("Ange mellan 1 och {MAX_SCOPE_IDS} organisationer med positiva id."),
                            format!("Give between 1 and {MAX_SCOPE_IDS} organisations with positive ids."),
                        ))
                    }
                    _ => {}
                }
                if let Some(max) = max
                    && min > max
                {
                    e.push(FieldError::new(
                        "max",
                        "min_above_max",
                        format!("Högsta antalet ({max}) kan inte vara lägre än lägsta antalet ({min})."),
                        format!("The maximum ({max}) cannot be lower than the minimum ({min})."),
                    ));
                }
            }
            Rule::PresidiumIncludes { kinds } if kinds.is_empty() => e.push(FieldError::new(
                "kinds",
                "required",
                "Välj minst en typ av organisation.",
                "Choose at least one kind of organisation.",
            )),
            Rule::MeetsAtLeast { per_year: 0 } => e.push(FieldError::new(
                "per_year",
                "too_small",
                "Ange minst ett sammanträde per år.",
                "Give at least one meeting a year.",
            )),
            Rule::WorkPlanCurrent { years_covered } if !(1..=10).contains(years_covered) => e.push(FieldError::new(
                "years_covered",
                "out_of_range",
                "Arbetsplanen ska omfatta 1–10 år.",
                "The work plan must cover 1–10 years.",
            )),
            _ => {}
        }
        e.finish(|| ())
    }

    /// The rule in plain words, e.g. "Varje kommun i Östergötlands län har exakt 1 ordinarie
    /// majoritetsföreträdare."
    pub fn describe(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            Rule::SeatsPerOrganisation { scope, side, min, max } => {
                let county = |code: &str| reference::county(code);
                let who = match (scope, sv) {
                    (Scope::MunicipalitiesInCounty { county_code }, true) => match county(county_code) {
                        Some(c) => format!("Varje kommun i {}", c.name),
                        None => format!("Varje kommun i län {county_code}"),
                    },
                    (Scope::MunicipalitiesInCounty { county_code }, false) => match county(county_code) {
                        Some(c) => format!("Every municipality in {}", c.name),
                        None => format!("Every municipality in county {county_code}"),
                    },
                    (Scope::Region { county_code }, _) => match county(county_code) {
                        Some(c) => c.region.clone(),
                        None if sv => format!("Regionen i län {county_code}"),
                        None => format!("The region of county {county_code}"),
                    },
                    (Scope::Organisations { .. }, true) => "Varje vald organisation".into(),
                    (Scope::Organisations { .. }, false) => "Each selected organisation".into(),
                };
                let how_many = match (max, sv) {
                    (Some(max), true) if max == min => format!("exakt {min}"),
                    (Some(max), false) if max == min => format!("exactly {min}"),
                    (Some(max), true) if *min == 0 => format!("högst {max}"),
                    (Some(max), false) if *min == 0 => format!("at most {max}"),
                    (Some(max), true) => format!("{min}–{max}"),
                    (Some(max), false) => format!("{min} to {max}"),
                    (None, true) => format!("minst {min}"),
                    (None, false) => format!("at least {min}"),
                };
                let reps = representatives(*side, max.unwrap_or(*min) as usize, lang);
                let has = if sv { "har" } else { "has" };
                format!("{who} {has} {how_many} {reps}.")
            }
            Rule::PresidiumIncludes { kinds } => {
                let list = join_and(kinds.iter().map(|k| kind_phrase(*k, lang)), lang);
                match (sv, kinds.len() > 1) {
                    (true, true) => {
                        format!("Presidiet har minst en företrädare vardera för {list}.")
                    }
                    (true, false) => format!("Presidiet har minst en företrädare för {list}."),
                    (false, true) => {
                        format!("The presidium has at least one representative each of {list}.")
                    }
                    (false, false) => {
                        format!("The presidium has at least one representative of {list}.")
                    }
                }
            }
            Rule::MeetsAtLeast { per_year } => match (sv, per_year) {
                (true, 1) => "Sammanträder minst en gång per år.".into(),
                (true, n) => format!("Sammanträder minst {n} gånger per år."),
                (false, 1) => "Meets at least once a year.".into(),
                (false, n) => format!("Meets at least {n} times a year."),
            },
            Rule::WorkPlanCurrent { years_covered } => match (sv, years_covered) {
                (true, 1) => "Har en arbetsplan för det kommande året, uppdaterad varje år.".into(),
                (true, n) => {
                    format!("Har en arbetsplan för de kommande {n} åren, uppdaterad varje år.")
                }
                (false, 1) => "Has a work plan for the next year, updated every year.".into(),
                (false, n) => {
                    format!("Has a work plan for the next {n} years, updated every year.")
                }
            },
        }
    }
}

/// "ordinarie majoritetsföreträdare" / "ordinary majority representatives", for `n` of them.
pub(super) fn representatives(side: Option<Side>, n: usize, lang: Lang) -> String {
    let noun = if n == 1 { "representative" } else { "representatives" };
    match (side, lang) {
        (None, Lang::Sv) => "ordinarie företrädare".into(),
        (Some(Side::Majority), Lang::Sv) => "ordinarie majoritetsföreträdare".into(),
        (Some(Side::Opposition), Lang::Sv) => "ordinarie oppositionsföreträdare".into(),
        (Some(Side::Neither), Lang::Sv) => "ordinarie företrädare utan politisk sida".into(),
        (None, Lang::En) => format!("ordinary {noun}"),
        (Some(Side::Majority), Lang::En) => format!("ordinary majority {noun}"),
        (Some(Side::Opposition), Lang::En) => format!("ordinary opposition {noun}"),
        (Some(Side::Neither), Lang::En) => format!("ordinary {noun} without a political side"),
    }
}

/// "en region", "a municipality".
pub(super) fn kind_phrase(kind: OrganisationKind, lang: Lang) -> &'static str {
    use OrganisationKind::*;
    match (kind, lang) {
        (Region, Lang::Sv) => "en region",
        (Region, Lang::En) => "a region",
        (Municipality, Lang::Sv) => "en kommun",
        (Municipality, Lang::En) => "a municipality",
        (CountyAdministrativeBoard, Lang::Sv) => "en länsstyrelse",
        (CountyAdministrativeBoard, Lang::En) => "a county administrative board",
        (StateAgency, Lang::Sv) => "en statlig myndighet",
        (StateAgency, Lang::En) => "a state agency",
        (University, Lang::Sv) => "ett lärosäte",
        (University, Lang::En) => "a university",
        (BusinessOrganisation, Lang::Sv) => "en näringslivsorganisation",
        (BusinessOrganisation, Lang::En) => "a business organisation",
        (CivilSocietyOrganisation, Lang::Sv) => "en civilsamhällesorganisation",
        (CivilSocietyOrganisation, Lang::En) => "a civil-society organisation",
        (Other, Lang::Sv) => "en annan organisation",
        (Other, Lang::En) => "another organisation",
    }
}

/// "a, b och c" / "a, b and c".
fn join_and<'a>(items: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    let items: Vec<_> = items.collect();
    let and = if lang == Lang::Sv { " och " } else { " and " };
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
        _ => items.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(scope: Scope, side: Option<Side>, min: u32, max: Option<u32>) -> Rule {
        Rule::SeatsPerOrganisation { scope, side, min, max }
    }

    fn county(code: &str) -> Scope {
        Scope::MunicipalitiesInCounty { county_code: code.into() }
    }

    #[test]
    fn rules_describe_themselves_in_plain_words() {
        let r = seats(county("05"), Some(Side::Majority), 1, Some(1));
        assert_eq!(
            r.describe(Lang::Sv),
            "Varje kommun i Östergötlands län har exakt 1 ordinarie majoritetsföreträdare."
        );
        assert_eq!(
            r.describe(Lang::En),
            "Every municipality in Östergötlands län has exactly 1 ordinary majority representative."
        );
        let r = seats(Scope::Region { county_code: "05".into() }, None, 2, None);
        assert_eq!(r.describe(Lang::Sv), "Region Östergötland har minst 2 ordinarie företrädare.");
        assert_eq!(r.describe(Lang::En), "Region Östergötland has at least 2 ordinary representatives.");
        let r = seats(Scope::Organisations { ids: vec![OrganisationId(1)] }, Some(Side::Opposition), 0, Some(2));
        assert_eq!(r.describe(Lang::Sv), "Varje vald organisation har högst 2 ordinarie oppositionsföreträdare.");
        let r = Rule::PresidiumIncludes { kinds: vec![OrganisationKind::Region, OrganisationKind::Municipality] };
        assert_eq!(r.describe(Lang::Sv), "Presidiet har minst en företrädare vardera för en region och en kommun.");
        assert_eq!(
            r.describe(Lang::En),
            "The presidium has at least one representative each of a region and a municipality."
        );
        assert_eq!(Rule::MeetsAtLeast { per_year: 4 }.describe(Lang::Sv), "Sammanträder minst 4 gånger per år.");
        assert_eq!(
            Rule::WorkPlanCurrent { years_covered: 2 }.describe(Lang::En),
            "Has a work plan for the next 2 years, updated every year."
        );
    }

    #[test]
    fn invalid_rules_name_their_field() {
        let err = |r: Rule| r.validate().unwrap_err().first().clone();
        assert_eq!(err(seats(county("05"), None, 2, Some(1))).code, "min_above_max");
        assert_eq!(err(seats(county("99"), None, 1, None)).field, "county_code");
        assert_eq!(err(seats(Scope::Region { county_code: "".into() }, None, 1, None)).code, "unknown_county");
        assert_eq!(err(seats(Scope::Organisations { ids: vec![] }, None, 1, None)).field, "ids");
        assert_eq!(err(Rule::PresidiumIncludes { kinds: vec![] }).field, "kinds");
        assert_eq!(err(Rule::MeetsAtLeast { per_year: 0 }).field, "per_year");
        assert_eq!(err(Rule::WorkPlanCurrent { years_covered: 0 }).field, "years_covered");
        assert!(seats(county("06"), Some(Side::Opposition), 1, Some(1)).validate().is_ok());
        assert!(Rule::MeetsAtLeast { per_year: 1 }.validate().is_ok());
    }

    #[test]
    fn rules_are_stored_as_tagged_json() {
        let json = r#"{"kind":"seats_per_organisation","scope":{"kind":"municipalities_in_county","county_code":"05"},"side":"opposition","min":1,"max":1}"#;
        let r: Rule = serde_json::from_str(json).unwrap();
        assert_eq!(r, seats(county("05"), Some(Side::Opposition), 1, Some(1)));
        assert_eq!(serde_json::to_string(&r).unwrap(), json);
        let r: Rule =
            serde_json::from_str(r#"{"kind":"presidium_includes","kinds":["region","municipality"]}"#).unwrap();
        assert_eq!(r.code(), "presidium_includes");
    }
}
