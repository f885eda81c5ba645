//! The meeting form, shared by creating and editing: its fields as typed, and their parsing into
//! the domain's input from the form and from JSON.

use axum::body::Bytes;
use axum::http::HeaderMap;
use domain::Invalid;
use domain::meetings::{MeetingFields, MeetingInput};
use serde::Deserialize;
use store::meetings::Meeting;
use time::Date;

use crate::error::AppResult;
use crate::json::JsonInput;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub online_url: String,
    pub chair: String,
    pub secretary: String,
    /// Makes a retried post create one meeting.
    pub idempotency_key: String,
}

impl MeetingForm {
    pub fn of(m: &Meeting) -> MeetingForm {
        MeetingForm {
            date: m.date.to_string(),
            start: m.start.clone().unwrap_or_default(),
            end: m.end.clone().unwrap_or_default(),
            place: m.place.clone().unwrap_or_default(),
            online_url: m.online_url.clone().unwrap_or_default(),
            chair: m.chair.as_ref().map(|n| n.id.to_string()).unwrap_or_default(),
            secretary: m.secretary.as_ref().map(|n| n.id.to_string()).unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    pub fn parse(&self) -> Result<MeetingInput, Invalid> {
        MeetingInput::parse(&MeetingFields {
            date: &self.date,
            start: &self.start,
            end: &self.end,
            place: &self.place,
            online_url: &self.online_url,
            chair: &self.chair,
            secretary: &self.secretary,
        })
    }

    /// The day whose members are offered as chair and secretary.
    pub fn day(&self, today: Date) -> Date {
        domain::structure::date("date", &self.date).ok().flatten().unwrap_or(today)
    }

    /// The idempotency key the form carries, if any.
    pub fn key(&self) -> Option<&str> {
        Some(self.idempotency_key.as_str()).filter(|k| !k.is_empty())
    }
}

const FIELDS: &[&str] = &["date", "start", "end", "place", "online_url", "chair", "secretary"];

/// The same input from a JSON body (chair and secretary as person ids).
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<MeetingInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (date, start, end, place, url) =
        (j.str("date"), j.str("start"), j.str("end"), j.str("place"), j.str("online_url"));
    let (chair, secretary) = (j.id("chair"), j.id("secretary"));
    j.finish()?;
    let (chair, secretary) =
        (chair.map(|c| c.to_string()).unwrap_or_default(), secretary.map(|s| s.to_string()).unwrap_or_default());
    Ok(MeetingInput::parse(&MeetingFields {
        date: &date,
        start: &start,
        end: &end,
        place: &place,
        online_url: &url,
        chair: &chair,
        secretary: &secretary,
    })?)
}
