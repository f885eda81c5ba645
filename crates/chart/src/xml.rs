//! Escaping text for XML, and so for SVG and for HTML: public, so that other charts and pages
//! write their text the same way.

/// Text for XML: the five special characters escaped, control characters replaced by spaces and
/// the noncharacters U+FFFE and U+FFFF dropped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_leaves_out_what_xml_cannot_carry() {
        assert_eq!(esc("<a href=\"x\">Ö'stad & co</a>"), "&lt;a href=&quot;x&quot;&gt;Ö&apos;stad &amp; co&lt;/a&gt;");
        assert_eq!(esc("&amp;"), "&amp;amp;", "entities in the input are text");
        assert_eq!(esc("rad\nny\u{0}\u{FFFE}\u{FFFF}"), "rad ny ");
    }
}
