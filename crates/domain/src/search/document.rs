//! What the search index holds: one document per thing that can be found, and the trait a
//! capability implements to be found.

use serde::Serialize;

use crate::error::Lang;

/// The kinds of things search finds; a facet of the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Body,
    Person,
    Meeting,
    AgendaItem,
    Paragraph,
    Announcement,
    /// A registered case (the registry, issue 11): its number and public title.
    Case,
    /// A document registered in a case: its number and, unless secret, its description.
    CaseDocument,
    /// A published referral (remiss, issue 12): its title, missiv and sections.
    Referral,
    /// A published consultation report (samrådsredogörelse): its counts and how the document
    /// changed.
    ReferralReport,
    /// A joint matter (issue 11): its title, decision points and case number; public.
    JointMatter,
    /// A published process (issue 14): its title, description, phases, milestones, dialogue
    /// meetings and questions — never the inputs sent to it (personal data, rule 22).
    Process,
    /// A sent survey (issue 14): its title and introduction — never the answers.
    Survey,
    /// An adopted strategy (the RUS model, issue 13): its name and vision.
    Strategy,
    /// A part of an adopted strategy (an area, a sub-strategy, a goal): its title and text.
    StrategyNode,
    /// A governing document of the register (styrande dokument, issue 13): its title, kind
    /// and owner.
    GoverningDocument,
    /// An action plan (handlingsplan, issue 13): its title, focus areas and activities;
    /// the forum's own until published.
    ActionPlan,
}

impl Kind {
    pub const ALL: [Kind; 17] = [
        Kind::Body,
        Kind::Person,
        Kind::Meeting,
        Kind::AgendaItem,
        Kind::Paragraph,
        Kind::Announcement,
        Kind::Case,
        Kind::CaseDocument,
        Kind::Referral,
        Kind::ReferralReport,
        Kind::JointMatter,
        Kind::Process,
        Kind::Survey,
        Kind::Strategy,
        Kind::StrategyNode,
        Kind::GoverningDocument,
        Kind::ActionPlan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Person => "person",
            Kind::Meeting => "meeting",
            Kind::AgendaItem => "agenda_item",
            Kind::Paragraph => "paragraph",
            Kind::Announcement => "announcement",
            Kind::Case => "case",
            Kind::CaseDocument => "case_document",
            Kind::Referral => "referral",
            Kind::ReferralReport => "referral_report",
            Kind::JointMatter => "joint_matter",
            Kind::Process => "process",
            Kind::Survey => "survey",
            Kind::Strategy => "strategy",
            Kind::StrategyNode => "strategy_node",
            Kind::GoverningDocument => "governing_document",
            Kind::ActionPlan => "action_plan",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Body, Lang::Sv) => "Organ",
            (Kind::Person, Lang::Sv) => "Personer",
            (Kind::Meeting, Lang::Sv) => "Möten",
            (Kind::AgendaItem, Lang::Sv) => "Ärenden på dagordningar",
            (Kind::Paragraph, Lang::Sv) => "Protokollsparagrafer",
            (Kind::Announcement, Lang::Sv) => "Anslag",
            (Kind::Case, Lang::Sv) => "Diarieförda ärenden",
            (Kind::CaseDocument, Lang::Sv) => "Diarieförda handlingar",
            (Kind::Referral, Lang::Sv) => "Remisser",
            (Kind::ReferralReport, Lang::Sv) => "Samrådsredogörelser",
            (Kind::JointMatter, Lang::Sv) => "Gemensamma ärenden",
            (Kind::Process, Lang::Sv) => "Processer",
            (Kind::Survey, Lang::Sv) => "Enkäter",
            (Kind::Strategy, Lang::Sv) => "Strategier",
            (Kind::StrategyNode, Lang::Sv) => "Strategiernas delar",
            (Kind::GoverningDocument, Lang::Sv) => "Styrande dokument",
            (Kind::ActionPlan, Lang::Sv) => "Handlingsplaner",
            (Kind::Process, Lang::En) => "Processes",
            (Kind::Survey, Lang::En) => "Surveys",
            (Kind::Strategy, Lang::En) => "Strategies",
            (Kind::StrategyNode, Lang::En) => "Parts of strategies",
            (Kind::GoverningDocument, Lang::En) => "Governing documents",
            (Kind::ActionPlan, Lang::En) => "Action plans",
            (Kind::JointMatter, Lang::En) => "Joint matters",
            (Kind::Body, Lang::En) => "Bodies",
            (Kind::Person, Lang::En) => "People",
            (Kind::Meeting, Lang::En) => "Meetings",
            (Kind::AgendaItem, Lang::En) => "Agenda items",
            (Kind::Paragraph, Lang::En) => "Protocol paragraphs",
            (Kind::Announcement, Lang::En) => "Announcements",
            (Kind::Case, Lang::En) => "Registered cases",
            (Kind::CaseDocument, Lang::En) => "Registered documents",
            (Kind::Referral, Lang::En) => "Referrals",
            (Kind::ReferralReport, Lang::En) => "Consultation reports",
        }
    }
}

/// Who may read a document. Administrators read everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readers {
    /// Everyone, signed in or not.
    Public,
    /// Everyone signed in (a strategy being drawn up, ADR 45).
    SignedIn,
    /// The members and secretaries of the body with this id (drafts of its protocols).
    Body(i64),
    /// The members and secretaries of these bodies and the registrars of these organisations
    /// (an unpublished process: the bodies involved and its owner, ADR 49).
    Listed { bodies: Vec<i64>, registrars_of: Vec<i64> },
}

/// One thing that can be found. `text` is what snippets are cut from; the terms the engines
/// match on are computed from `title` and `text` by `terms::document_terms` when it is indexed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDocument {
    pub kind: Kind,
    /// The id of the thing in its own table.
    pub ref_id: i64,
    pub title: String,
    pub text: String,
    /// Where the thing is shown, a path on the site ("/moten/12#p-3").
    pub url: String,
    /// The body the thing belongs to (a facet), if any.
    pub body_id: Option<i64>,
    /// The year the thing belongs to (a facet), if any.
    pub year: Option<i32>,
    /// The date results sort on after relevance, newest first (ISO 8601), or "" for none.
    pub date: String,
    pub readers: Readers,
}

/// A thing that can be found. Later capabilities implement it for their entities and hand
/// the document to the store's `search::index` in the transaction of their write.
pub trait Searchable {
    fn search_document(&self) -> SearchDocument;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("secret"), None);
    }

    #[test]
    fn every_kind_has_a_label_in_both_languages() {
        for k in Kind::ALL {
            for lang in [Lang::Sv, Lang::En] {
                assert!(!k.label(lang).is_empty(), "{k:?}");
            }
            assert_ne!(k.label(Lang::Sv), k.label(Lang::En), "{k:?}");
        }
    }
}
