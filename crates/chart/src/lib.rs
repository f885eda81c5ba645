//! The structure chart: the consultation structure drawn as server-side SVG, and the same content
//! as a nested list (the text alternative).
//!
//! Three bands, as in the summary picture of seed 001: the political consultation groups with
//! their presidiums on top, the management groups of officials in the middle — a superior group
//! above a frame holding the groups it is superior to — and, set apart by a dashed border, the
//! informal networks and working groups. Solid arrows run from a body to the body it prepares
//! cases for, dashed arrows from a superior body to its subordinates.
//!
//! Pure and deterministic: the same bodies in any order give the same bytes. The page's
//! Content-Security-Policy forbids inline styles, so the SVG uses presentation attributes only.
//! Every box is a link to the body's page with its own `<title>`.
//!
//! The work is split by concept, each module using only those below it: [`xml`] escapes text and
//! [`text`] measures and wraps it (both public, for other charts to reuse); `geom` has points and
//! rectangles in whole pixels; `model` sorts the bodies into bands and makes their links safe to
//! draw; `blocks` places their boxes; `route` finds lines between boxes; `layout` puts the whole
//! chart together and `render` writes it out.

#![deny(missing_docs)]

use domain::error::Lang;
use domain::ids::BodyId;

mod blocks;
#[cfg(test)]
mod fixtures;
mod geom;
mod layout;
// indicators (issue 13): the line chart of yearly series
pub mod line;
// processes (issue 14): the Gantt chart of a process plan
pub mod gantt;
// surveys (issue 14): bar charts of counts
pub mod bars;
mod model;
mod render;
mod route;
#[cfg(test)]
mod tests;
pub mod text;
pub mod xml;

use layout::layout;
pub use model::ChartBody;
use model::Model;
use render::{empty_svg, render};
pub use xml::esc;

/// One entry of the text alternative: a body, its kind and how it relates to the others, with
/// the bodies under it (its presidium, the bodies it is superior to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineNode {
    /// The body, for a link to its page.
    pub id: BodyId,
    /// Its name as plain text: escape it for HTML (with [`esc`]).
    pub name: String,
    /// Its kind in the language asked for, e.g. "Samrådsgrupp".
    pub kind_label: &'static str,
    /// "Bereder ärenden åt Samrådet för strategiska frågor"; several relations are joined by "; ".
    pub relation: Option<String>,
    /// Its presidiums, then the bodies it is superior to, nested the same way.
    pub children: Vec<OutlineNode>,
}

/// The chart as one complete `<svg>` element, at its natural size in pixels (with a `viewBox`,
/// so CSS may scale it). Wide structures are wider than a phone: put it in a scrolling container.
///
/// The element has `role="group"`, named by its `<title>` and described by its `<desc>`; not
/// `role="img"`, whose children are presentational: screen readers would lose the links (axe
/// reports it as nested-interactive). Put the [`outline`] next to it as the text alternative.
pub fn svg(bodies: &[ChartBody], lang: Lang) -> String {
    let model = Model::new(bodies);
    if model.items.is_empty() {
        return empty_svg(lang);
    }
    render(&model, &layout(&model, lang), lang)
}

/// The text alternative: the bodies that answer to no other body, in the order of the chart's
/// bands, each with its presidiums and then its subordinates nested under it.
pub fn outline(bodies: &[ChartBody], lang: Lang) -> Vec<OutlineNode> {
    let model = Model::new(bodies);
    (0..model.items.len())
        .filter(|&i| model.host[i].is_none() && model.parent[i].is_none())
        .map(|i| outline_node(&model, i, lang))
        .collect()
}

fn outline_node(m: &Model, i: usize, lang: Lang) -> OutlineNode {
    let facts = m.items[i].facts;
    let children = m.presidia[i].iter().chain(&m.subordinates[i]).map(|&c| outline_node(m, c, lang)).collect();
    OutlineNode {
        id: facts.id,
        name: facts.name.clone(),
        kind_label: facts.kind.label(lang),
        relation: relation(m, i, lang),
        children,
    }
}

fn relation(m: &Model, i: usize, lang: Lang) -> Option<String> {
    let facts = m.items[i].facts;
    let name = |j: usize| m.items[j].facts.name.as_str();
    let sv = lang == Lang::Sv;
    let mut parts = Vec::new();
    if let Some(h) = m.host[i] {
        parts.push(if sv { format!("Presidium för {}", name(h)) } else { format!("Presidium of {}", name(h)) });
    }
    if let Some(s) = m.link(i, facts.superior_id) {
        parts.push(if sv { format!("Underställd {}", name(s)) } else { format!("Reports to {}", name(s)) });
    }
    if let Some(t) = m.link(i, facts.prepares_for) {
        parts.push(if sv {
            format!("Bereder ärenden åt {}", name(t))
        } else {
            format!("Prepares cases for {}", name(t))
        });
    }
    if !facts.formal {
        parts.push(if sv { "Informell, utan beredande roll" } else { "Informal, no preparatory role" }.to_string());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
