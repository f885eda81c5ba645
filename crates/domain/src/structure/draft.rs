//! A finding of the compliance check before it is sorted and numbered.

use crate::ids::OrganisationId;

/// A finding before it is sorted: `name` is the organisation's, empty for the body itself.
pub(super) struct Draft {
    pub(super) name: String,
    pub(super) organisation_id: Option<OrganisationId>,
    pub(super) sv: String,
    pub(super) en: String,
}

impl Draft {
    pub(super) fn body(sv: String, en: String) -> Draft {
        Draft { name: String::new(), organisation_id: None, sv, en }
    }
}
