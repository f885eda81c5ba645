//! What the routes of the meetings room name in their path, read by each parameter's name.
//!
//! Entities that anyone may look at are loaded by their extractor (`crate::path_entity!`): the
//! meeting, the body and the person whose meetings are listed, a downloaded attachment and a
//! notice on the board. A missing or malformed id is a 404 in the caller's format.
//!
//! The second id of a write (an agenda item, an attachment to delete, a paragraph, an OJ
//! number) is only read here, as a typed id: its operation loads it after checking permission,
//! so that someone who may not prepare the meeting is told so whatever the id (the HTML
//! authorisation matrix relies on it). The list and position of a paragraph entry are read as
//! text and parsed by their operation likewise.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use store::meetings::{Announcement, Attachment, Meeting};

use crate::App;
use crate::error::{AppError, AppResult};

/// `{id}` in a meeting's route: the meeting.
pub struct MeetingPath(pub Meeting);
crate::path_entity!(MeetingPath, "id", |app, id| app.store.meeting(id).await);

/// `{id}` in `/organ/{id}/moten` and its calendar, `/personer/{id}/kalender.ics`: the body or
/// person whose meetings these are, loaded by their own rooms' extractors.
pub use crate::people::PersonPath;
pub use crate::structure::BodyPath;

/// `{id}` in `/bilagor/{id}/{name}`: the attachment to download.
pub struct AttachmentPath(pub Attachment);
crate::path_entity!(AttachmentPath, "id", |app, id| app.store.attachment(id).await);

/// `{id}` of a notice on the board.
pub struct AnnouncementPath(pub Announcement);
crate::path_entity!(AnnouncementPath, "id", |app, id| app.store.announcement(id).await);

/// Defines `$name(pub i64)`: the positive id in the route parameter `$param`, not loaded.
macro_rules! path_id {
    ($(#[$doc:meta])* $name:ident, $param:literal) => {
        $(#[$doc])*
        pub struct $name(pub i64);

        impl FromRequestParts<App> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, _: &App) -> AppResult<Self> {
                crate::extract::path_id(parts, $param).await.map($name)
            }
        }
    };
}

/// Defines `$name(pub String)`: the route parameter `$param` as text, parsed by its operation.
macro_rules! path_text {
    ($(#[$doc:meta])* $name:ident, $param:literal) => {
        $(#[$doc])*
        pub struct $name(pub String);

        impl FromRequestParts<App> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, _: &App) -> AppResult<Self> {
                let params = RawPathParams::from_request_parts(parts, &()).await.map_err(|_| AppError::NotFound)?;
                let raw = params.iter().find(|(k, _)| *k == $param).map(|(_, v)| v.to_string());
                raw.map($name).ok_or(AppError::NotFound)
            }
        }
    };
}

path_id!(
    /// `{item}`: an agenda item of the meeting.
    ItemId,
    "item"
);
path_id!(
    /// `{aid}`: an attachment of the meeting.
    AttachmentId,
    "aid"
);
path_id!(
    /// `{pid}`: a paragraph of the meeting's working copy.
    ParagraphId,
    "pid"
);
path_id!(
    /// `{number}`: a paragraph's number (§ 3).
    ParagraphNumber,
    "number"
);
path_text!(
    /// `{list}`: which list of a paragraph (Swedish on pages, English in the API).
    ListSegment,
    "list"
);
path_text!(
    /// `{index}`: an entry's position in a paragraph's list, from 0.
    EntryIndex,
    "index"
);
