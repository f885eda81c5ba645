//! Text metrics and wrapping. SVG has no text layout of its own, so widths are estimated from
//! generous per-character advances and names are broken into lines here. Public, so that other
//! charts (indicators with line and bar charts) size and wrap their labels the same way.

/// The line length, in characters, that [`wrap`] aims for.
pub const WRAP: usize = 22;
/// The longest word [`wrap`] keeps whole; longer ones are hyphenated.
pub const LONG_WORD: usize = 26;
/// The most lines [`wrap`] returns.
pub const MAX_LINES: usize = 3;

/// Approximate advance widths in thousandths of an em, generous (DejaVu Sans, the widest of the
/// usual fallback fonts) so that text fits whichever font the reader's system picks.
fn char_em(c: char) -> i32 {
    match c {
        'i' | 'l' | 'j' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 290,
        ' ' => 320,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | 'I' | 'J' | '"' => 420,
        'm' | 'w' | 'M' | 'W' | 'æ' | 'Æ' | '…' | '—' => 980,
        '&' | '%' | '@' => 800,
        c if c.is_uppercase() => 730,
        c if c.is_ascii_digit() => 640,
        _ => 630,
    }
}

/// The approximate width in pixels of `s` at font size `size`, bold or not.
pub fn text_width(s: &str, size: i32, bold: bool) -> i32 {
    let em: i32 = s.chars().map(char_em).sum();
    let w = em * size / 1000;
    if bold { w * 107 / 100 } else { w }
}

/// Splits a name into at most three lines of about 22 characters, as evenly as the words allow;
/// a word too long for a line is hyphenated and a name too long for three lines ends in "…".
pub fn wrap(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() <= LONG_WORD {
            words.push(w.to_string());
        } else {
            let chunks: Vec<&[char]> = chars.chunks(LONG_WORD - 1).collect();
            for (k, chunk) in chunks.iter().enumerate() {
                let mut s: String = chunk.iter().collect();
                if k + 1 < chunks.len() {
                    s.push('-');
                }
                words.push(s);
            }
        }
    }
    if words.is_empty() {
        return vec![String::new()];
    }
    let greedy = |limit: usize| {
        let mut lines: Vec<String> = Vec::new();
        for w in &words {
            match lines.last_mut() {
                Some(line) if line.chars().count() + 1 + w.chars().count() <= limit => {
                    line.push(' ');
                    line.push_str(w);
                }
                _ => lines.push(w.clone()),
            }
        }
        lines
    };
    let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let target = greedy(WRAP.max(longest)).len();
    let mut limit = longest;
    let mut lines = loop {
        let lines = greedy(limit);
        if lines.len() <= target {
            break lines;
        }
        limit += 1;
    };
    if lines.len() > MAX_LINES {
        let rest = lines[MAX_LINES - 1..].join(" ");
        let mut last: String = rest.chars().take(WRAP - 1).collect();
        last.truncate(last.trim_end().len());
        last.push('…');
        lines.truncate(MAX_LINES - 1);
        lines.push(last);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_evenly_on_at_most_three_lines() {
        assert_eq!(wrap("Samrådet för vård och omsorg"), ["Samrådet för", "vård och omsorg"]);
        assert_eq!(wrap("Ledningsgruppen för strategiska frågor"), ["Ledningsgruppen för", "strategiska frågor"]);
        assert_eq!(wrap("  Kultur  "), ["Kultur"]);
        assert_eq!(wrap(""), [""]);
        let long = wrap("Ett mycket långt namn på en grupp som inte ryms på tre rader i en ruta alls");
        assert_eq!(long.len(), 3);
        assert!(long[2].ends_with('…') && long.iter().all(|l| l.chars().count() <= WRAP));
        let word = wrap(&"x".repeat(60));
        assert!(word.len() == 3 && word[0].ends_with('-') && word[0].chars().count() == LONG_WORD);
    }
}
