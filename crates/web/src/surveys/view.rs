//! A survey's questions as the answer form and the read-only answer show them: every input
//! prepared here, so the template only lays them out. Without JavaScript a conditional question
//! is shown with its condition ("Answer if …"); the check drops its answer when the condition
//! does not hold.

use domain::error::Lang;
use domain::surveys::definition::Kind;
use domain::surveys::{Answer, Answers, Definition, response};

/// One choice of an input: its value and whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A ranking's place (`q.key.1` …) with the options to choose from.
pub struct Place {
    pub n: usize,
    pub field: String,
    pub options: Vec<Choice>,
}

/// A matrix row (`q.key.<n>`) with a choice per column.
pub struct Row {
    pub label: String,
    pub field: String,
    pub cells: Vec<Choice>,
}

pub struct QuestionView {
    pub key: String,
    pub field: String,
    pub number: usize,
    pub text: String,
    pub help: String,
    pub required: bool,
    pub kind: &'static str,
    pub condition: String,
    pub text_value: String,
    pub choices: Vec<Choice>,
    pub places: Vec<Place>,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub multiple: bool,
    pub error: Option<String>,
    /// The ids of the hint and the error, when there are.
    pub describedby: String,
    /// The answer as read-only text (submitted answers, the side-by-side view).
    pub shown: String,
}

pub struct SectionView {
    pub title: String,
    pub intro: String,
    pub questions: Vec<QuestionView>,
}

fn choices(options: &[String], chosen: impl Fn(&str) -> bool) -> Vec<Choice> {
    options.iter().map(|o| Choice { value: o.clone(), label: o.clone(), checked: chosen(o) }).collect()
}

/// An answer as one line of text: choices joined by "; ", a ranking numbered, a matrix as
/// "row: columns".
pub fn answer_text(a: Option<&Answer>) -> String {
    match a {
        None => String::new(),
        Some(Answer::Text(s)) => s.clone(),
        Some(Answer::Scale(n)) => n.to_string(),
        Some(Answer::List(l)) => l.join("; "),
        Some(Answer::Matrix(m)) => {
            m.iter().map(|(r, c)| format!("{r}: {}", c.join(", "))).collect::<Vec<_>>().join("; ")
        }
    }
}

fn ranking_text(a: Option<&Answer>) -> String {
    match a {
        Some(Answer::List(l)) => {
            l.iter().enumerate().map(|(i, x)| format!("{}. {x}", i + 1)).collect::<Vec<_>>().join("; ")
        }
        other => answer_text(other),
    }
}

/// The sections with their questions, filled with `answers` and the form's `errors`
/// (field → message).
pub fn sections(def: &Definition, answers: &Answers, errors: &[(String, String)], lang: Lang) -> Vec<SectionView> {
    let mut number = 0;
    def.sections
        .iter()
        .map(|s| SectionView {
            title: s.title.clone(),
            intro: s.intro.clone().unwrap_or_default(),
            questions: s
                .questions
                .iter()
                .map(|q| {
                    number += 1;
                    let a = answers.get(&q.key);
                    let field = response::field(&q.key);
                    let has = |o: &str| a.is_some_and(|a| a.has(o));
                    let mut v = QuestionView {
                        key: q.key.clone(),
                        number,
                        text: q.text.clone(),
                        help: q.help.clone().unwrap_or_default(),
                        required: q.required,
                        kind: q.kind.as_str(),
                        condition: q
                            .condition
                            .as_ref()
                            .map(|c| {
                                let p = def.question(&c.question).map_or(c.question.as_str(), |p| p.text.as_str());
                                match lang {
                                    Lang::Sv => {
                                        format!("Besvaras om svaret på ”{p}” är eller innehåller ”{}”.", c.option)
                                    }
                                    Lang::En => format!("Answer if the answer to “{p}” is or includes “{}”.", c.option),
                                }
                            })
                            .unwrap_or_default(),
                        text_value: match a {
                            Some(Answer::Text(t)) => t.clone(),
                            _ => String::new(),
                        },
                        choices: Vec::new(),
                        places: Vec::new(),
                        columns: Vec::new(),
                        rows: Vec::new(),
                        multiple: false,
                        error: errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()),
                        describedby: String::new(),
                        shown: if matches!(q.kind, Kind::Ranking { .. }) { ranking_text(a) } else { answer_text(a) },
                        field,
                    };
                    let mut ids = Vec::new();
                    if !v.help.is_empty() || !v.condition.is_empty() {
                        ids.push(format!("h-{}", q.key));
                    }
                    if v.error.is_some() {
                        ids.push(format!("e-{}", q.key));
                    }
                    v.describedby = ids.join(" ");
                    match &q.kind {
                        Kind::Text => {}
                        Kind::Single { options } | Kind::Multiple { options } => {
                            v.multiple = matches!(q.kind, Kind::Multiple { .. });
                            v.choices = choices(options, has);
                        }
                        Kind::Scale { min, max, min_label, max_label } => {
                            v.choices = (*min..=*max)
                                .map(|n| {
                                    let label = if n == *min && !min_label.is_empty() {
                                        format!("{n} – {min_label}")
                                    } else if n == *max && !max_label.is_empty() {
                                        format!("{n} – {max_label}")
                                    } else {
                                        n.to_string()
                                    };
                                    Choice { value: n.to_string(), label, checked: a == Some(&Answer::Scale(n)) }
                                })
                                .collect();
                        }
                        Kind::Ranking { options, top } => {
                            let ranked: Vec<String> = match a {
                                Some(Answer::List(l)) => l.clone(),
                                _ => Vec::new(),
                            };
                            v.places = (1..=*top)
                                .map(|n| Place {
                                    n,
                                    field: format!("{}.{n}", v.field),
                                    options: choices(options, |o| ranked.get(n - 1).is_some_and(|r| r == o)),
                                })
                                .collect();
                        }
                        Kind::Matrix { rows, columns, multiple } => {
                            v.multiple = *multiple;
                            v.columns = columns.clone();
                            let m = match a {
                                Some(Answer::Matrix(m)) => m.clone(),
                                _ => Default::default(),
                            };
                            v.rows = rows
                                .iter()
                                .enumerate()
                                .map(|(i, r)| Row {
                                    label: r.clone(),
                                    field: format!("{}.{}", v.field, i + 1),
                                    cells: choices(columns, |c| m.get(r).is_some_and(|cs| cs.iter().any(|x| x == c))),
                                })
                                .collect();
                        }
                    }
                    v
                })
                .collect(),
        })
        .collect()
}

/// A moment as Swedish local time, "2026-03-02 14:05".
pub fn when(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(domain::meetings::calendar::stockholm_offset(t));
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}
