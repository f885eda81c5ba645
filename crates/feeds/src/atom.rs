//! An Atom writer (RFC 4287) for news and changes that people follow in a feed reader.
//!
//! The feed has the elements RFC 4287 requires (section 4.1.1: `id`, `title`, `updated`, an
//! `author` unless every entry has one; a `link rel="self"` as section 4.1.1 recommends) and each
//! entry its `id`, `title`, `updated` and `link rel="alternate"` (section 4.1.2). Dates are RFC 3339
//! in UTC (section 3.3), text is plain (`type="text"`, section 3.1.1.1) and XML-escaped, and the
//! language is given with `xml:lang` (section 2). Characters XML 1.0 cannot carry are left out, so
//! the output is always well-formed. The output depends only on the input.

use time::{OffsetDateTime, UtcOffset};

/// The author named at feed level when an entry has none of its own.
pub const DEFAULT_AUTHOR: &str = "Samverkan";

/// A feed (`atom:feed`, RFC 4287 4.1.1).
#[derive(Clone, Debug)]
pub struct Feed<'a> {
    /// A permanent, unique IRI, e.g. the feed's own URL or a `tag:` URI (RFC 4287, 4.2.6).
    pub id: &'a str,
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    /// Where the feed itself is served (`link rel="self"`).
    pub self_url: &'a str,
    /// The HTML page the feed follows (`link rel="alternate"`).
    pub alternate_url: &'a str,
    /// The last time the feed changed in a way its readers should notice.
    pub updated: OffsetDateTime,
    /// The language of its text, e.g. `sv` (xml:lang).
    pub lang: &'a str,
    /// Written in this order, usually newest first.
    pub entries: Vec<Entry>,
}

/// One entry (`atom:entry`, RFC 4287 4.1.2). It owns its text, since entries are usually built
/// from rows loaded for the occasion.
#[derive(Clone, Debug)]
pub struct Entry {
    /// A permanent, unique IRI that does not change when the entry is edited.
    pub id: String,
    pub title: String,
    /// The entry's page (`link rel="alternate"`).
    pub url: String,
    pub updated: OffsetDateTime,
    pub published: Option<OffsetDateTime>,
    /// Plain text; written as `summary type="text"`.
    pub summary: String,
    /// The author's name; the feed's [`DEFAULT_AUTHOR`] stands in when missing.
    pub author: Option<String>,
}

/// Writes `feed` as an Atom document (`application/atom+xml; charset=utf-8`).
pub fn write(feed: &Feed<'_>) -> String {
    let mut out = String::with_capacity(800 + 600 * feed.entries.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", attr(feed.lang)));
    element(&mut out, 1, "id", feed.id);
    element(&mut out, 1, "title", feed.title);
    if let Some(s) = feed.subtitle {
        element(&mut out, 1, "subtitle", s);
    }
    link(&mut out, 1, "self", "application/atom+xml", feed.self_url);
    link(&mut out, 1, "alternate", "text/html", feed.alternate_url);
    element(&mut out, 1, "updated", &rfc3339(feed.updated));
    // RFC 4287 4.1.1: a feed without an author is allowed only when every entry has one.
    if feed.entries.is_empty() || feed.entries.iter().any(|e| e.author.is_none()) {
        author(&mut out, 1, DEFAULT_AUTHOR);
    }
    out.push_str("  <generator>Samverkan</generator>\n");
    for e in &feed.entries {
        out.push_str("  <entry>\n");
        element(&mut out, 2, "id", &e.id);
        element(&mut out, 2, "title", &e.title);
        link(&mut out, 2, "alternate", "text/html", &e.url);
        if let Some(p) = e.published {
            element(&mut out, 2, "published", &rfc3339(p));
        }
        element(&mut out, 2, "updated", &rfc3339(e.updated));
        if let Some(a) = &e.author {
            author(&mut out, 2, a);
        }
        out.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&e.summary)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

impl Entry {
    /// An entry without published date or author.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        url: impl Into<String>,
        updated: OffsetDateTime,
        summary: impl Into<String>,
    ) -> Entry {
        Entry {
            id: id.into(),
            title: title.into(),
            url: url.into(),
            updated,
            published: None,
            summary: summary.into(),
            author: None,
        }
    }
}

fn element(out: &mut String, depth: usize, name: &str, value: &str) {
    let type_attr = if matches!(name, "title" | "subtitle") { " type=\"text\"" } else { "" };
    out.push_str(&format!("{:indent$}<{name}{type_attr}>{}</{name}>\n", "", escape(value), indent = depth * 2));
}

fn link(out: &mut String, depth: usize, rel: &str, mime: &str, href: &str) {
    out.push_str(&format!(
        "{:indent$}<link rel=\"{rel}\" type=\"{mime}\" href=\"{}\"/>\n",
        "",
        attr(href),
        indent = depth * 2
    ));
}

fn author(out: &mut String, depth: usize, name: &str) {
    out.push_str(&format!(
        "{:indent$}<author>\n{:inner$}<name>{}</name>\n{:indent$}</author>\n",
        "",
        "",
        escape(name),
        "",
        indent = depth * 2,
        inner = depth * 2 + 2
    ));
}

/// Whether XML 1.0 allows `c` in a document (production 2, `Char`).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Character data: `&`, `<` and `>` escaped, characters XML cannot carry left out. A CR is
/// written as a reference, since a parser would otherwise turn it into LF.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value in double quotes: as [`escape`], plus quotes and the whitespace that
/// attribute-value normalisation would otherwise turn into spaces.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in escape(s).chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// An RFC 3339 date-time in UTC to the second, e.g. `2025-03-10T08:00:00Z` (RFC 4287, 3.3).
fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    /// The feed behind `browser-tests/fixtures/sample.atom`, which the browser tests parse as
    /// XML. Change both together: `SAMVERKAN_WRITE_FIXTURES=1 cargo test -p feeds`.
    fn sample() -> Feed<'static> {
        let mut first = Entry::new(
            "https://samverkan.example.se/moten/42",
            "Samverkansråd 12 mars: budget & mål",
            "https://samverkan.example.se/moten/42?visa=protokoll&sprak=sv",
            datetime!(2025-03-01 09:15:00 +01:00),
            "Dagordningen är publicerad.\nPunkt 3: årsbudget <förslag> från \"beredningsgruppen\".",
        );
        first.published = Some(datetime!(2025-02-20 14:00:00 +01:00));
        first.author = Some("Josefin Sekreterare".into());
        Feed {
            id: "https://samverkan.example.se/nyheter.atom",
            title: "Samverkan – nyheter",
            subtitle: Some("Möten, protokoll & beslut i Jönköpings län"),
            self_url: "https://samverkan.example.se/nyheter.atom",
            alternate_url: "https://samverkan.example.se/nyheter",
            updated: datetime!(2025-03-10 09:00:00 +01:00),
            lang: "sv",
            entries: vec![
                first,
                Entry::new(
                    "https://samverkan.example.se/moten/43",
                    "Workshop 5 juni är inställd",
                    "https://samverkan.example.se/moten/43",
                    datetime!(2025-05-20 16:40:10 +02:00),
                    "Nytt datum meddelas senare.",
                ),
            ],
        }
    }

    fn feed(entries: Vec<Entry>) -> Feed<'static> {
        Feed {
            id: "tag:x,2025:f",
            title: "T",
            subtitle: None,
            self_url: "https://x/f.atom",
            alternate_url: "https://x/",
            updated: datetime!(2025-01-01 00:00 UTC),
            lang: "en",
            entries,
        }
    }

    fn entry(author: Option<&str>) -> Entry {
        let mut e = Entry::new("tag:x,2025:e", "E", "https://x/e", datetime!(2025-01-01 00:00 UTC), "S");
        e.author = author.map(Into::into);
        e
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(escape("a & b < c > d \"e\" 'f'"), "a &amp; b &lt; c &gt; d \"e\" 'f'");
        assert_eq!(escape("&amp;"), "&amp;amp;", "entities in the input are text, not markup");
        assert_eq!(escape("rad\r\nny"), "rad&#13;\nny");
        assert_eq!(escape("a\u{0}b\u{8}c\u{1b}d\u{FFFE}e\u{FFFF}f\tg"), "abcdef\tg");
        assert_eq!(escape("åäö – 𝄞"), "åäö – 𝄞");
        assert_eq!(attr("https://x/?a=1&b=\"2\"'\n"), "https://x/?a=1&amp;b=&quot;2&quot;&apos;&#10;");
    }

    #[test]
    fn markup_in_fields_stays_text() {
        let mut e = entry(Some("<b>Anna</b> & co"));
        e.title = "<script>alert(1)</script>".into();
        e.summary = "]]> <![CDATA[ x".into();
        e.url = "https://x/e?a=1&b=2\"><x".into();
        let out = write(&feed(vec![e]));
        assert!(out.contains("<title type=\"text\">&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(out.contains("<summary type=\"text\">]]&gt; &lt;![CDATA[ x</summary>"));
        assert!(out.contains("<name>&lt;b&gt;Anna&lt;/b&gt; &amp; co</name>"));
        assert!(out.contains("href=\"https://x/e?a=1&amp;b=2&quot;&gt;&lt;x\"/>"));
        assert!(!out.contains("<script") && !out.contains("<b>"));
    }

    #[test]
    fn dates_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(datetime!(2025-03-10 09:00:00.123 +01:00)), "2025-03-10T08:00:00Z");
        assert_eq!(rfc3339(datetime!(2025-01-01 00:30 +02:00)), "2024-12-31T22:30:00Z");
        let parsed = OffsetDateTime::parse(
            &rfc3339(datetime!(2025-07-01 12:00 +02:00)),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert_eq!(parsed, datetime!(2025-07-01 10:00 UTC));
    }

    #[test]
    fn the_feed_has_the_required_elements_in_order() {
        let out = write(&feed(vec![entry(None)]));
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n\
             \x20 <id>tag:x,2025:f</id>\n\
             \x20 <title type=\"text\">T</title>\n\
             \x20 <link rel=\"self\" type=\"application/atom+xml\" href=\"https://x/f.atom\"/>\n\
             \x20 <link rel=\"alternate\" type=\"text/html\" href=\"https://x/\"/>\n\
             \x20 <updated>2025-01-01T00:00:00Z</updated>\n\
             \x20 <author>\n\
             \x20   <name>Samverkan</name>\n\
             \x20 </author>\n\
             \x20 <generator>Samverkan</generator>\n\
             \x20 <entry>\n\
             \x20   <id>tag:x,2025:e</id>\n\
             \x20   <title type=\"text\">E</title>\n\
             \x20   <link rel=\"alternate\" type=\"text/html\" href=\"https://x/e\"/>\n\
             \x20   <updated>2025-01-01T00:00:00Z</updated>\n\
             \x20   <summary type=\"text\">S</summary>\n\
             \x20 </entry>\n\
             </feed>\n"
        );
    }

    #[test]
    fn the_feed_names_an_author_unless_every_entry_has_one() {
        let count = |f: &Feed| write(f).matches("<author>").count();
        assert_eq!(count(&feed(vec![])), 1, "an empty feed still needs an author");
        assert_eq!(count(&feed(vec![entry(None), entry(None)])), 1);
        assert_eq!(count(&feed(vec![entry(Some("A")), entry(None)])), 2);
        let all = write(&feed(vec![entry(Some("A")), entry(Some("B"))]));
        assert_eq!(all.matches("<author>").count(), 2);
        assert!(!all.contains("<name>Samverkan</name>"));
    }

    #[test]
    fn published_and_subtitle_are_optional() {
        let out = write(&feed(vec![entry(None)]));
        assert!(!out.contains("<published>") && !out.contains("<subtitle"));
        let mut e = entry(None);
        e.published = Some(datetime!(2024-12-24 15:00 +01:00));
        let mut f = feed(vec![e]);
        f.subtitle = Some("Om & kring");
        let out = write(&f);
        assert!(out.contains("    <published>2024-12-24T14:00:00Z</published>\n    <updated>"));
        assert!(out.contains("  <subtitle type=\"text\">Om &amp; kring</subtitle>\n"));
    }

    #[test]
    fn output_is_deterministic_and_tags_balance() {
        let a = write(&sample());
        assert_eq!(a, write(&sample()));
        for tag in ["feed", "entry", "id", "title", "updated", "author", "summary"] {
            let open = a.matches(&format!("<{tag}>")).count() + a.matches(&format!("<{tag} ")).count();
            assert_eq!(open, a.matches(&format!("</{tag}>")).count(), "{tag}");
        }
        assert_eq!(a.matches("<entry>").count(), 2);
    }

    /// The fixture the browser tests parse is exactly what this writer makes.
    #[test]
    fn sample_matches_the_browser_test_fixture() {
        const FIXTURE: &str = include_str!("../../../browser-tests/fixtures/sample.atom");
        let out = write(&sample());
        if std::env::var_os("SAMVERKAN_WRITE_FIXTURES").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../browser-tests/fixtures/sample.atom");
            std::fs::write(path, &out).unwrap();
        }
        assert_eq!(out, FIXTURE, "regenerate with SAMVERKAN_WRITE_FIXTURES=1 cargo test -p feeds");
    }
}
