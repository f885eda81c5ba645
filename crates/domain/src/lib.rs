//! The rules of Samverkan as plain Rust: types that parse themselves, validation and the pure
//! functions behind the product's legal and seed rules. No I/O, no async, no SQL.
//!
//! One module per area of `domain.md`; the same names recur in `store` and `web`.

pub mod accounts;
pub mod actionplans;
pub mod assignments;
pub mod branding;
pub mod cases;
pub mod dates;
pub mod directory;
pub mod error;
pub mod identity;
pub mod ids;
// indicators (issue 13)
pub mod indicators;
pub mod joint;
pub mod meetings;
pub mod named;
pub mod organisations;
pub mod privacy;
// processes (issue 14): phases, milestones, stakeholders, dialogue and inputs
pub mod processes;
pub mod reference;
pub mod referrals;
pub mod search;
// strategy: governing documents and the strategy model (issue 13)
pub mod strategy;
pub mod structure;
// surveys (issue 14)
pub mod surveys;
pub mod text;

pub use error::{FieldError, Invalid};
