//! Small text rules shared by every input: trimmed, bounded, printable text, and the folded key
//! that searches compare on (SQLite's LOWER() does not fold å, ä and ö, so we fold in Rust once).

use crate::FieldError;

/// `s` as a sentence: trimmed and ending with one full stop, unless it already ends with
/// sentence punctuation ("Fel namn i § 1." stays as it is, "Fel namn i § 1" gains the stop).
pub fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.is_empty() || s.ends_with(['.', '!', '?', '…']) { s.to_string() } else { format!("{s}.") }
}

/// A required single-line text of at most `max` characters, trimmed.
pub fn required(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    match optional(field, value, max)? {
        Some(v) => Ok(v),
        None => Err(FieldError::required(field)),
    }
}

/// An optional single-line text: empty means none.
pub fn optional(field: &str, value: &str, max: usize) -> Result<Option<String>, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > max {
        return Err(FieldError::too_long(field, max));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(FieldError::new(
            field,
            "control_characters",
            "Texten innehåller otillåtna tecken (radbrytningar eller styrtecken).",
            "The text contains characters that are not allowed (line breaks or control characters).",
        ));
    }
    refuse_invisible(field, v)?;
    Ok(Some(v.to_string()))
}

/// An optional multi-line text: like `optional`, but line breaks and tabs are kept.
pub fn optional_multiline(field: &str, value: &str, max: usize) -> Result<Option<String>, FieldError> {
    let v = value.trim().replace("\r\n", "\n");
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > max {
        return Err(FieldError::too_long(field, max));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(FieldError::new(
            field,
            "control_characters",
            "Texten innehåller otillåtna styrtecken.",
            "The text contains control characters that are not allowed.",
        ));
    }
    refuse_invisible(field, &v)?;
    Ok(Some(v))
}

/// Whether a character is invisible and changes how the text around it reads: the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can make a name read
/// backwards, "Trojan Source", CVE-2021-42574), the direction marks, zero-width space, word joiner
/// and byte order mark. The zero-width (non-)joiners stay: some scripts need them in names.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}')
}

fn refuse_invisible(field: &str, v: &str) -> Result<(), FieldError> {
    if v.chars().any(is_invisible) {
        return Err(FieldError::new(
            field,
            "invisible_characters",
            "Texten innehåller osynliga tecken (riktningstecken eller nollbreddsmellanslag). Skriv in den igen.",
            "The text contains invisible characters (direction marks or zero-width spaces). Type it again.",
        ));
    }
    Ok(())
}

/// The key a name is searched and sorted by: lower case, white space folded, and å, ä, ö
/// mapped to the three code points after "z" so that a plain byte comparison — the same on
/// SQLite and on PostgreSQL with `COLLATE "C"` — sorts in Swedish order (… x y z å ä ö).
pub fn search_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            c => c,
        })
        .collect()
}

/// A part of a multi-line text as written: a paragraph (its lines kept), or a bulleted list —
/// consecutive lines that start with "• ", "- ", "– " or "* ". The protocol's PDF tags the
/// lists as lists (PDF/UA, WCAG 1.3.1), as the seed protocol's typed bullets are meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPart {
    Paragraph(String),
    List(Vec<String>),
}

fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["• ", "- ", "– ", "* "].iter().find_map(|b| t.strip_prefix(b)).map(str::trim).filter(|x| !x.is_empty())
}

/// Splits a text into paragraphs (separated by blank lines) and bulleted lists.
pub fn parts(s: &str) -> Vec<TextPart> {
    let mut out: Vec<TextPart> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut Vec<TextPart>| {
        if !para.is_empty() {
            out.push(TextPart::Paragraph(para.join("\n")));
            para.clear();
        }
    };
    // A blank line ends a list as it ends a paragraph.
    let mut list_open = false;
    for line in s.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut out);
            list_open = false;
        } else if let Some(item) = bullet(line) {
            flush(&mut para, &mut out);
            match out.last_mut() {
                Some(TextPart::List(items)) if list_open => items.push(item.to_string()),
                _ => out.push(TextPart::List(vec![item.to_string()])),
            }
            list_open = true;
        } else {
            list_open = false;
            // A line after a list starts a new paragraph.
            para.push(line.trim_end());
        }
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn invisible_characters_are_refused_in_names() {
        // "Ydre kommun" that would read "nummok erdY" behind a right-to-left override.
        for name in ["\u{202E}Ydre kommun", "Ydre\u{200B}kommun", "Ydre kommun\u{2066}", "\u{FEFF}Ydre"] {
            assert_eq!(required("name", name, 200).unwrap_err().code, "invisible_characters", "{name:?}");
            assert!(optional_multiline("description", name, 200).is_err());
        }
        // Scripts that need the zero-width (non-)joiner keep it.
        assert!(required("name", "می\u{200C}خواهم", 200).is_ok());
    }

    #[test]
    fn a_sentence_ends_with_one_full_stop() {
        assert_eq!(sentence("Fel namn i § 1"), "Fel namn i § 1.");
        assert_eq!(sentence("Fel namn i § 1. "), "Fel namn i § 1.");
        assert_eq!(sentence("Varför?"), "Varför?");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn folds_swedish_letters() {
        assert_eq!(search_key("  ÖDESHÖG   Kommun "), "}desh}g kommun");
        let mut names = ["Ödeshög", "Åtvidaberg", "Ydre", "Ängelholm", "Aneby"];
        names.sort_by_key(|n| search_key(n));
        assert_eq!(names, ["Aneby", "Ydre", "Åtvidaberg", "Ängelholm", "Ödeshög"]);
    }

    #[test]
    fn required_rejects_blank_and_long_text() {
        assert_eq!(required("name", "  ", 10).unwrap_err().code, "required");
        assert_eq!(required("name", "abcdefghijk", 10).unwrap_err().code, "too_long");
        assert_eq!(required("name", "a\u{7}b", 10).unwrap_err().code, "control_characters");
        assert_eq!(required("name", " Åsa ", 10).unwrap(), "Åsa");
    }

    proptest! {
        #[test]
        fn search_key_is_idempotent(s in "\\PC{0,40}") {
            let k = search_key(&s);
            prop_assert_eq!(search_key(&k), k);
        }

        #[test]
        fn accepted_text_is_never_longer_than_max(s in "\\PC{0,60}", max in 1usize..50) {
            if let Ok(Some(v)) = optional("f", &s, max) {
                prop_assert!(v.chars().count() <= max);
            }
        }
    }

    #[test]
    fn typed_bullets_become_a_list_between_paragraphs() {
        // Seed 003, § 5 of the forum's protocol: an introduction, two bullets, a closing line.
        let t = "Verksamhetschefen informerar om:\n• Handlingsplaner 2022–2024\n• Resurscentrum Heder.\n\nSe bilaga 2.";
        assert_eq!(
            parts(t),
            vec![
                TextPart::Paragraph("Verksamhetschefen informerar om:".into()),
                TextPart::List(vec!["Handlingsplaner 2022–2024".into(), "Resurscentrum Heder.".into()]),
                TextPart::Paragraph("Se bilaga 2.".into()),
            ]
        );
        assert_eq!(parts("En rad\nen till"), vec![TextPart::Paragraph("En rad\nen till".into())]);
        assert_eq!(parts("- a\n\n- b"), vec![TextPart::List(vec!["a".into()]), TextPart::List(vec!["b".into()])]);
        // A hyphen inside a line, or a lone dash, is not a bullet.
        assert_eq!(parts("2022-2024\n-"), vec![TextPart::Paragraph("2022-2024\n-".into())]);
        assert!(parts("").is_empty());
    }
}
