//! A reference to another record with its name for display, as the structure and the meetings
//! show it (a meeting's chair, a body's secretary, an organisation behind a body).

use serde::Serialize;

/// A reference to another record, with its name for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
}
