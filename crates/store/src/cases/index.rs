//! What search finds of the registry: each case by its number and public title, and each of
//! its documents by its number and date, with its description only when it is not secret
//! (OSL 5 kap. 3 §: the registration is public, what is secret in it is not). The internal
//! title, the counterpart and secret descriptions are never indexed. A secrecy marking whose
//! last day has passed lifts when the case is next re-indexed.

use domain::cases::{Case, document_number};
use domain::search::{Kind, Readers, SearchDocument, Searchable};

use super::documents::CaseDocument;

/// A document as the public index holds it, on the day it is indexed.
pub(super) struct PublicDocument<'a> {
    pub case: &'a Case,
    pub d: &'a CaseDocument,
    pub today: time::Date,
}

impl Searchable for PublicDocument<'_> {
    fn search_document(&self) -> SearchDocument {
        let secret = self.d.secrecy.as_ref().is_some_and(|s| s.applies(self.today));
        let number = document_number(&self.case.number, self.d.number);
        let text = if secret {
            format!("Sekretess. Registrerad {}.", self.d.registered_on)
        } else {
            format!("{} Registrerad {}.", self.d.description, self.d.registered_on)
        };
        SearchDocument {
            kind: Kind::CaseDocument,
            ref_id: self.d.id.0,
            title: if secret { number } else { format!("{number} {}", self.d.description) },
            text,
            url: format!("/diarium/{}#handling-{}", self.case.id, self.d.number),
            body_id: self.case.body_id.map(|b| b.0),
            year: Some(self.d.registered_on.year()),
            date: self.d.registered_on.to_string(),
            readers: Readers::Public,
        }
    }
}
