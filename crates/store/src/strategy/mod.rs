//! Governing documents and the strategy model (issue 13): the register of governing documents
//! with their relations and review findings (`documents`), strategies with their trees
//! (`strategies`, `nodes`), and the Swedish texts of Agenda 2030's targets (`sdg`). Every write
//! is one transaction with its audit event; creates take an idempotency key.

mod documents;
mod index;
mod nodes;
mod sdg;
mod strategies;

pub use documents::DocumentFilter;
pub use domain::strategy::{
    Dimension, DocumentInput, DocumentKind, NodeInput, NodeKind, RelationInput, RelationKind, ReviewFinding,
    RevisionRule, SdgRef, StrategyInput, StrategyStatus,
};
pub(crate) use index::{all_strategies_and_documents, refresh_document, refresh_documents_of, refresh_strategy};
pub use sdg::TargetText;

use domain::named::Named;
use serde::Serialize;
use time::Date;

/// The protocol paragraph that adopted a document, when the protocol is kept here.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct AdoptedIn {
    pub id: i64,
    pub meeting_id: i64,
    pub number: i64,
    pub title: String,
    pub body: String,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
}

/// A relation seen from one document: the other document, and which way it points.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    pub id: i64,
    pub title: String,
    pub kind: RelationKind,
    /// True when this document is the relation's subject ("implements" the other).
    pub outgoing: bool,
}

/// A governing document with its review finding as of the store's today.
#[derive(Clone, Debug, Serialize)]
pub struct GoverningDocument {
    pub id: i64,
    pub owner: Named,
    pub kind: DocumentKind,
    pub title: String,
    pub summary: Option<String>,
    #[serde(with = "domain::dates::ymd::option")]
    pub valid_from: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub valid_to: Option<Date>,
    pub adopted_body: Option<Named>,
    pub adopted_by: Option<String>,
    #[serde(with = "domain::dates::ymd::option")]
    pub adopted_on: Option<Date>,
    pub adopted_paragraph: Option<String>,
    pub adopted_in: Option<AdoptedIn>,
    pub revision_rule: RevisionRule,
    #[serde(with = "domain::dates::ymd::option")]
    pub reviewed_on: Option<Date>,
    pub review: ReviewFinding,
    pub initiated_by: Option<Named>,
    pub relations: Vec<Related>,
    /// The strategies whose document this is.
    pub strategies: Vec<Named>,
}

impl GoverningDocument {
    /// The adopting body's name: the registered body's, or as written.
    pub fn adopted_by_name(&self) -> Option<&str> {
        self.adopted_body.as_ref().map(|b| b.name.as_str()).or(self.adopted_by.as_deref())
    }
}

/// A document in the register's list.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentSummary {
    pub id: i64,
    pub owner: Named,
    pub kind: DocumentKind,
    pub title: String,
    #[serde(with = "domain::dates::ymd::option")]
    pub valid_from: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub valid_to: Option<Date>,
    pub review: ReviewFinding,
}

/// A node of a strategy's tree, in reading order with its depth (0 at the top).
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    pub id: i64,
    pub strategy_id: i64,
    pub parent_id: Option<i64>,
    pub kind: NodeKind,
    pub title: String,
    pub description: Option<String>,
    pub dimensions: Vec<Dimension>,
    pub sdg: Vec<SdgRef>,
    pub bodies: Vec<Named>,
    /// The indicators that follow the node up.
    pub indicators: Vec<Named>,
    pub position: i64,
    pub depth: usize,
}

/// A strategy with its whole tree.
#[derive(Clone, Debug, Serialize)]
pub struct Strategy {
    pub id: i64,
    pub owner: Named,
    pub title: String,
    pub vision: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub status: StrategyStatus,
    pub document: Option<Named>,
    pub nodes: Vec<Node>,
}

impl Strategy {
    pub fn node(&self, id: i64) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn children(&self, id: Option<i64>) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(move |n| n.parent_id == id)
    }

    /// The node's ancestors, from the top down.
    pub fn path(&self, id: i64) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut at = self.node(id).and_then(|n| n.parent_id);
        while let Some(p) = at.and_then(|p| self.node(p)) {
            out.push(p);
            at = p.parent_id;
        }
        out.reverse();
        out
    }
}

/// A strategy in a list.
#[derive(Clone, Debug, Serialize)]
pub struct StrategySummary {
    pub id: i64,
    pub title: String,
    pub owner: Named,
    pub first_year: i32,
    pub last_year: i32,
    pub status: StrategyStatus,
    pub nodes: i64,
}
