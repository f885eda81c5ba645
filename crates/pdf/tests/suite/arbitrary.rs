//! `render` never panics and always writes a complete PDF, whatever the text.

use pdf::{Block, Document, Signature};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zåäöÅÄÖ§–—’“”•éü \\n\\t]{0,200}", "[^ ]{0,400}", Just(String::new()),]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        (any::<u8>(), text()).prop_map(|(level, text)| Block::Heading { level, text }),
        text().prop_map(Block::Paragraph),
        (text(), text()).prop_map(|(label, value)| Block::Field { label, value }),
        prop::collection::vec(text(), 0..4).prop_map(Block::List),
        (
            prop::option::of(text()),
            prop::collection::vec(text(), 0..4),
            prop::collection::vec(prop::collection::vec(text(), 0..5), 0..12),
            prop::collection::vec(any::<f32>(), 0..5),
        )
            .prop_map(|(caption, header, rows, widths)| Block::Table { caption, header, rows, widths }),
        prop::collection::vec((text(), text(), text()), 0..4).prop_map(|s| {
            Block::Signatures(s.into_iter().map(|(role, name, detail)| Signature { role, name, detail }).collect())
        }),
        Just(Block::Spacer),
        Just(Block::PageBreak),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn render_always_writes_a_pdf(
        title in text(),
        lang in text(),
        author in prop::option::of(text()),
        subject in prop::option::of(text()),
        header in prop::option::of(text()),
        footer_page_label in text(),
        blocks in prop::collection::vec(block(), 0..8),
    ) {
        let doc = Document { title, lang, author, subject, header, footer_page_label, logo: None, blocks };
        let bytes = pdf::render(&doc);
        prop_assert!(bytes.starts_with(b"%PDF-"));
        prop_assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"));
    }
}
