//! Personal data (GDPR, rule 22, ADR 35): every place a person's personal data is kept
//! (`places`), and the removal of a person's personal data from the web with its reason
//! (`removal`). The published copies of protocols are masked when they are served, from the
//! removals on record; the stored versions are never changed.

mod places;

/// The condition on `people p` of those the public may see: elected representatives (a party),
/// and everyone whose personal data has not been removed from the web (rule 22, ADR 35).
pub(crate) const PUBLIC_PERSON: &str =
    "(COALESCE(p.party, '') <> '' OR NOT EXISTS (SELECT 1 FROM privacy_removals r WHERE r.person_id = p.id))";

mod removal;

pub use places::{
    PlacedAccount, PlacedApproval, PlacedAttendance, PlacedMembership, PlacedMessage, PlacedProtocol, Places,
};
pub use removal::{Removal, RemovalOutcome};
