//! Memberships: who sits in a body, for which organisation, in which role and when.

use std::collections::BTreeSet;

use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::inputs::date;
use super::{MembershipRole, Side};
use crate::error::Errors;
use crate::ids::{OrganisationId, PersonId};
use crate::organisations::{Organisation, OrganisationKind};
use crate::{FieldError, Invalid};

/// A membership as listed: who sits in which body for which organisation, with the names a
/// list shows.
#[derive(Clone, Debug, Serialize)]
pub struct Membership {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub person_id: i64,
    pub person_name: String,
    pub party: Option<String>,
    pub organisation_id: i64,
    pub organisation_name: String,
    #[serde(skip)]
    pub organisation_kind: String,
    #[serde(skip)]
    pub organisation_code: Option<String>,
    #[serde(skip)]
    pub organisation_county: Option<String>,
    pub role: String,
    pub side: String,
    pub substitute_for: Option<i64>,
    pub substitute_for_name: Option<String>,
    #[serde(with = "crate::dates::ymd")]
    pub start_date: Date,
    #[serde(with = "crate::dates::ymd::option")]
    pub end_date: Option<Date>,
    pub term: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Membership {
    pub fn role(&self) -> MembershipRole {
        MembershipRole::parse(&self.role).unwrap_or(MembershipRole::Member)
    }

    pub fn side(&self) -> Side {
        Side::parse(&self.side).unwrap_or_default()
    }

    pub fn organisation_facts(&self) -> OrganisationFacts {
        OrganisationFacts {
            id: OrganisationId(self.organisation_id),
            name: self.organisation_name.clone(),
            kind: OrganisationKind::parse(&self.organisation_kind).unwrap_or_default(),
            code: self.organisation_code.clone(),
            county_code: self.organisation_county.clone(),
        }
    }

    pub fn facts(&self) -> MembershipFacts {
        MembershipFacts {
            person: PersonId(self.person_id),
            organisation: self.organisation_facts(),
            role: self.role(),
            side: self.side(),
            start: self.start_date,
            end: self.end_date,
            substitute_for: self.substitute_for.map(PersonId),
        }
    }

    pub fn is_active_at(&self, d: Date) -> bool {
        self.start_date <= d && self.end_date.is_none_or(|e| d <= e)
    }
}

/// What the structure rules need to know about an organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationFacts {
    pub id: OrganisationId,
    /// "Ydre kommun", "Region Östergötland".
    pub name: String,
    pub kind: OrganisationKind,
    /// Kommunkod for a municipality, länskod for a region: the rules' scopes match on it.
    pub code: Option<String>,
    pub county_code: Option<String>,
}

impl From<&Organisation> for OrganisationFacts {
    fn from(o: &Organisation) -> Self {
        OrganisationFacts {
            id: o.id,
            name: o.name.clone(),
            kind: o.kind,
            code: o.code.clone(),
            county_code: o.county_code.clone(),
        }
    }
}

/// A membership of one body as stored, with the organisation the person represents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembershipFacts {
    pub person: PersonId,
    pub organisation: OrganisationFacts,
    pub role: MembershipRole,
    pub side: Side,
    pub start: Date,
    /// Last day of the membership (inclusive); none while it runs.
    pub end: Option<Date>,
    /// The ordinary member a substitute stands in for, if a personal substitute.
    pub substitute_for: Option<PersonId>,
}

impl MembershipFacts {
    pub fn is_active_at(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }
}

/// How many different people hold an ordinary seat (chair, vice chair, member) for an
/// organisation on a date, on one side or on any side when `side` is none.
pub fn ordinary_seats(
    memberships: &[MembershipFacts],
    organisation: OrganisationId,
    side: Option<Side>,
    at: Date,
) -> usize {
    memberships
        .iter()
        .filter(|m| {
            m.organisation.id == organisation
                && m.role.is_ordinary()
                && side.is_none_or(|s| s == m.side)
                && m.is_active_at(at)
        })
        .map(|m| m.person)
        .collect::<BTreeSet<_>>()
        .len()
}

/// A membership as a user entered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembershipInput {
    pub person: PersonId,
    pub organisation: OrganisationId,
    pub role: MembershipRole,
    pub side: Side,
    pub start: Date,
    pub end: Option<Date>,
    pub substitute_for: Option<PersonId>,
}

impl MembershipInput {
    /// Validates raw form fields: ids as numbers, role and side as codes (an empty side is
    /// `neither`), dates as YYYY-MM-DD. The end may not be before the start, only a substitute
    /// stands in for someone, and never for themselves.
    pub fn parse(
        person: &str,
        organisation: &str,
        role: &str,
        side: &str,
        start: &str,
        end: &str,
        substitute_for: &str,
    ) -> Result<MembershipInput, Invalid> {
        let mut e = Errors::new();
        let person =
            e.check(required(id(person, "person", "Välj en person.", "Choose a person."), "person")).map(PersonId);
        let organisation = e
            .check(required(
                id(organisation, "organisation", "Välj en organisation.", "Choose an organisation."),
                "organisation",
            ))
            .map(OrganisationId);
        let role = e
            .check(MembershipRole::parse(role).ok_or_else(|| {
                FieldError::new("role", "invalid_role", "Välj en giltig roll.", "Choose a valid role.")
            }));
        let side = e.check(if side.trim().is_empty() {
            Ok(Side::Neither)
        } else {
            Side::parse(side).ok_or_else(|| {
                FieldError::new(
                    "side",
                    "invalid_side",
                    "Välj majoritet, opposition eller ingen.",
                    "Choose majority, opposition or neither.",
                )
            })
        });
        let start = e.check(required(date("start", start), "start"));
        let end = e.check(date("end", end)).flatten();
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            e.push(FieldError::new(
                "end",
                "end_before_start",
                "Slutdatumet kan inte vara före startdatumet.",
                "The end date cannot be before the start date.",
            ));
        }
        let substitute_for = e
            .check(id(substitute_for, "substitute_for", "Välj en giltig person.", "Choose a valid person."))
            .flatten()
            .map(PersonId);
        if substitute_for.is_some() && role.is_some_and(|r| r != MembershipRole::Substitute) {
            e.push(FieldError::new(
                "substitute_for",
                "not_a_substitute",
                "Bara en ersättare kan vara ersättare för någon.",
                "Only a substitute can stand in for someone.",
            ));
        }
        if substitute_for.is_some() && substitute_for == person {
            e.push(FieldError::new(
                "substitute_for",
                "own_substitute",
                "En person kan inte vara ersättare för sig själv.",
                "A person cannot be their own substitute.",
            ));
        }
        e.finish(|| MembershipInput {
            person: person.unwrap_or(PersonId(0)),
            organisation: organisation.unwrap_or(OrganisationId(0)),
            role: role.unwrap_or(MembershipRole::Member),
            side: side.unwrap_or_default(),
            start: start.unwrap_or(Date::MIN),
            end,
            substitute_for,
        })
    }
}

/// A value the field must have.
fn required<T>(r: Result<Option<T>, FieldError>, field: &str) -> Result<T, FieldError> {
    r?.ok_or_else(|| FieldError::required(field))
}

/// An optional id: empty is none, anything else must be a positive number.
fn id(value: &str, field: &str, sv: &str, en: &str) -> Result<Option<i64>, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<i64>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(FieldError::new(field, "invalid_id", sv, en)),
    }
}
