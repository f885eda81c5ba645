//! The builder's form for one question, as typed: options, rows and columns one per line, the
//! scale's bounds and the ranking's N as text. `parse` turns it into a `Question` (its own
//! check follows in `Definition::add`); a key left empty is made from the question's words.

use super::definition::{Condition, Kind, Question, lines, valid_key};
use crate::error::Errors;
use crate::{FieldError, Invalid};

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct QuestionFields {
    pub key: String,
    pub text: String,
    pub help: String,
    pub kind: String,
    pub required: String,
    pub options: String,
    pub scale_min: String,
    pub scale_max: String,
    pub min_label: String,
    pub max_label: String,
    pub top: String,
    pub rows: String,
    pub columns: String,
    pub multiple_per_row: String,
    pub condition_question: String,
    pub condition_option: String,
}

/// A key from the question's first words: "Kommunens styrkor?" → "kommunens-styrkor", å/ä/ö as
/// a/a/o, at most 40 characters, and a number added while `taken` says it is taken.
pub fn key_from(text: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut k = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' => 'o',
            'é' | 'è' => 'e',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            k.push(c);
        } else if !k.is_empty() && !k.ends_with('-') {
            k.push('-');
        }
        if k.len() >= 30 {
            break;
        }
    }
    let base = k.trim_end_matches('-').to_string();
    let base = if base.is_empty() { "fraga".to_string() } else { base };
    let mut key = base.clone();
    let mut n = 2;
    while taken(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

fn number(field: &str, s: &str) -> Result<i64, FieldError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| FieldError::new(field, "not_a_number", "Ange ett heltal.", "Give a whole number."))
}

impl QuestionFields {
    /// The question typed, with `taken` telling which keys the survey already has.
    pub fn parse(&self, taken: impl Fn(&str) -> bool) -> Result<Question, Invalid> {
        let mut e = Errors::new();
        let key = if self.key.trim().is_empty() { key_from(&self.text, taken) } else { self.key.trim().to_string() };
        if !valid_key(&key) {
            e.push(FieldError::new(
                "key",
                "invalid_key",
                "Nyckeln ska ha 1–40 tecken: a–z, 0–9, _ eller -.",
                "The key must have 1–40 characters: a–z, 0–9, _ or -.",
            ));
        }
        let kind = match self.kind.trim() {
            "text" => Some(Kind::Text),
            "single" => Some(Kind::Single { options: lines(&self.options) }),
            "multiple" => Some(Kind::Multiple { options: lines(&self.options) }),
            "scale" => {
                let min = e.check(number("scale", &self.scale_min));
                let max = e.check(number("scale", &self.scale_max));
                min.zip(max).map(|(min, max)| Kind::Scale {
                    min,
                    max,
                    min_label: self.min_label.trim().to_string(),
                    max_label: self.max_label.trim().to_string(),
                })
            }
            "ranking" => e
                .check(number("top", &self.top))
                .map(|top| Kind::Ranking { options: lines(&self.options), top: usize::try_from(top).unwrap_or(0) }),
            "matrix" => Some(Kind::Matrix {
                rows: lines(&self.rows),
                columns: lines(&self.columns),
                multiple: !self.multiple_per_row.is_empty(),
            }),
            _ => {
                e.push(FieldError::new("kind", "invalid_choice", "Välj en sorts fråga.", "Choose a kind of question."));
                None
            }
        };
        let condition = match (self.condition_question.trim(), self.condition_option.trim()) {
            ("", _) => None,
            (q, o) => Some(Condition { question: q.to_string(), option: o.to_string() }),
        };
        e.finish(|| ())?;
        let help = Some(self.help.trim().to_string()).filter(|h| !h.is_empty());
        Ok(Question {
            key,
            text: self.text.trim().to_string(),
            help,
            required: !self.required.is_empty(),
            kind: kind.unwrap_or(Kind::Text),
            condition,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matrix_from_the_form_with_a_key_made_from_its_words() {
        // Seed 004: "Finns det andra län som är relevanta för er kommun inom respektive område?"
        let f = QuestionFields {
            text: "Finns det andra län som är relevanta för er kommun inom respektive område?".into(),
            kind: "matrix".into(),
            rows: "Kollektivtrafik och pendling\nLärosäten\n".into(),
            columns: "Värmlands län\nVästmanlands län".into(),
            multiple_per_row: "on".into(),
            ..Default::default()
        };
        let q = f.parse(|k| k == "finns-det-andra-lan-som-ar-rel").unwrap();
        assert_eq!(q.key, "finns-det-andra-lan-som-ar-rel-2");
        assert!(matches!(q.kind, Kind::Matrix { ref rows, multiple: true, .. } if rows.len() == 2));
        let bad = QuestionFields { kind: "scale".into(), scale_min: "x".into(), ..Default::default() };
        assert_eq!(bad.parse(|_| false).unwrap_err().first().field, "scale");
        let none = QuestionFields { kind: "poll".into(), ..Default::default() };
        assert_eq!(none.parse(|_| false).unwrap_err().first().field, "kind");
    }
}
