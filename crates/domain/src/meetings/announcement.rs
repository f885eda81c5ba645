//! An announcement on the notice board: that a body's protocol has been adjusted, where it is
//! kept, and the dates that follow from it (KL 8 kap. 12 §, 13 kap. 5 §).

use serde::Serialize;
use time::{Date, OffsetDateTime};

/// A notice of adjustment on the notice board (KL 8 kap. 12 §).
#[derive(Clone, Debug, Serialize)]
pub struct Announcement {
    pub id: i64,
    pub meeting_id: i64,
    pub body_id: i64,
    pub body_name: String,
    #[serde(with = "crate::dates::ymd")]
    pub meeting_date: Date,
    pub paragraphs: String,
    #[serde(with = "crate::dates::ymd")]
    pub adjusted_on: Date,
    #[serde(with = "crate::dates::ymd::option")]
    pub posted_on: Option<Date>,
    #[serde(with = "crate::dates::ymd::option")]
    pub appeal_deadline: Option<Date>,
    #[serde(with = "crate::dates::ymd::option")]
    pub takedown_on: Option<Date>,
    pub kept_at: String,
    /// Whether the notice invites an appeal: only a protocol of an organisation's own board
    /// does (KL 13 kap.; rule 9).
    pub appeal: super::AppealNotice,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}
