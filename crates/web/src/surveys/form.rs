//! The forms of the survey's page, shared by the page (which shows them, with what was typed
//! when a post was refused) and the use cases that take them: the builder's form for adding a
//! question, and the choice of the organisations to ask.

use domain::surveys::builder::QuestionFields;
use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddForm {
    /// The index of the section, or empty for a new one titled `new_section`.
    pub section: String,
    pub new_section: String,
    /// The version of the survey the page was read at (hidden in the form).
    pub version: String,
    #[serde(flatten)]
    pub q: QuestionFields,
}

impl AddForm {
    /// The version the builder's page was read at; a missing or garbled one is none.
    pub fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }
}

/// The organisations to ask: one by id, or all of a kind in a county.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecipientsForm {
    pub kind: String,
    pub county: String,
    pub organisation_id: String,
}
