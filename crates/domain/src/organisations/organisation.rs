use serde::{Deserialize, Serialize};

use crate::error::Errors;
use crate::ids::OrganisationId;
use crate::{FieldError, Invalid, reference, text};

/// What kind of actor an organisation is. Regions and municipalities are the parties of the
/// collaboration; the others take part in dialogue, referrals and networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Region,
    Municipality,
    CountyAdministrativeBoard,
    StateAgency,
    University,
    BusinessOrganisation,
    CivilSocietyOrganisation,
    #[default]
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 8] = [
        OrganisationKind::Region,
        OrganisationKind::Municipality,
        OrganisationKind::CountyAdministrativeBoard,
        OrganisationKind::StateAgency,
        OrganisationKind::University,
        OrganisationKind::BusinessOrganisation,
        OrganisationKind::CivilSocietyOrganisation,
        OrganisationKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Region => "region",
            OrganisationKind::Municipality => "municipality",
            OrganisationKind::CountyAdministrativeBoard => "county_administrative_board",
            OrganisationKind::StateAgency => "state_agency",
            OrganisationKind::University => "university",
            OrganisationKind::BusinessOrganisation => "business_organisation",
            OrganisationKind::CivilSocietyOrganisation => "civil_society_organisation",
            OrganisationKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Swedish and English names, for pages and documents.
    pub fn label(self, lang: crate::error::Lang) -> &'static str {
        use crate::error::Lang::*;
        match (self, lang) {
            (OrganisationKind::Region, Sv) => "Region",
            (OrganisationKind::Region, En) => "Region",
            (OrganisationKind::Municipality, Sv) => "Kommun",
            (OrganisationKind::Municipality, En) => "Municipality",
            (OrganisationKind::CountyAdministrativeBoard, Sv) => "Länsstyrelse",
            (OrganisationKind::CountyAdministrativeBoard, En) => "County administrative board",
            (OrganisationKind::StateAgency, Sv) => "Statlig myndighet",
            (OrganisationKind::StateAgency, En) => "State agency",
            (OrganisationKind::University, Sv) => "Lärosäte",
            (OrganisationKind::University, En) => "University",
            (OrganisationKind::BusinessOrganisation, Sv) => "Näringslivsorganisation",
            (OrganisationKind::BusinessOrganisation, En) => "Business organisation",
            (OrganisationKind::CivilSocietyOrganisation, Sv) => "Civilsamhällesorganisation",
            (OrganisationKind::CivilSocietyOrganisation, En) => "Civil-society organisation",
            (OrganisationKind::Other, Sv) => "Annan",
            (OrganisationKind::Other, En) => "Other",
        }
    }
}

/// An organisation as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// Kommunkod for a municipality, länskod for a region, organisationsnummer for others.
    pub code: Option<String>,
    /// Länskod of the county the organisation belongs to.
    pub county_code: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    /// The organisation's functional address (the registrar's), where decisions sent to it go.
    pub email: Option<String>,
}

/// An organisation as a user typed it; `parse` turns it into a valid `OrganisationInput` value
/// or names every field that is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: OrganisationKind,
    pub code: Option<String>,
    pub county_code: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    /// The organisation's functional address, e.g. the registrar's.
    #[serde(default)]
    pub email: Option<String>,
}

pub const NAME_MAX: usize = 200;
pub const WEBSITE_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 4000;

impl OrganisationInput {
    /// Validates raw form or JSON fields. The code must fit the kind: a municipality's kommunkod
    /// and a region's länskod must be real ones (SCB), and decide the county; other kinds may
    /// carry a Swedish organisationsnummer, checked with its control digit.
    pub fn parse(
        name: &str,
        kind: &str,
        code: &str,
        county_code: &str,
        website: &str,
        description: &str,
    ) -> Result<OrganisationInput, Invalid> {
        let mut e = Errors::new();
        let name = e.check(text::required("name", name, NAME_MAX));
        let kind = e.check(OrganisationKind::parse(kind.trim()).ok_or_else(|| {
            FieldError::new(
                "kind",
                "invalid_kind",
                "Välj en giltig typ av organisation.",
                "Choose a valid kind of organisation.",
            )
        }));
        let code = code.trim();
        let county_code = county_code.trim();
        let county_given = if county_code.is_empty() {
            None
        } else {
            e.check(reference::county(county_code).map(|c| c.code.clone()).ok_or_else(|| {
                FieldError::new(
                    "county_code",
                    "unknown_county",
                    format!("”{county_code}” är ingen länskod. Ange två siffror, t.ex. 06 för Jönköpings län."),
                    format!("“{county_code}” is not a county code. Give two digits, e.g. 06 for Jönköping County."),
                )
            }))
        };
        let (code, county) = match kind {
            Some(OrganisationKind::Municipality) => match reference::municipality(code) {
                Some(m) => (Some(m.code.clone()), Some(m.county_code.clone())),
                None => {
                    e.push(FieldError::new(
                        "code",
                        "unknown_municipality_code",
                        "Ange kommunens kommunkod med fyra siffror, t.ex. 0680 för Jönköping.",
                        "Give the municipality's four-digit code, e.g. 0680 for Jönköping.",
                    ));
                    (None, None)
                }
            },
            Some(OrganisationKind::Region) => match reference::county(code) {
                Some(c) => (Some(c.code.clone()), Some(c.code.clone())),
                None => {
                    e.push(FieldError::new(
                        "code",
                        "unknown_county_code",
                        "Ange regionens länskod med två siffror, t.ex. 05 för Östergötland.",
                        "Give the region's two-digit county code, e.g. 05 for Östergötland.",
                    ));
                    (None, None)
                }
            },
            Some(_) if code.is_empty() => (None, county_given.clone()),
            Some(_) => match organisation_number(code) {
                Some(n) => (Some(n), county_given.clone()),
                None => {
                    e.push(FieldError::new(
                        "code",
                        "invalid_organisation_number",
                        "Organisationsnumret ska ha tio siffror (NNNNNN-NNNN) med rätt kontrollsiffra.",
                        "The organisation number must have ten digits (NNNNNN-NNNN) with a valid check digit.",
                    ));
                    (None, None)
                }
            },
            None => (None, None),
        };
        if let (Some(given), Some(derived)) = (&county_given, &county)
            && given != derived
        {
            e.push(FieldError::new(
                "county_code",
                "county_mismatch",
                format!("Koden hör till län {derived}, inte {given}."),
                format!("The code belongs to county {derived}, not {given}."),
            ));
        }
        let website = e.check(text::optional("website", website, WEBSITE_MAX)).flatten();
        if let Some(w) = &website
            && !(w.starts_with("https://") || w.starts_with("http://"))
        {
            e.push(FieldError::new(
                "website",
                "invalid_url",
                "Webbadressen ska börja med https:// eller http://.",
                "The web address must start with https:// or http://.",
            ));
        }
        let description = e.check(text::optional_multiline("description", description, DESCRIPTION_MAX)).flatten();
        e.finish(|| OrganisationInput {
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or_default(),
            code,
            county_code: county,
            website,
            description,
            email: None,
        })
    }

    /// `parse` with the organisation's functional e-mail address (optional), every error named.
    pub fn parse_with_email(
        name: &str,
        kind: &str,
        code: &str,
        county_code: &str,
        website: &str,
        description: &str,
        email: &str,
    ) -> Result<OrganisationInput, Invalid> {
        let email = if email.trim().is_empty() { Ok(None) } else { super::email("email", email).map(Some) };
        match (OrganisationInput::parse(name, kind, code, county_code, website, description), email) {
            (Ok(input), Ok(email)) => Ok(OrganisationInput { email, ..input }),
            (Err(mut i), Err(e)) => {
                i.0.push(e);
                Err(i)
            }
            (Err(i), _) => Err(i),
            (_, Err(e)) => Err(Invalid::one(e)),
        }
    }
}

/// A Swedish organisationsnummer: ten digits, the last a Luhn check digit. Returned as
/// "NNNNNN-NNNN".
pub fn organisation_number(s: &str) -> Option<String> {
    let digits: Vec<u32> =
        s.chars().filter(|c| *c != '-' && *c != ' ').map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    if digits.len() != 10 {
        return None;
    }
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { *d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    if !sum.is_multiple_of(10) {
        return None;
    }
    let s: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
    Some(format!("{}-{}", &s[..6], &s[6..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(kind: &str, code: &str, county: &str) -> Result<OrganisationInput, Invalid> {
        OrganisationInput::parse("Namn", kind, code, county, "", "")
    }

    #[test]
    fn a_municipality_takes_its_county_from_the_kommunkod() {
        let o = parse("municipality", "0687", "").unwrap();
        assert_eq!(o.code.as_deref(), Some("0687"));
        assert_eq!(o.county_code.as_deref(), Some("06"));
    }

    #[test]
    fn unknown_codes_are_rejected_at_the_field() {
        assert_eq!(parse("municipality", "0699", "").unwrap_err().first().field, "code");
        assert_eq!(parse("region", "02", "").unwrap_err().first().code, "unknown_county_code");
        assert_eq!(parse("municipality", "0687", "05").unwrap_err().first().code, "county_mismatch");
        assert_eq!(parse("other", "", "99").unwrap_err().first().field, "county_code");
        assert_eq!(parse("spaceship", "", "").unwrap_err().first().field, "kind");
    }

    #[test]
    fn organisation_numbers_need_a_valid_check_digit() {
        // Region Jönköpings län, 232100-0057.
        assert_eq!(organisation_number("2321000057").as_deref(), Some("232100-0057"));
        assert_eq!(organisation_number("232100-0058"), None);
        assert_eq!(organisation_number("12345"), None);
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let err = OrganisationInput::parse("", "region", "77", "", "ftp://x", "").unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "code", "website"]);
    }
}
