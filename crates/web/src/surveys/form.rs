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
    #[serde(flatten)]
    pub q: QuestionFields,
}

/// The organisations to ask: one by id, or all of a kind in a county.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RecipientsForm {
    pub kind: String,
    pub county: String,
    pub organisation_id: String,
}
