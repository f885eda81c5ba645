//! Bodies and work plans as users enter them, validated field by field.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use super::BodyKind;
use crate::error::{Errors, Lang};
use crate::ids::{BodyId, OrganisationId, PersonId};
use crate::{FieldError, Invalid, reference, text};

pub const DUTY_MAX: usize = 500;
pub const DUTIES_MAX: usize = 50;

/// A body (organ) as entered: a consultation group, management group, presidium, network …
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyInput {
    pub name: String,
    pub kind: BodyKind,
    /// Part of the formal structure. Networks are not (seed 001, 4.1.6).
    pub formal: bool,
    /// The county whose collaboration the body belongs to.
    pub county_code: Option<String>,
    /// For a presidium: the body whose agenda it sets (rule 4).
    pub presidium_of: Option<BodyId>,
    /// The body this one takes assignments from (rule 7).
    pub superior_id: Option<BodyId>,
    /// The body this one prepares cases for (rule 8).
    pub prepares_for: Option<BodyId>,
    /// Its mission (uppdrag) as a list of duties.
    pub duties: Vec<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub secretary: Option<PersonId>,
    /// The organisations behind the body.
    pub organisations: Vec<OrganisationId>,
}

/// Raw fields of a body form or JSON body.
#[derive(Clone, Debug, Default)]
pub struct BodyFields<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub formal: Option<bool>,
    pub county_code: &'a str,
    pub presidium_of: &'a str,
    pub superior_id: &'a str,
    pub prepares_for: &'a str,
    /// One duty a line.
    pub duties: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub secretary: &'a str,
    pub organisations: Vec<&'a str>,
}

impl BodyInput {
    /// Validates a body. Formality defaults to the kind's (networks informal); an informal body
    /// prepares no cases; a presidium belongs to a body and nothing else has one.
    pub fn parse(f: &BodyFields<'_>) -> Result<BodyInput, Invalid> {
        let mut e = Errors::new();
        let name = e.check(text::required("name", f.name, 200));
        let kind = e.check(BodyKind::parse(f.kind.trim()).ok_or_else(|| {
            FieldError::new("kind", "invalid_kind", "Välj en giltig typ av organ.", "Choose a valid kind of body.")
        }));
        let formal = f.formal.unwrap_or_else(|| kind.is_none_or(BodyKind::is_formal_by_default));
        let county_code = match f.county_code.trim() {
            "" => None,
            c => e.check(reference::county(c).map(|c| c.code.clone()).ok_or_else(|| {
                FieldError::new("county_code", "unknown_county", "Okänd länskod.", "Unknown county code.")
            })),
        };
        let presidium_of = e.check(id("presidium_of", f.presidium_of)).flatten().map(BodyId);
        let superior_id = e.check(id("superior_id", f.superior_id)).flatten().map(BodyId);
        let prepares_for = e.check(id("prepares_for", f.prepares_for)).flatten().map(BodyId);
        let secretary = e.check(id("secretary", f.secretary)).flatten().map(PersonId);
        match (kind, presidium_of) {
            (Some(BodyKind::Presidium), None) => e.push(FieldError::new(
                "presidium_of",
                "presidium_needs_body",
                "Ange vilket organ presidiet hör till.",
                "Give the body the presidium belongs to.",
            )),
            (Some(k), Some(_)) if k != BodyKind::Presidium => e.push(FieldError::new(
                "presidium_of",
                "not_a_presidium",
                "Bara ett presidium hör till ett annat organ.",
                "Only a presidium belongs to another body.",
            )),
            _ => {}
        }
        if !formal && prepares_for.is_some() {
            e.push(FieldError::new(
                "prepares_for",
                "informal_cannot_prepare",
                "Ett informellt organ (t.ex. ett nätverk) bereder inga ärenden.",
                "An informal body (such as a network) prepares no cases.",
            ));
        }
        let duties: Vec<String> =
            f.duties.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        if duties.len() > DUTIES_MAX {
            e.push(FieldError::new(
                "duties",
                "too_many",
                format!("Högst {DUTIES_MAX} uppdragspunkter."),
                format!("At most {DUTIES_MAX} duties."),
            ));
        }
        for d in &duties {
            if let Err(err) = text::optional("duties", d, DUTY_MAX) {
                e.push(err);
                break;
            }
        }
        let start = e.check(date("start", f.start)).flatten();
        let end = e.check(date("end", f.end)).flatten();
        if let (Some(s), Some(en)) = (start, end)
            && en < s
        {
            e.push(end_before_start());
        }
        let mut organisations = Vec::new();
        for o in &f.organisations {
            if let Some(Some(v)) = e.check(id("organisations", o)) {
                organisations.push(OrganisationId(v));
            }
        }
        organisations.sort();
        organisations.dedup();
        e.finish(|| BodyInput {
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or(BodyKind::WorkingGroup),
            formal,
            county_code,
            presidium_of,
            superior_id,
            prepares_for,
            duties,
            start,
            end,
            secretary,
            organisations,
        })
    }
}

/// The status of a development question in a work plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    #[default]
    Planned,
    Ongoing,
    Done,
    Paused,
}

impl QuestionStatus {
    pub const ALL: [QuestionStatus; 4] =
        [QuestionStatus::Planned, QuestionStatus::Ongoing, QuestionStatus::Done, QuestionStatus::Paused];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::Planned => "planned",
            QuestionStatus::Ongoing => "ongoing",
            QuestionStatus::Done => "done",
            QuestionStatus::Paused => "paused",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (QuestionStatus::Planned, Lang::Sv) => "Planerad",
            (QuestionStatus::Ongoing, Lang::Sv) => "Pågår",
            (QuestionStatus::Done, Lang::Sv) => "Klar",
            (QuestionStatus::Paused, Lang::Sv) => "Vilande",
            (QuestionStatus::Planned, Lang::En) => "Planned",
            (QuestionStatus::Ongoing, Lang::En) => "Ongoing",
            (QuestionStatus::Done, Lang::En) => "Done",
            (QuestionStatus::Paused, Lang::En) => "Paused",
        }
    }
}

/// One development question of a work plan, linked to a duty of the body (and, once the
/// strategy issue lands, to strategy areas).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub title: String,
    pub description: Option<String>,
    /// The body's duty the question serves, as its text.
    pub duty: Option<String>,
    pub status: QuestionStatus,
}

/// A version of a consultation group's work plan (rule 6: two years, updated every year).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkPlanInput {
    pub decided_on: Date,
    pub covers_from: i32,
    pub covers_to: i32,
    pub questions: Vec<Question>,
}

impl WorkPlanInput {
    /// `questions` are (title, description, duty, status); rows with an empty title are skipped.
    /// The plan covers two years by default; a duty must be one of the body's.
    pub fn parse(
        decided_on: &str,
        covers_from: &str,
        covers_to: &str,
        questions: &[(&str, &str, &str, &str)],
        duties: &[String],
    ) -> Result<WorkPlanInput, Invalid> {
        let mut e = Errors::new();
        let decided_on =
            e.check(date("decided_on", decided_on).and_then(|d| d.ok_or_else(|| FieldError::required("decided_on"))));
        let year = |field: &'static str, v: &str| -> Result<Option<i32>, FieldError> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            v.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).map(Some).ok_or_else(|| {
                FieldError::new(field, "invalid_year", "Ange ett år, t.ex. 2026.", "Give a year, e.g. 2026.")
            })
        };
        let from = e.check(year("covers_from", covers_from)).flatten().or(decided_on.map(|d| d.year() + 1));
        let to = e.check(year("covers_to", covers_to)).flatten().or(from.map(|f| f + 1));
        if let (Some(f), Some(t)) = (from, to)
            && (t < f || t - f > 9)
        {
            e.push(FieldError::new(
                "covers_to",
                "invalid_period",
                "Planperioden ska sluta samma år eller upp till tio år efter att den börjar.",
                "The plan period must end in the year it starts or up to ten years later.",
            ));
        }
        let mut out = Vec::new();
        for (i, (title, description, duty, status)) in questions.iter().enumerate() {
            if title.trim().is_empty() {
                continue;
            }
            let field = |f: &str| format!("questions[{i}].{f}");
            let title = e.check(text::required(&field("title"), title, 300));
            let description = e.check(text::optional_multiline(&field("description"), description, 4000)).flatten();
            let duty = match duty.trim() {
                "" => None,
                d if duties.iter().any(|x| x == d) => Some(d.to_string()),
                _ => {
                    e.push(FieldError::new(
                        field("duty"),
                        "unknown_duty",
                        "Välj en av organets uppdragspunkter.",
                        "Choose one of the body's duties.",
                    ));
                    None
                }
            };
            let status = e.check(QuestionStatus::parse(status).ok_or_else(|| {
                FieldError::new(field("status"), "invalid_status", "Välj en giltig status.", "Choose a valid status.")
            }));
            if let (Some(title), Some(status)) = (title, status) {
                out.push(Question { title, description, duty, status });
            }
        }
        e.finish(|| WorkPlanInput {
            decided_on: decided_on.unwrap_or(Date::MIN),
            covers_from: from.unwrap_or_default(),
            covers_to: to.unwrap_or_default(),
            questions: out,
        })
    }
}

/// The most meetings one year's plan may hold: one a week, and a few extra.
pub const MAX_PLAN_DATES: usize = 60;

/// The dates of a body's meeting plan, one YYYY-MM-DD a line (or separated by commas).
pub fn parse_meeting_dates(s: &str) -> Result<Vec<Date>, Invalid> {
    let parts: Vec<&str> = s.split(['\n', ',']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > MAX_PLAN_DATES {
        return Err(Invalid::one(FieldError::new(
            "dates",
            "too_many_dates",
            format!("En mötesplan kan ha högst {MAX_PLAN_DATES} datum."),
            format!("A meeting plan can hold at most {MAX_PLAN_DATES} dates."),
        )));
    }
    let mut e = Errors::new();
    let mut dates = Vec::new();
    for part in parts {
        if let Some(Some(d)) = e.check(date("dates", part)) {
            dates.push(d);
        }
    }
    dates.sort();
    dates.dedup();
    e.finish(|| dates)
}

fn end_before_start() -> FieldError {
    FieldError::new(
        "end",
        "end_before_start",
        "Slutdatumet kan inte vara före startdatumet.",
        "The end date cannot be before the start date.",
    )
}

pub(crate) fn id(field: &str, v: &str) -> Result<Option<i64>, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>().ok().filter(|n| *n > 0).map(Some).ok_or_else(|| {
        FieldError::new(field, "invalid_id", "Välj ett värde i listan.", "Choose a value from the list.")
    })
}

/// An optional date written YYYY-MM-DD.
pub fn date(field: &str, value: &str) -> Result<Option<Date>, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let d = Date::parse(v, format_description!("[year]-[month]-[day]")).map_err(|_| {
        FieldError::new(
            field,
            "invalid_date",
            format!("”{v}” är inget datum; skriv ÅÅÅÅ-MM-DD."),
            format!("“{v}” is not a date; write YYYY-MM-DD."),
        )
    })?;
    let (first, last) = (crate::dates::FIRST_YEAR, crate::dates::LAST_YEAR);
    if !(first..=last).contains(&d.year()) {
        return Err(FieldError::new(
            field,
            "date_out_of_range",
            format!("Datumet ska ligga mellan år {first} och {last}."),
            format!("The date must fall between the years {first} and {last}."),
        ));
    }
    Ok(Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn fields<'a>(name: &'a str, kind: &'a str) -> BodyFields<'a> {
        BodyFields { name, kind, ..Default::default() }
    }

    #[test]
    fn a_network_is_informal_and_prepares_nothing() {
        let b = BodyInput::parse(&fields("Folkhälsonätverket", "network")).unwrap();
        assert!(!b.formal);
        let err = BodyInput::parse(&BodyFields { prepares_for: "3", ..fields("Nätverk", "network") }).unwrap_err();
        assert_eq!(err.first().code, "informal_cannot_prepare");
    }

    #[test]
    fn a_presidium_belongs_to_a_body() {
        assert_eq!(BodyInput::parse(&fields("Presidiet", "presidium")).unwrap_err().first().field, "presidium_of");
        let p = BodyInput::parse(&BodyFields { presidium_of: "1", ..fields("Presidiet", "presidium") }).unwrap();
        assert_eq!(p.presidium_of, Some(BodyId(1)));
        let err =
            BodyInput::parse(&BodyFields { presidium_of: "1", ..fields("Samråd", "consultation_group") }).unwrap_err();
        assert_eq!(err.first().code, "not_a_presidium");
    }

    #[test]
    fn duties_are_one_a_line() {
        let b = BodyInput::parse(&BodyFields {
            duties: "driva den gemensamma utvecklingen\n\n  vara sakkunniga till samråden \n",
            ..fields("Ledningsgruppen för kultur", "management_group")
        })
        .unwrap();
        assert_eq!(b.duties, ["driva den gemensamma utvecklingen", "vara sakkunniga till samråden"]);
    }

    #[test]
    fn bad_body_fields_are_all_named() {
        let err = BodyInput::parse(&BodyFields {
            start: "2026-13-01",
            end: "igår",
            county_code: "99",
            organisations: vec!["x"],
            ..fields("", "club")
        })
        .unwrap_err();
        let f: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(f, ["name", "kind", "county_code", "start", "end", "organisations"]);
    }

    #[test]
    fn a_work_plan_covers_the_two_following_years_by_default() {
        let duties = vec!["genomföra uppdrag från samråden".to_string()];
        let w = WorkPlanInput::parse(
            "2025-11-14",
            "",
            "",
            &[("Kompetensförsörjning", "", "genomföra uppdrag från samråden", "ongoing"), ("", "", "", "")],
            &duties,
        )
        .unwrap();
        assert_eq!((w.covers_from, w.covers_to, w.decided_on), (2026, 2027, date!(2025 - 11 - 14)));
        assert_eq!(w.questions.len(), 1);
        let err = WorkPlanInput::parse("2025-11-14", "2026", "2025", &[("T", "", "okänd", "x")], &duties).unwrap_err();
        let f: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(f, ["covers_to", "questions[0].duty", "questions[0].status"]);
    }

    #[test]
    fn meeting_dates_are_sorted_and_unique() {
        // Issue 8: a year −1 or 9999, and ten thousand dates, are typing errors or attacks.
        for bad in ["-001-01-01", "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"] {
            assert!(date("start", bad).is_err(), "{bad}");
        }
        assert!(date("start", "1900-01-01").unwrap().is_some() && date("start", "2100-12-31").unwrap().is_some());
        let many: Vec<String> = (0..61).map(|i| format!("2025-01-01 + {i}")).collect();
        assert_eq!(parse_meeting_dates(&many.join("\n")).unwrap_err().first().code, "too_many_dates");
        let d = parse_meeting_dates("2025-12-12\n2025-02-07, 2025-04-04\n2025-02-07").unwrap();
        assert_eq!(d, [date!(2025 - 02 - 07), date!(2025 - 04 - 04), date!(2025 - 12 - 12)]);
        assert_eq!(parse_meeting_dates("7 februari").unwrap_err().first().field, "dates");
    }
}
