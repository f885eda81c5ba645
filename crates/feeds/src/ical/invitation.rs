//! Invitations sent by e-mail (iTIP, RFC 5546; iMIP, RFC 6047): one event with its organizer
//! and attendees, in a calendar with METHOD:REQUEST or METHOD:CANCEL, written by the same
//! strict writer as the feeds.

use time::OffsetDateTime;

use super::{Event, EventStatus, Lines, PRODID, VTIMEZONE, text, uri, utc, vevent};

/// The iTIP method of an invitation (RFC 5546, 1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// A new event, or an update of one (with a higher SEQUENCE).
    Request,
    /// The event is cancelled (STATUS:CANCELLED).
    Cancel,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// A person of an invitation: its organizer or an attendee (CAL-ADDRESS `mailto:`).
#[derive(Clone, Debug)]
pub struct Party<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// An invitation sent by e-mail (iTIP, RFC 5546; iMIP, RFC 6047): one event with its organizer
/// and attendees, in a calendar with METHOD:REQUEST or METHOD:CANCEL.
#[derive(Clone, Debug)]
pub struct Invitation<'a> {
    pub method: Method,
    pub organizer: Party<'a>,
    pub attendees: Vec<Party<'a>>,
    /// Its UID is the same in every version; its SEQUENCE grows with each; a cancellation's
    /// status is [`EventStatus::Cancelled`] whatever is given.
    pub event: Event<'a>,
}

/// Writes `invitation` as an iCalendar object for a `text/calendar; method=…` MIME part.
pub fn write_invitation(invitation: &Invitation<'_>, dtstamp: OffsetDateTime) -> String {
    let mut w = Lines(String::with_capacity(2000));
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.prop("PRODID", &text(PRODID));
    w.line("CALSCALE:GREGORIAN");
    w.prop("METHOD", invitation.method.as_str());
    for l in VTIMEZONE {
        w.line(l);
    }
    let mut event = invitation.event.clone();
    if invitation.method == Method::Cancel {
        event.status = EventStatus::Cancelled;
    }
    vevent(&mut w, &event, &utc(dtstamp), Some((&invitation.organizer, &invitation.attendees)));
    w.line("END:VCALENDAR");
    w.0
}

/// A parameter value (RFC 5545, 3.1, 3.2): always quoted, so commas, colons and semicolons in a
/// name are safe; DQUOTE and control characters cannot appear in one and are left out.
pub(super) fn param(s: &str) -> String {
    let inner: String = s.chars().filter(|c| *c != '"' && (!c.is_control() || *c == '\t')).collect();
    format!("\"{inner}\"")
}

/// A CAL-ADDRESS (RFC 5545, 3.3.3): a `mailto:` URI.
pub(super) fn mailto(email: &str) -> String {
    format!("mailto:{}", uri(email.trim()))
}
