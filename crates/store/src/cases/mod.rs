//! The registry (diarium, issue 11): number series and registrars per organisation, cases
//! numbered inside the transaction that registers them, and the documents registered in them.
//!
//! - `series`: an organisation's prefix and its registrars (ADR 33).
//! - `case`: registering a case (its number taken from the series in the same transaction, so
//!   no two cases share a number and no number is skipped, ADR 32), loading and listing cases,
//!   changing their status.
//! - `documents`: registering a document in a case (numbered within the case, dated by the
//!   store's clock), with its files and secrecy marking.
//! - `index`: what search finds of a case and its documents (public titles; a secret
//!   document's number and date only).

mod case;
mod documents;
mod index;
mod series;

pub use case::CaseFilter;
pub use documents::{CaseDocument, DocumentFile, NewDocumentFile};
pub use domain::cases::{Case, CaseInput, CaseStatus, Direction, DocumentInput, Prefix, Secrecy};
pub(crate) use index::refresh_case;
pub use series::{Registrar, Series};
