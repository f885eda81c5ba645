//! Free-text answers grouped by frequent Swedish terms (issue 14: "free text grouped by frequent
//! Swedish terms (stemmed)"). Each answer's words are reduced by the Snowball Swedish stemmer
//! (the same as search, `search::terms`), so "kommunen", "kommunerna" and "kommuners" are one
//! term; common function words ("och", "att", "som" …) are left out. A term counts the answers
//! that use it (not its occurrences), and is shown by the form of the word written most often.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::search::terms::{stem, words};

/// Swedish function words that say nothing of an answer's subject.
const STOP: &[&str] = &[
    "alla", "allt", "att", "av", "bara", "bli", "blir", "bör", "de", "dem", "den", "denna", "dessa", "det", "detta",
    "dig", "din", "du", "där", "efter", "eller", "en", "er", "ett", "finns", "från", "för", "genom", "ha", "han",
    "har", "hon", "hur", "här", "i", "in", "inom", "inte", "jag", "kan", "man", "med", "men", "mer", "mot", "måste",
    "ni", "nu", "när", "och", "också", "om", "oss", "på", "sig", "sin", "sina", "sitt", "ska", "skall", "som", "så",
    "till", "under", "upp", "ut", "var", "vara", "vi", "vid", "vilka", "vill", "vår", "våra", "vårt", "än", "är",
    "även", "över", "the", "and", "of", "to",
    // What stands for masked personal data in published answers (`published`).
    "maskerat",
];

/// One frequent term: the word shown, its stem and how many answers use it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    pub word: String,
    pub stem: String,
    pub answers: usize,
}

/// Counts terms across answers; `add` one answer at a time.
#[derive(Clone, Debug, Default)]
pub struct TermCounter {
    /// stem → (answers using it, word form → occurrences)
    stems: HashMap<String, (usize, BTreeMap<String, usize>)>,
}

impl TermCounter {
    pub fn add(&mut self, text: &str) {
        let mut seen = HashSet::new();
        for (_, w) in words(text) {
            if w.chars().count() < 3 || STOP.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let s = stem(&w);
            let entry = self.stems.entry(s.clone()).or_default();
            if seen.insert(s) {
                entry.0 += 1;
            }
            *entry.1.entry(w).or_default() += 1;
        }
    }

    /// The `n` terms used by most answers (at least `min_answers`), most first, then by word.
    pub fn top(&self, n: usize, min_answers: usize) -> Vec<Term> {
        let mut out: Vec<Term> = self
            .stems
            .iter()
            .filter(|(_, (count, _))| *count >= min_answers)
            .map(|(stem, (count, forms))| {
                // The most written form; of equals, the first in alphabetical order.
                let word = forms.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(w, _)| w.clone());
                Term { word: word.unwrap_or_else(|| stem.clone()), stem: stem.clone(), answers: *count }
            })
            .collect();
        out.sort_by(|a, b| b.answers.cmp(&a.answers).then(a.word.cmp(&b.word)));
        out.truncate(n);
        out
    }

    /// Whether `text` uses the term `stem` (to list the answers under a term).
    pub fn uses(text: &str, stem_: &str) -> bool {
        words(text).any(|(_, w)| stem(&w) == stem_)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_are_one_term_counted_once_per_answer() {
        let mut c = TermCounter::default();
        // Seed 004's answers in the spirit of "Balans mellan stad … och landsbygd".
        c.add("Balans mellan stad och landsbygd; landsbygden behöver stärkas");
        c.add("Landsbygdens service och kompetensförsörjning");
        c.add("Kompetensförsörjningen är vår största utmaning");
        let top = c.top(3, 2);
        assert_eq!(top[0].answers, 2);
        assert!(top.iter().any(|t| t.word == "landsbygd" || t.word == "landsbygden"));
        assert!(top.iter().any(|t| t.word.starts_with("kompetensförsörjning")));
        assert!(top.iter().all(|t| t.word != "och"));
        assert!(TermCounter::uses("Kommunerna samverkar", &stem("kommunen")));
    }
}
