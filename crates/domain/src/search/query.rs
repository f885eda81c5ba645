//! A search as a user asks it: the words, and the facets chosen (kind, body, year).

use super::document::Kind;
use super::terms::{QueryStem, query_stems};
use crate::FieldError;
use crate::error::{Errors, Invalid};

/// The longest query read, in characters.
pub const MAX_QUERY: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// The words as typed, trimmed.
    pub q: String,
    pub stems: Vec<QueryStem>,
    pub kind: Option<Kind>,
    pub body: Option<i64>,
    pub year: Option<i32>,
}

impl SearchQuery {
    /// Reads a query from its form or query-string fields; empty facets mean "all".
    pub fn parse(q: &str, kind: &str, body: &str, year: &str) -> Result<SearchQuery, Invalid> {
        let mut errors = Errors::new();
        let q = errors.check(crate::text::required("q", q, MAX_QUERY)).unwrap_or_default();
        let stems = query_stems(&q);
        if !q.is_empty() && stems.is_empty() {
            errors.push(FieldError::new(
                "q",
                "no_words",
                "Skriv minst ett ord eller en siffra att söka efter.",
                "Type at least one word or number to search for.",
            ));
        }
        let kind = match kind.trim() {
            "" => None,
            k => errors.check(Kind::parse(k).ok_or_else(|| {
                FieldError::new(
                    "kind",
                    "unknown_kind",
                    "Okänd sorts träff; välj organ, person, möte, ärende, paragraf, anslag, diariefört ärende eller handling.",
                    "Unknown kind; choose body, person, meeting, agenda_item, paragraph, announcement, case or case_document.",
                )
            })),
        };
        let body = match body.trim() {
            "" => None,
            b => errors.check(
                b.parse::<i64>()
                    .ok()
                    .filter(|b| *b > 0)
                    .ok_or_else(|| FieldError::new("body", "invalid_body", "Ogiltigt organ.", "Invalid body.")),
            ),
        };
        let year = match year.trim() {
            "" => None,
            y => errors.check(y.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)).ok_or_else(|| {
                FieldError::new(
                    "year",
                    "invalid_year",
                    "Ange ett år mellan 1900 och 2100.",
                    "Give a year between 1900 and 2100.",
                )
            })),
        };
        errors.finish(|| SearchQuery { q, stems, kind, body, year })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<SearchQuery, Invalid>) -> &'static str {
        r.unwrap_err().first().code
    }

    #[test]
    fn a_query_needs_words_within_bounds() {
        assert_eq!(code(SearchQuery::parse("  ", "", "", "")), "required");
        assert_eq!(code(SearchQuery::parse(&"a".repeat(201), "", "", "")), "too_long");
        assert_eq!(code(SearchQuery::parse("nul\0", "", "", "")), "control_characters");
        assert_eq!(code(SearchQuery::parse("§ –", "", "", "")), "no_words");
        let q = SearchQuery::parse(&"a".repeat(200), "", "", "").unwrap();
        assert_eq!(q.stems.len(), 1);
    }

    #[test]
    fn facets_are_checked() {
        assert_eq!(code(SearchQuery::parse("x", "secret", "", "")), "unknown_kind");
        assert_eq!(code(SearchQuery::parse("x", "", "-1", "")), "invalid_body");
        assert_eq!(code(SearchQuery::parse("x", "", "", "20x")), "invalid_year");
        let q = SearchQuery::parse("Kompetens", "paragraph", "3", "2026").unwrap();
        assert_eq!((q.kind, q.body, q.year), (Some(Kind::Paragraph), Some(3), Some(2026)));
    }
}
