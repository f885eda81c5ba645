//! The results of a survey, question by question, tallied one response at a time (so 10,000
//! responses need not be held at once). Issue 14: "per question a chart (…; multiple choice
//! counted per option, not per combination of options), ranking as weighted scores, the matrix
//! as a heat-table, free text grouped by frequent Swedish terms (stemmed)".
//!
//! - Single and multiple choice: how many responses chose each option. A response choosing
//!   two options counts once for each; the shares are of the responses that answered, so the
//!   shares of a multiple choice question may add up to more than 100 %.
//! - Scale: how many chose each value, and the mean.
//! - Ranking of the top N: the first place earns N points, the second N − 1, …, the N:th one
//!   point (a Borda count over the top N); an option not ranked earns nothing. The score is the
//!   sum over responses; the number of first places is shown beside it.
//! - Matrix: how many responses chose each column in each row (the heat-table's cells).
//! - Free text: the answers, and their frequent stemmed terms (`terms`).

use serde::Serialize;

use super::definition::{Definition, Kind};
use super::response::{Answer, Answers};
use super::terms::{Term, TermCounter};

/// One question's tally.
#[derive(Clone, Debug)]
pub enum QuestionResult {
    Text {
        answers: Vec<(String, String)>,
        terms: TermCounter,
    },
    /// Single or multiple choice: count per option, in the options' order.
    Choice {
        counts: Vec<usize>,
    },
    Scale {
        min: i64,
        counts: Vec<usize>,
        sum: i64,
    },
    Ranking {
        top: usize,
        points: Vec<u64>,
        firsts: Vec<usize>,
    },
    Matrix {
        counts: Vec<Vec<usize>>,
    },
}

/// A question's key with its tally and how many responses answered it.
#[derive(Clone, Debug)]
pub struct Tallied {
    pub key: String,
    pub answered: usize,
    pub result: QuestionResult,
}

/// The tally of all questions of a definition.
#[derive(Clone, Debug)]
pub struct Tally {
    pub responses: usize,
    pub questions: Vec<Tallied>,
    /// The question definitions, parallel to `questions`.
    options: Vec<Kind>,
}

/// The points of place `place` (0 = first) in a ranking of the top `top`: `top − place`.
pub fn ranking_points(top: usize, place: usize) -> u64 {
    top.saturating_sub(place) as u64
}

impl Tally {
    pub fn new(def: &Definition) -> Tally {
        let mut questions = Vec::new();
        let mut options = Vec::new();
        for (_, q) in def.questions() {
            let result = match &q.kind {
                Kind::Text => QuestionResult::Text { answers: Vec::new(), terms: TermCounter::default() },
                Kind::Single { options } | Kind::Multiple { options } => {
                    QuestionResult::Choice { counts: vec![0; options.len()] }
                }
                Kind::Scale { min, max, .. } => {
                    QuestionResult::Scale { min: *min, counts: vec![0; (max - min + 1).max(0) as usize], sum: 0 }
                }
                Kind::Ranking { options, top } => QuestionResult::Ranking {
                    top: *top,
                    points: vec![0; options.len()],
                    firsts: vec![0; options.len()],
                },
                Kind::Matrix { rows, columns, .. } => {
                    QuestionResult::Matrix { counts: vec![vec![0; columns.len()]; rows.len()] }
                }
            };
            questions.push(Tallied { key: q.key.clone(), answered: 0, result });
            options.push(q.kind.clone());
        }
        Tally { responses: 0, questions, options }
    }

    /// Adds one response, by `respondent` (the organisation's name, or empty for an individual).
    /// Values that are not the question's options (never the case for checked responses) are
    /// passed over.
    pub fn add(&mut self, respondent: &str, answers: &Answers) {
        self.responses += 1;
        for (t, kind) in self.questions.iter_mut().zip(&self.options) {
            let Some(a) = answers.get(&t.key) else { continue };
            t.answered += 1;
            let index = |list: &[String], v: &str| list.iter().position(|o| o == v);
            match (&mut t.result, kind, a) {
                (QuestionResult::Text { answers, terms }, _, Answer::Text(s)) => {
                    terms.add(s);
                    answers.push((respondent.to_string(), s.clone()));
                }
                (QuestionResult::Choice { counts }, Kind::Single { options } | Kind::Multiple { options }, a) => {
                    let chosen: Vec<&String> = match a {
                        Answer::Text(s) => vec![s],
                        Answer::List(l) => l.iter().collect(),
                        _ => vec![],
                    };
                    for c in chosen {
                        if let Some(i) = index(options, c) {
                            counts[i] += 1;
                        }
                    }
                }
                (QuestionResult::Scale { min, counts, sum }, _, Answer::Scale(n)) => {
                    if let Some(c) = usize::try_from(n - *min).ok().and_then(|i| counts.get_mut(i)) {
                        *c += 1;
                        *sum += n;
                    }
                }
                (QuestionResult::Ranking { top, points, firsts }, Kind::Ranking { options, .. }, Answer::List(l)) => {
                    for (place, v) in l.iter().enumerate().take(*top) {
                        if let Some(i) = index(options, v) {
                            points[i] += ranking_points(*top, place);
                            if place == 0 {
                                firsts[i] += 1;
                            }
                        }
                    }
                }
                (QuestionResult::Matrix { counts }, Kind::Matrix { rows, columns, .. }, Answer::Matrix(m)) => {
                    for (row, cols) in m {
                        let Some(r) = index(rows, row) else { continue };
                        for c in cols {
                            if let Some(ci) = index(columns, c) {
                                counts[r][ci] += 1;
                            }
                        }
                    }
                }
                _ => t.answered -= 1,
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Tallied> {
        self.questions.iter().find(|t| t.key == key)
    }
}

/// The JSON of one question's results.
#[derive(Clone, Debug, Serialize)]
pub struct ResultJson {
    pub key: String,
    pub kind: &'static str,
    pub answered: usize,
    /// (label, count) per option, scale value or ranked option (score).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<(String, u64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub firsts: Vec<(String, usize)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matrix: Vec<(String, Vec<(String, usize)>)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
}

impl Tallied {
    /// The results as plain labelled numbers, for JSON and tables.
    pub fn to_json(&self, kind: &Kind) -> ResultJson {
        let mut j = ResultJson {
            key: self.key.clone(),
            kind: kind.as_str(),
            answered: self.answered,
            counts: vec![],
            mean: None,
            firsts: vec![],
            matrix: vec![],
            terms: vec![],
        };
        match (&self.result, kind) {
            (QuestionResult::Text { terms, .. }, _) => j.terms = terms.top(15, 2),
            (QuestionResult::Choice { counts }, Kind::Single { options } | Kind::Multiple { options }) => {
                j.counts = options.iter().cloned().zip(counts.iter().map(|c| *c as u64)).collect()
            }
            (QuestionResult::Scale { min, counts, sum }, _) => {
                j.counts = counts.iter().enumerate().map(|(i, c)| ((min + i as i64).to_string(), *c as u64)).collect();
                j.mean = (self.answered > 0).then(|| *sum as f64 / self.answered as f64);
            }
            (QuestionResult::Ranking { points, firsts, .. }, Kind::Ranking { options, .. }) => {
                let mut order: Vec<usize> = (0..options.len()).collect();
                order.sort_by(|a, b| points[*b].cmp(&points[*a]).then(a.cmp(b)));
                j.counts = order.iter().map(|i| (options[*i].clone(), points[*i])).collect();
                j.firsts = order.iter().map(|i| (options[*i].clone(), firsts[*i])).collect();
            }
            (QuestionResult::Matrix { counts }, Kind::Matrix { rows, columns, .. }) => {
                j.matrix = rows
                    .iter()
                    .zip(counts)
                    .map(|(r, cs)| (r.clone(), columns.iter().cloned().zip(cs.iter().copied()).collect()))
                    .collect()
            }
            _ => {}
        }
        j
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::surveys::response::tests::seed;

    fn list(l: &[&str]) -> Answer {
        Answer::List(l.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn multiple_choice_counts_per_option_not_per_combination() {
        let mut t = Tally::new(&seed());
        let mut a = Answers::new();
        a.insert("stod".into(), list(&["Analys", "Finansiering"]));
        t.add("Örebro", &a);
        a.insert("stod".into(), list(&["Analys"]));
        t.add("Lekeberg", &a);
        let r = t.get("stod").unwrap();
        assert_eq!(r.answered, 2);
        assert!(matches!(&r.result, QuestionResult::Choice { counts } if counts == &vec![2, 0, 1]));
    }

    #[test]
    fn ranking_scores_three_two_one_for_the_top_three() {
        // Seed 004's ranking: the first place of three earns 3 points, the third 1.
        let mut t = Tally::new(&seed());
        let mut a = Answers::new();
        a.insert(
            "utmaningar".into(),
            list(&["Demografisk utveckling", "Lågt intresse för utbildning", "Kompetensförsörjning"]),
        );
        t.add("Örebro", &a);
        a.insert("utmaningar".into(), list(&["Kompetensförsörjning", "Demografisk utveckling", "Digitalisering"]));
        t.add("Karlskoga", &a);
        let q = seed().question("utmaningar").unwrap().kind.clone();
        let j = t.get("utmaningar").unwrap().to_json(&q);
        assert_eq!(j.counts[0], ("Demografisk utveckling".to_string(), 5));
        assert_eq!(j.counts[1], ("Kompetensförsörjning".to_string(), 4));
        assert_eq!(j.firsts[0], ("Demografisk utveckling".to_string(), 1));
    }

    #[test]
    fn scale_mean_and_matrix_cells() {
        let mut t = Tally::new(&seed());
        let mut a = Answers::new();
        a.insert("nojd".into(), Answer::Scale(4));
        a.insert("lan".into(), Answer::Matrix([("Lärosäten".to_string(), vec!["Värmland".to_string()])].into()));
        t.add("A", &a);
        a.insert("nojd".into(), Answer::Scale(2));
        t.add("B", &a);
        let d = seed();
        assert_eq!(t.get("nojd").unwrap().to_json(&d.question("nojd").unwrap().kind).mean, Some(3.0));
        let m = t.get("lan").unwrap().to_json(&d.question("lan").unwrap().kind).matrix;
        assert_eq!(m[1].1[0], ("Värmland".to_string(), 2));
        assert_eq!(m[0].1[0].1, 0);
    }

    proptest! {
        /// The ranking's points always total N + (N−1) + … + 1 per response that ranked all N.
        #[test]
        fn ranking_points_total_is_fixed(orders in prop::collection::vec(Just(()).prop_perturb(|_, mut rng| {
            let mut o = vec!["Demografisk utveckling", "Lågt intresse för utbildning", "Kompetensförsörjning", "Digitalisering"];
            for i in (1..o.len()).rev() { o.swap(i, (rng.next_u32() as usize) % (i + 1)); }
            o
        }), 0..40)) {
            let mut t = Tally::new(&seed());
            for o in &orders {
                let mut a = Answers::new();
                a.insert("utmaningar".into(), list(&o[..3]));
                t.add("x", &a);
            }
            let QuestionResult::Ranking { points, firsts, .. } = &t.get("utmaningar").unwrap().result else { unreachable!() };
            prop_assert_eq!(points.iter().sum::<u64>(), 6 * orders.len() as u64);
            prop_assert_eq!(firsts.iter().sum::<usize>(), orders.len());
        }
    }
}
