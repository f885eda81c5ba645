//! Dates as ISO 8601 (YYYY-MM-DD) in JSON, the form every API of the product uses.

time::serde::format_description!(pub ymd, Date, "[year]-[month]-[day]");
