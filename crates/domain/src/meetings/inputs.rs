//! Meetings, agenda items, attendance and protocol paragraphs as users enter them, validated
//! field by field with errors in Swedish and English.

use time::macros::format_description;
use time::{Date, Time};

use super::CaseNumber;
use super::protocol::{AttendanceRole, Choice, ItemKind};
use crate::error::Errors;
use crate::ids::PersonId;
use crate::structure::date;
use crate::{FieldError, Invalid, text};

/// A meeting as the secretary plans it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingInput {
    pub date: Date,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub place: Option<String>,
    /// A link for those who take part online (https only).
    pub online_url: Option<String>,
    pub chair: Option<PersonId>,
    pub secretary: Option<PersonId>,
}

#[derive(Clone, Debug, Default)]
pub struct MeetingFields<'a> {
    pub date: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub place: &'a str,
    pub online_url: &'a str,
    pub chair: &'a str,
    pub secretary: &'a str,
}

impl MeetingInput {
    pub fn parse(f: &MeetingFields<'_>) -> Result<MeetingInput, Invalid> {
        let mut e = Errors::new();
        let date = e.check(date("date", f.date).and_then(|d| d.ok_or_else(|| FieldError::required("date"))));
        let start = e.check(time_of_day("start", f.start)).flatten();
        let end = e.check(time_of_day("end", f.end)).flatten();
        if let (Some(s), Some(t)) = (start, end)
            && t <= s
        {
            e.push(FieldError::new(
                "end",
                "end_before_start",
                "Sluttiden måste vara efter starttiden.",
                "The end time must be after the start time.",
            ));
        }
        let place = e.check(text::optional("place", f.place, 300)).flatten();
        let online_url = e.check(url("online_url", f.online_url)).flatten();
        let chair = e.check(person("chair", f.chair)).flatten();
        let secretary = e.check(person("secretary", f.secretary)).flatten();
        e.finish(|| MeetingInput { date: date.unwrap_or(Date::MIN), start, end, place, online_url, chair, secretary })
    }
}

/// An item of the agenda (dagordning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItemInput {
    pub title: String,
    pub kind: ItemKind,
    pub case_number: Option<CaseNumber>,
    /// Who presents, one a line; may be people outside the body ("Ola Götesson, verksamhetschef").
    pub presenters: Vec<String>,
    pub description: Option<String>,
    pub starts_at: Option<Time>,
    pub ends_at: Option<Time>,
}

#[derive(Clone, Debug, Default)]
pub struct AgendaItemFields<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub case_number: &'a str,
    pub presenters: &'a str,
    pub description: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
}

impl AgendaItemInput {
    pub fn parse(f: &AgendaItemFields<'_>) -> Result<AgendaItemInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", f.title, 300));
        let kind = e.check(ItemKind::parse(f.kind).ok_or_else(|| {
            FieldError::new(
                "kind",
                "invalid_kind",
                "Välj beslut, information, dialog eller anmälningsärenden.",
                "Choose decision, information, dialogue or reported matters.",
            )
        }));
        let case_number = e.check(case_number(f.case_number)).flatten();
        let presenters = e.check(lines("presenters", f.presenters, 20, 200)).unwrap_or_default();
        let description = e.check(text::optional_multiline("description", f.description, 4000)).flatten();
        let starts_at = e.check(time_of_day("starts_at", f.starts_at)).flatten();
        let ends_at = e.check(time_of_day("ends_at", f.ends_at)).flatten();
        if let (Some(s), Some(t)) = (starts_at, ends_at)
            && t <= s
        {
            e.push(FieldError::new(
                "ends_at",
                "end_before_start",
                "Sluttiden måste vara efter starttiden.",
                "The end time must be after the start time.",
            ));
        }
        e.finish(|| AgendaItemInput {
            title: title.unwrap_or_default(),
            kind: kind.unwrap_or(ItemKind::Information),
            case_number,
            presenters,
            description,
            starts_at,
            ends_at,
        })
    }
}

/// The text of one protocol paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphInput {
    pub title: String,
    pub case_number: Option<CaseNumber>,
    pub decision: String,
    pub summary: Option<String>,
    pub basis: Vec<String>,
    pub recipients: Vec<String>,
    pub immediate: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ParagraphFields<'a> {
    pub title: &'a str,
    pub case_number: &'a str,
    pub decision: &'a str,
    pub summary: &'a str,
    pub basis: &'a str,
    pub recipients: &'a str,
    pub immediate: bool,
}

impl ParagraphInput {
    pub fn parse(f: &ParagraphFields<'_>) -> Result<ParagraphInput, Invalid> {
        Self::parse_with(f, true)
    }

    /// A paragraph of the working copy saved with the rest of the draft: its decision may still
    /// be empty (a decision item waits for the meeting), since submitting checks it
    /// (`editing::check_submission`); everything else as [`ParagraphInput::parse`].
    pub fn parse_draft(f: &ParagraphFields<'_>) -> Result<ParagraphInput, Invalid> {
        Self::parse_with(f, false)
    }

    fn parse_with(f: &ParagraphFields<'_>, decision_required: bool) -> Result<ParagraphInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", f.title, 300));
        let case_number = e.check(case_number(f.case_number)).flatten();
        let decision = e.check(text::optional_multiline("decision", f.decision, 20_000).and_then(|d| match d {
            Some(d) => Ok(d),
            None if decision_required => Err(FieldError::required("decision")),
            None => Ok(String::new()),
        }));
        let summary = e.check(text::optional_multiline("summary", f.summary, 20_000)).flatten();
        let basis = e.check(lines("basis", f.basis, 50, 300)).unwrap_or_default();
        let recipients = e.check(lines("recipients", f.recipients, 50, 300)).unwrap_or_default();
        e.finish(|| ParagraphInput {
            title: title.unwrap_or_default(),
            case_number,
            decision: decision.unwrap_or_default(),
            summary,
            basis,
            recipients,
            immediate: f.immediate,
        })
    }
}

/// One line of attendance as entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceInput {
    /// A person of the register, or `None` with a `name` for someone outside it.
    pub person: Option<PersonId>,
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub role: AttendanceRole,
    pub present: bool,
    pub replaces: Option<PersonId>,
    pub from_paragraph: Option<u32>,
    pub to_paragraph: Option<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct AttendanceFields<'a> {
    pub person: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub role: &'a str,
    pub present: bool,
    pub replaces: &'a str,
    pub from_paragraph: &'a str,
    pub to_paragraph: &'a str,
}

impl AttendanceInput {
    /// `field` prefixes the field names, e.g. "attendance[3]".
    pub fn parse(prefix: &str, f: &AttendanceFields<'_>) -> Result<AttendanceInput, Invalid> {
        let mut e = Errors::new();
        let name_of = |n: &str| if prefix.is_empty() { n.to_string() } else { format!("{prefix}.{n}") };
        let person = e.check(person(&name_of("person"), f.person)).flatten();
        let name = e.check(text::optional(&name_of("name"), f.name, 200)).flatten();
        if person.is_none() && name.is_none() {
            e.push(FieldError::new(
                name_of("name"),
                "person_or_name",
                "Välj en person i registret eller skriv ett namn.",
                "Choose a person from the register or write a name.",
            ));
        }
        let organisation = e.check(text::optional(&name_of("organisation"), f.organisation, 200)).flatten();
        let role = e.check(AttendanceRole::parse(f.role).ok_or_else(|| {
            FieldError::new(name_of("role"), "invalid_role", "Välj en giltig roll.", "Choose a valid role.")
        }));
        let replaces = e.check(self::person(&name_of("replaces"), f.replaces)).flatten();
        if replaces.is_some() && role != Some(AttendanceRole::Substitute) {
            e.push(FieldError::new(
                name_of("replaces"),
                "only_substitutes_replace",
                "Bara en ersättare kan tjänstgöra för en ledamot.",
                "Only a substitute can serve in a member's place.",
            ));
        }
        let from = e.check(paragraph_number(&name_of("from_paragraph"), f.from_paragraph)).flatten();
        let to = e.check(paragraph_number(&name_of("to_paragraph"), f.to_paragraph)).flatten();
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            e.push(FieldError::new(
                name_of("to_paragraph"),
                "to_before_from",
                "Sista paragrafen kan inte komma före den första.",
                "The last paragraph cannot come before the first.",
            ));
        }
        e.finish(|| AttendanceInput {
            person,
            name,
            organisation,
            role: role.unwrap_or(AttendanceRole::Guest),
            present: f.present,
            replaces,
            from_paragraph: from,
            to_paragraph: to,
        })
    }
}

/// A proposal (yrkande).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MotionInput {
    pub by: String,
    pub text: String,
}

impl MotionInput {
    pub fn parse(by: &str, text_: &str) -> Result<MotionInput, Invalid> {
        let mut e = Errors::new();
        let by = e.check(text::required("by", by, 200));
        let t = e.check(
            text::optional_multiline("text", text_, 4000).and_then(|t| t.ok_or_else(|| FieldError::required("text"))),
        );
        e.finish(|| MotionInput { by: by.unwrap_or_default(), text: t.unwrap_or_default() })
    }
}

/// An open vote: the proposition, each voter's choice and the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteInput {
    pub question: String,
    pub result: String,
    pub ballots: Vec<(PersonId, Choice)>,
}

impl VoteInput {
    /// `ballots` are (person id, choice) pairs as entered; a person may vote once.
    pub fn parse(question: &str, result: &str, ballots: &[(&str, &str)]) -> Result<VoteInput, Invalid> {
        let mut e = Errors::new();
        let q = e.check(text::required("question", question, 500));
        let r = e.check(text::required("result", result, 500));
        let mut out: Vec<(PersonId, Choice)> = Vec::new();
        for (i, (p, c)) in ballots.iter().enumerate() {
            if c.trim().is_empty() {
                continue;
            }
            let field = format!("ballots[{i}]");
            let person = e.check(person(&field, p)).flatten();
            let choice = e.check(Choice::parse(c).ok_or_else(|| {
                FieldError::new(
                    field.clone(),
                    "invalid_choice",
                    "Välj ja, nej eller avstår.",
                    "Choose yes, no or abstain.",
                )
            }));
            if let (Some(p), Some(c)) = (person, choice) {
                if out.iter().any(|(q, _)| *q == p) {
                    e.push(FieldError::new(
                        field,
                        "voted_twice",
                        "En ledamot kan bara rösta en gång.",
                        "A member can vote only once.",
                    ));
                } else {
                    out.push((p, c));
                }
            }
        }
        if out.is_empty() {
            e.push(FieldError::new(
                "ballots",
                "no_ballots",
                "Ange hur minst en ledamot röstade.",
                "Give how at least one member voted.",
            ));
        }
        e.finish(|| VoteInput { question: q.unwrap_or_default(), result: r.unwrap_or_default(), ballots: out })
    }
}

/// A reservation or a conflict of interest: who, and an optional text (grounds, note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemarkInput {
    pub person: PersonId,
    pub text: Option<String>,
}

impl RemarkInput {
    pub fn parse(person_: &str, text_: &str) -> Result<RemarkInput, Invalid> {
        let mut e = Errors::new();
        let p = e.check(person("person", person_).and_then(|p| p.ok_or_else(|| FieldError::required("person"))));
        let t = e.check(text::optional_multiline("text", text_, 8000)).flatten();
        e.finish(|| RemarkInput { person: p.unwrap_or(PersonId(0)), text: t })
    }
}

/// The reason for correcting an adjusted protocol (rule 18): required, so that the public page
/// can say why.
pub fn correction_reason(s: &str) -> Result<String, Invalid> {
    text::optional_multiline("reason", s, 2000)
        .and_then(|r| r.ok_or_else(|| FieldError::required("reason")))
        .map_err(Invalid::one)
}

/// A time of day written HH:MM (or H.MM, as Swedish often writes it).
pub fn time_of_day(field: &str, value: &str) -> Result<Option<Time>, FieldError> {
    let v = value.trim().replace('.', ":");
    if v.is_empty() {
        return Ok(None);
    }
    let v = if v.len() == 4 && v.as_bytes()[1] == b':' { format!("0{v}") } else { v };
    Time::parse(&v, format_description!("[hour]:[minute]")).map(Some).map_err(|_| {
        FieldError::new(
            field,
            "invalid_time",
            format!("”{}” är ingen tid; skriv TT:MM, t.ex. 09:30.", value.trim()),
            format!("“{}” is not a time; write HH:MM, e.g. 09:30.", value.trim()),
        )
    })
}

/// "09:30".
pub fn format_time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn url(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    let Some(v) = text::optional(field, value, 2000)? else {
        return Ok(None);
    };
    let ok = v.starts_with("https://") && v.len() > "https://".len() && !v.contains(char::is_whitespace);
    if ok {
        Ok(Some(v))
    } else {
        Err(FieldError::new(
            field,
            "invalid_url",
            "Ange en fullständig länk som börjar med https://.",
            "Give a full link starting with https://.",
        ))
    }
}

fn case_number(v: &str) -> Result<Option<CaseNumber>, FieldError> {
    if v.trim().is_empty() { Ok(None) } else { v.parse().map(Some) }
}

fn person(field: &str, v: &str) -> Result<Option<PersonId>, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>().ok().filter(|n| *n > 0).map(|n| Some(PersonId(n))).ok_or_else(|| {
        FieldError::new(field, "invalid_id", "Välj en person i listan.", "Choose a person from the list.")
    })
}

fn paragraph_number(field: &str, v: &str) -> Result<Option<u32>, FieldError> {
    let v = v.trim().trim_start_matches('§').trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<u32>().ok().filter(|n| (1..=9999).contains(n)).map(Some).ok_or_else(|| {
        FieldError::new(
            field,
            "invalid_paragraph",
            "Ange ett paragrafnummer, t.ex. 6.",
            "Give a paragraph number, e.g. 6.",
        )
    })
}

/// Non-empty trimmed lines, at most `max_lines` of at most `max_len` characters.
fn lines(field: &str, v: &str, max_lines: usize, max_len: usize) -> Result<Vec<String>, FieldError> {
    let out: Vec<String> = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    if out.len() > max_lines {
        return Err(FieldError::new(
            field,
            "too_many_lines",
            format!("Högst {max_lines} rader."),
            format!("At most {max_lines} lines."),
        ));
    }
    for l in &out {
        text::optional(field, l, max_len)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, time};

    #[test]
    fn a_meeting_with_times_and_a_link() {
        let m = MeetingInput::parse(&MeetingFields {
            date: "2024-10-11",
            start: "9.00",
            end: "12:00",
            place: "Regionens hus, Jönköping",
            online_url: "https://meet.example.se/kf",
            ..Default::default()
        })
        .unwrap();
        assert_eq!(m.date, date!(2024 - 10 - 11));
        assert_eq!(m.start, Some(time!(9:00)));
        assert_eq!(format_time(m.end.unwrap()), "12:00");
    }

    #[test]
    fn meeting_errors_name_their_fields() {
        let e = MeetingInput::parse(&MeetingFields {
            date: "11/10",
            start: "10:00",
            end: "09:00",
            online_url: "javascript:alert(1)",
            chair: "x",
            ..Default::default()
        })
        .unwrap_err();
        for f in ["date", "end", "online_url", "chair"] {
            assert!(e.for_field(f).is_some(), "{f}: {e:?}");
        }
        assert!(e.for_field("date").unwrap().sv.contains("ÅÅÅÅ-MM-DD"));
    }

    #[test]
    fn agenda_items_take_case_numbers_and_presenters() {
        let a = AgendaItemInput::parse(&AgendaItemFields {
            title: "Anmälningsärenden",
            kind: "reported",
            case_number: "rjl 2024/3336",
            presenters: "Ola Götesson, verksamhetschef\n\n Karin Hermansson ",
            ..Default::default()
        })
        .unwrap();
        assert_eq!(a.case_number.unwrap().to_string(), "RJL 2024/3336");
        assert_eq!(a.presenters, ["Ola Götesson, verksamhetschef", "Karin Hermansson"]);
        let e =
            AgendaItemInput::parse(&AgendaItemFields { kind: "vote", case_number: "2024-3336", ..Default::default() })
                .unwrap_err();
        for f in ["title", "kind", "case_number"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_paragraph_needs_a_decision() {
        let e = ParagraphInput::parse(&ParagraphFields { title: "Regional plan", ..Default::default() }).unwrap_err();
        assert_eq!(e.first().field, "decision");
        // In the draft saved as a whole, a decision item may wait for its decision.
        let draft = ParagraphInput::parse_draft(&ParagraphFields { title: "Regional plan", ..Default::default() });
        assert_eq!(draft.unwrap().decision, "");
    }

    #[test]
    fn attendance_rules() {
        let ok = AttendanceInput::parse(
            "",
            &AttendanceFields {
                person: "4",
                role: "substitute",
                present: true,
                replaces: "5",
                to_paragraph: "§ 6",
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(ok.to_paragraph, Some(6));
        let e = AttendanceInput::parse(
            "attendance[2]",
            &AttendanceFields {
                role: "member",
                replaces: "5",
                from_paragraph: "7",
                to_paragraph: "3",
                ..Default::default()
            },
        )
        .unwrap_err();
        for f in ["attendance[2].name", "attendance[2].replaces", "attendance[2].to_paragraph"] {
            assert!(e.for_field(f).is_some(), "{f}: {e:?}");
        }
    }

    #[test]
    fn votes_refuse_double_ballots() {
        let v = VoteInput::parse("Ja för förslaget", "Bifall", &[("1", "yes"), ("2", "no"), ("3", "")]).unwrap();
        assert_eq!(v.ballots.len(), 2);
        let e = VoteInput::parse("q", "r", &[("1", "yes"), ("1", "no")]).unwrap_err();
        assert_eq!(e.first().code, "voted_twice");
        assert_eq!(VoteInput::parse("q", "r", &[]).unwrap_err().first().field, "ballots");
    }

    proptest! {
        #[test]
        fn times_parse_or_explain(s in ".{0,8}") {
            match time_of_day("start", &s) {
                Ok(Some(t)) => prop_assert!(t.hour() < 24),
                Ok(None) => prop_assert!(s.trim().is_empty()),
                Err(e) => prop_assert_eq!(e.field, "start"),
            }
        }

        #[test]
        fn every_valid_time_round_trips(h in 0u8..24, m in 0u8..60) {
            let t = Time::from_hms(h, m, 0).unwrap();
            prop_assert_eq!(time_of_day("t", &format_time(t)).unwrap(), Some(t));
        }
    }
}
