//! Secrecy grants (issue 11): "secrecy-marked content is readable only by that organisation's
//! registrars and those they grant". A registrar may let a named person (an account) read a
//! secrecy-marked document, or every secret document of a case, with a reason and an optional
//! last day; the grant can be revoked. OSL 10 kap. (sekretessbrytande bestämmelser) and 8 kap.
//! 1 § make the disclosure a decision someone takes and answers for, so each grant names its
//! reason and who gave it, and is audited.
//!
//! The rule `may_read` is the one every read path asks (the case page, the API, file downloads,
//! the registry's CSV): a document whose marking applies today is shown in full to the
//! organisation's registrars and to a person with an active grant covering it; everyone else
//! sees its registration only (number, day, that it is secret: OSL 5 kap. 1–3 §§).

use time::Date;

use super::Secrecy;
use crate::error::Errors;
use crate::ids::CaseDocumentId;
use crate::{FieldError, Invalid, text};

pub const REASON_MAX: usize = 500;

/// A grant as the rule needs it: what it covers and how long it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant {
    /// One document, or every secret document of the case when `None`.
    pub document: Option<CaseDocumentId>,
    /// Its last day (inclusive); none means until revoked.
    pub until: Option<Date>,
    pub revoked: bool,
}

impl Grant {
    /// Whether the grant lets its holder read on `today`: not revoked, its last day not passed.
    pub fn active(&self, today: Date) -> bool {
        !self.revoked && self.until.is_none_or(|u| today <= u)
    }

    /// Whether the grant reaches document `d` of its case.
    pub fn covers(&self, d: CaseDocumentId) -> bool {
        self.document.is_none_or(|g| g == d)
    }
}

/// Who is reading a case's documents: whether they register for its organisation, and the
/// grants they hold in that case (only their own).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reader {
    pub registrar: bool,
    pub grants: Vec<Grant>,
}

impl Reader {
    pub fn registrar() -> Reader {
        Reader { registrar: true, grants: Vec::new() }
    }

    /// Whether this reader sees document `d` with marking `secrecy` in full on `today`.
    pub fn may_read(&self, d: CaseDocumentId, secrecy: Option<&Secrecy>, today: Date) -> bool {
        may_read(self.registrar, &self.grants, d, secrecy, today)
    }
}

/// The rule: a document not secret today is public; a secret one is readable by the
/// organisation's registrars and by a person holding an active grant that covers it; by no
/// one else.
pub fn may_read(registrar: bool, grants: &[Grant], d: CaseDocumentId, secrecy: Option<&Secrecy>, today: Date) -> bool {
    let secret = secrecy.is_some_and(|s| s.applies(today));
    !secret || registrar || grants.iter().any(|g| g.active(today) && g.covers(d))
}

/// A grant as a registrar typed it: the person's account (by e-mail address), the document
/// (none: all the case's secret documents), the reason and an optional last day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantInput {
    pub grantee: String,
    pub document: Option<CaseDocumentId>,
    pub reason: String,
    pub until: Option<Date>,
}

impl GrantInput {
    /// Every field's problems at once. The last day must not have passed.
    pub fn parse(grantee: &str, document: &str, reason: &str, until: &str, today: Date) -> Result<GrantInput, Invalid> {
        let mut e = Errors::new();
        let grantee = e.check(crate::organisations::email("grantee", grantee));
        let document = match document.trim() {
            "" | "all" => None,
            s => e.check(s.parse::<i64>().ok().filter(|n| *n > 0).map(CaseDocumentId).ok_or_else(|| {
                FieldError::new(
                    "grant_document",
                    "invalid_document",
                    "Välj en sekretessmarkerad handling i listan.",
                    "Choose a secrecy-marked document from the list.",
                )
            })),
        };
        let reason = e.check(text::required("grant_reason", reason, REASON_MAX));
        let until = e.check(crate::structure::date("grant_until", until)).flatten();
        if let Some(u) = until
            && u < today
        {
            e.push(FieldError::new(
                "grant_until",
                "grant_until_past",
                "Behörigheten kan inte gälla till ett datum som har passerat.",
                "The grant cannot last until a day that has passed.",
            ));
        }
        e.finish(|| GrantInput {
            grantee: grantee.unwrap_or_default(),
            document,
            reason: reason.unwrap_or_default(),
            until,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::SecrecyProvision;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 06);

    fn marking(until: Option<Date>) -> Secrecy {
        Secrecy {
            provision: SecrecyProvision::parse("p", "21 kap. 7 §").unwrap(),
            until,
            set_by: "registrator@regionostergotland.se".into(),
        }
    }

    #[test]
    fn registrars_and_grantees_read_secret_documents_others_do_not() {
        let d = CaseDocumentId(7);
        let s = marking(None);
        // The registrar of the organisation reads everything (issue 11, "Permissions").
        assert!(may_read(true, &[], d, Some(&s), TODAY));
        // Nobody else without a grant.
        assert!(!may_read(false, &[], d, Some(&s), TODAY));
        // A grant for this document, or for the whole case, opens it.
        let one = Grant { document: Some(d), until: None, revoked: false };
        let case = Grant { document: None, until: Some(TODAY), revoked: false };
        assert!(may_read(false, &[one], d, Some(&s), TODAY));
        assert!(may_read(false, &[case], d, Some(&s), TODAY));
        // A grant for another document does not.
        let other = Grant { document: Some(CaseDocumentId(8)), ..one };
        assert!(!may_read(false, &[other], d, Some(&s), TODAY));
        // Revoked or past its last day, it opens nothing.
        assert!(!may_read(false, &[Grant { revoked: true, ..one }], d, Some(&s), TODAY));
        assert!(!may_read(false, &[case], d, Some(&s), date!(2026 - 12 - 07)));
        // A public document, or one whose marking has lapsed, is everyone's (OSL 5 kap. 3 §).
        assert!(may_read(false, &[], d, None, TODAY));
        assert!(may_read(false, &[], d, Some(&marking(Some(date!(2026 - 12 - 05)))), TODAY));
    }

    #[test]
    fn a_grant_says_who_why_and_until_when() {
        let g = GrantInput::parse(" Handlaggare@Linkoping.se ", "12", "Handläggning av ärendet", "2027-06-30", TODAY)
            .unwrap();
        assert_eq!(g.grantee, "handlaggare@linkoping.se");
        assert_eq!((g.document, g.until), (Some(CaseDocumentId(12)), Some(date!(2027 - 06 - 30))));
        assert_eq!(GrantInput::parse("a@b.se", "all", "Skäl", "", TODAY).unwrap().document, None);
        let e = GrantInput::parse("inte en adress", "x", "", "2020-01-01", TODAY).unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("grantee", e.0[0].code),
                ("grant_document", "invalid_document"),
                ("grant_reason", "required"),
                ("grant_until", "grant_until_past")
            ]
        );
        assert!(e.0.iter().all(|f| !f.sv.is_empty() && !f.en.is_empty() && f.sv != f.en));
    }

    proptest! {
        /// Whatever the grants, a registrar always reads and a public document is always read;
        /// a non-registrar reads a secret document exactly when some active grant covers it.
        #[test]
        fn the_rule_holds(
            grants in proptest::collection::vec((proptest::option::of(1i64..5), proptest::option::of(-3i64..3), any::<bool>()), 0..5),
            doc in 1i64..5,
            registrar in any::<bool>(),
        ) {
            let grants: Vec<Grant> = grants.into_iter().map(|(d, u, revoked)| Grant {
                document: d.map(CaseDocumentId),
                until: u.map(|n| TODAY + time::Duration::days(n)),
                revoked,
            }).collect();
            let d = CaseDocumentId(doc);
            let s = marking(None);
            prop_assert!(may_read(registrar, &grants, d, None, TODAY));
            let expected = registrar || grants.iter().any(|g| !g.revoked && g.until.is_none_or(|u| u >= TODAY) && g.document.is_none_or(|x| x == d));
            prop_assert_eq!(may_read(registrar, &grants, d, Some(&s), TODAY), expected);
        }
    }
}
