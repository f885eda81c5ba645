use serde::{Deserialize, Serialize};

use crate::error::{Errors, Lang};
use crate::ids::{OrganisationId, PersonId};
use crate::{FieldError, Invalid, text};

/// A person who sits in a body or works for an organisation. Name, title, organisation and
/// party are public (GDPR allows publishing elected representatives' names and party);
/// e-mail and phone are shown to signed-in users only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub title: Option<String>,
    pub organisation_id: Option<OrganisationId>,
    pub party: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The language the product writes to them in (e-mail), Swedish unless they chose English.
    pub lang: Lang,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    pub name: String,
    pub title: Option<String>,
    pub organisation_id: Option<OrganisationId>,
    pub party: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub lang: Lang,
}

impl PersonInput {
    /// `lang` is "sv" or "en" ("" for Swedish).
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        name: &str,
        title: &str,
        organisation_id: Option<OrganisationId>,
        party: &str,
        email: &str,
        phone: &str,
        lang: &str,
    ) -> Result<PersonInput, Invalid> {
        let mut e = Errors::new();
        let name = e.check(text::required("name", name, 200));
        let title = e.check(text::optional("title", title, 200)).flatten();
        let party = e.check(text::optional("party", party, 40)).flatten();
        let email = e.check(optional_email("email", email)).flatten();
        let phone = e.check(optional_phone("phone", phone)).flatten();
        let lang = e.check(language("lang", lang)).unwrap_or_default();
        e.finish(|| PersonInput { name: name.unwrap_or_default(), title, organisation_id, party, email, phone, lang })
    }
}

/// A language to write to someone in: "sv" or "en"; empty is Swedish.
pub fn language(field: &str, s: &str) -> Result<Lang, FieldError> {
    match s.trim() {
        "" => Ok(Lang::Sv),
        "sv" => Ok(Lang::Sv),
        "en" => Ok(Lang::En),
        _ => Err(FieldError::new(field, "invalid_lang", "Välj svenska eller engelska.", "Choose Swedish or English.")),
    }
}

/// An e-mail address good enough to send to: one @, a dot in the domain, no spaces, at most
/// 254 characters (RFC 5321). Stored in lower case.
pub fn email(field: &str, s: &str) -> Result<String, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::required(field));
    }
    let bad = || {
        FieldError::new(
            field,
            "invalid_email",
            "Ange en giltig e-postadress, t.ex. namn@kommun.se.",
            "Give a valid e-mail address, e.g. name@example.org.",
        )
    };
    if s.len() > 254 {
        return Err(FieldError::too_long(field, 254));
    }
    let (local, domain) = s.split_once('@').ok_or_else(bad)?;
    if local.is_empty()
        || domain.len() < 3
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains('@')
        || s.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(bad());
    }
    Ok(s.to_lowercase())
}

fn optional_email(field: &str, s: &str) -> Result<Option<String>, FieldError> {
    if s.trim().is_empty() { Ok(None) } else { email(field, s).map(Some) }
}

fn optional_phone(field: &str, s: &str) -> Result<Option<String>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let ok = s.len() <= 40
        && s.chars().filter(|c| c.is_ascii_digit()).count() >= 5
        && s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if ok {
        Ok(Some(s.to_string()))
    } else {
        Err(FieldError::new(
            field,
            "invalid_phone",
            "Ange ett telefonnummer med siffror, t.ex. 010-242 00 00.",
            "Give a phone number in digits, e.g. +46 10 242 00 00.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(email("email", " Karin.H@RJL.se ").unwrap(), "karin.h@rjl.se");
        for bad in ["karin", "karin@", "@rjl.se", "karin@rjl", "kar in@rjl.se", "a@b@c.se"] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn person_errors_name_their_fields() {
        let err = PersonInput::parse("", "", None, "", "nej", "abc", "fi").unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "phone", "lang"]);
    }
}
