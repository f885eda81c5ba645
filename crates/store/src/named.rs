//! A reference to another record with its name for display, shared by the structure and the
//! meetings.

use serde::Serialize;

/// A reference to another record, with its name for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
}
