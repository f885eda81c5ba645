//! Personal data (GDPR, rule 22 of `domain.md`): which names the published copy of a protocol
//! hides once an administrator has removed a person's personal data from the web (`mask`), and
//! the reason such a removal must give (`removal`). Removal from the web is not deletion from the
//! archive: the stored, approved versions stay as they were (ADR 35).

pub mod mask;
pub mod removal;

pub use mask::{REMOVED, Removed, hidden_in, mask_protocol, mask_text, stays_public};
pub use removal::RemovalInput;
