//! The model: the bodies in their fixed order and the links between them, made safe to draw.
//!
//! Each body goes into one of three bands (political, officials, informal), and the bodies are
//! sorted by band, kind, Swedish name and id, so that the same bodies in any order give the same
//! chart. A presidium is attached to the body whose agenda it sets. A body is nested under its
//! superior only when that link goes round in no circle and involves no presidium drawn with its
//! body; a link to a body that is not drawn, or to the body itself, counts as none.

use std::collections::HashMap;

use domain::ids::BodyId;
use domain::structure::{BodyFacts, BodyKind};
use domain::text::search_key;

/// One body to draw: its facts and, for a presidium, the body whose agenda it sets.
#[derive(Clone, Copy, Debug)]
pub struct ChartBody<'a> {
    /// The body's name, kind and links.
    pub facts: &'a BodyFacts,
    /// For a presidium, the body whose agenda it sets.
    pub presidium_of: Option<BodyId>,
}

/// The bands, top to bottom.
pub(crate) const POLITICAL: usize = 0;
pub(crate) const OFFICIALS: usize = 1;
pub(crate) const INFORMAL: usize = 2;

pub(crate) struct Item<'a> {
    pub(crate) facts: &'a BodyFacts,
    presidium_of: Option<BodyId>,
    pub(crate) band: usize,
}

pub(crate) struct Model<'a> {
    /// Sorted by band, kind, Swedish name and id: the order of everything drawn.
    pub(crate) items: Vec<Item<'a>>,
    by_id: HashMap<BodyId, usize>,
    /// A presidium drawn attached to its body.
    pub(crate) host: Vec<Option<usize>>,
    /// The superior body, unless the link would go round in a circle or involves a presidium
    /// drawn with its body.
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) presidia: Vec<Vec<usize>>,
    pub(crate) subordinates: Vec<Vec<usize>>,
}

fn band_of(f: &BodyFacts) -> usize {
    match f.kind {
        BodyKind::Network | BodyKind::WorkingGroup => INFORMAL,
        _ if !f.formal => INFORMAL,
        BodyKind::ManagementGroup => OFFICIALS,
        _ => POLITICAL,
    }
}

/// The order of kinds within a band: consultation groups first.
fn kind_rank(k: BodyKind) -> u8 {
    match k {
        BodyKind::ConsultationGroup | BodyKind::ManagementGroup | BodyKind::Network => 0,
        BodyKind::SteeringGroup | BodyKind::WorkingGroup => 1,
        BodyKind::ReferenceGroup => 2,
        BodyKind::RegionalCouncil => 3,
        BodyKind::RegionalBoard => 4,
        BodyKind::Committee => 5,
        BodyKind::MunicipalBoard => 6,
        BodyKind::Presidium => 7,
    }
}

impl<'a> Model<'a> {
    pub(crate) fn new(bodies: &[ChartBody<'a>]) -> Model<'a> {
        let mut keyed: Vec<_> = bodies
            .iter()
            .map(|b| {
                let f = b.facts;
                let key = (
                    band_of(f),
                    kind_rank(f.kind),
                    search_key(&f.name),
                    f.id,
                    f.name.clone(),
                    f.kind.as_str(),
                    f.formal,
                    f.superior_id,
                    f.prepares_for,
                    b.presidium_of,
                );
                (key, Item { facts: f, presidium_of: b.presidium_of, band: band_of(f) })
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let items: Vec<Item> = keyed.into_iter().map(|(_, item)| item).collect();
        let n = items.len();
        let mut by_id = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            by_id.entry(item.facts.id).or_insert(i);
        }
        let mut m = Model {
            items,
            by_id,
            host: vec![None; n],
            parent: vec![None; n],
            presidia: vec![Vec::new(); n],
            subordinates: vec![Vec::new(); n],
        };
        let claims: Vec<Option<usize>> = (0..n).map(|i| m.link(i, m.items[i].presidium_of)).collect();
        for i in 0..n {
            if let Some(h) = claims[i]
                && claims[h].is_none()
            {
                m.host[i] = Some(h);
                m.presidia[h].push(i);
            }
        }
        for i in 0..n {
            m.parent[i] =
                m.link(i, m.items[i].facts.superior_id).filter(|&s| m.host[i].is_none() && m.host[s].is_none());
        }
        let circular: Vec<usize> = (0..n).filter(|&i| m.on_circle(i)).collect();
        for i in circular {
            m.parent[i] = None;
        }
        for i in 0..n {
            if let Some(p) = m.parent[i] {
                m.subordinates[p].push(i);
            }
        }
        m
    }

    /// The body a link names, if it is drawn and is not the body itself.
    pub(crate) fn link(&self, i: usize, id: Option<BodyId>) -> Option<usize> {
        id.and_then(|id| self.by_id.get(&id).copied()).filter(|&j| j != i)
    }

    fn on_circle(&self, i: usize) -> bool {
        let mut at = self.parent[i];
        for _ in 0..self.items.len() {
            match at {
                Some(j) if j == i => return true,
                Some(j) => at = self.parent[j],
                None => return false,
            }
        }
        false
    }

    /// The superior under whose frame a body is drawn: only within the same band.
    pub(crate) fn chart_parent(&self, i: usize) -> Option<usize> {
        self.parent[i].filter(|&p| self.items[p].band == self.items[i].band)
    }
}
