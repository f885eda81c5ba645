//! Meetings as iCalendar feeds (RFC 5545) to subscribe to: a body's meetings and the meetings of
//! the bodies a person sits in. Public, like the meetings; links start with the site's address.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::meetings::MeetingStatus;
use feeds::ical;
use store::meetings::Meeting;

use super::path::{BodyPath, PersonPath};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;

fn calendar_response(app: &App, name: &str, description: &str, meetings: &[Meeting]) -> Response {
    let base = &app.config.site_url;
    let urls: Vec<String> = meetings.iter().map(|m| format!("{base}/moten/{}", m.id)).collect();
    let summaries: Vec<String> = meetings.iter().map(|m| m.body_name.clone()).collect();
    let descriptions: Vec<String> = meetings.iter().map(|m| m.status.label(Lang::Sv).to_string()).collect();
    let events = meetings
        .iter()
        .enumerate()
        .map(|(i, m)| ical::Event {
            uid: format!("meeting-{}@samverkan", m.id),
            summary: &summaries[i],
            description: Some(&descriptions[i]),
            location: m.place.as_deref().or(m.online_url.as_deref()),
            url: Some(&urls[i]),
            date: m.date,
            start: m.start.as_deref().and_then(|s| domain::meetings::time_of_day("start", s).ok().flatten()),
            end: m.end.as_deref().and_then(|s| domain::meetings::time_of_day("end", s).ok().flatten()),
            status: match m.status {
                MeetingStatus::Cancelled => ical::EventStatus::Cancelled,
                MeetingStatus::Planned => ical::EventStatus::Tentative,
                _ => ical::EventStatus::Confirmed,
            },
            sequence: u32::try_from(m.sequence).unwrap_or(0),
            last_modified: m.updated_at,
        })
        .collect();
    let cal = ical::Calendar { name, description: Some(description), events };
    let body = ical::write(&cal, app.store.now());
    ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response()
}

pub async fn body(State(app): State<App>, BodyPath(b): BodyPath) -> AppResult<Response> {
    let meetings = app.store.body_meetings(b.id, None).await?;
    let description = format!("Sammanträden i {}", b.name);
    Ok(calendar_response(&app, &b.name, &description, &meetings))
}

pub async fn person(State(app): State<App>, ctx: Ctx, PersonPath(person): PersonPath) -> AppResult<Response> {
    crate::people::require_public(&app, &ctx, &person).await?;
    let meetings = app.store.person_meetings(person.person.id).await?;
    let name = format!("Möten för {}", person.person.name);
    let description = format!("Sammanträden i de organ där {} ingår", person.person.name);
    Ok(calendar_response(&app, &name, &description, &meetings))
}
