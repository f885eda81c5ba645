//! A request for an official document (begäran om allmän handling, issue 11): someone reading
//! the public registry asks for a case's document, or the whole case, and the registrar handles
//! it and records how.
//!
//! Sources: tryckfrihetsförordningen 2 kap. 15 § (the authority handles a request
//! "skyndsamt"), 2 kap. 16 § (the form: read on site, a copy on paper, or electronically),
//! 2 kap. 18 § (nobody has to say who they are: the name is optional), and offentlighets- och
//! sekretesslagen (2009:400) 6 kap. 3 § and 12 kap. (a document released with redactions or
//! refused names the provision of secrecy it rests on).

use serde::{Deserialize, Serialize};

use super::SecrecyProvision;
use crate::error::{Errors, Lang};
use crate::{FieldError, Invalid, text};

/// What is requested: at most this many characters.
pub const WHAT_MAX: usize = 2000;
/// The requester's name, when given.
pub const NAME_MAX: usize = 200;
/// The registrar's note on how the request was handled.
pub const NOTE_MAX: usize = 2000;

/// How the requester wants the document (TF 2 kap. 16 §).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Paper,
    Email,
    OnSite,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Email, Delivery::Paper, Delivery::OnSite];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Paper => "paper",
            Delivery::Email => "email",
            Delivery::OnSite => "on_site",
        }
    }

    pub fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Delivery::Paper, Lang::Sv) => "Kopia på papper",
            (Delivery::Email, Lang::Sv) => "Med e-post",
            (Delivery::OnSite, Lang::Sv) => "Läsa på plats",
            (Delivery::Paper, Lang::En) => "A paper copy",
            (Delivery::Email, Lang::En) => "By e-mail",
            (Delivery::OnSite, Lang::En) => "Read it on site",
        }
    }
}

/// Where a request stands: received, then handled (once, with its outcome).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Received,
    Handled,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Received => "received",
            RequestStatus::Handled => "handled",
        }
    }

    pub fn parse(s: &str) -> Option<RequestStatus> {
        [RequestStatus::Received, RequestStatus::Handled].into_iter().find(|r| r.as_str() == s.trim())
    }
}

/// How a handled request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Released,
    Redacted,
    Refused,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Released, Outcome::Redacted, Outcome::Refused];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Released => "released",
            Outcome::Redacted => "redacted",
            Outcome::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Released, Lang::Sv) => "Lämnad ut",
            (Outcome::Redacted, Lang::Sv) => "Lämnad ut med maskeringar",
            (Outcome::Refused, Lang::Sv) => "Avslag",
            (Outcome::Released, Lang::En) => "Released",
            (Outcome::Redacted, Lang::En) => "Released with redactions",
            (Outcome::Refused, Lang::En) => "Refused",
        }
    }

    /// Redactions and refusals rest on a provision of secrecy (OSL); a full release on none.
    pub fn needs_provision(self) -> bool {
        self != Outcome::Released
    }
}

/// A request as the public form or API gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestInput {
    /// The document asked for; none means the case as a whole.
    pub document_id: Option<i64>,
    pub what: String,
    pub name: Option<String>,
    pub email: String,
    pub delivery: Delivery,
}

impl RequestInput {
    /// Every field's problems at once. The name may be left out (TF 2 kap. 18 §); the address
    /// is needed for the answer.
    pub fn parse(document: &str, what: &str, name: &str, email: &str, delivery: &str) -> Result<RequestInput, Invalid> {
        let mut e = Errors::new();
        let document = e.check(crate::structure::inputs::id("document_id", document)).flatten();
        let what = e.check(text::required("requested", what, WHAT_MAX));
        let name = e.check(text::optional("requester_name", name, NAME_MAX));
        let email = e.check(crate::organisations::email("requester_email", email));
        let delivery = e.check(Delivery::parse(delivery).ok_or_else(|| {
            FieldError::new(
                "delivery",
                "invalid_delivery",
                "Välj hur du vill få handlingen: med e-post, på papper eller läsa på plats.",
                "Choose how you want the document: by e-mail, on paper or read on site.",
            )
        }));
        e.finish(|| RequestInput {
            document_id: document,
            what: what.unwrap_or_default(),
            name: name.flatten(),
            email: email.unwrap_or_default(),
            delivery: delivery.unwrap_or(Delivery::Email),
        })
    }
}

/// The registrar's record of how a request was handled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlingInput {
    pub outcome: Outcome,
    pub provision: Option<SecrecyProvision>,
    pub note: String,
}

impl HandlingInput {
    /// A handled request needs its outcome and a note; redactions and refusals also the OSL
    /// provision they rest on (OSL 6 kap. 3 §, TF 2 kap. 15 §).
    pub fn parse(outcome: &str, provision: &str, note: &str) -> Result<HandlingInput, Invalid> {
        let mut e = Errors::new();
        let outcome = e.check(Outcome::parse(outcome).ok_or_else(|| {
            FieldError::new(
                "outcome",
                "invalid_outcome",
                "Välj om handlingen lämnades ut, lämnades ut med maskeringar eller om begäran avslogs.",
                "Choose whether the document was released, released with redactions or refused.",
            )
        }));
        let provision = match (outcome, provision.trim()) {
            (Some(o), "") if o.needs_provision() => {
                e.push(FieldError::new(
                    "provision",
                    "provision_required",
                    "Ange den bestämmelse i OSL som maskeringen eller avslaget grundas på, t.ex. 21 kap. 7 §.",
                    "Give the OSL provision the redaction or refusal rests on, e.g. 21 kap. 7 §.",
                ));
                None
            }
            (_, "") => None,
            (_, p) => e.check(SecrecyProvision::parse("provision", p)),
        };
        let note = e.check(text::required("handling_note", note, NOTE_MAX));
        e.finish(|| HandlingInput {
            outcome: outcome.unwrap_or(Outcome::Released),
            provision: provision.filter(|_| outcome.is_some_and(Outcome::needs_provision)),
            note: note.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: &Invalid) -> Vec<(&str, &str)> {
        e.0.iter().map(|f| (f.field.as_str(), f.code)).collect()
    }

    #[test]
    fn an_anonymous_request_is_accepted() {
        // TF 2 kap. 18 §: nobody has to say who they are to get an official document.
        let r = RequestInput::parse("", "Tjänsteskrivelsen om RUS", "", "Anna@Example.org", "email").unwrap();
        assert_eq!((r.document_id, r.name, r.email.as_str()), (None, None, "anna@example.org"));
        let r = RequestInput::parse("12", "PM bilaga", "Anna", "anna@example.org", "on_site").unwrap();
        assert_eq!((r.document_id, r.delivery), (Some(12), Delivery::OnSite));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let long = "x".repeat(WHAT_MAX + 1);
        let e = RequestInput::parse("tolv", &long, &"n".repeat(NAME_MAX + 1), "anna", "fax").unwrap_err();
        assert_eq!(
            fields(&e),
            vec![
                ("document_id", "invalid_id"),
                ("requested", "too_long"),
                ("requester_name", "too_long"),
                ("requester_email", "invalid_email"),
                ("delivery", "invalid_delivery")
            ]
        );
        let e = RequestInput::parse("", " ", "", "", "").unwrap_err();
        assert_eq!(
            fields(&e),
            vec![("requested", "required"), ("requester_email", "required"), ("delivery", "invalid_delivery")]
        );
        assert!(e.0.iter().all(|f| !f.sv.is_empty() && !f.en.is_empty()));
    }

    #[test]
    fn handling_needs_a_note_and_a_refusal_its_provision() {
        // OSL 6 kap. 3 §: a refusal (and a redaction) names the provision of secrecy.
        let e = HandlingInput::parse("refused", "", "").unwrap_err();
        assert_eq!(fields(&e), vec![("provision", "provision_required"), ("handling_note", "required")]);
        let e = HandlingInput::parse("redacted", "21 kap. 99 x", "Maskerat").unwrap_err();
        assert_eq!(fields(&e), vec![("provision", "invalid_provision")]);
        let h = HandlingInput::parse("refused", "21 kap. 7 §", "Personuppgifter").unwrap();
        assert_eq!(h.provision.map(|p| p.to_string()).as_deref(), Some("21 kap. 7 §"));
        // A full release rests on no provision; one typed anyway is not kept.
        let h = HandlingInput::parse("released", "21 kap. 7 §", "Skickad med e-post").unwrap();
        assert_eq!((h.outcome, h.provision), (Outcome::Released, None));
        assert_eq!(fields(&HandlingInput::parse("maybe", "", "x").unwrap_err()), vec![("outcome", "invalid_outcome")]);
    }

    #[test]
    fn codes_round_trip() {
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        for s in [RequestStatus::Received, RequestStatus::Handled] {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
        }
    }
}
