//! Who a referral asks (remissinstanser). Issue 12: "organisations chosen by kind and county
//! (all municipalities of the county in one step), named people, and optionally everyone …
//! Each consultee is marked as obliged to answer or invited."

use serde::{Deserialize, Serialize};

use crate::ids::OrganisationId;
use crate::organisations::{Organisation, OrganisationKind};

/// Whether a consultee must answer (a party of the collaboration asked formally) or is invited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    Obliged,
    #[default]
    Invited,
}

impl Obligation {
    pub fn as_str(self) -> &'static str {
        match self {
            Obligation::Obliged => "obliged",
            Obligation::Invited => "invited",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "obliged" => Some(Obligation::Obliged),
            "invited" => Some(Obligation::Invited),
            _ => None,
        }
    }

    pub fn parse_field(field: &str, s: &str) -> Result<Self, crate::FieldError> {
        Self::parse(s.trim()).ok_or_else(|| {
            crate::FieldError::new(
                field,
                "invalid_choice",
                "Välj om remissinstansen är skyldig att svara eller inbjuden.",
                "Choose whether the consultee is obliged to answer or invited.",
            )
        })
    }
}

/// The organisations of `kind` in county `county` (länskod), by name: "all municipalities of
/// the county in one step". Organisations already asked (`already`) are left out, so choosing
/// the same step twice adds no one twice.
pub fn in_county_of_kind(
    organisations: &[Organisation],
    kind: OrganisationKind,
    county: &str,
    already: &[OrganisationId],
) -> Vec<OrganisationId> {
    let mut hits: Vec<&Organisation> = organisations
        .iter()
        .filter(|o| o.kind == kind && o.county_code.as_deref() == Some(county) && !already.contains(&o.id))
        .collect();
    hits.sort_by(|a, b| a.name.cmp(&b.name));
    hits.into_iter().map(|o| o.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: i64, name: &str, kind: OrganisationKind, county: &str) -> Organisation {
        Organisation {
            id: OrganisationId(id),
            name: name.into(),
            kind,
            code: None,
            county_code: Some(county.into()),
            website: None,
            description: None,
            email: None,
        }
    }

    #[test]
    fn all_municipalities_of_a_county_in_one_step() {
        // Issue 12 and seed 002: Kalmar län's municipalities (county 08), not Östergötland's.
        let orgs = [
            org(1, "Region Kalmar län", OrganisationKind::Region, "08"),
            org(2, "Kalmar kommun", OrganisationKind::Municipality, "08"),
            org(3, "Borgholms kommun", OrganisationKind::Municipality, "08"),
            org(4, "Linköpings kommun", OrganisationKind::Municipality, "05"),
            org(5, "Länsstyrelsen i Kalmar län", OrganisationKind::CountyAdministrativeBoard, "08"),
        ];
        assert_eq!(
            in_county_of_kind(&orgs, OrganisationKind::Municipality, "08", &[]),
            [OrganisationId(3), OrganisationId(2)]
        );
        assert_eq!(
            in_county_of_kind(&orgs, OrganisationKind::Municipality, "08", &[OrganisationId(3)]),
            [OrganisationId(2)]
        );
        assert!(in_county_of_kind(&orgs, OrganisationKind::University, "08", &[]).is_empty());
        assert_eq!(Obligation::parse_field("obligation", "x").unwrap_err().code, "invalid_choice");
    }
}
