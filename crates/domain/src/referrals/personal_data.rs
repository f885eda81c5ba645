//! The personal-data review before a consultation report is published (issue 12, `domain.md`
//! rule 22: "other personal data in a protocol or referral answer needs a review before web
//! publication"). It finds personal identity numbers (the registry's own rule,
//! `cases::identity_number`), e-mail addresses, Swedish phone numbers, and the names of the
//! private persons who answered; the drafter masks what should not be published.

use serde::Serialize;

use crate::cases::identity_number::identity_numbers;

/// What stands in a published text instead of masked personal data.
pub const MASK: &str = "[maskerat]";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    IdentityNumber,
    Email,
    Phone,
    PrivateName,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::IdentityNumber => "identity_number",
            FindingKind::Email => "email",
            FindingKind::Phone => "phone",
            FindingKind::PrivateName => "private_name",
        }
    }
}

/// One piece of personal data in a text: its kind and where it stands (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The personal data in `text`, in order, none overlapping another. `private_names` are the
/// names of the people who answered as private persons (not on behalf of an organisation).
pub fn find(text: &str, private_names: &[String]) -> Vec<Finding> {
    let mut spans: Vec<(FindingKind, usize, usize)> = Vec::new();
    spans.extend(identity_numbers(text).into_iter().map(|(s, e)| (FindingKind::IdentityNumber, s, e)));
    spans.extend(emails(text).into_iter().map(|(s, e)| (FindingKind::Email, s, e)));
    spans.extend(phones(text).into_iter().map(|(s, e)| (FindingKind::Phone, s, e)));
    for name in private_names.iter().map(|n| n.trim()).filter(|n| n.chars().count() >= 2) {
        spans.extend(words(text, name).into_iter().map(|(s, e)| (FindingKind::PrivateName, s, e)));
    }
    spans.sort_by_key(|(k, s, e)| (*s, std::cmp::Reverse(*e), *k as u8));
    let mut out: Vec<Finding> = Vec::new();
    for (kind, start, end) in spans {
        if out.last().is_some_and(|l| start < l.end) {
            continue;
        }
        out.push(Finding { kind, start, end, text: text[start..end].to_string() });
    }
    out
}

/// `text` with every finding replaced by `[maskerat]`.
pub fn mask(text: &str, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in findings {
        if f.start < at || f.end > text.len() {
            continue;
        }
        out.push_str(&text[at..f.start]);
        out.push_str(MASK);
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

/// E-mail addresses: a local part, "@", and a domain with a dot and a top-level label of two
/// or more letters.
fn emails(text: &str) -> Vec<(usize, usize)> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at].char_indices().rev().take_while(|(_, c)| local(*c)).last().map(|(i, _)| i);
        let Some(start) = start else { continue };
        let len: usize = text[at + 1..].chars().take_while(|c| domain(*c)).map(char::len_utf8).sum();
        let host = text[at + 1..at + 1 + len].trim_end_matches(['.', '-']);
        let tld = host.rsplit('.').next().unwrap_or("");
        if host.contains('.') && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push((start, at + 1 + host.len()));
        }
    }
    out
}

/// Swedish phone numbers: starting with a trunk "0" and a non-zero digit, or "+46", then digits
/// grouped by spaces or hyphens, 8 to 10 digits in all in the national form ("0480-45 00 00",
/// "070-123 45 67", "+46 70 123 45 67"). Dates (2022-03-31), case numbers and amounts start
/// with another digit and are left alone.
fn phones(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+');
        let (start, national_from) = if boundary && b[i..].starts_with(b"+46") {
            (i, i + 3)
        } else if boundary && b[i] == b'0' && b.get(i + 1).is_some_and(|c| (b'1'..=b'9').contains(c)) {
            (i, i)
        } else {
            i += 1;
            continue;
        };
        let mut j = national_from;
        let mut digits = if start == national_from { 0 } else { 1 }; // "+46" stands for the "0"
        let mut end = j;
        while j < b.len() {
            match b[j] {
                c if c.is_ascii_digit() => {
                    digits += 1;
                    j += 1;
                    end = j;
                }
                b' ' | b'-' if b.get(j + 1).is_some_and(u8::is_ascii_digit) && j > national_from => j += 1,
                b' ' if j == national_from => j += 1,
                _ => break,
            }
        }
        let followed = b.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
        if (8..=10).contains(&digits) && !followed {
            out.push((start, end));
            i = end;
        } else {
            i = end.max(i + 1);
        }
    }
    out
}

/// Where `word` (a name, one or more words) stands in `text` as whole words, case aside.
fn words(text: &str, word: &str) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    let w = word.to_lowercase();
    if lower.len() != text.len() {
        // Lower-casing changed byte lengths (rare letters); compare as typed instead.
        return whole(text, word);
    }
    whole(&lower, &w)
}

fn whole(text: &str, w: &str) -> Vec<(usize, usize)> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(w)
        .filter(|(s, _)| !is_word(text[..*s].chars().last()) && !is_word(text[s + w.len()..].chars().next()))
        .map(|(s, _)| (s, s + w.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_four_kinds_the_issue_names() {
        // Issue 12: "names of private persons, personal identity numbers, e-mail addresses and
        // phone numbers". Skatteverket's test number; fictional people.
        let t = "Jag, Tolvan Tolvansson (121212-1212), bor i Borgholm. Nå mig på tolvan@example.se \
                 eller 070-123 45 67. Kommunens växel +46 480 45 00 00.";
        let f = find(t, &["Tolvan Tolvansson".to_string()]);
        let got: Vec<(FindingKind, &str)> = f.iter().map(|f| (f.kind, f.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (FindingKind::PrivateName, "Tolvan Tolvansson"),
                (FindingKind::IdentityNumber, "121212-1212"),
                (FindingKind::Email, "tolvan@example.se"),
                (FindingKind::Phone, "070-123 45 67"),
                (FindingKind::Phone, "+46 480 45 00 00"),
            ]
        );
        assert_eq!(
            mask(t, &f),
            "Jag, [maskerat] ([maskerat]), bor i Borgholm. Nå mig på [maskerat] eller [maskerat]. Kommunens växel [maskerat]."
        );
    }

    #[test]
    fn leaves_what_is_not_personal_data_alone() {
        // Seed 002's dates and figures, a case number, an organisation's name.
        for t in [
            "Remisstid 2022-01-15 – 2022-03-31.",
            "Dnr RJL 2024/3336 och KS 2022/0034.",
            "Budget 1 500 000 kr, 0,5 procent.",
            "RUS 2019–2030, Agenda 2030.",
            "Kalmar kommun tillstyrker. Skriv till @regionkalmar på sociala medier.",
            "Tolvanssons väg 3 är ingen person.",
        ] {
            assert_eq!(find(t, &["Tolvan".into()]), vec![], "{t}");
        }
    }
}
