//! What an import would change: the register compared with the directory, as a plan that the
//! dry run shows and the apply performs exactly (ADR 40).
//!
//! People are matched by external id, then — for a person of the register not yet linked to the
//! directory — by e-mail address. A matched person's current and future memberships are compared
//! with the directory's: one of the same body and role whose period overlaps is the same seat
//! (kept, and given the directory's end when it ends later or never); a current one the
//! directory no longer lists ends yesterday. People linked to the directory who are no longer in
//! it are listed, and their current memberships end too; they are not deleted (that is the GDPR
//! tools' work, ADR 35). Memberships that start after the day are left alone.

use serde::Serialize;
use time::Date;

use super::{Entry, EntryMembership};
use crate::ids::{BodyId, MembershipId, OrganisationId, PersonId};
use crate::structure::{MembershipRole, Side};

/// The details of a person the directory decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonFields {
    pub external_id: String,
    pub name: String,
    pub email: Option<String>,
    pub organisation: OrganisationId,
    /// The title as an official of the organisation ("Regional utvecklingsdirektör"); none for
    /// a politician.
    pub title: Option<String>,
}

impl PersonFields {
    /// The first detail in which `other` differs, by its CSV column.
    pub(crate) fn differs(&self, other: &PersonFields) -> Option<&'static str> {
        if self.name != other.name {
            Some("fornamn")
        } else if self.email != other.email {
            Some("epost")
        } else if self.organisation != other.organisation {
            Some("organisation")
        } else if self.title != other.title {
            Some("titel")
        } else {
            None
        }
    }
}

/// A person of the register as the plan sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub id: PersonId,
    pub external_id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub organisation: Option<OrganisationId>,
    pub title: Option<String>,
}

/// A membership of the register that is current or future on the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub id: MembershipId,
    pub person: PersonId,
    pub body: BodyId,
    pub role: MembershipRole,
    pub side: Side,
    pub start: Date,
    pub end: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewPerson {
    pub fields: PersonFields,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonUpdate {
    pub id: PersonId,
    pub before: Before,
    pub after: PersonFields,
}

/// The details of a person before the update (`Known` without its id, serialisable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Before {
    pub external_id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub organisation: Option<OrganisationId>,
    pub title: Option<String>,
}

impl PersonUpdate {
    /// The update changes the person as an official: their organisation or title.
    pub fn official_changed(&self) -> bool {
        self.before.organisation != Some(self.after.organisation) || self.before.title != self.after.title
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GonePerson {
    pub id: PersonId,
    pub external_id: String,
    pub name: String,
}

/// The person a new membership belongs to: one of the register, or one the plan adds (by the
/// external id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    Known(PersonId),
    New(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Joining {
    pub who: Who,
    pub name: String,
    pub organisation: OrganisationId,
    pub body: BodyId,
    pub role: MembershipRole,
    pub side: Side,
    pub start: Date,
    pub end: Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeavingReason {
    /// The directory no longer lists the seat (or the person).
    NotInDirectory,
    /// The directory says the seat ends (its term's end), earlier than the register.
    Ends,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Leaving {
    pub id: MembershipId,
    pub person: PersonId,
    pub name: String,
    pub body: BodyId,
    pub role: MembershipRole,
    pub end: Date,
    pub reason: LeavingReason,
}

/// Everything an import changes. Sorted, so that the same register and file give the same
/// plan and so the same fingerprint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub add: Vec<NewPerson>,
    pub update: Vec<PersonUpdate>,
    pub unchanged: usize,
    pub gone: Vec<GonePerson>,
    pub join: Vec<Joining>,
    pub leave: Vec<Leaving>,
}

impl Plan {
    pub fn changes_nothing(&self) -> bool {
        self.add.is_empty() && self.update.is_empty() && self.join.is_empty() && self.leave.is_empty()
    }

    pub fn officials_changed(&self) -> usize {
        self.update.iter().filter(|u| u.official_changed()).count()
    }
}

fn same_seat(h: &Held, m: &EntryMembership) -> bool {
    h.body == m.body && h.role == m.role && h.start <= m.end && h.end.is_none_or(|e| e >= m.start)
}

/// The plan for the directory `entries` against the register's `people` and their current and
/// future `held` memberships, on `today`.
pub fn plan(entries: &[Entry], people: &[Known], held: &[Held], today: Date) -> Plan {
    let mut out = Plan::default();
    let mut matched: Vec<PersonId> = Vec::new();
    let yesterday = today.previous_day().unwrap_or(today);
    let leave_unlisted = |out: &mut Plan, person: PersonId, name: &str, kept: &[MembershipId]| {
        for h in held.iter().filter(|h| h.person == person && h.start <= today && !kept.contains(&h.id)) {
            out.leave.push(Leaving {
                id: h.id,
                person,
                name: name.to_string(),
                body: h.body,
                role: h.role,
                end: yesterday.max(h.start),
                reason: LeavingReason::NotInDirectory,
            });
        }
    };
    for e in entries {
        let f = &e.person;
        let by_id = people.iter().find(|p| p.external_id.as_deref() == Some(f.external_id.as_str()));
        let by_email = || {
            f.email.as_ref().and_then(|mail| {
                people
                    .iter()
                    .filter(|p| p.external_id.is_none() && !matched.contains(&p.id))
                    .find(|p| p.email.as_ref().is_some_and(|m| m.eq_ignore_ascii_case(mail)))
            })
        };
        let Some(p) = by_id.or_else(by_email) else {
            out.add.push(NewPerson { fields: f.clone() });
            for m in &e.memberships {
                out.join.push(joining(Who::New(f.external_id.clone()), f, m));
            }
            continue;
        };
        matched.push(p.id);
        let before = Before {
            external_id: p.external_id.clone(),
            name: p.name.clone(),
            email: p.email.clone(),
            organisation: p.organisation,
            title: p.title.clone(),
        };
        let after_matches = before.external_id.as_deref() == Some(f.external_id.as_str())
            && before.name == f.name
            && before.email == f.email
            && before.organisation == Some(f.organisation)
            && before.title == f.title;
        if after_matches {
            out.unchanged += 1;
        } else {
            out.update.push(PersonUpdate { id: p.id, before, after: f.clone() });
        }
        let mut kept: Vec<MembershipId> = Vec::new();
        for m in &e.memberships {
            match held.iter().find(|h| h.person == p.id && !kept.contains(&h.id) && same_seat(h, m)) {
                Some(h) => {
                    kept.push(h.id);
                    if h.end.is_none_or(|end| end > m.end) {
                        out.leave.push(Leaving {
                            id: h.id,
                            person: p.id,
                            name: f.name.clone(),
                            body: h.body,
                            role: h.role,
                            end: m.end,
                            reason: LeavingReason::Ends,
                        });
                    }
                }
                None => out.join.push(joining(Who::Known(p.id), f, m)),
            }
        }
        leave_unlisted(&mut out, p.id, &f.name, &kept);
    }
    for p in people {
        if let Some(ext) = &p.external_id
            && !matched.contains(&p.id)
        {
            out.gone.push(GonePerson { id: p.id, external_id: ext.clone(), name: p.name.clone() });
            leave_unlisted(&mut out, p.id, &p.name, &[]);
        }
    }
    out.add.sort_by(|a, b| a.fields.external_id.cmp(&b.fields.external_id));
    out.update.sort_by_key(|u| u.id);
    out.gone.sort_by_key(|g| g.id);
    out.join.sort_by(|a, b| {
        let key = |j: &Joining| (format!("{:?}", j.who), j.body, j.role, j.start);
        key(a).cmp(&key(b))
    });
    out.leave.sort_by_key(|l| l.id);
    out
}

fn joining(who: Who, f: &super::PersonFields, m: &EntryMembership) -> Joining {
    Joining {
        who,
        name: f.name.clone(),
        organisation: f.organisation,
        body: m.body,
        role: m.role,
        side: m.side,
        start: m.start,
        end: m.end,
    }
}
