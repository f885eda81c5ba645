//! Words and stems. A word is a run of letters and digits (å, ä and ö are letters; "§ 12" gives
//! "12"), lower-cased. Each word is reduced by the Snowball Swedish stemmer
//! (<https://snowballstem.org/algorithms/swedish/stemmer.html>), which removes inflexional
//! endings: "näringslivet" → "näringsliv", "kommunerna" → "kommun".
//!
//! Swedish writes compounds as one word ("kompetensförsörjning"). Snowball does not split them,
//! so the match rule does: a query stem of at least `PREFIX_FROM` characters matches every
//! document stem it begins. "kompetens" thus finds "kompetensförsörjning" and "region" finds
//! "regionfullmäktige"; the tail of a compound ("försörjning") is not found by itself, which
//! would take a dictionary of Swedish words to split (ADR 20).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Query stems shorter than this match whole stems only ("en" must not find "energi").
pub const PREFIX_FROM: usize = 4;

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Swedish))
}

/// The words of `text` in order, lower-cased, each with its byte range in `text`.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        let mut word = String::new();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            word.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start..end, word))
    })
}

/// The Snowball Swedish stem of one lower-case word.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// The stems of `text`, separated by spaces: what the index stores and the engines tokenise on
/// white space alone.
pub fn document_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, w) in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(&w));
    }
    out
}

/// A stem of the query and whether it matches as a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryStem {
    pub stem: String,
    pub prefix: bool,
}

impl QueryStem {
    /// Whether a document stem matches this query stem.
    pub fn matches(&self, doc_stem: &str) -> bool {
        if self.prefix { doc_stem.starts_with(&self.stem) } else { doc_stem == self.stem }
    }
}

/// The distinct stems of a query, in order of first appearance.
pub fn query_stems(q: &str) -> Vec<QueryStem> {
    let mut out: Vec<QueryStem> = Vec::new();
    for (_, w) in words(q) {
        let s = stem(&w);
        if out.iter().all(|o| o.stem != s) {
            let prefix = s.chars().count() >= PREFIX_FROM;
            out.push(QueryStem { stem: s, prefix });
        }
    }
    out
}

/// Whether a document's text matches every stem of the query (the rule both engines apply).
pub fn matches_all(stems: &[QueryStem], text: &str) -> bool {
    let doc: Vec<String> = words(text).map(|(_, w)| stem(&w)).collect();
    stems.iter().all(|q| doc.iter().any(|d| q.matches(d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found(query: &str, text: &str) -> bool {
        matches_all(&query_stems(query), text)
    }

    #[test]
    fn snowball_swedish_removes_inflexions() {
        // Examples checked against the Snowball Swedish vocabulary/output lists.
        assert_eq!(stem("näringslivet"), "näringslivet", "-et is not a Snowball Swedish ending");
        assert_eq!(stem("kommunerna"), "kommun");
        assert_eq!(stem("regionens"), "region");
        assert_eq!(stem("besluten"), "beslut");
        assert_eq!(stem("kompetensen"), "kompetens");
    }

    #[test]
    fn compounds_are_found_by_their_head() {
        assert!(found("kompetens", "Regional kompetensförsörjning 2026"));
        assert!(found("Kompetens", "KOMPETENSFÖRSÖRJNING"));
        assert!(found("näringsliv", "Dialog med näringslivet i Östergötland"));
        assert!(found("näringslivet", "Näringslivets dag"));
    }

    #[test]
    fn å_ä_ö_are_letters_and_fold_case() {
        assert!(found("ödeshög", "Ödeshögs kommun"));
        assert!(found("Ödeshög", "ödeshög"));
        assert_eq!(words("Åtvidaberg–Ödeshög").map(|(_, w)| w).collect::<Vec<_>>(), ["åtvidaberg", "ödeshög"]);
        assert!(!found("odeshog", "Ödeshög"), "å, ä and ö are letters of their own, not a with marks");
    }

    #[test]
    fn short_stems_match_whole_words_only() {
        assert!(!found("en", "energi"));
        assert!(found("§ 12", "Paragraf 12"));
        assert!(!found("12", "Paragraf 123"));
    }

    #[test]
    fn all_words_of_the_query_must_match() {
        assert!(found("regional utveckling", "Strategi för regional utveckling"));
        assert!(!found("regional cykel", "Strategi för regional utveckling"));
    }

    #[test]
    fn word_ranges_point_into_the_text() {
        let t = "Beslut: § 7, Ödeshög.";
        for (r, w) in words(t) {
            assert_eq!(t[r].to_lowercase(), w);
        }
    }

    proptest! {
        #[test]
        fn every_word_finds_the_text_it_came_from(text in "[a-zåäöA-ZÅÄÖ0-9 ,.§-]{0,80}") {
            for (_, w) in words(&text) {
                prop_assert!(found(&w, &text), "{w} in {text}");
            }
        }

        #[test]
        fn terms_are_lower_case_alphanumeric_words(text in "\\PC{0,80}") {
            let terms = document_terms(&text);
            for t in terms.split(' ').filter(|t| !t.is_empty()) {
                prop_assert!(t.chars().all(char::is_alphanumeric), "{t:?}");
            }
        }

        #[test]
        fn stemming_is_idempotent_enough_to_match_itself(w in "[a-zåäö]{1,20}") {
            // A query of a document's word matches that document: the query is stemmed the same way.
            let s = stem(&w);
            prop_assert!(query_stems(&w).iter().any(|q| q.matches(&s)));
        }
    }
}
