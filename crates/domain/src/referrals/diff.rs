//! How a later version of the referred document differs from the referral version, section by
//! section and word by word inside a section (issue 12: "Later versions can be compared section
//! by section with the referral version"; the report "says how the document changed").
//!
//! Sections are matched by `section::compare` (by heading); inside a matched section the words
//! are compared with a longest common subsequence, so a reader sees exactly which words were
//! struck and which were added. Paragraph breaks are kept as breaks; other spacing is not a
//! change. Very long sections whose changed middle would need more than `CELLS_MAX` cells are
//! shown as the old middle struck and the new inserted, which is still true, only coarser.

use serde::Serialize;

use super::section::{SectionChange, SectionText, compare};

/// The largest table (words of the old middle × words of the new) compared word by word.
pub const CELLS_MAX: usize = 4_000_000;

/// Whether a piece of text stands in both versions, only in the later or only in the referral
/// version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Same,
    Inserted,
    Deleted,
}

/// A run of words with the same mark, joined by single spaces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub mark: Mark,
    pub text: String,
}

/// A paragraph of the compared text: its pieces in reading order.
pub type Paragraph = Vec<Piece>;

const BREAK: &str = "\n";

/// Words, with one break token where a paragraph ends (a line break; blank lines are one).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push(BREAK);
        }
        out.extend(line.split_whitespace());
    }
    out
}

/// The marks of the tokens of `a` (old) and `b` (new), as (mark, token) in reading order: a
/// longest common subsequence of the middle after the common start and end are set aside.
fn marks<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(Mark, &'a str)> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[pre..], &b[pre..]);
    let suf = a_rest.iter().rev().zip(b_rest.iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a_rest[..a_rest.len() - suf], &b_rest[..b_rest.len() - suf]);
    let mut out: Vec<(Mark, &str)> = a[..pre].iter().map(|t| (Mark::Same, *t)).collect();
    let (n, m) = (am.len(), bm.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > CELLS_MAX {
        out.extend(am.iter().map(|t| (Mark::Deleted, *t)));
        out.extend(bm.iter().map(|t| (Mark::Inserted, *t)));
    } else {
        // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..].
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if am[i] == bm[j] {
                out.push((Mark::Same, am[i]));
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
                out.push((Mark::Deleted, am[i]));
                i += 1;
            } else {
                out.push((Mark::Inserted, bm[j]));
                j += 1;
            }
        }
        out.extend(am[i..].iter().map(|t| (Mark::Deleted, *t)));
        out.extend(bm[j..].iter().map(|t| (Mark::Inserted, *t)));
    }
    out.extend(a[a.len() - suf..].iter().map(|t| (Mark::Same, *t)));
    out
}

/// The word-level difference of two texts, in paragraphs. A paragraph break that only one
/// version has still ends the paragraph shown, so no text runs together.
pub fn words(old: &str, new: &str) -> Vec<Paragraph> {
    let (a, b) = (tokens(old), tokens(new));
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut current: Paragraph = Vec::new();
    for (mark, t) in marks(&a, &b) {
        if t == BREAK {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        match current.last_mut() {
            Some(p) if p.mark == mark => {
                p.text.push(' ');
                p.text.push_str(t);
            }
            _ => current.push(Piece { mark, text: t.to_string() }),
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// One section of the comparison: how it changed, its headings in either version, its text
/// marked word by word and how many words were added and struck.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectionDiff {
    #[serde(flatten)]
    pub change: SectionChange,
    pub referral_heading: Option<String>,
    pub later_heading: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub words_inserted: usize,
    pub words_deleted: usize,
}

impl SectionDiff {
    /// "unchanged", "changed", "added" or "removed".
    pub fn change_key(&self) -> &'static str {
        match self.change {
            SectionChange::Unchanged { .. } => "unchanged",
            SectionChange::Changed { .. } => "changed",
            SectionChange::Added { .. } => "added",
            SectionChange::Removed { .. } => "removed",
        }
    }

    /// The section's number in the referral version and in the later one, where it has one.
    pub fn numbers(&self) -> (Option<usize>, Option<usize>) {
        match self.change {
            SectionChange::Unchanged { referral, later } | SectionChange::Changed { referral, later } => {
                (Some(referral), Some(later))
            }
            SectionChange::Added { later } => (None, Some(later)),
            SectionChange::Removed { referral } => (Some(referral), None),
        }
    }
}

/// The counts of a comparison: sections unchanged, changed, added and removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub unchanged: usize,
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
}

fn count(paragraphs: &[Paragraph], mark: Mark) -> usize {
    paragraphs.iter().flatten().filter(|p| p.mark == mark).map(|p| p.text.split(' ').count()).sum()
}

/// The later version compared with the referral version, section by section in the order of
/// `section::compare`, each section's text marked word by word.
pub fn sections<A: SectionText, B: SectionText>(referral: &[A], later: &[B]) -> (Vec<SectionDiff>, DiffSummary) {
    let mut summary = DiffSummary::default();
    let out = compare(referral, later)
        .into_iter()
        .map(|change| {
            let old = |i: usize| &referral[i - 1];
            let new = |j: usize| &later[j - 1];
            let (rh, lh, paragraphs) = match change {
                SectionChange::Unchanged { referral: i, later: j } => {
                    summary.unchanged += 1;
                    (Some(old(i).heading()), Some(new(j).heading()), words(old(i).body(), new(j).body()))
                }
                SectionChange::Changed { referral: i, later: j } => {
                    summary.changed += 1;
                    (Some(old(i).heading()), Some(new(j).heading()), words(old(i).body(), new(j).body()))
                }
                SectionChange::Added { later: j } => {
                    summary.added += 1;
                    (None, Some(new(j).heading()), words("", new(j).body()))
                }
                SectionChange::Removed { referral: i } => {
                    summary.removed += 1;
                    (Some(old(i).heading()), None, words(old(i).body(), ""))
                }
            };
            SectionDiff {
                change,
                referral_heading: rh.map(str::to_string),
                later_heading: lh.map(str::to_string),
                words_inserted: count(&paragraphs, Mark::Inserted),
                words_deleted: count(&paragraphs, Mark::Deleted),
                paragraphs,
            }
        })
        .collect();
    (out, summary)
}

#[cfg(test)]
mod tests {
    use super::super::section::from_markdown;
    use super::*;
    use proptest::prelude::*;

    fn show(ps: &[Paragraph]) -> String {
        ps.iter()
            .map(|p| {
                p.iter()
                    .map(|x| match x.mark {
                        Mark::Same => x.text.clone(),
                        Mark::Inserted => format!("[+{}]", x.text),
                        Mark::Deleted => format!("[-{}]", x.text),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn words_struck_and_added_are_marked_and_spacing_is_no_change() {
        // Seed 002: "Stärkt konkurrenskraft" sharpened after the referral.
        let d = words("Fler företag ska  starta i länet.", "Fler och växande företag ska starta i hela länet.");
        assert_eq!(show(&d), "Fler [+och växande] företag ska starta i [+hela] länet.");
        let d = words("Planera för hela länet.", "Planera för hela regionen.");
        assert_eq!(show(&d), "Planera för hela [-länet.] [+regionen.]");
        assert_eq!(show(&words("A b.\n\nC d.", "A b.\nC d.")), "A b. | C d.");
        assert_eq!(show(&words("Ett stycke.", "Ett stycke.\nEtt nytt.")), "Ett stycke. | [+Ett nytt.]");
        assert!(words("", "").is_empty());
    }

    #[test]
    fn sections_are_compared_by_heading_and_counted() {
        let referral =
            from_markdown("# Vision\nEtt hållbart län.\n# Näringsliv\nFler företag.\n# Bilaga\nGammal text.").unwrap();
        let later =
            from_markdown("# Vision\nEtt hållbart län.\n# Näringsliv\nFler och växande företag.\n# Uppföljning\nNytt.")
                .unwrap();
        let (diffs, summary) = sections(&referral, &later);
        assert_eq!(summary, DiffSummary { unchanged: 1, changed: 1, added: 1, removed: 1 });
        let changed = diffs.iter().find(|d| matches!(d.change, SectionChange::Changed { .. })).unwrap();
        assert_eq!((changed.words_inserted, changed.words_deleted), (2, 0));
        assert_eq!(changed.later_heading.as_deref(), Some("Näringsliv"));
        let removed = diffs.iter().find(|d| matches!(d.change, SectionChange::Removed { .. })).unwrap();
        assert_eq!((removed.later_heading.as_deref(), removed.words_deleted), (None, 2));
    }

    #[test]
    fn a_middle_too_large_to_compare_word_by_word_is_struck_and_replaced_whole() {
        let old: String = (0..2100).map(|i| format!("a{i} ")).collect();
        let new: String = (0..2100).map(|i| format!("b{i} ")).collect();
        let d = words(&format!("Start {old} slut"), &format!("Start {new} slut"));
        let marks: Vec<Mark> = d[0].iter().map(|p| p.mark).collect();
        assert_eq!(marks, [Mark::Same, Mark::Deleted, Mark::Inserted, Mark::Same]);
    }

    fn side(ps: &[Paragraph], skip: Mark) -> String {
        ps.iter().flatten().filter(|x| x.mark != skip).map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn normal(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        /// Without the insertions the comparison reads as the old text, without the deletions as
        /// the new; a text compared with itself has no marks.
        #[test]
        fn both_versions_can_be_read_back(
            a in proptest::collection::vec(prop_oneof!["a", "b", "c", "d", "\n"], 0..40),
            b in proptest::collection::vec(prop_oneof!["a", "b", "c", "d", "\n"], 0..40),
        ) {
            let (old, new) = (a.join(" "), b.join(" "));
            let d = words(&old, &new);
            prop_assert_eq!(side(&d, Mark::Inserted), normal(&old));
            prop_assert_eq!(side(&d, Mark::Deleted), normal(&new));
            prop_assert!(words(&old, &old).iter().flatten().all(|p| p.mark == Mark::Same));
        }
    }
}
