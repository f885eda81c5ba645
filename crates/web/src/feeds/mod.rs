//! Feeds other programs subscribe to: meetings as iCalendar (RFC 5545) and news as Atom
//! (RFC 4287). Both writers are pure functions from plain data to text; the handlers that
//! serve them load the data and set the content types.

pub mod atom;
pub mod ical;
