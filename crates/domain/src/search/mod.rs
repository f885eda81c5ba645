//! Search over everything public, and over the drafts a signed-in reader may see (issue
//! "Platform services"). The rules live here as pure Rust so that SQLite and PostgreSQL see the
//! same terms and rank alike: words are cut and stemmed by Snowball Swedish in Rust, both when a
//! document is indexed and when a query is read (ADR 20).
//!
//! - `terms`: words → stems, and the match rule (a query stem matches a document stem it
//!   begins, so "kompetens" finds "kompetensförsörjning").
//! - `document`: what is indexed (`SearchDocument`, its `Kind`, where it may be read) and the
//!   one trait later capabilities implement (`Searchable`).
//! - `query`: the query as a user gives it, parsed with field errors.
//! - `snippet`: the highlighted excerpt, computed from the stored text the same way on both
//!   engines.

pub mod document;
pub mod query;
pub mod snippet;
pub mod terms;

pub use document::{Kind, Readers, SearchDocument, Searchable};
pub use query::{MAX_QUERY, SearchQuery};
pub use snippet::{highlight, snippet};
pub use terms::{document_terms, query_stems, stem, words};
