//! The receipt an open survey's respondent may ask for (issue 14): what they answered, question
//! by question in the survey's order, as lines a plain-text and an HTML message can both show.
//! Only the questions answered appear; a ranking keeps its places, a matrix its rows. The
//! address the receipt goes to is the respondent's own and is kept nowhere but in the message
//! (`receipt_email`): it is personal data (GDPR art. 5.1 c, data minimisation).

use super::definition::{Definition, Kind};
use super::response::{Answer, Answers};
use crate::FieldError;

/// One answered question: its text and the answer as one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptLine {
    pub question: String,
    pub answer: String,
}

/// The answered questions of `answers`, in the definition's order.
pub fn lines(def: &Definition, answers: &Answers) -> Vec<ReceiptLine> {
    def.questions()
        .filter_map(|(_, q)| {
            let a = answers.get(&q.key)?;
            let answer = match (a, &q.kind) {
                (Answer::Text(t), _) => t.trim().to_string(),
                (Answer::Scale(x), Kind::Scale { min, max, .. }) => format!("{x} ({min}–{max})"),
                (Answer::Scale(x), _) => x.to_string(),
                (Answer::List(l), Kind::Ranking { .. }) => {
                    l.iter().enumerate().map(|(i, v)| format!("{}. {v}", i + 1)).collect::<Vec<_>>().join("; ")
                }
                (Answer::List(l), _) => l.join("; "),
                (Answer::Matrix(m), _) => m
                    .iter()
                    .filter(|(_, cs)| !cs.is_empty())
                    .map(|(row, cs)| format!("{row}: {}", cs.join(", ")))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            (!answer.is_empty()).then(|| ReceiptLine { question: q.text.clone(), answer })
        })
        .collect()
}

/// The optional address a receipt goes to: empty for none, otherwise a valid address.
pub fn receipt_email(field: &str, v: &str) -> Result<Option<String>, FieldError> {
    if v.trim().is_empty() { Ok(None) } else { crate::organisations::email(field, v).map(Some) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::definition::{Question, Section};

    fn q(key: &str, text: &str, kind: Kind) -> Question {
        Question { key: key.into(), text: text.into(), help: None, required: false, kind, condition: None }
    }

    /// Seed 004's questions: strengths in free text, the top three challenges ranked, the
    /// matrix of areas × other counties, and a scale of how the strategy reflects priorities.
    #[test]
    fn a_receipt_lists_the_answered_questions_in_order() {
        let def = Definition {
            sections: vec![Section {
                title: "Om kommunen".into(),
                intro: None,
                questions: vec![
                    q("styrkor", "Vilka är kommunens styrkor?", Kind::Text),
                    q(
                        "utmaningar",
                        "Rangordna de tre största utmaningarna",
                        Kind::Ranking {
                            options: vec!["Kompetens".into(), "Bostäder".into(), "Klimat".into()], top: 3
                        },
                    ),
                    q(
                        "lan",
                        "Samverkan med andra län",
                        Kind::Matrix {
                            rows: vec!["Transporter".into(), "Kultur".into()],
                            columns: vec!["Kalmar".into(), "Kronoberg".into()],
                            multiple: true,
                        },
                    ),
                    q(
                        "speglar",
                        "Hur väl speglar strategin era prioriteringar?",
                        Kind::Scale { min: 1, max: 5, min_label: "Dåligt".into(), max_label: "Väl".into() },
                    ),
                    q("vision", "Visionen 2040", Kind::Text),
                ],
            }],
        };
        let mut a = Answers::new();
        a.insert("speglar".into(), Answer::Scale(4));
        a.insert("styrkor".into(), Answer::Text(" Närhet till Jönköping ".into()));
        a.insert("utmaningar".into(), Answer::List(vec!["Kompetens".into(), "Klimat".into()]));
        let mut m = std::collections::BTreeMap::new();
        m.insert("Transporter".to_string(), vec!["Kalmar".to_string(), "Kronoberg".to_string()]);
        m.insert("Kultur".to_string(), vec![]);
        a.insert("lan".into(), Answer::Matrix(m));
        a.insert("vision".into(), Answer::Text("  ".into()));
        let got: Vec<(String, String)> = lines(&def, &a).into_iter().map(|l| (l.question, l.answer)).collect();
        let want = [
            ("Vilka är kommunens styrkor?", "Närhet till Jönköping"),
            ("Rangordna de tre största utmaningarna", "1. Kompetens; 2. Klimat"),
            ("Samverkan med andra län", "Transporter: Kalmar, Kronoberg"),
            ("Hur väl speglar strategin era prioriteringar?", "4 (1–5)"),
        ];
        assert_eq!(got, want.map(|(q, a)| (q.to_string(), a.to_string())));
    }

    #[test]
    fn the_receipt_address_is_optional_but_valid_when_given() {
        assert_eq!(receipt_email("receipt_email", " ").unwrap(), None);
        assert_eq!(receipt_email("receipt_email", "Anna@Example.se").unwrap().as_deref(), Some("anna@example.se"));
        let e = receipt_email("receipt_email", "anna@").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("receipt_email", "invalid_email"));
    }
}
