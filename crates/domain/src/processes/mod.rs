//! Processes (issue 14, first part): a process with phases and milestones, its process
//! organisation (roles mapped to bodies of the consultation structure), the forums of each
//! milestone and their part in it, templates that move their dates to a new start, the
//! stakeholder analysis, dialogue meetings, and inputs (inspel) with their moderation and
//! compilation.
//!
//! Sources: seed 000 (the RUS process in four phases; Samrådet för strategiska frågor as
//! political steering group, Ledningsgruppen för strategiska frågor as preparing officials'
//! group, the region as process lead), seed 002 (Kalmar's review from analysis in February 2021
//! to the decision in December 2022; a stakeholder analysis before inviting to dialogue), seed 003
//! (Jönköping's revision dialogues in every municipality, autumn 2024 and spring 2025, with four
//! group questions; the RTP plan where each forum informs, discusses, anchors or decides);
//! domain.md rules 10, 11 and 22.

pub mod compilation;
pub mod dialogue;
pub mod input;
pub mod milestone;
pub mod process;
pub mod question;
pub mod stakeholder;
pub mod template;

pub use dialogue::{DialogueFields, DialogueInput};
pub use input::{InputFields, InputInput, Moderation, ParticipantKind};
pub use milestone::{ForumRole, MilestoneFields, MilestoneInput, MilestoneStatus, PhaseFields, PhaseInput, Progress};
pub use process::{ProcessFields, ProcessInput, RoleKind};
pub use stakeholder::{Level, StakeholderFields, StakeholderInput, Strategy as StakeholderStrategy};
pub use template::Template;

/// Parses a choice by its stored value, or says which field is wrong (for callers outside).
pub fn choice_of<T>(field: &str, v: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, crate::FieldError> {
    choice(field, v, parse)
}

/// Parses a choice by its stored value, or says which field is wrong.
pub(crate) fn choice<T>(field: &str, v: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, crate::FieldError> {
    parse(v.trim()).ok_or_else(|| {
        crate::FieldError::new(field, "invalid_choice", "Välj ett värde i listan.", "Choose a value from the list.")
    })
}
