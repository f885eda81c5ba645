//! Dates as ISO 8601 (YYYY-MM-DD) in JSON, the form every API of the product uses, and the
//! years the product accepts.

/// The first and last years a date the product stores may fall in. Earlier or later dates are
/// typing errors (a meeting in year −1 broke the iCalendar feed, memberships from 0001 to 9999
/// made every report meaningless), never records of regional collaboration. The OpenAPI
/// schemas say the same with the pattern of `IsoDate`.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

time::serde::format_description!(pub ymd, Date, "[year]-[month]-[day]");
