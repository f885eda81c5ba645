//! Bodies, and how they hang together: which body is superior to which (rule 7) and which
//! prepares cases for which (rule 8).

use std::collections::HashMap;

use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::{BodyKind, Rule};
use crate::error::Errors;
use crate::ids::BodyId;
use crate::named::Named;
use crate::{FieldError, Invalid};

/// A consultation body as recorded: its kind, links, duties, representation rules, term and the
/// organisations behind it.
#[derive(Clone, Debug, Serialize)]
pub struct Body {
    pub id: BodyId,
    pub name: String,
    pub kind: BodyKind,
    pub formal: bool,
    pub county_code: Option<String>,
    pub presidium_of: Option<BodyId>,
    pub superior_id: Option<BodyId>,
    pub prepares_for: Option<BodyId>,
    pub duties: Vec<String>,
    pub rules: Vec<Rule>,
    #[serde(with = "crate::dates::ymd::option")]
    pub start: Option<Date>,
    #[serde(with = "crate::dates::ymd::option")]
    pub end: Option<Date>,
    pub secretary: Option<Named>,
    pub organisations: Vec<Named>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Body {
    pub fn facts(&self) -> BodyFacts {
        BodyFacts {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind,
            formal: self.formal,
            superior_id: self.superior_id,
            prepares_for: self.prepares_for,
        }
    }
}

/// What the structure rules need to know about a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyFacts {
    pub id: BodyId,
    /// "Samrådet för strategiska frågor".
    pub name: String,
    pub kind: BodyKind,
    /// Part of the formal structure; informal bodies (networks) prepare nothing.
    pub formal: bool,
    /// The body this one is subordinate to and takes assignments from, e.g. the strategic
    /// management group for the other management groups.
    pub superior_id: Option<BodyId>,
    /// The body this one prepares cases for, e.g. the strategic management group for the
    /// strategic consultation group.
    pub prepares_for: Option<BodyId>,
}

impl BodyFacts {
    /// A body of its kind's default formality with no links.
    pub fn new(id: BodyId, name: impl Into<String>, kind: BodyKind) -> Self {
        BodyFacts {
            id,
            name: name.into(),
            kind,
            formal: kind.is_formal_by_default(),
            superior_id: None,
            prepares_for: None,
        }
    }
}

/// Checks the links between all bodies of a structure: every link names a body in the list,
/// neither the superior links nor the preparation links go round in a circle, and an informal
/// body prepares cases for no one ("networks have no formal preparatory role", seed 001 4.1.6).
pub fn check_hierarchy(bodies: &[BodyFacts]) -> Result<(), Invalid> {
    let by_id: HashMap<BodyId, &BodyFacts> = bodies.iter().map(|b| (b.id, b)).collect();
    let mut e = Errors::new();
    for b in bodies {
        for (field, link) in [("superior_id", b.superior_id), ("prepares_for", b.prepares_for)] {
            if link.is_some_and(|id| !by_id.contains_key(&id)) {
                e.push(FieldError::new(
                    field,
                    "unknown_body",
                    format!("{} hänvisar till en grupp som inte finns.", b.name),
                    format!("{} refers to a body that does not exist.", b.name),
                ));
            }
        }
        if let Some(target) = b.prepares_for
            && !b.formal
        {
            let target = by_id.get(&target).map_or("en annan grupp", |t| &t.name);
            e.push(FieldError::new(
                "prepares_for",
                "informal_cannot_prepare",
                format!("{} ingår inte i den formella strukturen och kan inte bereda ärenden åt {target}.", b.name),
                format!("{} is not part of the formal structure and cannot prepare cases for {target}.", b.name),
            ));
        }
    }
    let links: [(&str, Link, &str, &str); 2] = [
        (
            "superior_id",
            |b| b.superior_id,
            "Överordningen går runt i en cirkel",
            "The chain of superior bodies is circular",
        ),
        (
            "prepares_for",
            |b| b.prepares_for,
            "Beredningen går runt i en cirkel",
            "The chain of preparation is circular",
        ),
    ];
    for (field, link, sv, en) in links {
        for b in bodies {
            if let Some(cycle) = cycle_from(b, &by_id, link) {
                let names: Vec<&str> = cycle.iter().chain([&b]).map(|b| b.name.as_str()).collect();
                let names = names.join(" → ");
                e.push(FieldError::new(field, "cycle", format!("{sv}: {names}."), format!("{en}: {names}.")));
            }
        }
    }
    e.finish(|| ())
}

/// One kind of link from a body to another.
type Link = fn(&BodyFacts) -> Option<BodyId>;

/// The circle of links that leads from `start` back to it, reported only from the body with the
/// lowest id in the circle so that each circle is reported once.
fn cycle_from<'a>(
    start: &'a BodyFacts,
    by_id: &HashMap<BodyId, &'a BodyFacts>,
    link: Link,
) -> Option<Vec<&'a BodyFacts>> {
    let mut path = vec![start];
    let mut next = link(start);
    while let Some(id) = next {
        if id == start.id {
            return path.iter().all(|b| b.id >= start.id).then_some(path);
        }
        if path.iter().any(|b| b.id == id) {
            return None;
        }
        let b = by_id.get(&id)?;
        path.push(b);
        next = link(b);
    }
    None
}
