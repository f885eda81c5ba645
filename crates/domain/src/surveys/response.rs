//! A response: an answer per question, read from a JSON body or a form, and its check against
//! the survey's definition. A draft may be incomplete (required questions and the ranking's
//! full N wait for submission); a submitted response must be complete. Questions hidden by
//! their condition are neither required nor kept. Issue 14 and the task: "required,
//! conditions, ranking has N distinct items, matrix values valid".

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::definition::{Kind, Question};
use super::{Condition, Definition};
use crate::error::Errors;
use crate::{FieldError, Invalid};

/// The longest free-text answer, in characters.
pub const ANSWER_MAX: usize = 10_000;

/// One question's answer. In JSON: a string (text, single choice), an array of strings
/// (multiple choice; ranking, first place first), a number (scale), an object of row → array
/// of columns (matrix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Scale(i64),
    Text(String),
    List(Vec<String>),
    Matrix(BTreeMap<String, Vec<String>>),
}

impl Answer {
    fn is_empty(&self) -> bool {
        match self {
            Answer::Scale(_) => false,
            Answer::Text(s) => s.trim().is_empty(),
            Answer::List(l) => l.is_empty(),
            Answer::Matrix(m) => m.values().all(Vec::is_empty),
        }
    }

    /// Whether the answer is, or contains, `option` (for conditions).
    pub fn has(&self, option: &str) -> bool {
        match self {
            Answer::Text(s) => s == option,
            Answer::List(l) => l.iter().any(|x| x == option),
            _ => false,
        }
    }
}

/// Answers by question key.
pub type Answers = BTreeMap<String, Answer>;

/// Whether a response is saved as a draft or submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Draft,
    Submit,
}

/// Whether the question with `condition` is shown, given the answers so far.
pub fn visible(condition: Option<&Condition>, answers: &Answers) -> bool {
    condition.is_none_or(|c| answers.get(&c.question).is_some_and(|a| a.has(&c.option)))
}

/// The form field of a question's answer: `q.<key>` (ranking places `q.<key>.1` …, matrix rows
/// `q.<key>.<row number>`).
pub fn field(key: &str) -> String {
    format!("q.{key}")
}

fn err(key: &str, code: &'static str, sv: impl Into<String>, en: impl Into<String>) -> FieldError {
    FieldError::new(field(key), code, sv, en)
}

fn unknown(key: &str) -> FieldError {
    err(key, "invalid_answer", "Välj bland frågans alternativ.", "Choose among the question's options.")
}

/// One answer's own check: its shape fits the kind and every value is one of the options.
fn check_one(q: &Question, a: Answer, mode: Mode) -> Result<Option<Answer>, FieldError> {
    let key = q.key.as_str();
    let a = match (&q.kind, a) {
        (_, a) if a.is_empty() => return Ok(None),
        (Kind::Text, Answer::Text(s)) => {
            if s.chars().count() > ANSWER_MAX {
                return Err(FieldError::too_long(field(key), ANSWER_MAX));
            }
            Answer::Text(s.trim().to_string())
        }
        (Kind::Single { options }, Answer::Text(s)) if options.contains(&s) => Answer::Text(s),
        (Kind::Multiple { options }, Answer::List(l)) => {
            if l.iter().any(|x| !options.contains(x)) {
                return Err(unknown(key));
            }
            // Kept in the options' order, each once.
            Answer::List(options.iter().filter(|o| l.contains(o)).cloned().collect())
        }
        (Kind::Scale { min, max, .. }, Answer::Scale(n)) if (*min..=*max).contains(&n) => Answer::Scale(n),
        (Kind::Scale { min, max, .. }, Answer::Scale(_)) => {
            return Err(err(
                key,
                "out_of_range",
                format!("Välj ett värde från {min} till {max}."),
                format!("Choose a value from {min} to {max}."),
            ));
        }
        (Kind::Ranking { options, top }, Answer::List(l)) => {
            let mut seen = HashSet::new();
            if l.iter().any(|x| !options.contains(x)) {
                return Err(unknown(key));
            }
            if !l.iter().all(|x| seen.insert(x)) {
                return Err(err(
                    key,
                    "duplicate_rank",
                    "Samma alternativ kan bara rangordnas en gång.",
                    "The same option can be ranked only once.",
                ));
            }
            if l.len() > *top || (mode == Mode::Submit && l.len() < *top) {
                return Err(err(
                    key,
                    "rank_count",
                    format!("Rangordna {top} olika alternativ."),
                    format!("Rank {top} different options."),
                ));
            }
            Answer::List(l)
        }
        (Kind::Matrix { rows, columns, multiple }, Answer::Matrix(m)) => {
            let mut out = BTreeMap::new();
            for (row, cols) in m {
                if !rows.contains(&row) || cols.iter().any(|c| !columns.contains(c)) {
                    return Err(unknown(key));
                }
                if !multiple && cols.len() > 1 {
                    return Err(err(
                        key,
                        "one_per_row",
                        "Välj högst ett alternativ per rad.",
                        "Choose at most one option per row.",
                    ));
                }
                let cols: Vec<String> = columns.iter().filter(|c| cols.contains(c)).cloned().collect();
                if !cols.is_empty() {
                    out.insert(row, cols);
                }
            }
            if q.required && !multiple && mode == Mode::Submit && out.len() < rows.len() {
                return Err(err(key, "row_missing", "Svara på varje rad.", "Answer every row."));
            }
            Answer::Matrix(out)
        }
        _ => return Err(unknown(key)),
    };
    Ok(Some(a))
}

/// The response checked against `def`: unknown questions refused, each answer valid for its
/// kind, answers to hidden questions dropped, and on submission every shown required question
/// answered. Returns the answers as kept (trimmed, choices in the options' order).
pub fn check(def: &Definition, mut answers: Answers, mode: Mode) -> Result<Answers, Invalid> {
    let mut e = Errors::new();
    if let Some(k) = answers.keys().find(|k| def.question(k).is_none()) {
        e.push(FieldError::new(
            "answers",
            "unknown_question",
            format!("Enkäten har ingen fråga ”{k}”."),
            format!("The survey has no question “{k}”."),
        ));
    }
    let mut kept = Answers::new();
    for (_, q) in def.questions() {
        let given = answers.remove(&q.key);
        if !visible(q.condition.as_ref(), &kept) {
            continue;
        }
        let a = match given.map(|a| check_one(q, a, mode)) {
            Some(Ok(a)) => a,
            Some(Err(x)) => {
                e.push(x);
                continue;
            }
            None => None,
        };
        match a {
            Some(a) => {
                kept.insert(q.key.clone(), a);
            }
            None if q.required && mode == Mode::Submit => {
                e.push(err(&q.key, "required", "Frågan måste besvaras.", "This question must be answered."))
            }
            None => {}
        }
    }
    e.finish(|| kept)
}

/// The answers of a JSON object (key → answer); a value of the wrong shape is refused at its
/// question's field.
pub fn from_json(value: &Value) -> Result<Answers, Invalid> {
    let Some(obj) = value.as_object() else {
        return Err(Invalid::one(FieldError::new(
            "answers",
            "invalid_answers",
            "Svaren ska vara ett objekt med frågornas nycklar.",
            "The answers must be an object keyed by the questions' keys.",
        )));
    };
    let mut e = Errors::new();
    let mut out = Answers::new();
    for (k, v) in obj {
        match serde_json::from_value::<Answer>(v.clone()) {
            Ok(a) => {
                out.insert(k.clone(), a);
            }
            Err(_) => e.push(unknown(k)),
        }
    }
    e.finish(|| out)
}

/// The answers of a posted form (`q.<key>` fields, see `field`): every field's values as the
/// form sent them, shaped by the question's kind. What the form cannot mean (a scale that is
/// not a number) is refused at the question's field.
pub fn from_form(def: &Definition, pairs: &[(String, String)]) -> Result<Answers, Invalid> {
    let values = |name: &str| -> Vec<String> {
        pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).filter(|v| !v.trim().is_empty()).collect()
    };
    let mut e = Errors::new();
    let mut out = Answers::new();
    for (_, q) in def.questions() {
        let name = field(&q.key);
        let a = match &q.kind {
            Kind::Text | Kind::Single { .. } => values(&name).into_iter().next().map(Answer::Text),
            Kind::Multiple { .. } => Some(Answer::List(values(&name))),
            Kind::Scale { .. } => match values(&name).first().map(|v| v.trim().parse::<i64>()) {
                Some(Ok(n)) => Some(Answer::Scale(n)),
                Some(Err(_)) => {
                    e.push(err(&q.key, "not_a_number", "Välj ett värde på skalan.", "Choose a value on the scale."));
                    None
                }
                None => None,
            },
            Kind::Ranking { top, .. } => {
                let places: Vec<String> =
                    (1..=*top).filter_map(|i| values(&format!("{name}.{i}")).into_iter().next()).collect();
                Some(Answer::List(places))
            }
            Kind::Matrix { rows, .. } => Some(Answer::Matrix(
                rows.iter()
                    .enumerate()
                    .map(|(i, r)| (r.clone(), values(&format!("{name}.{}", i + 1))))
                    .filter(|(_, v)| !v.is_empty())
                    .collect(),
            )),
        };
        if let Some(a) = a {
            out.insert(q.key.clone(), a);
        }
    }
    e.finish(|| out)
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::surveys::Section;

    fn s(list: &[&str]) -> Vec<String> {
        list.iter().map(|x| x.to_string()).collect()
    }

    fn question(key: &str, kind: Kind, required: bool, condition: Option<(&str, &str)>) -> Question {
        Question {
            key: key.into(),
            text: key.into(),
            help: None,
            required,
            kind,
            condition: condition.map(|(q, o)| Condition { question: q.into(), option: o.into() }),
        }
    }

    /// Seed 004's survey in small: strengths (text), a yes/no on the strategy with a follow-up
    /// shown on "Nej", the top three challenges, and areas × other relevant counties.
    pub(crate) fn seed() -> Definition {
        let qs = vec![
            question("styrkor", Kind::Text, true, None),
            question("speglar", Kind::Single { options: s(&["Ja", "Delvis", "Nej"]) }, true, None),
            question("varfor", Kind::Text, true, Some(("speglar", "Nej"))),
            question("stod", Kind::Multiple { options: s(&["Analys", "Processtöd", "Finansiering"]) }, false, None),
            question(
                "nojd",
                Kind::Scale { min: 1, max: 5, min_label: "Inte alls".into(), max_label: "Helt".into() },
                false,
                None,
            ),
            question(
                "utmaningar",
                Kind::Ranking {
                    options: s(&[
                        "Demografisk utveckling",
                        "Lågt intresse för utbildning",
                        "Kompetensförsörjning",
                        "Digitalisering",
                    ]),
                    top: 3,
                },
                true,
                None,
            ),
            question(
                "lan",
                Kind::Matrix {
                    rows: s(&["Kollektivtrafik och pendling", "Lärosäten"]),
                    columns: s(&["Värmland", "Västmanland", "Dalarna"]),
                    multiple: true,
                },
                false,
                None,
            ),
        ];
        Definition { sections: vec![Section { title: "Inför ny RUS".into(), intro: None, questions: qs }] }
    }

    fn full() -> Answers {
        let mut a = Answers::new();
        a.insert("styrkor".into(), Answer::Text(" Långsiktigt, stolt, landsbygdsbejakande ".into()));
        a.insert("speglar".into(), Answer::Text("Delvis".into()));
        a.insert(
            "utmaningar".into(),
            Answer::List(s(&["Demografisk utveckling", "Lågt intresse för utbildning", "Kompetensförsörjning"])),
        );
        a
    }

    #[test]
    fn a_complete_answer_is_kept_trimmed() {
        let kept = check(&seed(), full(), Mode::Submit).unwrap();
        assert_eq!(kept["styrkor"], Answer::Text("Långsiktigt, stolt, landsbygdsbejakande".into()));
    }

    #[test]
    fn required_questions_wait_for_submission() {
        let mut a = full();
        a.remove("styrkor");
        assert!(check(&seed(), a.clone(), Mode::Draft).is_ok());
        let e = check(&seed(), a, Mode::Submit).unwrap_err();
        assert_eq!((e.first().field.as_str(), e.first().code), ("q.styrkor", "required"));
    }

    #[test]
    fn a_condition_shows_and_requires_the_follow_up_only_on_its_option() {
        let mut a = full();
        a.insert("varfor".into(), Answer::Text("kept only when shown".into()));
        assert!(!check(&seed(), a.clone(), Mode::Submit).unwrap().contains_key("varfor"));
        a.insert("speglar".into(), Answer::Text("Nej".into()));
        assert!(check(&seed(), a.clone(), Mode::Submit).unwrap().contains_key("varfor"));
        a.remove("varfor");
        assert_eq!(check(&seed(), a, Mode::Submit).unwrap_err().first().field, "q.varfor");
    }

    #[test]
    fn ranking_needs_n_distinct_options() {
        let mut a = full();
        a.insert("utmaningar".into(), Answer::List(s(&["Digitalisering", "Digitalisering", "Kompetensförsörjning"])));
        assert_eq!(check(&seed(), a.clone(), Mode::Draft).unwrap_err().first().code, "duplicate_rank");
        a.insert("utmaningar".into(), Answer::List(s(&["Digitalisering", "Kompetensförsörjning"])));
        assert!(check(&seed(), a.clone(), Mode::Draft).is_ok());
        assert_eq!(check(&seed(), a.clone(), Mode::Submit).unwrap_err().first().code, "rank_count");
        a.insert("utmaningar".into(), Answer::List(s(&["Digitalisering", "Okänd", "Kompetensförsörjning"])));
        assert_eq!(check(&seed(), a, Mode::Draft).unwrap_err().first().code, "invalid_answer");
    }

    #[test]
    fn matrix_values_must_be_its_rows_and_columns() {
        let mut a = full();
        let mut m = BTreeMap::new();
        m.insert("Lärosäten".to_string(), s(&["Dalarna", "Värmland"]));
        a.insert("lan".into(), Answer::Matrix(m.clone()));
        let kept = check(&seed(), a.clone(), Mode::Submit).unwrap();
        assert_eq!(kept["lan"], Answer::Matrix([("Lärosäten".to_string(), s(&["Värmland", "Dalarna"]))].into()));
        m.insert("Lärosäten".to_string(), s(&["Skåne"]));
        a.insert("lan".into(), Answer::Matrix(m));
        assert_eq!(check(&seed(), a, Mode::Submit).unwrap_err().first().field, "q.lan");
    }

    #[test]
    fn shapes_and_unknown_questions_are_refused() {
        let mut a = full();
        a.insert("nojd".into(), Answer::Scale(9));
        assert_eq!(check(&seed(), a.clone(), Mode::Draft).unwrap_err().first().code, "out_of_range");
        a.insert("nojd".into(), Answer::Text("fem".into()));
        assert_eq!(check(&seed(), a.clone(), Mode::Draft).unwrap_err().first().code, "invalid_answer");
        a.remove("nojd");
        a.insert("okand".into(), Answer::Text("x".into()));
        assert_eq!(check(&seed(), a, Mode::Draft).unwrap_err().first().code, "unknown_question");
        assert!(from_json(&serde_json::json!([1])).is_err());
        assert_eq!(from_json(&serde_json::json!({"nojd": 3})).unwrap()["nojd"], Answer::Scale(3));
    }

    #[test]
    fn a_form_becomes_the_same_answers() {
        let pairs: Vec<(String, String)> = [
            ("q.styrkor", "Närhet"),
            ("q.speglar", "Ja"),
            ("q.stod", "Analys"),
            ("q.stod", "Finansiering"),
            ("q.nojd", "4"),
            ("q.utmaningar.1", "Kompetensförsörjning"),
            ("q.utmaningar.2", "Digitalisering"),
            ("q.utmaningar.3", ""),
            ("q.lan.2", "Värmland"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let a = from_form(&seed(), &pairs).unwrap();
        assert_eq!(a["stod"], Answer::List(s(&["Analys", "Finansiering"])));
        assert_eq!(a["nojd"], Answer::Scale(4));
        assert_eq!(a["utmaningar"], Answer::List(s(&["Kompetensförsörjning", "Digitalisering"])));
        assert_eq!(a["lan"], Answer::Matrix([("Lärosäten".to_string(), s(&["Värmland"]))].into()));
        assert_eq!(check(&seed(), a, Mode::Submit).unwrap_err().first().code, "rank_count");
        let bad = vec![("q.nojd".to_string(), "fyra".to_string())];
        assert_eq!(from_form(&seed(), &bad).unwrap_err().first().code, "not_a_number");
    }

    fn any_answer() -> impl Strategy<Value = Answer> {
        let word = prop::sample::select(vec![
            "Ja",
            "Nej",
            "Delvis",
            "Analys",
            "Digitalisering",
            "Kompetensförsörjning",
            "Lärosäten",
            "Värmland",
            "x",
        ])
        .prop_map(str::to_string);
        prop_oneof![
            (-2i64..8).prop_map(Answer::Scale),
            word.clone().prop_map(Answer::Text),
            prop::collection::vec(word.clone(), 0..5).prop_map(Answer::List),
            prop::collection::btree_map(word.clone(), prop::collection::vec(word, 0..3), 0..3).prop_map(Answer::Matrix),
        ]
    }

    proptest! {
        /// Whatever is sent: what is kept passes the check again unchanged (the check is
        /// idempotent), a kept submission answers every shown required question, and no hidden
        /// question keeps an answer.
        #[test]
        fn what_is_kept_is_valid_and_stable(
            raw in prop::collection::btree_map(
                prop::sample::select(vec!["styrkor", "speglar", "varfor", "stod", "nojd", "utmaningar", "lan"])
                    .prop_map(str::to_string),
                any_answer(),
                0..7,
            ),
            submit in any::<bool>(),
        ) {
            let mode = if submit { Mode::Submit } else { Mode::Draft };
            let d = seed();
            if let Ok(kept) = check(&d, raw, mode) {
                let again = check(&d, kept.clone(), mode);
                prop_assert_eq!(again.as_ref(), Ok(&kept));
                for (_, q) in d.questions() {
                    let shown = visible(q.condition.as_ref(), &kept);
                    if !shown { prop_assert!(!kept.contains_key(&q.key)); }
                    if shown && q.required && submit { prop_assert!(kept.contains_key(&q.key)); }
                    if let (Kind::Ranking { top, .. }, Some(Answer::List(l))) = (&q.kind, kept.get(&q.key)) {
                        let distinct: HashSet<_> = l.iter().collect();
                        prop_assert_eq!(distinct.len(), l.len());
                        prop_assert!(l.len() <= *top && (!submit || l.len() == *top));
                    }
                }
            }
        }
    }
}
