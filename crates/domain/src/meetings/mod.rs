//! Meetings, protocols, adjustment and the notice board (issue 4).

pub mod adjustment;
pub mod agenda_batch;
pub mod announcement;
pub mod appeal;
pub mod approval;
pub mod attachment;
pub mod calendar;
pub mod case_number;
pub mod deadlines;
pub mod decisions;
pub mod editing;
pub mod error;
pub mod inputs;
pub mod meeting;
pub mod protocol;
pub mod serving;
pub mod status;
pub mod version;

pub use adjustment::{ApprovalTarget, ApproverRole, Approvers, Signature, is_adjusted};
pub use announcement::Announcement;
pub use appeal::AppealNotice;
pub use approval::Approval;
pub use calendar::{SWEDEN, WorkingDays, easter_sunday};
pub use case_number::CaseNumber;
pub use deadlines::{Deadlines, NoticeDates};
pub use error::MeetingError;
pub use inputs::*;
pub use meeting::Meeting;
pub use protocol::{AttendanceRole, Choice, ItemKind, Protocol};
pub use status::MeetingStatus;
pub use version::ProtocolVersion;
