//! Organisations (aktörer) and the people who act for them.

mod organisation;
mod person;

pub use organisation::{Organisation, OrganisationInput, OrganisationKind};
pub use person::{Person, PersonInput, email, language};
