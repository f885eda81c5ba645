//! The registry (diarium, issue 11): cases (ärenden) with their registry numbers, the documents
//! (handlingar) registered in them, secrecy markings, and the rule that public fields hold no
//! personal identity numbers.
//!
//! Sources: offentlighets- och sekretesslagen (2009:400) 5 kap. 1–2 §§ (what a registration
//! holds: date, case number, sender or recipient, a short description; secret documents always
//! registered), 5 kap. 3 § (what is secret in the description stays out of the public
//! register, the registration itself does not), tryckfrihetsförordningen 2 kap. (official
//! documents: incoming, drawn up), and seed `003_…` ("Diarienummer: RJL 2024/3336").

pub mod archive;
pub mod case;
pub mod direction;
pub mod document;
pub mod grant;
pub mod identity_number;
pub mod link;
pub mod number;
pub mod path;
pub mod request;
pub mod routing;
pub mod secrecy;
pub mod status;

pub use case::{Case, CaseInput, RESPONSIBLE_MAX, TITLE_MAX};
pub use direction::Direction;
pub use document::{DESCRIPTION_MAX, DocumentFields, DocumentInput, PARTY_MAX};
pub use grant::{Grant, GrantInput, Reader};
pub use identity_number::{contains_identity_number, identity_numbers, refuse_identity_number};
pub use link::check_link;
pub use number::{CaseNumber, Prefix, document_number};
pub use path::{Change, DeviationInput, Step, StepKind, StepStatus, StepStatusInput};
pub use request::{Delivery, HandlingInput, Outcome, RequestInput, RequestStatus};
pub use routing::{CaseTraits, Line, Reason, Route, StrategicDocument, route};
pub use secrecy::{Secrecy, SecrecyInput, SecrecyProvision};
pub use status::{CaseStatus, StatusInput};
