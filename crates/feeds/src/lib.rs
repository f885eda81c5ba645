//! Feeds other programs subscribe to: meetings as iCalendar (RFC 5545) and news as Atom
//! (RFC 4287).
//!
//! Both writers are pure functions from plain data to text, with no I/O and no dependency but
//! `time`: the same input always gives the same bytes. The web handlers that serve them load the
//! data and set the content types. Their exact output is shared with the browser suite as
//! `browser-tests/fixtures/sample.{ics,atom}`, which strict parsers (ical.js, xmldom) check; the
//! tests here keep those fixtures byte for byte what the writers make.

pub mod atom;
pub mod ical;
