//! The meeting: a body's meeting on a date, with its chair, secretary and adjusters, and where it
//! stands between planned and announced.

use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::{Approvers, Deadlines, MeetingStatus};
use crate::ids::{BodyId, MeetingId, PersonId};
use crate::named::Named;

/// A meeting of a body, with its names for display.
#[derive(Clone, Debug, Serialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub body_id: BodyId,
    pub body_name: String,
    #[serde(with = "crate::dates::ymd")]
    pub date: Date,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub status: MeetingStatus,
    pub chair: Option<Named>,
    pub secretary: Option<Named>,
    pub adjusters: Vec<Named>,
    /// Bumped at each change, for calendar clients (iCalendar SEQUENCE).
    pub sequence: i64,
    #[serde(with = "crate::dates::ymd::option")]
    pub adjusted_on: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Meeting {
    /// Whether the protocol of this meeting is overdue for adjustment on `today` (rule 15).
    pub fn adjustment_late(&self, today: Date) -> bool {
        matches!(self.status, MeetingStatus::Held | MeetingStatus::ProtocolDrafted)
            && Deadlines::default().is_adjustment_late(self.date, today, false)
    }

    pub fn adjustment_due(&self) -> Date {
        Deadlines::default().adjustment_due(self.date)
    }

    /// Whether the published protocol is public: once adjusted.
    pub fn protocol_public(&self) -> bool {
        matches!(self.status, MeetingStatus::Adjusted | MeetingStatus::Announced)
    }

    /// The chair and adjusters who approve this meeting's protocol (KL 5 kap. 69 §).
    pub fn approvers(&self) -> Approvers {
        Approvers::new(self.chair.as_ref().map(|c| PersonId(c.id)), self.adjusters.iter().map(|a| PersonId(a.id)))
    }
}
