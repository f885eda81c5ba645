//! A document (handling) registered in a case: its direction, the date it bears, who sent or
//! received it, a short description and an optional secrecy marking. The registration date is
//! not an input: the store sets it from its clock when it registers the document (OSL 5 kap.
//! 1 §: registered "utan dröjsmål", so the day of registration is a fact, never typed).
//! OSL 5 kap. 2 § names what the registration shows: date, case number, sender or recipient,
//! and a short description of what the document concerns.

use time::Date;

use super::identity_number::refuse_identity_number;
use super::{Direction, SecrecyInput};
use crate::error::Errors;
use crate::{FieldError, Invalid, text};

pub const PARTY_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 500;

/// A document as a registrar typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentInput {
    pub direction: Direction,
    pub document_date: Date,
    /// The sender of an incoming document, the recipient of an outgoing one.
    pub counterpart: Option<String>,
    pub description: String,
    pub secrecy: Option<SecrecyInput>,
}

/// The fields of a document as typed, from a form or JSON.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocumentFields<'a> {
    pub direction: &'a str,
    pub document_date: &'a str,
    pub counterpart: &'a str,
    pub description: &'a str,
    pub secrecy_provision: &'a str,
    pub secrecy_until: &'a str,
}

impl DocumentInput {
    /// Every field's problems at once. A document is dated no later than `today`; an incoming
    /// or outgoing one names its counterpart. The description and counterpart of a public
    /// document are public and refuse personal identity numbers; a secret one's are not shown.
    pub fn parse(f: DocumentFields, today: Date) -> Result<DocumentInput, Invalid> {
        let mut e = Errors::new();
        let direction = e.check(Direction::parse_field(f.direction));
        let date = e.check(crate::structure::date("document_date", f.document_date)).flatten();
        if date.is_none() && f.document_date.trim().is_empty() {
            e.push(FieldError::required("document_date"));
        }
        if let Some(d) = date
            && d > today
        {
            e.push(FieldError::new(
                "document_date",
                "document_date_future",
                "En handling kan inte vara daterad senare än i dag.",
                "A document cannot be dated later than today.",
            ));
        }
        let secrecy = match SecrecyInput::parse(f.secrecy_provision, f.secrecy_until, today) {
            Ok(s) => s,
            Err(Invalid(errors)) => {
                errors.into_iter().for_each(|x| e.push(x));
                None
            }
        };
        let public = secrecy.is_none() && f.secrecy_provision.trim().is_empty();
        let public_text = |field: &str, t: &str| if public { refuse_identity_number(field, t) } else { Ok(()) };
        let counterpart = e.check(text::optional("counterpart", f.counterpart, PARTY_MAX).and_then(|c| {
            c.as_deref().map_or(Ok(()), |c| public_text("counterpart", c))?;
            Ok(c)
        }));
        if let (Some(d), Some(None)) = (direction, &counterpart)
            && d.has_counterpart()
        {
            e.push(FieldError::new(
                "counterpart",
                "counterpart_required",
                "Ange avsändare (inkommande) eller mottagare (utgående).",
                "Give the sender (incoming) or the recipient (outgoing).",
            ));
        }
        let description = e.check(
            text::required("description", f.description, DESCRIPTION_MAX)
                .and_then(|t| public_text("description", &t).map(|()| t)),
        );
        e.finish(|| DocumentInput {
            direction: direction.unwrap_or_default(),
            document_date: date.unwrap_or(today),
            counterpart: counterpart.flatten(),
            description: description.unwrap_or_default(),
            secrecy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 06);

    fn fields<'a>() -> DocumentFields<'a> {
        DocumentFields {
            direction: "drawn_up",
            document_date: "2026-12-01",
            description: "Tjänsteskrivelse Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess",
            ..Default::default()
        }
    }

    #[test]
    fn the_seed_documents_parse() {
        // Seed 000's "Beslutsunderlag": the tjänsteskrivelse (drawn up) and its PM (a bilaga).
        let d = DocumentInput::parse(fields(), TODAY).unwrap();
        assert_eq!((d.direction, d.document_date, d.secrecy), (Direction::DrawnUp, date!(2026 - 12 - 01), None));
        let sent = DocumentInput::parse(
            DocumentFields { direction: "outgoing", counterpart: "Norrköpings kommun", ..fields() },
            TODAY,
        )
        .unwrap();
        assert_eq!(sent.counterpart.as_deref(), Some("Norrköpings kommun"));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let e = DocumentInput::parse(
            DocumentFields {
                direction: "incoming",
                document_date: "2026-12-07",
                counterpart: "",
                description: "",
                secrecy_provision: "",
                secrecy_until: "2030-01-01",
            },
            TODAY,
        )
        .unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("document_date", "document_date_future"),
                ("secrecy_provision", "provision_required"),
                ("counterpart", "counterpart_required"),
                ("description", "required"),
            ]
        );
        let e =
            DocumentInput::parse(DocumentFields { direction: "", document_date: "", ..fields() }, TODAY).unwrap_err();
        assert_eq!(e.0.len(), 2);
    }

    #[test]
    fn public_text_refuses_identity_numbers_secret_text_may_hold_them() {
        let with_number = DocumentFields {
            direction: "incoming",
            counterpart: "Tolvan Tolvansson 121212-1212",
            description: "Ansökan om stöd, pnr 19121212-1212",
            ..fields()
        };
        let e = DocumentInput::parse(with_number, TODAY).unwrap_err();
        assert!(e.0.iter().all(|f| f.code == "identity_number") && e.0.len() == 2);
        // OSL 21 kap. 7 §: marked secret, the description is not shown to the public.
        let secret = DocumentFields { secrecy_provision: "21 kap. 7 §", ..with_number };
        let d = DocumentInput::parse(secret, TODAY).unwrap();
        assert_eq!(d.secrecy.unwrap().provision.to_string(), "21 kap. 7 §");
    }
}
