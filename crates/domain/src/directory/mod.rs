//! The people register kept in step with the region's directory (issue 15, ADR 40): an export
//! of the directory — CSV ([`csv`]) or SCIM 2.0-like JSON ([`scim`]) — is read into [`Entry`]s,
//! one per person with their memberships, and compared with the register ([`plan`]) into the
//! changes a dry run shows and an apply performs.
//!
//! Memberships end on their term's end (rule 3 of `domain.md`, [`Term`]): a row without an end
//! ends on the last day of its start's term, and no row may run past it, so when the term ends
//! the seats of the next term stay vacant findings (`structure::compliance`) until filled.

pub mod csv;
mod plan;
pub mod scim;

use serde::Serialize;
use time::Date;

pub use plan::{
    Before, GonePerson, Held, Joining, Known, Leaving, LeavingReason, NewPerson, PersonFields, PersonUpdate, Plan, Who,
    plan,
};

use crate::FieldError;
use crate::ids::{BodyId, OrganisationId};
use crate::structure::csv_import::{keep, parse_role, parse_side};
use crate::structure::{MembershipRole, Side, Term, date};

/// The most people one file may hold: a region with its municipalities' politicians and
/// officials is a few thousand; more is a file meant for something else.
pub const MAX_ENTRIES: usize = 20_000;

/// A row's problem: the row (the line of a CSV file, the position of a SCIM resource from 1) and
/// the error naming its column or attribute.
pub type RowError = (usize, FieldError);

/// How organisations and bodies named in a file are found: an organisation by its code
/// (kommunkod, länskod) or exact name, a body by its id or exact name.
pub struct Lookup<'a> {
    pub organisation: &'a dyn Fn(&str) -> Option<OrganisationId>,
    pub body: &'a dyn Fn(&str) -> Option<BodyId>,
}

/// One person of the directory with their memberships.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The row where the person first appears.
    pub line: usize,
    pub person: PersonFields,
    pub memberships: Vec<EntryMembership>,
}

/// A seat the directory says the person holds, on behalf of their organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryMembership {
    pub line: usize,
    pub body: BodyId,
    pub role: MembershipRole,
    pub side: Side,
    pub start: Date,
    /// Always set: the given end, or the end of the start's term.
    pub end: Date,
}

/// The raw cells of one membership and the names of their columns (CSV) or attributes (SCIM),
/// so that an error names what the file calls them.
pub(crate) struct RawMembership<'a> {
    pub body: (&'a str, &'a str),
    pub role: (&'a str, &'a str),
    pub side: (&'a str, &'a str),
    pub start: (&'a str, &'a str),
    pub end: (&'a str, &'a str),
    pub term: (&'a str, &'a str),
}

/// The end a membership gets from the directory: the given one, or its term's last day; one
/// past its term's end is refused, since a new term's seats are appointed anew (rule 3, KL 5
/// kap. 22 § — a council's appointments run for its term).
pub fn membership_end(start: Date, end: Option<Date>) -> Result<Date, Term> {
    let term = Term::containing(start);
    match end {
        None => Ok(term.end()),
        Some(e) if e <= term.end() => Ok(e),
        Some(_) => Err(term),
    }
}

/// Parses one membership's cells, collecting errors.
pub(crate) fn membership(
    line: usize,
    raw: &RawMembership<'_>,
    lookup: &Lookup<'_>,
    errors: &mut Vec<FieldError>,
) -> Option<EntryMembership> {
    let (body_field, body) = raw.body;
    let body_id = keep(
        errors,
        (lookup.body)(body.trim()).ok_or_else(|| {
            FieldError::new(
                body_field,
                "unknown_body",
                format!("Organet ”{}” finns inte; ange organets nummer eller exakta namn.", body.trim()),
                format!("The body “{}” does not exist; give its number or exact name.", body.trim()),
            )
        }),
    );
    let role = keep(
        errors,
        parse_role(raw.role.1).ok_or_else(|| {
            FieldError::new(
                raw.role.0,
                "invalid_role",
                format!("Okänd roll ”{}”.", raw.role.1.trim()),
                format!("Unknown role “{}”.", raw.role.1.trim()),
            )
        }),
    );
    let side = keep(
        errors,
        parse_side(raw.side.1).ok_or_else(|| {
            FieldError::new(
                raw.side.0,
                "invalid_side",
                format!("Okänd sida ”{}”.", raw.side.1.trim()),
                format!("Unknown side “{}”.", raw.side.1.trim()),
            )
        }),
    );
    let term = if raw.term.1.trim().is_empty() {
        None
    } else {
        keep(
            errors,
            Term::parse(raw.term.1).ok_or_else(|| {
                FieldError::new(
                    raw.term.0,
                    "invalid_term",
                    format!("”{}” är ingen mandatperiod; skriv t.ex. 2027–2030.", raw.term.1.trim()),
                    format!("“{}” is not a term of office; write e.g. 2027–2030.", raw.term.1.trim()),
                )
            }),
        )
    };
    let start = keep(errors, date(raw.start.0, raw.start.1)).flatten().or(term.map(Term::start));
    if start.is_none() && !errors.iter().any(|e| e.field == raw.start.0) {
        errors.push(FieldError::new(
            raw.start.0,
            "required",
            "Ange startdatum eller mandatperiod.",
            "Give a start date or a term of office.",
        ));
    }
    let end = keep(errors, date(raw.end.0, raw.end.1)).flatten();
    let start = start?;
    if let Some(t) = term
        && !t.contains(start)
    {
        errors.push(FieldError::new(
            raw.start.0,
            "outside_term",
            format!("Startdatumet ligger utanför mandatperioden {t}."),
            format!("The start date lies outside the term {t}."),
        ));
    }
    if let Some(e) = end
        && e < start
    {
        errors.push(FieldError::new(
            raw.end.0,
            "end_before_start",
            "Slutdatumet är före startdatumet.",
            "The end date is before the start date.",
        ));
        return None;
    }
    let end = match membership_end(start, end) {
        Ok(e) => Some(e),
        Err(t) => {
            errors.push(FieldError::new(
                raw.end.0,
                "after_term_end",
                format!("Uppdraget slutar senast när mandatperioden {t} slutar, {}.", t.end()),
                format!("The membership ends at the latest when the term {t} ends, on {}.", t.end()),
            ));
            None
        }
    };
    Some(EntryMembership { line, body: body_id?, role: role?, side: side?, start, end: end? })
}

/// Gathers the people of the rows into entries: rows of one external id are one person whose
/// details must agree, no membership appears twice, and no e-mail address belongs to two people.
fn assemble(
    rows: Vec<(usize, PersonFields, Vec<EntryMembership>)>,
    (email_field, body_field): (&str, &str),
) -> Result<Vec<Entry>, Vec<RowError>> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut errors = Vec::new();
    for (line, person, memberships) in rows {
        let at = entries.iter().position(|e| e.person.external_id == person.external_id);
        let i = match at {
            Some(i) => {
                if let Some(field) = entries[i].person.differs(&person) {
                    errors.push((
                        line,
                        FieldError::new(
                            field,
                            "conflicting_rows",
                            format!(
                                "Personen {} står redan på rad {} med andra uppgifter.",
                                person.external_id, entries[i].line
                            ),
                            format!(
                                "The person {} is already on row {} with other details.",
                                person.external_id, entries[i].line
                            ),
                        ),
                    ));
                    continue;
                }
                i
            }
            None => {
                if let Some(email) = &person.email
                    && let Some(other) = entries.iter().find(|e| e.person.email.as_ref() == Some(email))
                {
                    errors.push((
                        line,
                        FieldError::new(
                            email_field,
                            "duplicate_email",
                            format!(
                                "E-postadressen används redan av {} på rad {}.",
                                other.person.external_id, other.line
                            ),
                            format!(
                                "The e-mail address is already used by {} on row {}.",
                                other.person.external_id, other.line
                            ),
                        ),
                    ));
                    continue;
                }
                entries.push(Entry { line, person, memberships: Vec::new() });
                entries.len() - 1
            }
        };
        for m in memberships {
            let same = |o: &EntryMembership| o.body == m.body && o.role == m.role && o.start == m.start;
            if let Some(first) = entries[i].memberships.iter().find(|o| same(o)) {
                errors.push((
                    m.line,
                    FieldError::new(
                        body_field,
                        "duplicate_row",
                        format!("Samma uppdrag står redan på rad {}.", first.line),
                        format!("The same membership is already on row {}.", first.line),
                    ),
                ));
            } else {
                entries[i].memberships.push(m);
            }
        }
    }
    if entries.len() > MAX_ENTRIES {
        errors.push((
            1,
            FieldError::new(
                "file",
                "too_many_people",
                format!("Filen har fler än {MAX_ENTRIES} personer."),
                format!("The file has more than {MAX_ENTRIES} people."),
            ),
        ));
    }
    if entries.is_empty() && errors.is_empty() {
        errors.push((1, FieldError::new("file", "no_rows", "Filen har inga personer.", "The file has no people.")));
    }
    errors.sort_by_key(|(line, _)| *line);
    if errors.is_empty() { Ok(entries) } else { Err(errors) }
}

/// The entries of the parsed rows, or every error: the rows' own and those of assembling them.
pub(crate) fn finish(
    rows: Vec<(usize, PersonFields, Vec<EntryMembership>)>,
    mut errors: Vec<RowError>,
    names: (&str, &str),
) -> Result<Vec<Entry>, Vec<RowError>> {
    if rows.is_empty() && !errors.is_empty() {
        return Err(errors);
    }
    match assemble(rows, names) {
        Ok(entries) if errors.is_empty() => Ok(entries),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            errors.sort_by_key(|(line, _)| *line);
            Err(errors)
        }
    }
}

/// A person's details as the directory states them, checked: the external id, the name from
/// given and family name, the e-mail address, the organisation and the title as its official.
pub(crate) fn person(
    fields: [(&str, &str); 6],
    lookup: &Lookup<'_>,
    errors: &mut Vec<FieldError>,
) -> Option<PersonFields> {
    let [(f_id, id), (f_given, given), (f_family, family), (f_email, email), (f_org, org), (f_title, title)] = fields;
    let external_id = keep(errors, crate::text::required(f_id, id, 200));
    let given = keep(errors, crate::text::required(f_given, given, 100));
    let family = keep(errors, crate::text::required(f_family, family, 100));
    let email = if email.trim().is_empty() {
        None
    } else {
        keep(errors, crate::organisations::email(f_email, email).map(|e| e.to_lowercase()))
    };
    let organisation = keep(
        errors,
        (lookup.organisation)(org.trim()).ok_or_else(|| {
            FieldError::new(
                f_org,
                "unknown_organisation",
                format!("Organisationen ”{}” finns inte; ange kommunkod, länskod eller exakt namn.", org.trim()),
                format!("The organisation “{}” does not exist; give its code or exact name.", org.trim()),
            )
        }),
    );
    let title = keep(errors, crate::text::optional(f_title, title, 200)).flatten();
    Some(PersonFields {
        external_id: external_id?,
        name: format!("{} {}", given?, family?),
        email,
        organisation: organisation?,
        title,
    })
}

#[cfg(test)]
mod tests;
