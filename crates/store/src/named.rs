//! A reference to another record with its name for display: the domain's.

pub use domain::named::Named;
