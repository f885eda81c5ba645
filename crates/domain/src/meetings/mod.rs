//! Meetings, protocols, adjustment and the notice board (issue 4).

pub mod calendar;
pub mod deadlines;

pub use calendar::{SWEDEN, WorkingDays, easter_sunday};
pub use deadlines::{Deadlines, NoticeDates};
