//! The writer's tests: folding, escaping, dates and times, the time zone, invitations, and the
//! fixture the browser suite checks with ical.js.

use time::macros::{date, datetime, time};

use super::invitation::{Invitation, Method, Party, write_invitation};
use super::*;

/// The calendar behind `browser-tests/fixtures/sample.ics`, which the browser tests parse with
/// ical.js. Change both together: `SAMVERKAN_WRITE_FIXTURES=1 cargo test -p feeds`.
fn sample() -> Calendar<'static> {
    Calendar {
        name: "Samverkan – möten i Jönköpings län",
        description: Some("Möten i samverkansorganen; uppdateras varje timme."),
        events: vec![
            Event {
                uid: "meeting-42@samverkan.example.se".into(),
                summary: "Samverkansråd: budget, mål; uppföljning",
                description: Some(
                    "Dagordning:\n1. Öppnande\n2. Val av justerare, protokoll\n3. Årsbudget för \
                     länsövergripande samverkan – förslag från beredningsgruppen\\arbetsutskottet",
                ),
                location: Some("Stora salen, Regionens hus, Jönköping"),
                url: Some("https://samverkan.example.se/moten/42"),
                date: date!(2025 - 03 - 12),
                start: Some(time!(13:00)),
                end: Some(time!(15:30)),
                status: EventStatus::Confirmed,
                sequence: 2,
                last_modified: datetime!(2025-03-01 09:15:00 +01:00),
            },
            Event {
                uid: "meeting-43@samverkan.example.se".into(),
                summary: "Länsövergripande workshop (inställd)",
                description: None,
                location: None,
                url: None,
                date: date!(2025 - 06 - 05),
                start: None,
                end: None,
                status: EventStatus::Cancelled,
                sequence: 1,
                last_modified: datetime!(2025-05-20 16:40:10 +02:00),
            },
        ],
    }
}

const SAMPLE_STAMP: OffsetDateTime = datetime!(2025-03-10 08:00:00 UTC);

fn event(date: Date, start: Option<Time>, end: Option<Time>) -> Event<'static> {
    Event {
        uid: "e@x".into(),
        summary: "Möte",
        description: None,
        location: None,
        url: None,
        date,
        start,
        end,
        status: EventStatus::Tentative,
        sequence: 0,
        last_modified: datetime!(2025-01-01 00:00 UTC),
    }
}

fn one(e: Event<'static>) -> String {
    write(&Calendar { name: "K", description: None, events: vec![e] }, SAMPLE_STAMP)
}

fn folded(line: &str) -> String {
    let mut w = Lines(String::new());
    w.line(line);
    w.0
}

fn unfold(s: &str) -> String {
    s.replace("\r\n ", "")
}

/// Every physical line ends in CRLF, holds at most 75 octets and contains no bare CR or LF.
fn assert_well_formed(s: &str) {
    assert!(s.ends_with("\r\n"), "no final CRLF");
    for l in s[..s.len() - 2].split("\r\n") {
        assert!(l.len() <= MAX_LINE_OCTETS, "{} octets: {l:?}", l.len());
        assert!(!l.contains('\r') && !l.contains('\n'), "bare CR or LF in {l:?}");
    }
}

#[test]
fn short_lines_and_lines_of_exactly_75_octets_are_not_folded() {
    assert_eq!(folded("SUMMARY:x"), "SUMMARY:x\r\n");
    let exact = format!("SUMMARY:{}", "a".repeat(67));
    assert_eq!(exact.len(), 75);
    assert_eq!(folded(&exact), format!("{exact}\r\n"));
    let exact_sv = format!("SUMMARY:{}", "å".repeat(33)) + "x";
    assert_eq!(exact_sv.len(), 75);
    assert_eq!(folded(&exact_sv), format!("{exact_sv}\r\n"));
}

#[test]
fn a_76_octet_line_folds_after_75_and_continues_with_a_space() {
    let line = format!("SUMMARY:{}", "a".repeat(68));
    let out = folded(&line);
    assert_eq!(out, format!("{}\r\n a\r\n", &line[..75]));
    // A continuation holds the space and 74 octets.
    let long = format!("SUMMARY:{}", "b".repeat(67 + 74 + 1));
    let out = folded(&long);
    let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(lines.iter().map(|l| l.len()).collect::<Vec<_>>(), [75, 75, 2]);
    assert_eq!(unfold(&out), format!("{long}\r\n"));
}

#[test]
fn folding_never_splits_swedish_letters() {
    // 74 ASCII octets, then "å" (2 octets) straddles the 75-octet boundary: the fold moves
    // before it, so the first line holds 74 octets.
    for letter in ["å", "ä", "ö", "Å", "Ä", "Ö"] {
        let line = format!("{}{letter}{}", "S".repeat(74), "x");
        let out = folded(&line);
        assert_eq!(out, format!("{}\r\n {letter}x\r\n", "S".repeat(74)));
        assert_eq!(unfold(&out), format!("{line}\r\n"));
    }
    // A 2-octet letter that ends exactly at octet 75 stays on the first line.
    let line = format!("{}ö{}", "S".repeat(73), "y");
    assert_eq!(folded(&line), format!("{}ö\r\n y\r\n", "S".repeat(73)));
}

#[test]
fn folding_holds_for_every_offset_and_width_of_character() {
    // 1- to 4-octet characters at every alignment and over several continuation lines.
    for unit in ["a", "å", "€", "𝄞", "aå€𝄞"] {
        for prefix in 0..4 {
            for n in 0..90 {
                let line = format!("DESCRIPTION:{}{}", "p".repeat(prefix), unit.repeat(n));
                let out = folded(&line);
                assert_well_formed(&out);
                assert_eq!(unfold(&out), format!("{line}\r\n"));
                for (i, l) in out.trim_end_matches("\r\n").split("\r\n").enumerate() {
                    // Only the first line may start without the continuation space, and a
                    // line is never folded earlier than the character it would split.
                    assert_eq!(i > 0, l.starts_with(' '), "{l:?}");
                    assert!(!l.is_empty() && l != " ");
                }
            }
        }
    }
}

#[test]
fn text_escapes_backslash_semicolon_comma_and_newlines() {
    assert_eq!(text(r"a\b;c,d"), r"a\\b\;c\,d");
    assert_eq!(text("ett\ntvå\r\ntre\rfyra"), r"ett\ntvå\ntre\nfyra");
    assert_eq!(text("ta\tb\u{0}\u{7}\u{1b}c\u{7f}"), "ta\tbc");
    assert_eq!(text("Malmö: \"citat\" & 100 %"), "Malmö: \"citat\" & 100 %");
    assert_eq!(text(r"\n"), r"\\n", "a literal backslash-n stays two characters");
    assert_eq!(uri("https://x.se/a,b;c?d=1\n"), "https://x.se/a,b;c?d=1");
}

#[test]
fn escaped_values_appear_in_the_event() {
    let mut e = event(date!(2025 - 01 - 08), Some(time!(9:00)), None);
    e.summary = "Budget; mål, och\nannat";
    e.location = Some("Sal 1, plan 2");
    e.uid = "a,b@x".into();
    let out = one(e);
    assert!(out.contains("\r\nSUMMARY:Budget\\; mål\\, och\\nannat\r\n"), "{out}");
    assert!(out.contains("\r\nLOCATION:Sal 1\\, plan 2\r\n"));
    assert!(out.contains("\r\nUID:a\\,b@x\r\n"));
    assert!(!out.contains("DESCRIPTION") && !out.contains("URL:"));
}

#[test]
fn all_day_events_use_dates_and_end_the_next_day() {
    let out = one(event(date!(2025 - 06 - 05), None, Some(time!(10:00))));
    assert!(out.contains("\r\nDTSTART;VALUE=DATE:20250605\r\nDTEND;VALUE=DATE:20250606\r\n"), "{out}");
    let out = one(event(date!(2025 - 12 - 31), None, None));
    assert!(out.contains("\r\nDTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n"));
    let out = one(event(date!(2024 - 02 - 28), None, None));
    assert!(out.contains("DTEND;VALUE=DATE:20240229\r\n"), "leap day");
    assert!(!out.contains("TZID=Europe/Stockholm:"));
}

#[test]
fn timed_events_are_local_to_stockholm() {
    let out = one(event(date!(2025 - 03 - 12), Some(time!(13:00)), Some(time!(15:30))));
    assert!(out.contains(
        "\r\nDTSTART;TZID=Europe/Stockholm:20250312T130000\r\nDTEND;TZID=Europe/Stockholm:20250312T153000\r\n"
    ));
}

#[test]
fn a_missing_end_means_two_hours_even_past_midnight() {
    let out = one(event(date!(2025 - 03 - 12), Some(time!(18:15)), None));
    assert!(out.contains("DTEND;TZID=Europe/Stockholm:20250312T201500\r\n"));
    let out = one(event(date!(2025 - 12 - 31), Some(time!(23:00)), None));
    assert!(out.contains("DTEND;TZID=Europe/Stockholm:20260101T010000\r\n"), "{out}");
}

#[test]
fn an_end_before_the_start_is_the_next_day_and_an_equal_one_writes_no_end() {
    let out = one(event(date!(2025 - 03 - 12), Some(time!(22:00)), Some(time!(1:00))));
    assert!(out.contains("DTEND;TZID=Europe/Stockholm:20250313T010000\r\n"));
    let out = one(event(date!(2025 - 03 - 12), Some(time!(10:00)), Some(time!(10:00))));
    assert!(out.contains("DTSTART;TZID=Europe/Stockholm:20250312T100000\r\n"));
    assert!(!out.contains("DTEND"));
}

#[test]
fn stamps_are_utc() {
    let mut e = event(date!(2025 - 07 - 01), None, None);
    e.last_modified = datetime!(2025-07-01 00:30:05 +02:00);
    let out = write(&Calendar { name: "K", description: None, events: vec![e] }, datetime!(2025-01-01 00:59:59 +01:00));
    assert!(out.contains("\r\nDTSTAMP:20241231T235959Z\r\n"), "{out}");
    assert!(out.contains("\r\nLAST-MODIFIED:20250630T223005Z\r\n"));
}

#[test]
fn status_and_sequence() {
    for (status, s) in [
        (EventStatus::Confirmed, "CONFIRMED"),
        (EventStatus::Tentative, "TENTATIVE"),
        (EventStatus::Cancelled, "CANCELLED"),
    ] {
        let mut e = event(date!(2025 - 01 - 01), None, None);
        e.status = status;
        e.sequence = 7;
        let out = one(e);
        assert!(out.contains(&format!("\r\nSTATUS:{s}\r\nSEQUENCE:7\r\n")));
    }
}

#[test]
fn the_calendar_has_its_header_and_the_stockholm_time_zone() {
    let out = write(&Calendar { name: "Möten, alla", description: None, events: vec![] }, SAMPLE_STAMP);
    assert!(out.starts_with(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Samverkan//Samverkan//SV\r\nCALSCALE:GREGORIAN\r\n\
         METHOD:PUBLISH\r\nX-WR-CALNAME:Möten\\, alla\r\nX-WR-TIMEZONE:Europe/Stockholm\r\nBEGIN:VTIMEZONE\r\n"
    ));
    assert!(out.ends_with("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"));
    assert!(!out.contains("X-WR-CALDESC"));
    for needle in [
        "TZID:Europe/Stockholm",
        "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT",
        "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD",
    ] {
        assert!(out.contains(needle), "{needle}");
    }
    // The rules' first onsets are the last Sundays of their months.
    assert_eq!(date!(1970 - 03 - 29).weekday(), time::Weekday::Sunday);
    assert_eq!(date!(1970 - 10 - 25).weekday(), time::Weekday::Sunday);
    assert!(date!(1970 - 03 - 29).next_occurrence(time::Weekday::Sunday).month() == time::Month::April);
    assert!(date!(1970 - 10 - 25).next_occurrence(time::Weekday::Sunday).month() == time::Month::November);
}

#[test]
fn output_is_deterministic_and_well_formed() {
    let a = write(&sample(), SAMPLE_STAMP);
    let b = write(&sample(), SAMPLE_STAMP);
    assert_eq!(a, b);
    assert_well_formed(&a);
    assert_eq!(a.matches("BEGIN:VEVENT").count(), 2);
    // The long description was folded, and unfolds to the escaped text.
    assert!(a.lines().any(|l| l.starts_with(' ')));
    assert!(unfold(&a).contains(
        "DESCRIPTION:Dagordning:\\n1. Öppnande\\n2. Val av justerare\\, protokoll\\n3. Årsbudget för \
         länsövergripande samverkan – förslag från beredningsgruppen\\\\arbetsutskottet\r\n"
    ));
}

/// The fixture the browser tests validate with ical.js is exactly what this writer makes.
#[test]
fn sample_matches_the_browser_test_fixture() {
    const FIXTURE: &str = include_str!("../../../../browser-tests/fixtures/sample.ics");
    let out = write(&sample(), SAMPLE_STAMP);
    if std::env::var_os("SAMVERKAN_WRITE_FIXTURES").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../browser-tests/fixtures/sample.ics");
        std::fs::write(path, &out).unwrap();
    }
    assert_eq!(out, FIXTURE, "regenerate with SAMVERKAN_WRITE_FIXTURES=1 cargo test -p feeds");
}

#[test]
fn an_invitation_has_its_method_organizer_attendees_and_a_cancellation_is_cancelled() {
    let e = Event {
        uid: "meeting-7@samverkan".into(),
        sequence: 3,
        ..event(date!(2025 - 03 - 12), Some(time!(13:00)), None)
    };
    let inv = Invitation {
        method: Method::Request,
        organizer: Party { name: "Anna \"Sekreterare\", Region", email: "noreply@x.se" },
        attendees: vec![Party { name: "Bo Ek", email: "bo@x.se" }],
        event: e,
    };
    let out = write_invitation(&inv, SAMPLE_STAMP);
    assert_well_formed(&out);
    let flat = unfold(&out);
    assert!(flat.contains("\r\nMETHOD:REQUEST\r\n") && !flat.contains("X-WR-CALNAME"), "{flat}");
    assert!(flat.contains("\r\nORGANIZER;CN=\"Anna Sekreterare, Region\":mailto:noreply@x.se\r\n"), "{flat}");
    assert!(flat.contains(";RSVP=FALSE:mailto:bo@x.se\r\n") && flat.contains("ATTENDEE;CN=\"Bo Ek\";"));
    assert!(flat.contains("\r\nSTATUS:TENTATIVE\r\nSEQUENCE:3\r\n"));
    assert!(flat.contains("BEGIN:VTIMEZONE") && flat.contains("DTSTART;TZID=Europe/Stockholm:20250312T130000"));
    let out = write_invitation(&Invitation { method: Method::Cancel, ..inv }, SAMPLE_STAMP);
    assert!(out.contains("\r\nMETHOD:CANCEL\r\n") && out.contains("\r\nSTATUS:CANCELLED\r\n"));
}
