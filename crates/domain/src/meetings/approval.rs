//! An approval as recorded: who signed which protocol version's digest, or adjusted a paragraph at
//! once (OJ), in what role and when (KL 5 kap. 69 §).

use serde::Serialize;
use time::OffsetDateTime;

use super::{ApprovalTarget, Signature};
use crate::ids::PersonId;

/// One person's signature of a protocol version or an immediately adjusted paragraph.
#[derive(Clone, Debug, Serialize)]
pub struct Approval {
    pub id: i64,
    /// The protocol version approved, or the paragraph adjusted at once (OJ); serialised as
    /// `version` and `paragraph` (0 for the one not concerned).
    #[serde(flatten)]
    pub target: ApprovalTarget,
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub digest: String,
    #[serde(with = "time::serde::rfc3339")]
    pub approved_at: OffsetDateTime,
}

impl Approval {
    /// The approval as the adjustment rules read it.
    pub fn signature(&self) -> Signature<'_> {
        Signature { target: self.target, person: PersonId(self.person_id), digest: &self.digest }
    }
}
