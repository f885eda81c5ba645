//! The search index (ADR 20): `search_documents`, one row per thing that can be found, with its
//! terms stemmed in Rust by `domain::search`, and the engine's full-text index over those terms
//! (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL).
//!
//! Every write that changes something searchable calls one of the `refresh_…` functions of
//! `documents` in its own transaction, so a write is found as soon as it commits and a deleted
//! thing disappears with it. `find` answers queries; `reindex` rebuilds the whole index;
//! `hidden` says which removed people's names a meeting's texts hide (rule 22, ADR 35), for the
//! index and for open data.
//! This module reads the other tables with its own SQL and uses no other store module, so every
//! capability may call it without a cycle.

pub mod bench;
mod documents;
mod find;
pub(crate) mod hidden;
pub(crate) mod reindex;

pub(crate) use documents::{body_people, refresh_body, refresh_meeting, refresh_person};
pub use documents::{index, remove};
pub use domain::search::{Kind, Readers, SearchDocument, SearchQuery, Searchable};
pub(crate) use find::{CUSTOM_PLAN, matching, planned};
pub use find::{Facet, Facets, Hit, Reading, SearchResults, Walk};
