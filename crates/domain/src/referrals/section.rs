//! The referral document's numbered sections, which comments are anchored to (issue 12: "for
//! commenting, structured into numbered sections (entered, or imported from Markdown with
//! headings). Later versions can be compared section by section with the referral version").
//! Seed `002_…`: the RUS's four priority areas are the sections of Kalmar's referral.

use serde::Serialize;

use crate::error::Errors;
use crate::{FieldError, Invalid, text};

pub const HEADING_MAX: usize = 300;
pub const BODY_MAX: usize = 100_000;
pub const SECTIONS_MAX: usize = 300;
/// The heading of text that stands before the first heading of an imported document.
pub const PREAMBLE_HEADING: &str = "Inledning";

/// A section as entered: its heading and its text. Its number is its place (1, 2 …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectionInput {
    pub heading: String,
    pub body: String,
}

impl SectionInput {
    pub fn parse(heading: &str, body: &str) -> Result<SectionInput, Invalid> {
        let mut e = Errors::new();
        let heading = e.check(text::required("heading", heading, HEADING_MAX));
        let body = e.check(text::optional_multiline("body", body, BODY_MAX));
        e.finish(|| SectionInput { heading: heading.unwrap_or_default(), body: body.flatten().unwrap_or_default() })
    }
}

/// The sections of a Markdown document, split at its ATX headings ("# ", "## " … "###### ");
/// each heading's text is a section's heading, the lines up to the next heading its text. Text
/// before the first heading becomes a section of its own ("Inledning") rather than being lost;
/// a text without any heading is refused, since it has no sections to comment on.
/// Headings inside fenced code blocks are text.
pub fn from_markdown(markdown: &str) -> Result<Vec<SectionInput>, Invalid> {
    let mut sections: Vec<(String, Vec<&str>)> = Vec::new();
    let mut preamble: Vec<&str> = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        match heading(line).filter(|_| !fenced) {
            Some(h) => sections.push((h, Vec::new())),
            None => match sections.last_mut() {
                Some((_, lines)) => lines.push(line),
                None => preamble.push(line),
            },
        }
    }
    if sections.is_empty() {
        return Err(Invalid::one(FieldError::new(
            "markdown",
            "no_sections",
            "Texten har inga rubriker. Inled varje avsnitt med en rubrik, t.ex. ”# Hållbar samhällsplanering”.",
            "The text has no headings. Start each section with a heading, e.g. “# Sustainable planning”.",
        )));
    }
    let preamble = preamble.join("\n");
    if !preamble.trim().is_empty() {
        sections.insert(0, (PREAMBLE_HEADING.to_string(), preamble.lines().collect()));
    }
    if sections.len() > SECTIONS_MAX {
        return Err(Invalid::one(FieldError::new(
            "markdown",
            "too_many_sections",
            format!("Högst {SECTIONS_MAX} avsnitt."),
            format!("At most {SECTIONS_MAX} sections."),
        )));
    }
    let mut out = Vec::new();
    for (i, (h, lines)) in sections.into_iter().enumerate() {
        let s = SectionInput::parse(&h, &lines.join("\n")).map_err(|Invalid(errors)| {
            Invalid(
                errors
                    .into_iter()
                    .map(|f| FieldError {
                        field: "markdown".into(),
                        sv: format!("Avsnitt {}: {}", i + 1, f.sv),
                        en: format!("Section {}: {}", i + 1, f.en),
                        ..f
                    })
                    .collect(),
            )
        })?;
        out.push(s);
    }
    Ok(out)
}

/// The text of an ATX heading line, without its marks and closing hashes.
fn heading(line: &str) -> Option<String> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let l = &line[indent..];
    let level = l.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &l[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let t = rest.trim().trim_end_matches('#').trim_end();
    (!t.is_empty()).then(|| t.to_string())
}

/// A section's heading and text, of the referral version or a later one.
pub trait SectionText {
    fn heading(&self) -> &str;
    fn body(&self) -> &str;
}

impl SectionText for SectionInput {
    fn heading(&self) -> &str {
        &self.heading
    }
    fn body(&self) -> &str {
        &self.body
    }
}

/// How a section of a later version compares with the referral version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum SectionChange {
    Unchanged {
        referral: usize,
        later: usize,
    },
    Changed {
        referral: usize,
        later: usize,
    },
    /// Only in the later version.
    Added {
        later: usize,
    },
    /// Only in the referral version.
    Removed {
        referral: usize,
    },
}

/// The later version's sections compared one by one with the referral version's (numbers are
/// places, from 1). Sections are matched by heading (case and spacing aside), so a section that
/// moved is still the same; a renamed section reads as removed and added. The list follows the
/// later version, with each removed section after the section that preceded it.
pub fn compare<A: SectionText, B: SectionText>(referral: &[A], later: &[B]) -> Vec<SectionChange> {
    let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let body = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut used = vec![false; referral.len()];
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(later.len());
    for b in later {
        let k = key(b.heading());
        let hit = referral.iter().enumerate().position(|(i, a)| !used[i] && key(a.heading()) == k);
        if let Some(i) = hit {
            used[i] = true;
        }
        matched.push(hit);
    }
    let mut out = Vec::new();
    let removed_after = |out: &mut Vec<SectionChange>, after: Option<usize>, used: &[bool]| {
        let from = after.map_or(0, |a| a + 1);
        for (i, u) in used.iter().enumerate().skip(from) {
            if *u {
                break;
            }
            out.push(SectionChange::Removed { referral: i + 1 });
        }
    };
    removed_after(&mut out, None, &used);
    for (j, (b, hit)) in later.iter().zip(&matched).enumerate() {
        match hit {
            Some(i) => {
                let a = &referral[*i];
                out.push(if body(a.body()) == body(b.body()) {
                    SectionChange::Unchanged { referral: i + 1, later: j + 1 }
                } else {
                    SectionChange::Changed { referral: i + 1, later: j + 1 }
                });
                removed_after(&mut out, Some(*i), &used);
            }
            None => out.push(SectionChange::Added { later: j + 1 }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 002's four priority areas, as a drafter would paste the RUS's Markdown.
    const RUS: &str = "Regional utvecklingsstrategi för Kalmar län 2019–2030.\n\n\
        # Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta.\n\n\
        # God miljö för barn och unga\nBarn och unga ska växa upp tryggt.\n\n\
        ## Hållbar samhällsplanering ##\nPlanera för hela länet.\n```\n# inte en rubrik\n```\n\n\
        # Stärkt konkurrenskraft\nFler företag.\n";

    #[test]
    fn markdown_is_split_at_its_headings() {
        let s = from_markdown(RUS).unwrap();
        let headings: Vec<&str> = s.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Inledning",
                "Delaktighet, hälsa och välbefinnande",
                "God miljö för barn och unga",
                "Hållbar samhällsplanering",
                "Stärkt konkurrenskraft"
            ]
        );
        assert_eq!(s[3].body, "Planera för hela länet.\n```\n# inte en rubrik\n```");
        assert_eq!(s[4].body, "Fler företag.");
    }

    #[test]
    fn text_without_headings_is_refused_and_names_its_field() {
        let e = from_markdown("Bara text.\n#hashtag är ingen rubrik").unwrap_err();
        assert_eq!(e.first().code, "no_sections");
        assert_eq!(e.first().field, "markdown");
        assert_eq!(from_markdown("#  \n").unwrap_err().first().code, "no_sections");
        let e = SectionInput::parse(" ", "").unwrap_err();
        assert_eq!((e.first().field.as_str(), e.first().code), ("heading", "required"));
    }

    #[test]
    fn later_versions_compare_section_by_section() {
        let referral = from_markdown(RUS).unwrap();
        let later = from_markdown(
            "# Delaktighet, hälsa och välbefinnande\nAlla ska kunna delta.\n\
             # Stärkt  konkurrenskraft\nFler och växande företag.\n\
             # Kompetensförsörjning\nNytt avsnitt efter remissen.\n\
             # God miljö för barn och unga\nBarn och unga ska växa upp tryggt.",
        )
        .unwrap();
        use SectionChange::*;
        assert_eq!(
            compare(&referral, &later),
            vec![
                Removed { referral: 1 },
                Unchanged { referral: 2, later: 1 },
                Changed { referral: 5, later: 2 },
                Added { later: 3 },
                Unchanged { referral: 3, later: 4 },
                Removed { referral: 4 },
            ]
        );
    }
}
