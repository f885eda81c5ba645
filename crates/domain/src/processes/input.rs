//! An input (inspel) to a process: sent by anyone through the public form while the process is
//! open (seed 002: "Mejla processledaren … om du vill komma med inspel"), or written down from a
//! dialogue meeting; tagged with the question it answers, strategy areas and Agenda 2030 goals.
//!
//! Public inputs wait for moderation before anything of them is published. Personal data is
//! handled as in a referral's open answers (domain.md rule 22): the sender's name and address
//! are never published, and the published text has personal identity numbers, e-mail
//! addresses, phone numbers and the sender's own name masked (`referrals::personal_data`).

use serde::Serialize;

use crate::error::Errors;
use crate::privacy::{Removed, mask_text};
use crate::referrals::personal_data;
use crate::strategy::SdgRef;
use crate::strategy::document::optional_id;
use crate::{FieldError, Invalid, text};

pub const TEXT_MAX: usize = 5000;
pub const NAME_MAX: usize = 200;
pub const TAGS_MAX: usize = 20;

/// The kind of participant an input comes from (seed 003: politics, officials, business, civil
/// society; and residents, who may send inputs too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantKind {
    Politics,
    Officials,
    Business,
    CivilSociety,
    Resident,
}

impl ParticipantKind {
    pub const ALL: [ParticipantKind; 5] = [
        ParticipantKind::Politics,
        ParticipantKind::Officials,
        ParticipantKind::Business,
        ParticipantKind::CivilSociety,
        ParticipantKind::Resident,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantKind::Politics => "politics",
            ParticipantKind::Officials => "officials",
            ParticipantKind::Business => "business",
            ParticipantKind::CivilSociety => "civil_society",
            ParticipantKind::Resident => "resident",
        }
    }

    pub fn parse(s: &str) -> Option<ParticipantKind> {
        ParticipantKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("process.kind_{}", self.as_str())
    }
}

/// Where an input is in moderation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    Pending,
    Published,
    Rejected,
}

impl Moderation {
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Published => "published",
            Moderation::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Moderation> {
        [Moderation::Pending, Moderation::Published, Moderation::Rejected].into_iter().find(|m| m.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("process.moderation_{}", self.as_str())
    }

    /// Whether a moderator may move an input from `self` to `to`. A received input waits
    /// (`Pending`) until it is published or rejected: personal data in it is reviewed before web
    /// publication (domain.md rule 22). A published input may be rejected later, since someone
    /// must be able to remove it from the web (rule 22); a rejected one may be published after
    /// all. Nothing goes back to waiting, and choosing the state it is in changes nothing (a
    /// retried moderation is safe).
    pub fn may_become(self, to: Moderation) -> bool {
        to != Moderation::Pending
    }

    /// The state a moderator chose by its stored value: publish or reject.
    pub fn chosen(field: &str, v: &str) -> Result<Moderation, FieldError> {
        match Moderation::parse(v.trim()) {
            Some(m) if Moderation::Pending.may_become(m) => Ok(m),
            _ => Err(Moderation::refused(field)),
        }
    }

    /// What a moderator is told who chose a state an input may not move to.
    pub fn refused(field: &str) -> FieldError {
        FieldError::new(field, "invalid_choice", "Välj publicera eller avvisa.", "Choose publish or reject.")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputInput {
    pub kind: ParticipantKind,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub organisation_name: Option<String>,
    pub question_id: Option<i64>,
    pub dialogue_id: Option<i64>,
    pub area_ids: Vec<i64>,
    pub sdg: Vec<SdgRef>,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct InputFields {
    pub kind: String,
    pub author_name: String,
    pub author_email: String,
    pub organisation_name: String,
    pub question_id: String,
    pub dialogue_id: String,
    pub area_ids: Vec<String>,
    pub sdg: String,
    pub text: String,
}

/// The sender's address, optional; checked as every address of the product is
/// (`organisations::email`).
fn email(v: &str) -> Result<Option<String>, FieldError> {
    if v.trim().is_empty() { Ok(None) } else { crate::organisations::email("author_email", v).map(Some) }
}

impl InputFields {
    pub fn parse(&self) -> Result<InputInput, Invalid> {
        let mut e = Errors::new();
        let kind = e.check(super::choice("kind", &self.kind, ParticipantKind::parse));
        let author_name = e.check(text::optional("author_name", &self.author_name, NAME_MAX)).flatten();
        let author_email = e.check(email(&self.author_email)).flatten();
        let organisation_name =
            e.check(text::optional("organisation_name", &self.organisation_name, NAME_MAX)).flatten();
        let question_id = e.check(optional_id("question_id", &self.question_id)).flatten();
        let dialogue_id = e.check(optional_id("dialogue_id", &self.dialogue_id)).flatten();
        let mut area_ids = Vec::new();
        for a in self.area_ids.iter().filter(|a| !a.trim().is_empty()) {
            if let Some(Some(id)) = e.check(optional_id("area_ids", a))
                && !area_ids.contains(&id)
            {
                area_ids.push(id);
            }
        }
        if area_ids.len() > TAGS_MAX {
            e.push(FieldError::new("area_ids", "too_many", "Välj högst 20 områden.", "Choose at most 20 areas."));
        }
        let sdg = e.check(SdgRef::parse_list("sdg", &self.sdg)).unwrap_or_default();
        if sdg.len() > TAGS_MAX {
            e.push(FieldError::new("sdg", "too_many", "Ange högst 20 mål.", "Give at most 20 goals."));
        }
        let body = e.check(text::optional_multiline("text", &self.text, TEXT_MAX)).flatten();
        if body.is_none() && !self.text.trim().is_empty() {
            // optional_multiline refused it; its error is already recorded.
        } else if body.is_none() {
            e.push(FieldError::required("text"));
        }
        e.finish(|| InputInput {
            kind: kind.unwrap_or(ParticipantKind::Resident),
            author_name,
            author_email,
            organisation_name,
            question_id,
            dialogue_id,
            area_ids,
            sdg,
            text: body.unwrap_or_default(),
        })
    }
}

/// The text as it may be published: personal identity numbers, e-mail addresses, phone numbers
/// and the sender's own name masked, and the names of the people whose personal data has been
/// removed from the web (`hidden`, rule 22) shown as [`crate::privacy::REMOVED`], as a removal
/// later hides them in what was published before it.
pub fn publishable(text: &str, author_name: Option<&str>, hidden: &[&Removed]) -> String {
    let names: Vec<String> = author_name.map(|n| vec![n.to_string()]).unwrap_or_default();
    let mut shown = personal_data::mask(text, &personal_data::find(text, &names));
    mask_text(&mut shown, hidden);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    /// domain.md rule 22: reviewed before publication, removable from the web later; nothing
    /// goes back to waiting; the same state again is a safe retry.
    #[test]
    fn moderation_publishes_or_rejects_and_never_returns_to_waiting() {
        use Moderation::*;
        for from in [Pending, Published, Rejected] {
            assert!(from.may_become(Published) && from.may_become(Rejected), "{from:?}");
            assert!(!from.may_become(Pending), "{from:?}");
        }
        assert_eq!(Moderation::chosen("status", " published "), Ok(Published));
        assert_eq!(Moderation::chosen("status", "rejected"), Ok(Rejected));
        for bad in ["pending", "maybe", ""] {
            let e = Moderation::chosen("status", bad).unwrap_err();
            assert_eq!((e.field.as_str(), e.code), ("status", "invalid_choice"), "{bad}");
        }
    }

    #[test]
    fn the_published_text_hides_personal_data() {
        let t = "Jag heter Anna Berg, ring 070-123 45 67 eller anna@exempel.se. Bättre tåg till Nässjö!";
        let p = publishable(t, Some("Anna Berg"), &[]);
        assert!(!p.contains("Anna Berg") && !p.contains("070") && !p.contains("anna@"), "{p}");
        assert!(p.contains("Bättre tåg till Nässjö!"));
        assert_eq!(publishable("Fler cykelvägar.", None, &[]), "Fler cykelvägar.");
    }

    /// Rule 22: a name removed from the web is hidden in what is published after the removal,
    /// as the removal hid it in what was published before.
    #[test]
    fn a_name_removed_from_the_web_is_hidden_when_published() {
        let gone = Removed { person_id: 7, name: "Eva Lund".into() };
        let p = publishable("Eva Lund på regionen visade kartan.", Some("Per Ek"), &[&gone]);
        assert_eq!(p, "[borttaget] på regionen visade kartan.");
    }

    /// The sender's address is checked as every address of the product is
    /// (`organisations::email`: a dot in the domain, one @, stored in lower case).
    #[test]
    fn the_senders_address_is_checked_as_every_address_is() {
        let with = |e: &str| {
            InputFields {
                kind: "resident".into(),
                text: "Fler tåg.".into(),
                author_email: e.into(),
                ..Default::default()
            }
            .parse()
        };
        for bad in ["anna@exempel", "anna@exempel@se.se", "anna @exempel.se", "anna@.se"] {
            let e = with(bad).unwrap_err();
            assert_eq!((e.0[0].field.as_str(), e.0[0].code), ("author_email", "invalid_email"), "{bad}");
        }
        assert_eq!(with(" Anna@Exempel.SE ").unwrap().author_email.as_deref(), Some("anna@exempel.se"));
        assert_eq!(with("  ").unwrap().author_email, None);
        let long = format!("{}@exempel.se", "a".repeat(250));
        assert_eq!(with(&long).unwrap_err().0[0].code, "too_long");
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = InputFields {
            kind: "tourist".into(),
            author_email: "anna.exempel.se".into(),
            question_id: "0".into(),
            area_ids: vec!["x".into()],
            sdg: "18".into(),
            text: " ".into(),
            ..Default::default()
        };
        let got: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("kind", "invalid_choice"),
            ("author_email", "invalid_email"),
            ("question_id", "invalid_id"),
            ("area_ids", "invalid_id"),
            ("sdg", "unknown_sdg"),
            ("text", "required"),
        ];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let ok = InputFields {
            kind: "business".into(),
            text: "Kompetensförsörjningen är vår största fråga.".into(),
            sdg: "8, 4.4".into(),
            area_ids: vec!["3".into(), "3".into()],
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!((ok.area_ids, ok.sdg.len()), (vec![3], 2));
    }
}
