//! Highlighted excerpts, cut from the stored text in Rust so that both engines show the same:
//! HTML-escaped, with each word matching the query inside `<mark>`.

use super::terms::{QueryStem, stem, words};

/// Words of context kept before the first match.
const LEAD_WORDS: usize = 6;

/// `text` HTML-escaped, with the words matching `stems` marked.
pub fn highlight(text: &str, stems: &[QueryStem]) -> String {
    render(text, 0, text.len(), stems)
}

/// An excerpt of at most about `max_chars` characters of `text`, starting a few words before the
/// first word that matches `stems` (or at the start when none does), HTML-escaped with the
/// matches marked and "…" where text was cut.
pub fn snippet(text: &str, stems: &[QueryStem], max_chars: usize) -> String {
    let all: Vec<_> = words(text).collect();
    let first = all.iter().position(|(_, w)| matching(w, stems)).unwrap_or(0);
    let start = all.get(first.saturating_sub(LEAD_WORDS)).map_or(0, |(r, _)| r.start);
    let mut end = text.len();
    if let Some((cut, _)) = text[start..].char_indices().nth(max_chars) {
        // End at the last whole word before the cut.
        let cut = start + cut;
        end = all.iter().map(|(r, _)| r.end).filter(|e| *e <= cut && *e > start).max().unwrap_or(cut);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&render(text, start, end, stems));
    if end < text.trim_end().len() {
        out.push('…');
    }
    out
}

fn matching(word: &str, stems: &[QueryStem]) -> bool {
    let s = stem(word);
    stems.iter().any(|q| q.matches(&s))
}

fn render(text: &str, start: usize, end: usize, stems: &[QueryStem]) -> String {
    let part = &text[start..end];
    let mut out = String::with_capacity(part.len() + 32);
    let mut at = 0;
    for (r, w) in words(part) {
        escape_into(&mut out, &part[at..r.start]);
        if matching(&w, stems) {
            out.push_str("<mark>");
            escape_into(&mut out, &part[r.clone()]);
            out.push_str("</mark>");
        } else {
            escape_into(&mut out, &part[r.clone()]);
        }
        at = r.end;
    }
    escape_into(&mut out, &part[at..]);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::terms::query_stems;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_are_marked_and_the_rest_escaped() {
        let s = highlight("Plan för <kompetensförsörjning> & Ödeshög", &query_stems("kompetens ödeshög"));
        assert_eq!(s, "Plan för &lt;<mark>kompetensförsörjning</mark>&gt; &amp; <mark>Ödeshög</mark>");
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match() {
        let text = format!("{} näringslivet {}", "ord ".repeat(100), "mer ".repeat(100));
        let s = snippet(&text, &query_stems("näringsliv"), 60);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>näringslivet</mark>"), "{s}");
        assert!(s.chars().count() < 80, "{s}");
    }

    #[test]
    fn without_a_match_the_start_is_shown() {
        assert_eq!(snippet("Kort text.", &query_stems("annat"), 60), "Kort text.");
    }

    proptest! {
        #[test]
        fn snippets_never_carry_markup_of_their_own(text in "\\PC{0,300}", q in "[a-zåäö<>&]{1,8}") {
            let s = snippet(&text, &query_stems(&q), 50);
            let bare = s.replace("<mark>", "").replace("</mark>", "");
            prop_assert!(!bare.contains('<') && !bare.contains('>'), "{s}");
        }
    }
}
