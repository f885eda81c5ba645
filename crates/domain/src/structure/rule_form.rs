//! A representation rule as a form shows it: one set of plain fields per rule, so that an
//! administrator edits a rule by its parts ("every municipality in county 06 holds 1–2 seats on
//! the majority side") instead of as JSON. Parsing gives the same `Rule` the JSON does, checked
//! by the same `Rule::validate`.

use super::Side;
use super::rules::{Rule, Scope};
use crate::error::Errors;
use crate::ids::OrganisationId;
use crate::organisations::OrganisationKind;
use crate::{FieldError, Invalid};

/// The fields of one rule's form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleFields {
    /// `seats_per_organisation`, `presidium_includes`, `meets_at_least` or `work_plan_current`.
    pub kind: String,
    /// `municipalities_in_county`, `region` or `organisations`.
    pub scope: String,
    pub county_code: String,
    pub ids: Vec<String>,
    /// `majority`, `opposition`, or empty for any side.
    pub side: String,
    pub min: String,
    pub max: String,
    pub kinds: Vec<String>,
    pub per_year: String,
    pub years_covered: String,
}

fn number(field: &str, v: &str, required: bool) -> Result<Option<u32>, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return if required { Err(FieldError::required(field)) } else { Ok(None) };
    }
    v.parse::<u32>().map(Some).map_err(|_| {
        FieldError::new(field, "not_a_number", "Ange ett heltal, 0 eller större.", "Give a whole number, 0 or more.")
    })
}

impl RuleFields {
    /// The fields that show `rule`.
    pub fn of(rule: &Rule) -> RuleFields {
        let mut f = RuleFields { kind: rule.code().into(), ..Default::default() };
        match rule {
            Rule::SeatsPerOrganisation { scope, side, min, max } => {
                match scope {
                    Scope::MunicipalitiesInCounty { county_code } => {
                        f.scope = "municipalities_in_county".into();
                        f.county_code = county_code.clone();
                    }
                    Scope::Region { county_code } => {
                        f.scope = "region".into();
                        f.county_code = county_code.clone();
                    }
                    Scope::Organisations { ids } => {
                        f.scope = "organisations".into();
                        f.ids = ids.iter().map(|i| i.0.to_string()).collect();
                    }
                }
                f.side = side.map(|s| s.as_str().to_string()).unwrap_or_default();
                f.min = min.to_string();
                f.max = max.map(|m| m.to_string()).unwrap_or_default();
            }
            Rule::PresidiumIncludes { kinds } => f.kinds = kinds.iter().map(|k| k.as_str().to_string()).collect(),
            Rule::MeetsAtLeast { per_year } => f.per_year = per_year.to_string(),
            Rule::WorkPlanCurrent { years_covered } => f.years_covered = years_covered.to_string(),
        }
        f
    }

    /// The rule, or every problem at its field.
    pub fn parse(&self) -> Result<Rule, Invalid> {
        let mut e = Errors::new();
        let rule = match self.kind.as_str() {
            "seats_per_organisation" => {
                let scope = match self.scope.as_str() {
                    "municipalities_in_county" => {
                        Some(Scope::MunicipalitiesInCounty { county_code: self.county_code.trim().into() })
                    }
                    "region" => Some(Scope::Region { county_code: self.county_code.trim().into() }),
                    "organisations" => {
                        let ids: Vec<OrganisationId> =
                            self.ids.iter().filter_map(|i| i.trim().parse().ok()).map(OrganisationId).collect();
                        Some(Scope::Organisations { ids })
                    }
                    _ => {
                        e.push(FieldError::new(
                            "scope",
                            "invalid_scope",
                            "Välj vilka organisationer regeln gäller.",
                            "Choose which organisations the rule applies to.",
                        ));
                        None
                    }
                };
                let side = match self.side.as_str() {
                    "" => Some(None),
                    s => match Side::parse(s) {
                        Some(side) => Some(Some(side)),
                        None => {
                            e.push(FieldError::new("side", "invalid_side", "Okänd sida.", "Unknown side."));
                            None
                        }
                    },
                };
                let min = e.check(number("min", &self.min, true)).flatten();
                let max = e.check(number("max", &self.max, false));
                match (scope, side, min, max) {
                    (Some(scope), Some(side), Some(min), Some(max)) => {
                        Some(Rule::SeatsPerOrganisation { scope, side, min, max })
                    }
                    _ => None,
                }
            }
            "presidium_includes" => {
                let kinds: Vec<OrganisationKind> =
                    self.kinds.iter().filter_map(|k| OrganisationKind::parse(k)).collect();
                Some(Rule::PresidiumIncludes { kinds })
            }
            "meets_at_least" => e
                .check(number("per_year", &self.per_year, true))
                .flatten()
                .map(|per_year| Rule::MeetsAtLeast { per_year }),
            "work_plan_current" => e
                .check(number("years_covered", &self.years_covered, true))
                .flatten()
                .map(|years_covered| Rule::WorkPlanCurrent { years_covered }),
            _ => {
                e.push(FieldError::new("kind", "invalid_kind", "Okänd typ av regel.", "Unknown kind of rule."));
                None
            }
        };
        let rule = e.finish(|| rule)?;
        let rule = rule.ok_or_else(|| Invalid::one(FieldError::required("kind")))?;
        rule.validate()?;
        Ok(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::standard_rules;

    #[test]
    fn every_standard_rule_goes_through_its_form_unchanged() {
        // Seed 001's sets for Jönköping's county (06): what the form shows is what it saves.
        for rules in [
            standard_rules::strategic_consultation_group("06"),
            standard_rules::care_consultation_group("06"),
            standard_rules::management_group("06"),
        ] {
            for r in rules {
                assert_eq!(RuleFields::of(&r).parse().unwrap(), r);
            }
        }
    }

    #[test]
    fn bad_parts_are_named_at_their_fields() {
        let f = RuleFields {
            kind: "seats_per_organisation".into(),
            scope: "municipalities_in_county".into(),
            county_code: "99".into(),
            min: "2".into(),
            max: "1".into(),
            ..Default::default()
        };
        let e = f.parse().unwrap_err();
        assert!(e.for_field("county_code").is_some() && e.for_field("max").is_some(), "{e:?}");
        let f = RuleFields {
            kind: "seats_per_organisation".into(),
            scope: "region".into(),
            min: "en".into(),
            ..Default::default()
        };
        assert_eq!(f.parse().unwrap_err().for_field("min").unwrap().code, "not_a_number");
        let f = RuleFields { kind: "meets_at_least".into(), per_year: "0".into(), ..Default::default() };
        assert_eq!(f.parse().unwrap_err().first().field, "per_year");
        let f = RuleFields { kind: "presidium_includes".into(), ..Default::default() };
        assert_eq!(f.parse().unwrap_err().first().field, "kinds");
        assert_eq!(RuleFields { kind: "x".into(), ..Default::default() }.parse().unwrap_err().first().field, "kind");
    }
}
