//! A survey's definition: sections of questions, each of one kind, required or not, shown
//! always or only when an earlier answer is (or contains) a given option. Issue 14: "A builder
//! with free text, single and multiple choice, scale, ranking (top N of a list), matrix (rows ×
//! columns, single or multiple per row), sections, required questions and simple conditions."
//!
//! The definition is fixed once the survey is sent (`survey::SurveyStatus`), so every answer
//! answers the same questions and an option's text is its identity in answers and exports.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::Errors;
use crate::{FieldError, Invalid};

pub const SECTIONS_MAX: usize = 30;
pub const QUESTIONS_MAX: usize = 200;
pub const TEXT_MAX: usize = 1_000;
pub const HELP_MAX: usize = 2_000;
pub const KEY_MAX: usize = 40;
pub const OPTIONS_MIN: usize = 2;
pub const OPTIONS_MAX: usize = 50;
pub const OPTION_MAX: usize = 200;
pub const MATRIX_ROWS_MAX: usize = 30;
pub const MATRIX_COLUMNS_MAX: usize = 30;
/// A scale runs between these bounds, with at most `SCALE_STEPS_MAX` steps.
pub const SCALE_MIN: i64 = 0;
pub const SCALE_MAX: i64 = 10;

/// Sections in order, each with its questions in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable short key ("styrkor"): names the question in answers, exports and conditions.
    pub key: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(flatten)]
    pub kind: Kind,
    /// Shown only when this holds; hidden questions are neither required nor kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

/// The kinds of question and what each needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    Text,
    Single {
        options: Vec<String>,
    },
    Multiple {
        options: Vec<String>,
    },
    Scale {
        min: i64,
        max: i64,
        min_label: String,
        max_label: String,
    },
    /// The respondent ranks `top` of the options, first place first.
    Ranking {
        options: Vec<String>,
        top: usize,
    },
    /// One choice per row (`multiple` false) or any number (`multiple` true) among the columns.
    Matrix {
        rows: Vec<String>,
        columns: Vec<String>,
        multiple: bool,
    },
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Single { .. } => "single",
            Kind::Multiple { .. } => "multiple",
            Kind::Scale { .. } => "scale",
            Kind::Ranking { .. } => "ranking",
            Kind::Matrix { .. } => "matrix",
        }
    }

    pub const NAMES: [&'static str; 6] = ["text", "single", "multiple", "scale", "ranking", "matrix"];

    /// The options a condition may name: those of single and multiple choice.
    pub fn choices(&self) -> Option<&[String]> {
        match self {
            Kind::Single { options } | Kind::Multiple { options } => Some(options),
            _ => None,
        }
    }
}

/// "Show question Q only if the answer to P is X" (single choice) "or contains X" (multiple).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The key of an earlier single or multiple choice question.
    pub question: String,
    /// One of its options.
    pub option: String,
}

fn err(field: &str, code: &'static str, sv: impl Into<String>, en: impl Into<String>) -> FieldError {
    FieldError::new(field, code, sv, en)
}

/// Whether `key` is a valid question key: 1–40 of a–z, 0–9, `_` and `-`.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= KEY_MAX
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A list of options: 2–50, each 1–200 characters, no two alike.
fn check_list(field: &str, list: &[String], min: usize, max: usize, e: &mut Errors) {
    if list.len() < min || list.len() > max {
        e.push(err(
            field,
            "option_count",
            format!("Ange mellan {min} och {max} alternativ, ett per rad."),
            format!("Give between {min} and {max} options, one per line."),
        ));
    }
    let mut seen = HashSet::new();
    for o in list {
        if o.trim().is_empty() || o.chars().count() > OPTION_MAX || o.trim() != o {
            e.push(err(
                field,
                "invalid_option",
                format!("Varje alternativ ska ha 1–{OPTION_MAX} tecken."),
                format!("Every option must have 1–{OPTION_MAX} characters."),
            ));
            return;
        }
        if !seen.insert(o.as_str()) {
            e.push(err(
                field,
                "duplicate_option",
                format!("Alternativet ”{o}” finns två gånger."),
                format!("The option “{o}” is there twice."),
            ));
            return;
        }
    }
}

impl Question {
    /// The question's own check, given the questions before it (for its condition). Errors
    /// name the builder's fields: `key`, `text`, `options`, `scale`, `top`, `rows`, `columns`,
    /// `condition`.
    pub fn check(&self, earlier: &[&Question]) -> Result<(), Invalid> {
        let mut e = Errors::new();
        if !valid_key(&self.key) {
            e.push(err(
                "key",
                "invalid_key",
                "Nyckeln ska ha 1–40 tecken: a–z, 0–9, _ eller -.",
                "The key must have 1–40 characters: a–z, 0–9, _ or -.",
            ));
        } else if earlier.iter().any(|q| q.key == self.key) {
            e.push(err(
                "key",
                "duplicate_key",
                "En annan fråga har redan den nyckeln.",
                "Another question has that key.",
            ));
        }
        if self.text.trim().is_empty() {
            e.push(FieldError::required("text"));
        } else if self.text.chars().count() > TEXT_MAX {
            e.push(FieldError::too_long("text", TEXT_MAX));
        }
        if self.help.as_ref().is_some_and(|h| h.chars().count() > HELP_MAX) {
            e.push(FieldError::too_long("help", HELP_MAX));
        }
        match &self.kind {
            Kind::Text => {}
            Kind::Single { options } | Kind::Multiple { options } => {
                check_list("options", options, OPTIONS_MIN, OPTIONS_MAX, &mut e)
            }
            Kind::Scale { min, max, min_label, max_label } => {
                if !(SCALE_MIN..=SCALE_MAX).contains(min) || !(SCALE_MIN..=SCALE_MAX).contains(max) || min >= max {
                    e.push(err(
                        "scale",
                        "invalid_scale",
                        format!("Skalan går från ett lägre till ett högre heltal mellan {SCALE_MIN} och {SCALE_MAX}."),
                        format!(
                            "The scale runs from a lower to a higher whole number between {SCALE_MIN} and {SCALE_MAX}."
                        ),
                    ));
                }
                if min_label.chars().count() > OPTION_MAX || max_label.chars().count() > OPTION_MAX {
                    e.push(FieldError::too_long("scale", OPTION_MAX));
                }
            }
            Kind::Ranking { options, top } => {
                check_list("options", options, OPTIONS_MIN, OPTIONS_MAX, &mut e);
                if *top == 0 || *top > options.len() {
                    e.push(err(
                        "top",
                        "invalid_top",
                        "Antalet att rangordna ska vara minst 1 och högst antalet alternativ.",
                        "The number to rank must be at least 1 and at most the number of options.",
                    ));
                }
            }
            Kind::Matrix { rows, columns, .. } => {
                check_list("rows", rows, 1, MATRIX_ROWS_MAX, &mut e);
                check_list("columns", columns, 1, MATRIX_COLUMNS_MAX, &mut e);
            }
        }
        if let Some(c) = &self.condition {
            let target = earlier.iter().find(|q| q.key == c.question);
            match target.and_then(|q| q.kind.choices()) {
                None => e.push(err(
                    "condition",
                    "invalid_condition",
                    "Villkoret ska gälla en tidigare fråga med enkelval eller flerval.",
                    "The condition must concern an earlier single or multiple choice question.",
                )),
                Some(options) if !options.contains(&c.option) => e.push(err(
                    "condition",
                    "invalid_condition",
                    "Välj ett av den frågans alternativ i villkoret.",
                    "Choose one of that question's options in the condition.",
                )),
                Some(_) => {}
            }
        }
        e.finish(|| ())
    }
}

/// A section's title, trimmed: required, at most `TEXT_MAX` characters (issue 14: the builder's
/// sections each have a title), refused at `field`.
pub fn section_title(field: &str, title: &str) -> Result<String, FieldError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(FieldError::new(field, "required", "Ange avsnittets rubrik.", "Give the section's title."));
    }
    if title.chars().count() > TEXT_MAX {
        return Err(FieldError::too_long(field, TEXT_MAX));
    }
    Ok(title.to_string())
}

impl Definition {
    /// The definition of the API's `sections` (not yet checked: `check` follows). What serde
    /// cannot read is refused at `sections` with our own words; serde's detail, which is in
    /// English, is given in the English message only.
    pub fn from_json(sections: serde_json::Value) -> Result<Definition, Invalid> {
        serde_json::from_value(serde_json::json!({ "sections": sections })).map_err(|e| {
            Invalid::one(err(
                "sections",
                "invalid_definition",
                "Frågorna kunde inte läsas. Kontrollera att varje avsnitt har en rubrik och att varje fråga har \
                 nyckel, text och en giltig sort med sina alternativ."
                    .to_string(),
                format!("The questions could not be read: {e}"),
            ))
        })
    }

    /// Every question in order, with the index of its section.
    pub fn questions(&self) -> impl Iterator<Item = (usize, &Question)> {
        self.sections.iter().enumerate().flat_map(|(i, s)| s.questions.iter().map(move |q| (i, q)))
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.key == key)
    }

    pub fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }

    /// The whole definition's check: 1–30 sections with titles, at most 200 questions, each
    /// valid given those before it. An error names `sections` or the question's field prefixed
    /// by its key (`styrkor.options`).
    pub fn check(&self) -> Result<(), Invalid> {
        let mut e = Errors::new();
        if self.sections.is_empty() || self.sections.len() > SECTIONS_MAX {
            e.push(err(
                "sections",
                "section_count",
                format!("En enkät har 1–{SECTIONS_MAX} avsnitt."),
                format!("A survey has 1–{SECTIONS_MAX} sections."),
            ));
        }
        if self.question_count() > QUESTIONS_MAX {
            e.push(err(
                "sections",
                "question_count",
                format!("En enkät har högst {QUESTIONS_MAX} frågor."),
                format!("A survey has at most {QUESTIONS_MAX} questions."),
            ));
        }
        for s in &self.sections {
            e.check(section_title("section_title", &s.title));
        }
        let mut earlier: Vec<&Question> = Vec::new();
        for (_, q) in self.questions() {
            if let Err(Invalid(errs)) = q.check(&earlier) {
                for x in errs {
                    e.push(FieldError { field: format!("{}.{}", q.key, x.field), ..x });
                }
            }
            earlier.push(q);
        }
        e.finish(|| ())
    }

    /// Adds `q` at the end of section `section` (a new section titled `new_section` when that
    /// is given, its title checked by `section_title`), checked against the questions before it.
    pub fn add(&mut self, section: usize, new_section: Option<&str>, q: Question) -> Result<(), Invalid> {
        let index = match new_section {
            Some(title) => {
                let title = section_title("new_section", title).map_err(Invalid::one)?;
                if self.sections.len() >= SECTIONS_MAX {
                    return Err(Invalid::one(err(
                        "section",
                        "section_count",
                        format!("En enkät har högst {SECTIONS_MAX} avsnitt."),
                        format!("A survey has at most {SECTIONS_MAX} sections."),
                    )));
                }
                self.sections.push(Section { title, intro: None, questions: Vec::new() });
                self.sections.len() - 1
            }
            None if section < self.sections.len() => section,
            None => {
                return Err(Invalid::one(err(
                    "section",
                    "unknown_section",
                    "Välj ett avsnitt eller ange rubriken på ett nytt.",
                    "Choose a section or give the title of a new one.",
                )));
            }
        };
        if self.question_count() >= QUESTIONS_MAX {
            return Err(Invalid::one(err(
                "text",
                "question_count",
                format!("En enkät har högst {QUESTIONS_MAX} frågor."),
                format!("A survey has at most {QUESTIONS_MAX} questions."),
            )));
        }
        let mut earlier: Vec<&Question> = self.questions().map(|(_, q)| q).collect();
        // A question added to an earlier section must not be named by a condition before it.
        earlier.truncate(self.sections[..=index].iter().map(|s| s.questions.len()).sum());
        q.check(&earlier)?;
        if self.question(&q.key).is_some() {
            return Err(Invalid::one(err(
                "key",
                "duplicate_key",
                "En annan fråga har redan den nyckeln.",
                "Another question has that key.",
            )));
        }
        self.sections[index].questions.push(q);
        Ok(())
    }

    /// Removes the question `key` and every condition that named it (those questions are then
    /// shown always). Empty sections are dropped. Whether anything was removed.
    pub fn remove(&mut self, key: &str) -> bool {
        let before = self.question_count();
        for s in &mut self.sections {
            s.questions.retain(|q| q.key != key);
            for q in &mut s.questions {
                if q.condition.as_ref().is_some_and(|c| c.question == key) {
                    q.condition = None;
                }
            }
        }
        self.sections.retain(|s| !s.questions.is_empty());
        self.question_count() < before
    }
}

/// The lines of a textarea as a list: trimmed, blank lines left out.
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn q(key: &str, kind: Kind) -> Question {
        Question { key: key.into(), text: format!("Fråga {key}"), help: None, required: false, kind, condition: None }
    }

    fn opts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn seed_004_ranking_of_three_challenges_is_valid() {
        // Seed 004: "1. Demografisk utveckling … 2. Lågt intresse för utbildning 3. Kompetensförsörjning".
        let ranking = q(
            "utmaningar",
            Kind::Ranking {
                options: opts(&[
                    "Demografisk utveckling",
                    "Lågt intresse för utbildning",
                    "Kompetensförsörjning",
                    "Digitalisering",
                ]),
                top: 3,
            },
        );
        let d = Definition {
            sections: vec![Section { title: "Utmaningar".into(), intro: None, questions: vec![ranking] }],
        };
        assert!(d.check().is_ok());
    }

    #[test]
    fn a_section_title_is_required_and_bounded_in_the_builder_and_the_whole_check() {
        // Issue 14: the builder's questions stand in sections, each with a title.
        assert_eq!(section_title("new_section", "  Kommunen i dag "), Ok("Kommunen i dag".to_string()));
        let e = section_title("new_section", " ").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("new_section", "required"));
        assert_eq!(section_title("x", &"a".repeat(TEXT_MAX + 1)).unwrap_err().code, "too_long");
        let mut d = Definition::default();
        let e = d.add(usize::MAX, Some(""), q("a", Kind::Text)).unwrap_err();
        assert_eq!((e.first().field.as_str(), e.first().code), ("new_section", "required"));
        d.add(usize::MAX, Some("Styrkor"), q("a", Kind::Text)).unwrap();
        d.sections[0].title = String::new();
        assert_eq!(d.check().unwrap_err().first().field, "section_title");
    }

    #[test]
    fn an_unreadable_definition_is_refused_in_swedish_without_serdes_english() {
        let e = Definition::from_json(serde_json::json!([{"title": 5}])).unwrap_err();
        let e = e.first();
        assert_eq!((e.field.as_str(), e.code), ("sections", "invalid_definition"));
        assert!(e.sv.starts_with("Frågorna kunde inte läsas.") && !e.sv.contains("invalid type"), "{}", e.sv);
        assert!(e.en.contains("invalid type"), "{}", e.en);
        let ok = Definition::from_json(serde_json::json!([{"title": "S", "questions": []}])).unwrap();
        assert_eq!(ok.sections[0].title, "S");
    }

    #[test]
    fn bad_definitions_name_their_fields() {
        let mut d = Definition::default();
        assert_eq!(d.check().unwrap_err().first().field, "sections");
        assert_eq!(d.add(0, None, q("a", Kind::Text)).unwrap_err().first().code, "unknown_section");
        d.add(0, Some("Styrkor"), q("a", Kind::Text)).unwrap();
        assert_eq!(d.add(0, None, q("a", Kind::Text)).unwrap_err().first().code, "duplicate_key");
        assert_eq!(d.add(0, None, q("B!", Kind::Text)).unwrap_err().first().code, "invalid_key");
        let one = q("c", Kind::Single { options: opts(&["Ja"]) });
        assert_eq!(d.add(0, None, one).unwrap_err().first().code, "option_count");
        let dup = q("c", Kind::Multiple { options: opts(&["Ja", "Ja"]) });
        assert_eq!(d.add(0, None, dup).unwrap_err().first().code, "duplicate_option");
        let scale = q("c", Kind::Scale { min: 5, max: 5, min_label: String::new(), max_label: String::new() });
        assert_eq!(d.add(0, None, scale).unwrap_err().first().field, "scale");
        let rank = q("c", Kind::Ranking { options: opts(&["a", "b"]), top: 3 });
        assert_eq!(d.add(0, None, rank).unwrap_err().first().field, "top");
        let mut cond = q("c", Kind::Text);
        cond.condition = Some(Condition { question: "a".into(), option: "x".into() });
        assert_eq!(d.add(0, None, cond.clone()).unwrap_err().first().field, "condition");
        d.add(0, None, q("p", Kind::Single { options: opts(&["Ja", "Nej"]) })).unwrap();
        cond.condition = Some(Condition { question: "p".into(), option: "Kanske".into() });
        assert_eq!(d.add(0, None, cond.clone()).unwrap_err().first().field, "condition");
        cond.condition = Some(Condition { question: "p".into(), option: "Ja".into() });
        d.add(0, None, cond).unwrap();
        assert!(d.check().is_ok());
        assert!(d.remove("p"));
        assert!(d.question("c").unwrap().condition.is_none());
        assert!(!d.remove("p"));
    }

    #[test]
    fn the_json_form_is_tagged_by_kind() {
        let d: Definition = serde_json::from_str(
            r#"{"sections":[{"title":"S","questions":[{"key":"m","text":"Län","kind":"matrix","rows":["Kultur"],"columns":["Örebro","Värmland"],"multiple":true}]}]}"#,
        )
        .unwrap();
        assert!(matches!(d.question("m").unwrap().kind, Kind::Matrix { multiple: true, .. }));
        assert_eq!(lines(" a \n\n b"), ["a", "b"]);
    }
}
