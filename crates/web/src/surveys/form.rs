//! The builder's form for adding a question, shared by the survey's page (which shows it, with
//! what was typed when a post was refused) and the builder (which takes it).

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
