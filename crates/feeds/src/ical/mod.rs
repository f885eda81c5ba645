//! An iCalendar writer (RFC 5545) for meeting calendars that people subscribe to.
//!
//! The output follows RFC 5545 strictly: content lines end in CRLF and are folded at 75 octets
//! (section 3.1) without splitting a UTF-8 sequence; TEXT values escape backslash, semicolon,
//! comma and newlines (section 3.3.11); every VEVENT has UID, DTSTAMP, DTSTART and SUMMARY
//! (section 3.6.1). Local times are written with `TZID=Europe/Stockholm` and the calendar carries
//! the matching VTIMEZONE (section 3.6.5), so clients need no time-zone database of their own.
//! DTSTAMP and LAST-MODIFIED are in UTC (section 3.3.5, form #2). The output depends only on the
//! input: the same calendar and stamp always give the same bytes.

mod invitation;
#[cfg(test)]
mod tests;

pub use invitation::{Invitation, Method, Party, write_invitation};

use invitation::{mailto, param};

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The product identifier (RFC 5545, 3.7.3).
pub const PRODID: &str = "-//Samverkan//Samverkan//SV";
/// The one time zone of the product's local times.
pub const TZID: &str = "Europe/Stockholm";
/// The longest content line in octets, CRLF not counted (RFC 5545, 3.1).
pub const MAX_LINE_OCTETS: usize = 75;
/// How long a meeting with a start and no end is taken to last.
pub const DEFAULT_LENGTH: Duration = Duration::hours(2);

/// Europe/Stockholm as a VTIMEZONE: CET (+01:00) in winter, CEST (+02:00) from 02:00 local time on
/// the last Sunday of March to 03:00 local time on the last Sunday of October. These are the EU
/// rules (Directive 2000/84/EC), in force in Sweden since 1996; earlier dates are not described.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A calendar of events (a VCALENDAR object with METHOD:PUBLISH).
#[derive(Clone, Debug)]
pub struct Calendar<'a> {
    /// Shown by clients as the calendar's name (X-WR-CALNAME).
    pub name: &'a str,
    /// X-WR-CALDESC, when given.
    pub description: Option<&'a str>,
    /// Written in this order.
    pub events: Vec<Event<'a>>,
}

/// One event (VEVENT, RFC 5545 3.6.1).
#[derive(Clone, Debug)]
pub struct Event<'a> {
    /// Globally unique and stable across versions of the event, e.g. `meeting-42@example.se`
    /// (RFC 5545, 3.8.4.7).
    pub uid: String,
    pub summary: &'a str,
    pub description: Option<&'a str>,
    pub location: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The day, in Europe/Stockholm.
    pub date: Date,
    /// Local start time; `None` makes an all-day event (`DTSTART;VALUE=DATE`, DTEND the next day).
    pub start: Option<Time>,
    /// Local end time. `None` with a start means [`DEFAULT_LENGTH`]; an end before the start
    /// means the next day (a meeting past midnight); an end equal to the start writes no DTEND,
    /// which RFC 5545 defines as an event that takes no time.
    pub end: Option<Time>,
    pub status: EventStatus,
    /// Raised each time the event changes in a way attendees should notice (RFC 5545, 3.8.7.4).
    pub sequence: u32,
    pub last_modified: OffsetDateTime,
}

/// STATUS of a VEVENT (RFC 5545, 3.8.1.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    /// The STATUS value.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// Writes `calendar` as an iCalendar stream (`text/calendar; charset=utf-8`). `dtstamp` is when
/// the stream was made (DTSTAMP of every event, RFC 5545 3.8.7.2); pass a fixed value to get
/// byte-identical output.
pub fn write(calendar: &Calendar<'_>, dtstamp: OffsetDateTime) -> String {
    let mut w = Lines(String::with_capacity(1200 + 600 * calendar.events.len()));
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.prop("PRODID", &text(PRODID));
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.prop("X-WR-CALNAME", &text(calendar.name));
    if let Some(d) = calendar.description {
        w.prop("X-WR-CALDESC", &text(d));
    }
    w.prop("X-WR-TIMEZONE", TZID);
    for l in VTIMEZONE {
        w.line(l);
    }
    let stamp = utc(dtstamp);
    for e in &calendar.events {
        vevent(&mut w, e, &stamp, None);
    }
    w.line("END:VCALENDAR");
    w.0
}

/// One VEVENT, with the organizer and attendees of an invitation when given.
fn vevent(w: &mut Lines, e: &Event<'_>, stamp: &str, people: Option<(&Party<'_>, &[Party<'_>])>) {
    w.line("BEGIN:VEVENT");
    w.prop("UID", &text(&e.uid));
    w.prop("DTSTAMP", stamp);
    let local = |dt: PrimitiveDateTime| format!("{}T{}", date(dt.date()), time_of_day(dt.time()));
    match e.start {
        None => {
            w.prop("DTSTART;VALUE=DATE", &date(e.date));
            if let Some(next) = e.date.next_day() {
                w.prop("DTEND;VALUE=DATE", &date(next));
            }
        }
        Some(start) => {
            let from = PrimitiveDateTime::new(e.date, start);
            let to = match e.end {
                None => from.checked_add(DEFAULT_LENGTH),
                Some(end) if end > start => Some(PrimitiveDateTime::new(e.date, end)),
                Some(end) if end < start => e.date.next_day().map(|d| PrimitiveDateTime::new(d, end)),
                Some(_) => None,
            };
            w.prop(&format!("DTSTART;TZID={TZID}"), &local(from));
            if let Some(to) = to {
                w.prop(&format!("DTEND;TZID={TZID}"), &local(to));
            }
        }
    }
    w.prop("SUMMARY", &text(e.summary));
    if let Some(d) = e.description {
        w.prop("DESCRIPTION", &text(d));
    }
    if let Some(l) = e.location {
        w.prop("LOCATION", &text(l));
    }
    if let Some(u) = e.url {
        w.prop("URL", &uri(u));
    }
    w.prop("STATUS", e.status.as_str());
    w.prop("SEQUENCE", &e.sequence.to_string());
    w.prop("LAST-MODIFIED", &utc(e.last_modified));
    if let Some((organizer, attendees)) = people {
        w.prop(&format!("ORGANIZER;CN={}", param(organizer.name)), &mailto(organizer.email));
        for a in attendees {
            w.prop(
                &format!(
                    "ATTENDEE;CN={};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE",
                    param(a.name)
                ),
                &mailto(a.email),
            );
        }
    }
    w.line("END:VEVENT");
}

/// Content lines, folded and CRLF-terminated as they are added.
struct Lines(String);

impl Lines {
    fn prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// Adds one content line, folded (RFC 5545, 3.1): no line is longer than 75 octets, a
    /// continuation starts with one space (which counts), and a fold never falls inside a UTF-8
    /// sequence.
    fn line(&mut self, line: &str) {
        let mut rest = line;
        let mut room = MAX_LINE_OCTETS;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.0.push_str(&rest[..cut]);
            self.0.push_str("\r\n ");
            rest = &rest[cut..];
            room = MAX_LINE_OCTETS - 1;
        }
        self.0.push_str(rest);
        self.0.push_str("\r\n");
    }
}

/// A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, every line break
/// (CRLF, CR or LF) as `\n`, other control characters (not allowed in TEXT) left out.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value (RFC 5545, 3.3.13): not escaped, but control characters cannot appear in a
/// content line and are left out.
fn uri(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// A DATE value, `YYYYMMDD` (RFC 5545, 3.3.4).
fn date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The time part of a DATE-TIME, `HHMMSS` (RFC 5545, 3.3.12).
fn time_of_day(t: Time) -> String {
    format!("{:02}{:02}{:02}", t.hour(), t.minute(), t.second())
}

/// A DATE-TIME in UTC, `YYYYMMDDTHHMMSSZ` (RFC 5545, 3.3.5, form #2).
fn utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!("{}T{}Z", date(t.date()), time_of_day(t.time()))
}
