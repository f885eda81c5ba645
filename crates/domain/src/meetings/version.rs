//! A protocol version: the text frozen for adjustment, or a correction made after it, with the
//! digest its approvals sign.

use serde::Serialize;
use time::OffsetDateTime;

use super::protocol::Protocol;

/// A frozen protocol: the canonical text and its digest.
#[derive(Clone, Debug, Serialize)]
pub struct ProtocolVersion {
    pub id: i64,
    pub meeting_id: i64,
    pub version: i64,
    #[serde(skip)]
    pub content: String,
    pub digest: String,
    /// Why a correction was made (versions after the adjusted one).
    pub reason: Option<String>,
    /// What the correction changed, in plain words.
    pub corrected: Option<String>,
    pub created_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_at: Option<OffsetDateTime>,
}

impl ProtocolVersion {
    pub fn protocol(&self) -> Option<Protocol> {
        Protocol::from_canonical(&self.content)
    }
}
