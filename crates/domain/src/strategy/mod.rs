//! Governing documents and the strategy model (issue 13, first two paragraphs).
//!
//! - `document`, `relation`, `review`, `elections`: the register of governing documents, their
//!   relations, and when each is due for review (förordning (2017:583); the Swedish general
//!   elections by vallagen (2005:837) 1 kap. 3 §).
//! - `plan`, `node`, `tree`, `sdg`: a strategy with its vision and period, the tree of strategy
//!   areas, prioritised areas, overall and impact goals, their sustainability dimensions and their
//!   links to Agenda 2030's goals and targets (reference data in `data/`).
//!
//! Sources: seeds 001 (Bilaga 1), 002 (Kalmar), 003 (Jönköping), 004 (goals along the three
//! dimensions); domain.md rules 11, 13 and 20.

pub mod document;
pub mod elections;
pub mod node;
pub mod plan;
pub mod relation;
pub mod review;
pub mod sdg;
pub mod tree;

pub use document::{DocumentFields, DocumentInput, DocumentKind};
pub use node::{Dimension, NodeFields, NodeInput};
pub use plan::{StrategyFields, StrategyInput, StrategyStatus};
pub use relation::{RelationInput, RelationKind};
pub use review::{ReviewFinding, RevisionRule, next_review_due, review_finding};
pub use sdg::SdgRef;
pub use tree::{Flat, NodeKind};
