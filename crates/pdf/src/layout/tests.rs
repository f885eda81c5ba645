//! Tests of the layout: wrapping by glyph widths, page breaks, headings that never end a page,
//! tables whose header repeats, heading levels and page numbers.

use super::*;

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        title: "T".into(),
        lang: "sv-SE".into(),
        footer_page_label: "Sida {page} av {pages}".into(),
        logo: None,
        blocks,
        ..Document::default()
    }
}

fn text_of(page: &Page) -> Vec<&str> {
    page.runs.iter().filter(|r| matches!(r.mark, Mark::Content { .. })).map(|r| r.text.as_str()).collect()
}

#[test]
fn wrap_fits_words_by_advance_width() {
    let text = "Kommunfullmäktige i Sävsjö kommun beslutar att godkänna årsredovisningen för 2024.";
    let width = 150.0;
    let lines = wrap(text, Style::Regular, BODY_SIZE, width);
    assert!(lines.len() > 1, "{lines:?}");
    for line in &lines {
        assert!(Style::Regular.font().width(line.trim_end(), BODY_SIZE) <= width, "{line}");
    }
    // Lines keep the space they were broken at, so they join back to the text.
    assert_eq!(lines.concat(), text);
}

#[test]
fn wrap_uses_real_glyph_widths() {
    let font = Style::Regular.font();
    assert!(font.width("WWWW", 10.0) > font.width("iiii", 10.0) * 2.0);
    assert!(Style::Bold.font().width("Justerare", 10.0) > font.width("Justerare", 10.0));
    // DejaVu Sans: "M" is 1767 units of 2048.
    assert!((font.width("M", 10.0) - 8.628).abs() < 0.01, "{}", font.width("M", 10.0));
}

#[test]
fn wrap_keeps_hard_breaks_and_collapses_spaces() {
    let lines = wrap("a  b\n\nc\r\nd\te", Style::Regular, BODY_SIZE, 400.0);
    assert_eq!(lines, ["a b ", "", "c ", "d e"]);
}

#[test]
fn wrap_breaks_words_longer_than_the_line() {
    let word = "x".repeat(500);
    let lines = wrap(&word, Style::Regular, BODY_SIZE, 100.0);
    assert!(lines.len() > 5);
    assert_eq!(lines.concat(), word);
    assert!(lines.iter().all(|l| Style::Regular.font().width(l, BODY_SIZE) <= 100.0));
    // Even a line narrower than one character makes progress.
    assert_eq!(wrap("abc", Style::Regular, BODY_SIZE, 0.5), ["a", "b", "c"]);
}

#[test]
fn wrap_of_blank_text_is_empty() {
    assert!(wrap("", Style::Regular, BODY_SIZE, 100.0).is_empty());
    assert!(wrap(" \n\t\u{0}", Style::Regular, BODY_SIZE, 100.0).is_empty());
}

#[test]
fn clean_drops_control_characters() {
    assert_eq!(clean("a\u{0}b\u{7}c\u{2028}d\u{a0}e\u{feff}"), "abc\nd\u{a0}e");
}

#[test]
fn missing_glyphs_fall_back_to_a_visible_glyph() {
    let font = Style::Regular.font();
    assert!(!font.has_glyph('\u{E000}'));
    assert!(font.has_glyph('\u{FFFD}'));
    assert_ne!(font.glyph('\u{E000}').0, 0);
    for c in "åäöÅÄÖ§–—’“”•éü".chars() {
        assert!(font.has_glyph(c), "{c}");
        assert!(Style::Bold.font().has_glyph(c), "{c}");
    }
}

#[test]
fn long_paragraphs_break_across_pages() {
    let para = "Ord ".repeat(2000);
    let layout = lay_out(&doc(vec![Block::Paragraph(para)]));
    assert!(layout.pages.len() >= 3, "{}", layout.pages.len());
    for page in &layout.pages {
        for run in &page.runs {
            assert!(run.y > 20.0 && run.y < PAGE_HEIGHT - 20.0);
        }
    }
    // One element, content on every page.
    assert_eq!(layout.nodes.len(), 2);
    let pages: std::collections::BTreeSet<usize> = layout.nodes[1]
        .kids
        .iter()
        .filter_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Node(_) => None,
        })
        .collect();
    assert_eq!(pages.len(), layout.pages.len());
}

#[test]
fn a_heading_never_ends_a_page() {
    for filler in 40..60 {
        let mut blocks: Vec<Block> = (0..filler).map(|i| Block::Paragraph(format!("Rad {i}"))).collect();
        blocks.push(Block::Heading { level: 2, text: "§ 9 Rubrik".into() });
        blocks.push(Block::Paragraph("Första raden efter rubriken.".into()));
        let layout = lay_out(&doc(blocks));
        let page = layout.pages.iter().find(|p| text_of(p).contains(&"§ 9 Rubrik")).unwrap();
        assert!(text_of(page).contains(&"Första raden efter rubriken."), "filler {filler}");
    }
}

#[test]
fn table_header_repeats_as_an_artifact_after_a_page_break() {
    let rows: Vec<Vec<String>> = (0..120).map(|i| vec![format!("Namn {i}"), "Ledamot".into()]).collect();
    let layout = lay_out(&doc(vec![Block::Table {
        caption: Some("Närvaro".into()),
        header: vec!["Namn".into(), "Roll".into()],
        rows,
        widths: vec![2.0, 1.0],
    }]));
    assert!(layout.pages.len() >= 2);
    for (i, page) in layout.pages.iter().enumerate() {
        let first = page.runs.iter().find(|r| r.text == "Namn").expect("header on every page");
        let expected = if i == 0 { "content" } else { "artifact" };
        let actual = if matches!(first.mark, Mark::Content { .. }) { "content" } else { "artifact" };
        assert_eq!(actual, expected, "page {i}");
    }
    // Every row's cells stay on one page and keep their order.
    let all: Vec<&str> = layout.pages.iter().flat_map(text_of).collect();
    let names: Vec<&str> = all.iter().copied().filter(|t| t.starts_with("Namn ")).collect();
    assert_eq!(names.len(), 120);
    assert_eq!(names[119], "Namn 119");
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines() {
    let cell = "ord ".repeat(3000);
    let layout = lay_out(&doc(vec![Block::Table {
        caption: None,
        header: vec!["A".into()],
        rows: vec![vec![cell]],
        widths: vec![],
    }]));
    assert!(layout.pages.len() > 2);
    for page in &layout.pages {
        assert!(page.runs.iter().all(|r| r.y > BODY_BOTTOM - 10.0 || matches!(r.mark, Mark::Artifact(_))));
    }
}

#[test]
fn heading_levels_never_skip() {
    let layout = lay_out(&doc(vec![
        Block::Heading { level: 2, text: " ".into() },
        Block::Heading { level: 3, text: "a".into() },
        Block::Heading { level: 3, text: "b".into() },
        Block::Heading { level: 0, text: "c".into() },
        Block::Heading { level: 9, text: "d".into() },
    ]));
    let roles: Vec<Role> = layout.nodes[1..].iter().map(|n| n.role).collect();
    assert_eq!(roles, [Role::H1, Role::H2, Role::H1, Role::H2]);
}

#[test]
fn footer_has_page_numbers() {
    let layout = lay_out(&doc(vec![Block::Paragraph("x".into()), Block::PageBreak, Block::Paragraph("y".into())]));
    assert_eq!(layout.pages.len(), 2);
    assert!(layout.pages[1].runs.iter().any(|r| r.text == "Sida 2 av 2" && r.mark == Mark::Artifact(Artifact::Footer)));
}

fn chart(alt: &str) -> Figure {
    use crate::{Anchor, Shape};
    Figure {
        alt: alt.into(),
        width: 640.0,
        height: 340.0,
        shapes: vec![
            Shape::Line { points: vec![(72.0, 260.0), (624.0, 260.0)], width: 1.0, colour: [0x33; 3], dash: vec![] },
            Shape::Line {
                points: vec![(72.0, 200.0), (300.0, 100.0)],
                width: 2.0,
                colour: [0xa3, 0x36, 0x1f],
                dash: vec![8.0, 4.0],
            },
            Shape::Disc { centre: (72.0, 200.0), radius: 3.5, colour: [0x1b, 0x4f, 0x8a] },
            Shape::Polygon { points: vec![(300.0, 95.5), (304.5, 103.5), (295.5, 103.5)], colour: [0x2e, 0x6b, 0x30] },
            Shape::Text { at: (66.0, 264.0), anchor: Anchor::End, size: 12.0, colour: [0x33; 3], text: "1 000".into() },
        ],
    }
}

#[test]
fn a_figure_is_one_tagged_element_with_its_alt_and_box_scaled_to_the_text_width() {
    let alt = "Andel med eftergymnasial utbildning, Jönköping: ökar från 30 % till 40 %.";
    let layout = lay_out(&doc(vec![Block::Paragraph("Före".into()), Block::Figure(chart(alt))]));
    let figures: Vec<&Node> = layout.nodes.iter().filter(|n| n.role == Role::Figure).collect();
    assert_eq!(figures.len(), 1);
    let (text, [left, bottom, right, top]) = figures[0].figure.as_ref().unwrap();
    assert_eq!(text, alt);
    assert!((right - left - TEXT_WIDTH).abs() < 0.01, "640 units scaled to the text width");
    assert!((top - bottom - 340.0 * TEXT_WIDTH / 640.0).abs() < 0.01);
    assert_eq!(figures[0].kids.len(), 1, "one marked-content sequence");
    let placed = &layout.pages[0].figures[0];
    assert_eq!(
        layout.pages[0].mcid_nodes[placed.mcid as usize],
        layout.nodes.iter().position(|n| n.role == Role::Figure).unwrap()
    );
    // An empty alt is never written; a figure without a size takes no room and no tag.
    let layout = lay_out(&doc(vec![Block::Figure(chart(" ")), Block::Figure(Figure::default())]));
    let figures: Vec<&Node> = layout.nodes.iter().filter(|n| n.role == Role::Figure).collect();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].figure.as_ref().unwrap().0, "Figur");
}

#[test]
fn a_figure_is_drawn_as_vectors_inside_its_figure_tag() {
    let bytes =
        crate::render(&doc(vec![Block::Heading { level: 1, text: "Rapport".into() }, Block::Figure(chart("Diagram"))]));
    let text = String::from_utf8_lossy(&bytes).replace("/S /", "/S/").replace("/Alt (", "/Alt(");
    assert!(text.contains("/S/Figure"), "a Figure element");
    assert!(text.contains("/Alt(Diagram)"), "with its alt text");
    assert!(text.contains("/BBox"), "and its box");
    // A figure taller than the rest of a page starts a new one.
    let mut blocks: Vec<Block> = (0..40).map(|i| Block::Paragraph(format!("Rad {i}"))).collect();
    blocks.push(Block::Figure(chart("Diagram")));
    let layout = lay_out(&doc(blocks));
    assert_eq!(layout.pages.len(), 2);
    assert_eq!(layout.pages[1].figures.len(), 1);
}
