//! The content of a protocol (protokoll) as it is adjusted and published: everything
//! kommunallagen (2017:725) 5 kap. 67 § asks a protocol to record, per case, the proposals in the
//! order they were put, the votes and their results, how each member voted in open votes, the
//! decisions, the dissents (reservationer), and who served; plus what custom adds (others
//! present, secretary, adjustment, case number, who receives the decision).
//!
//! A [`Protocol`] is a value: it is serialised to its canonical JSON ([`Protocol::canonical`]),
//! whose SHA-256 digest each approver signs off (rule 15), and stored unchanged as a version.
//! A correction after adjustment is a new version beside the approved one (rule 18).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::Lang;

/// A person as the protocol names them: "Rachel De Basso (S), Region Jönköpings län".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub person_id: Option<i64>,
    pub name: String,
    pub party: Option<String>,
    pub organisation: Option<String>,
}

impl Named {
    /// "Name (Party)", the way protocols write a politician.
    pub fn with_party(&self) -> String {
        match &self.party {
            Some(p) if !p.is_empty() => format!("{} ({p})", self.name),
            _ => self.name.clone(),
        }
    }

    /// "Name (Party), Organisation".
    pub fn full(&self) -> String {
        match &self.organisation {
            Some(o) if !o.is_empty() => format!("{}, {o}", self.with_party()),
            _ => self.with_party(),
        }
    }
}

/// Who someone is at the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceRole {
    /// Ordinary member (ledamot).
    Member,
    /// Substitute (ersättare); serving (tjänstgörande) when `replaces` is set.
    Substitute,
    /// Official (tjänsteperson) from a member organisation.
    Official,
    /// Guest or presenter from outside the body.
    Guest,
    /// The meeting's secretary.
    Secretary,
}

impl AttendanceRole {
    pub const ALL: [AttendanceRole; 5] = [
        AttendanceRole::Member,
        AttendanceRole::Substitute,
        AttendanceRole::Official,
        AttendanceRole::Guest,
        AttendanceRole::Secretary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceRole::Member => "member",
            AttendanceRole::Substitute => "substitute",
            AttendanceRole::Official => "official",
            AttendanceRole::Guest => "guest",
            AttendanceRole::Secretary => "secretary",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AttendanceRole::Member, Lang::Sv) => "Ledamot",
            (AttendanceRole::Substitute, Lang::Sv) => "Ersättare",
            (AttendanceRole::Official, Lang::Sv) => "Tjänsteperson",
            (AttendanceRole::Guest, Lang::Sv) => "Gäst eller föredragande",
            (AttendanceRole::Secretary, Lang::Sv) => "Sekreterare",
            (AttendanceRole::Member, Lang::En) => "Member",
            (AttendanceRole::Substitute, Lang::En) => "Substitute",
            (AttendanceRole::Official, Lang::En) => "Official",
            (AttendanceRole::Guest, Lang::En) => "Guest or presenter",
            (AttendanceRole::Secretary, Lang::En) => "Secretary",
        }
    }

    /// Whether the person takes part in decisions when present: members, and substitutes who
    /// serve in a member's place.
    pub fn decides(self, serving: bool) -> bool {
        matches!(self, AttendanceRole::Member) || (self == AttendanceRole::Substitute && serving)
    }
}

/// One line of the attendance list. `from`/`to` limit presence to a range of paragraphs
/// ("lämnar sammanträdet efter § 6" is `to: Some(6)`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub person: Named,
    pub role: AttendanceRole,
    pub present: bool,
    /// For a serving substitute: the member replaced.
    pub replaces: Option<String>,
    pub from_paragraph: Option<u32>,
    pub to_paragraph: Option<u32>,
}

impl Attendee {
    /// Whether the person was present at paragraph `number`.
    pub fn present_at(&self, number: u32) -> bool {
        self.present && self.from_paragraph.is_none_or(|f| number >= f) && self.to_paragraph.is_none_or(|t| number <= t)
    }

    /// Whether the person served as a decision-maker (tjänstgörande) at the meeting.
    pub fn serves(&self) -> bool {
        self.present && self.role.decides(self.replaces.is_some())
    }
}

/// What an agenda item asks of the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Decision,
    Information,
    Dialogue,
    /// Anmälningsärenden: matters reported to the body and filed.
    Reported,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [ItemKind::Decision, ItemKind::Information, ItemKind::Dialogue, ItemKind::Reported];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Decision => "decision",
            ItemKind::Information => "information",
            ItemKind::Dialogue => "dialogue",
            ItemKind::Reported => "reported",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ItemKind::Decision, Lang::Sv) => "Beslut",
            (ItemKind::Information, Lang::Sv) => "Information",
            (ItemKind::Dialogue, Lang::Sv) => "Dialog",
            (ItemKind::Reported, Lang::Sv) => "Anmälningsärenden",
            (ItemKind::Decision, Lang::En) => "Decision",
            (ItemKind::Information, Lang::En) => "Information",
            (ItemKind::Dialogue, Lang::En) => "Dialogue",
            (ItemKind::Reported, Lang::En) => "Reported matters",
        }
    }
}

/// A member's vote in an open vote (öppen omröstning).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];

    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Choice::Yes, Lang::Sv) => "Ja",
            (Choice::No, Lang::Sv) => "Nej",
            (Choice::Abstain, Lang::Sv) => "Avstår",
            (Choice::Yes, Lang::En) => "Yes",
            (Choice::No, Lang::En) => "No",
            (Choice::Abstain, Lang::En) => "Abstains",
        }
    }
}

/// A proposal (yrkande), in the order it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Motion {
    pub by: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub name: String,
    pub choice: Choice,
}

/// A vote: the proposition put (propositionsordning), each member's choice, and the result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// What "yes" and "no" mean, e.g. "Ja för Kerstin Hammars yrkande, nej för avslag".
    pub question: String,
    pub ballots: Vec<Ballot>,
    pub result: String,
}

/// The numbers of a vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub yes: usize,
    pub no: usize,
    pub abstain: usize,
}

impl Vote {
    pub fn tally(&self) -> Tally {
        tally(self.ballots.iter().map(|b| b.choice))
    }
}

pub fn tally(choices: impl IntoIterator<Item = Choice>) -> Tally {
    choices.into_iter().fold(Tally::default(), |mut t, c| {
        match c {
            Choice::Yes => t.yes += 1,
            Choice::No => t.no += 1,
            Choice::Abstain => t.abstain += 1,
        }
        t
    })
}

impl Tally {
    /// The plain-language result: "8 ja, 3 nej, 1 avstår".
    pub fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::Sv => format!("{} ja, {} nej, {} avstår", self.yes, self.no, self.abstain),
            Lang::En => format!("{} yes, {} no, {} abstained", self.yes, self.no, self.abstain),
        }
    }
}

/// A reservation against a decision, with optional written grounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dissent {
    pub by: String,
    pub grounds: Option<String>,
}

/// A conflict of interest (jäv): the person took no part in the paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub by: String,
    pub note: Option<String>,
}

/// An attachment a paragraph refers to as "Bilaga N".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    pub number: u32,
    pub title: String,
    pub file_name: String,
    pub sha256: String,
}

/// One paragraph (§) of a protocol.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub number: u32,
    pub title: String,
    pub case_number: Option<String>,
    pub decision: String,
    pub summary: Option<String>,
    /// Beslutsunderlag, one document a line.
    pub basis: Vec<String>,
    /// "Beslutet skickas till", one recipient a line.
    pub recipients: Vec<String>,
    pub attachments: Vec<AttachmentRef>,
    pub motions: Vec<Motion>,
    pub votes: Vec<Vote>,
    pub dissents: Vec<Dissent>,
    pub conflicts: Vec<Conflict>,
    /// Adjusted at once at the meeting (omedelbar justering, "OJ"): KL 5 kap. 70 §.
    pub immediate: bool,
}

impl Paragraph {
    /// A paragraph with a title and a decision and nothing else yet.
    pub fn new(number: u32, title: &str, case_number: Option<String>, decision: &str) -> Paragraph {
        Paragraph {
            number,
            title: title.to_string(),
            case_number,
            decision: decision.to_string(),
            summary: None,
            basis: vec![],
            recipients: vec![],
            attachments: vec![],
            motions: vec![],
            votes: vec![],
            dissents: vec![],
            conflicts: vec![],
            immediate: false,
        }
    }
}

/// The whole protocol of one meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protocol {
    pub meeting_id: i64,
    pub body_id: i64,
    pub body: String,
    #[serde(with = "crate::dates::ymd")]
    pub date: Date,
    /// "09:00"
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    pub chair: Option<Named>,
    pub secretary: Option<Named>,
    pub adjusters: Vec<Named>,
    pub attendance: Vec<Attendee>,
    pub paragraphs: Vec<Paragraph>,
}

impl Protocol {
    /// The protocol of a meeting before anything is written in it.
    pub fn empty(meeting_id: i64, body_id: i64, body: &str, date: Date) -> Protocol {
        Protocol {
            meeting_id,
            body_id,
            body: body.to_string(),
            date,
            start: None,
            end: None,
            place: None,
            chair: None,
            secretary: None,
            adjusters: vec![],
            attendance: vec![],
            paragraphs: vec![],
        }
    }

    /// The canonical text whose SHA-256 digest approvers sign: compact JSON with fields in
    /// declaration order, so the same protocol always gives the same bytes.
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).expect("a protocol always serialises")
    }

    pub fn from_canonical(s: &str) -> Option<Protocol> {
        serde_json::from_str(s).ok()
    }

    /// The people who must approve (rule 15): the chair and every elected adjuster.
    pub fn approvers(&self) -> Vec<&Named> {
        self.chair.iter().chain(self.adjusters.iter()).collect()
    }

    /// "§ 1–11", or "§ 3, 5" for a scattered set.
    pub fn paragraph_range(&self) -> String {
        paragraph_range(self.paragraphs.iter().map(|p| p.number))
    }

    /// The attendance list grouped by organisation, in order of first appearance, as the
    /// appendix of the seed protocol shows it.
    pub fn attendance_by_organisation(&self) -> Vec<(String, Vec<&Attendee>)> {
        let mut groups: Vec<(String, Vec<&Attendee>)> = Vec::new();
        for a in &self.attendance {
            let org = a.person.organisation.clone().unwrap_or_default();
            match groups.iter_mut().find(|(o, _)| *o == org) {
                Some((_, list)) => list.push(a),
                None => groups.push((org, vec![a])),
            }
        }
        groups
    }
}

/// What a correction changed, in plain Swedish, part by part: "§ 9: beslut, beslutet skickas
/// till", "närvaro". Empty when the two are the same (rule 18: the public page says what was
/// corrected).
pub fn changes(old: &Protocol, new: &Protocol) -> Vec<String> {
    let mut out = Vec::new();
    let head = |p: &Protocol| {
        (
            p.date,
            p.start.clone(),
            p.end.clone(),
            p.place.clone(),
            p.chair.clone(),
            p.secretary.clone(),
            p.adjusters.clone(),
        )
    };
    if head(old) != head(new) {
        out.push("sammanträdesuppgifter".to_string());
    }
    if old.attendance != new.attendance {
        out.push("närvaro".to_string());
    }
    for n in &new.paragraphs {
        let Some(o) = old.paragraphs.iter().find(|o| o.number == n.number) else {
            out.push(format!("§ {} tillagd", n.number));
            continue;
        };
        let mut parts = Vec::new();
        let mut check = |changed: bool, what: &str| {
            if changed {
                parts.push(what.to_string());
            }
        };
        check(o.title != n.title, "rubrik");
        check(o.case_number != n.case_number, "diarienummer");
        check(o.decision != n.decision, "beslut");
        check(o.summary != n.summary, "sammanfattning");
        check(o.basis != n.basis, "beslutsunderlag");
        check(o.recipients != n.recipients, "beslutet skickas till");
        check(o.attachments != n.attachments, "bilagor");
        check(o.motions != n.motions, "yrkanden");
        check(o.votes != n.votes, "omröstning");
        check(o.dissents != n.dissents, "reservationer");
        check(o.conflicts != n.conflicts, "jäv");
        check(o.immediate != n.immediate, "omedelbar justering");
        if !parts.is_empty() {
            out.push(format!("§ {}: {}", n.number, parts.join(", ")));
        }
    }
    for o in &old.paragraphs {
        if !new.paragraphs.iter().any(|n| n.number == o.number) {
            out.push(format!("§ {} borttagen", o.number));
        }
    }
    out
}

/// "§ 1–11" for a run, "§ 3, 5, 7–9" otherwise; empty for none.
pub fn paragraph_range(numbers: impl IntoIterator<Item = u32>) -> String {
    let mut n: Vec<u32> = numbers.into_iter().collect();
    n.sort_unstable();
    n.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < n.len() {
        let start = n[i];
        let mut end = start;
        while i + 1 < n.len() && n[i + 1] == end + 1 {
            i += 1;
            end = n[i];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}–{end}") });
        i += 1;
    }
    if parts.is_empty() { String::new() } else { format!("§ {}", parts.join(", ")) }
}

/// The next paragraph number in a body's series for a year, given the numbers already used:
/// paragraphs are numbered § 1 … through the year.
pub fn next_paragraph_number(used: impl IntoIterator<Item = u32>) -> u32 {
    used.into_iter().max().unwrap_or(0) + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn named(name: &str, party: &str, org: &str) -> Named {
        Named { person_id: None, name: name.into(), party: Some(party.into()), organisation: Some(org.into()) }
    }

    #[test]
    fn paragraph_ranges() {
        assert_eq!(paragraph_range(1..=11), "§ 1–11");
        assert_eq!(paragraph_range([3, 5, 7, 8, 9]), "§ 3, 5, 7–9");
        assert_eq!(paragraph_range([4]), "§ 4");
        // Someone present for one paragraph only: "närvarande § 6", never "§ 6–6".
        assert_eq!(paragraph_range(6..=6), "§ 6");
        assert_eq!(paragraph_range([]), "");
    }

    #[test]
    fn presence_per_paragraph() {
        let a = Attendee {
            person: named("A", "S", "X"),
            role: AttendanceRole::Member,
            present: true,
            replaces: None,
            from_paragraph: None,
            to_paragraph: Some(6),
        };
        assert!(a.present_at(6));
        assert!(!a.present_at(7));
        let sub = Attendee { role: AttendanceRole::Substitute, replaces: Some("B".into()), ..a.clone() };
        assert!(sub.serves());
        assert!(!Attendee { replaces: None, ..sub }.serves());
    }

    #[test]
    fn votes_are_tallied() {
        let v = Vote {
            question: "Ja för förslaget".into(),
            ballots: vec![
                Ballot { name: "A".into(), choice: Choice::Yes },
                Ballot { name: "B".into(), choice: Choice::No },
                Ballot { name: "C".into(), choice: Choice::Yes },
            ],
            result: "Bifall".into(),
        };
        assert_eq!(v.tally(), Tally { yes: 2, no: 1, abstain: 0 });
        assert_eq!(v.tally().describe(Lang::Sv), "2 ja, 1 nej, 0 avstår");
    }

    fn protocol() -> Protocol {
        Protocol {
            meeting_id: 1,
            body_id: 2,
            body: "Kommunalt forum".into(),
            date: date!(2024 - 10 - 11),
            start: None,
            end: None,
            place: Some("Regionens hus".into()),
            chair: Some(named("Rachel De Basso", "S", "Region Jönköpings län")),
            secretary: None,
            adjusters: vec![named("Kerstin Hammar", "M", "Region Jönköpings län")],
            attendance: vec![],
            paragraphs: vec![],
        }
    }

    #[test]
    fn canonical_form_round_trips_and_is_stable() {
        let p = protocol();
        let c = p.canonical();
        assert_eq!(Protocol::from_canonical(&c).as_ref(), Some(&p));
        assert_eq!(Protocol::from_canonical(&c).unwrap().canonical(), c);
        assert_eq!(p.approvers().len(), 2);
    }

    #[test]
    fn corrections_say_what_changed() {
        let mut old = protocol();
        old.paragraphs.push(Paragraph::new(9, "Sammanträdesdatum 2025", Some("RJL 2024/3340".into()), "Fastställs."));
        assert!(changes(&old, &old).is_empty());
        let mut new = old.clone();
        new.paragraphs[0].decision = "Fastställs enligt förslag.".into();
        new.paragraphs[0].recipients = vec!["Kommuner i Jönköpings län".into()];
        assert_eq!(changes(&old, &new), ["§ 9: beslut, beslutet skickas till"]);
        new.place = None;
        assert_eq!(changes(&old, &new)[0], "sammanträdesuppgifter");
    }

    proptest! {
        #[test]
        fn numbering_continues_the_series(used in proptest::collection::vec(1u32..500, 0..30)) {
            let next = next_paragraph_number(used.iter().copied());
            prop_assert!(used.iter().all(|u| *u < next));
        }

        #[test]
        fn any_text_survives_the_canonical_form(title in ".*", decision in ".*") {
            let mut p = protocol();
            p.paragraphs.push(Paragraph::new(1, &title, None, &decision));
            prop_assert_eq!(Protocol::from_canonical(&p.canonical()), Some(p));
        }
    }
}
