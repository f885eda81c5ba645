//! Personal data (GDPR, rule 22, ADR 35): every place a person's personal data is kept
//! (`places`), the removal of a person's personal data from the web with its reason
//! (`removal`), and the names a meeting's texts hide in search and open data (`hidden`). The
//! published copies of protocols are masked when they are served, from the removals on record;
//! the stored versions are never changed.

pub(crate) mod hidden;
mod places;
mod removal;

pub use places::{
    PlacedAccount, PlacedApproval, PlacedAttendance, PlacedMembership, PlacedMessage, PlacedProtocol, Places,
};
pub use removal::{Removal, RemovalOutcome};
