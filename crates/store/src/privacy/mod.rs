//! Personal data (GDPR, rule 22, ADR 35): every place a person's personal data is kept
//! (`places`), and the removal of a person's personal data from the web with its reason
//! (`removal`). The published copies of protocols are masked when they are served, from the
//! removals on record (in search and open data by `search::hidden`); the stored versions are
//! never changed.

mod places;
mod removal;

pub use places::{
    PlacedAccount, PlacedApproval, PlacedAttendance, PlacedMembership, PlacedMessage, PlacedProtocol, Places,
};
pub use removal::{Removal, RemovalOutcome};
