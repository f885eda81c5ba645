//! Attachments to meetings: which files are accepted, told by their content, and a file name
//! that is safe to store and to send back in `Content-Disposition`.
//!
//! The type is decided by the bytes (magic numbers and, for office documents, the names inside
//! the ZIP container), never by the content type the browser sent. SVG and HTML are refused:
//! opened from our origin they can run script. Text and CSV are the only types told partly by
//! the name, as they have no magic number. Whoever serves an attachment should still send
//! [`FileKind::mime`], `X-Content-Type-Options: nosniff` and `Content-Disposition: attachment`.

use crate::FieldError;

/// The largest attachment accepted, in bytes (25 MiB).
pub const MAX_ATTACHMENT_BYTES: usize = 25 * 1024 * 1024;

/// The longest file name kept, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 120;

/// The kinds of file meetings accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    Pptx,
    Docx,
    Xlsx,
    Odp,
    Odt,
    Ods,
    Txt,
    Csv,
}

impl FileKind {
    pub const ALL: [FileKind; 13] = [
        FileKind::Pdf,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Pptx,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Odp,
        FileKind::Odt,
        FileKind::Ods,
        FileKind::Txt,
        FileKind::Csv,
    ];

    /// The media type to serve the file with. Text is known to be UTF-8, so it says so.
    pub fn mime(&self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Odp => ODP,
            FileKind::Odt => ODT,
            FileKind::Ods => ODS,
            FileKind::Txt => "text/plain; charset=utf-8",
            FileKind::Csv => "text/csv; charset=utf-8",
        }
    }

    /// The usual file name extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
            FileKind::Pptx => "pptx",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
            FileKind::Odp => "odp",
            FileKind::Odt => "odt",
            FileKind::Ods => "ods",
            FileKind::Txt => "txt",
            FileKind::Csv => "csv",
        }
    }

    /// What to call the kind in Swedish, e.g. in a list of attachments.
    pub fn label_sv(&self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF-dokument",
            FileKind::Png => "PNG-bild",
            FileKind::Jpeg => "JPEG-bild",
            FileKind::Gif => "GIF-bild",
            FileKind::Webp => "WebP-bild",
            FileKind::Pptx => "PowerPoint-presentation",
            FileKind::Docx => "Word-dokument",
            FileKind::Xlsx => "Excel-kalkylblad",
            FileKind::Odp => "OpenDocument-presentation",
            FileKind::Odt => "OpenDocument-text",
            FileKind::Ods => "OpenDocument-kalkylblad",
            FileKind::Txt => "Textfil",
            FileKind::Csv => "CSV-fil",
        }
    }

    /// What to call the kind in English.
    pub fn label_en(&self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF document",
            FileKind::Png => "PNG image",
            FileKind::Jpeg => "JPEG image",
            FileKind::Gif => "GIF image",
            FileKind::Webp => "WebP image",
            FileKind::Pptx => "PowerPoint presentation",
            FileKind::Docx => "Word document",
            FileKind::Xlsx => "Excel spreadsheet",
            FileKind::Odp => "OpenDocument presentation",
            FileKind::Odt => "OpenDocument text",
            FileKind::Ods => "OpenDocument spreadsheet",
            FileKind::Txt => "Text file",
            FileKind::Csv => "CSV file",
        }
    }
}

const ODP: &str = "application/vnd.oasis.opendocument.presentation";
const ODT: &str = "application/vnd.oasis.opendocument.text";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// Tells what kind of file `bytes` is, by its content. `file_name` only separates text from CSV
/// (and is required to end in `.txt` or `.csv` for either). Errors are on the field `file`.
pub fn sniff(file_name: &str, bytes: &[u8]) -> Result<FileKind, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::new("file", "empty_file", "Filen är tom.", "The file is empty."));
    }
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(FieldError::new(
            "file",
            "file_too_large",
            format!("Filen är för stor. Den får vara högst {} MB.", MAX_ATTACHMENT_BYTES >> 20),
            format!("The file is too large. It may be at most {} MB.", MAX_ATTACHMENT_BYTES >> 20),
        ));
    }
    magic(bytes).or_else(|| text(file_name, bytes)).ok_or_else(|| {
        FieldError::new(
            "file",
            "unsupported_file_type",
            "Filtypen stöds inte. Tillåtna filtyper: PDF, bilder (PNG, JPEG, GIF, WebP), Word (.docx), \
             PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, .odp, .ods), text (.txt) och CSV (.csv).",
            "This type of file is not supported. Accepted types: PDF, images (PNG, JPEG, GIF, WebP), \
             Word (.docx), PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, .odp, .ods), text (.txt) \
             and CSV (.csv).",
        )
    })
}

/// The kinds that have a magic number.
fn magic(b: &[u8]) -> Option<FileKind> {
    if b.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if b.starts_with(b"\xff\xd8\xff") {
        Some(FileKind::Jpeg)
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some(FileKind::Gif)
    } else if b.len() >= 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP" {
        Some(FileKind::Webp)
    } else if b.starts_with(ZIP_LOCAL) {
        office(b)
    } else {
        None
    }
}

const ZIP_LOCAL: &[u8] = b"PK\x03\x04";

/// One local file header of a ZIP archive (APPNOTE.TXT 4.3.7): its name and, when the entry is
/// stored uncompressed with a known size, its content.
struct ZipEntry<'a> {
    name: &'a [u8],
    stored: Option<&'a [u8]>,
}

/// Reads the local file header at `at`, if there is a whole one.
fn zip_entry(b: &[u8], at: usize) -> Option<ZipEntry<'_>> {
    let h = b.get(at..at.checked_add(30)?)?;
    if &h[..4] != ZIP_LOCAL {
        return None;
    }
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([h[i], h[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]) as usize;
    let (method, size, name_len, extra_len) = (u16_at(8), u32_at(18), u16_at(26), u16_at(28));
    let name_start = at + 30;
    let name = b.get(name_start..name_start + name_len)?;
    let data_start = name_start + name_len + extra_len;
    let stored = if method == 0 { b.get(data_start..data_start.checked_add(size)?) } else { None };
    Some(ZipEntry { name, stored })
}

/// Office Open XML (ECMA-376 part 2: `[Content_Types].xml` and a `word/`, `ppt/` or `xl/`
/// part) or OpenDocument (ODF 1.2 part 3, 3.3: a first entry `mimetype`, stored, holding the
/// media type). Entries are found by their local headers, which also works for archives written
/// with data descriptors, whose headers carry no sizes.
fn office(b: &[u8]) -> Option<FileKind> {
    if let Some(first) = zip_entry(b, 0)
        && first.name == b"mimetype"
    {
        return match first.stored? {
            m if m == ODT.as_bytes() => Some(FileKind::Odt),
            m if m == ODP.as_bytes() => Some(FileKind::Odp),
            m if m == ODS.as_bytes() => Some(FileKind::Ods),
            _ => None,
        };
    }
    let (mut content_types, mut word, mut ppt, mut xl) = (false, false, false, false);
    let mut at = 0;
    while let Some(i) = find(&b[at..], ZIP_LOCAL) {
        let pos = at + i;
        if let Some(e) = zip_entry(b, pos) {
            content_types |= e.name == b"[Content_Types].xml";
            word |= e.name.starts_with(b"word/");
            ppt |= e.name.starts_with(b"ppt/");
            xl |= e.name.starts_with(b"xl/");
        }
        at = pos + ZIP_LOCAL.len();
    }
    match (content_types, word, ppt, xl) {
        (true, true, false, false) => Some(FileKind::Docx),
        (true, false, true, false) => Some(FileKind::Pptx),
        (true, false, false, true) => Some(FileKind::Xlsx),
        _ => None,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Text and CSV: valid UTF-8 without NUL, named `.txt` or `.csv`.
fn text(file_name: &str, b: &[u8]) -> Option<FileKind> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.trim().to_lowercase())?;
    let kind = match ext.as_str() {
        "txt" => FileKind::Txt,
        "csv" => FileKind::Csv,
        _ => return None,
    };
    (!b.contains(&0) && std::str::from_utf8(b).is_ok()).then_some(kind)
}

/// A file name without extension from a kind, a body and a date:
/// "kallelse-kommunalt-forum-2024-10-11".
pub fn file_stem(kind: &str, body: &str, date: time::Date) -> String {
    let mut slug = String::new();
    for c in body.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && (slug.is_empty() || slug.ends_with('-'))) {
            slug.push(c);
        }
    }
    format!("{kind}-{}-{date}", slug.trim_end_matches('-'))
}

/// A file name that is safe to store and to show: only the last path segment, without control
/// or invisible formatting characters (which can disguise the extension), without the characters
/// Windows forbids, with whitespace collapsed, no leading dots, and at most
/// [`MAX_FILE_NAME_CHARS`] characters, keeping the extension. Letters such as å, ä and ö stay.
/// Never empty: a name with nothing left becomes `fil`.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).map(str::trim).find(|s| !s.is_empty()).unwrap_or("");
    let mut cleaned = String::with_capacity(last.len());
    for c in last.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c.is_control() || invisible(c) || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
            continue;
        }
        if c == ' ' && (cleaned.is_empty() || cleaned.ends_with(' ')) {
            continue;
        }
        cleaned.push(c);
    }
    let cleaned = cleaned.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    let mut out = truncate(cleaned);
    if out.is_empty() {
        return "fil".into();
    }
    let stem = out.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
        out = truncate(&out);
    }
    out
}

/// At most [`MAX_FILE_NAME_CHARS`] characters, cutting the stem rather than a short extension.
fn truncate(name: &str) -> String {
    if name.chars().count() <= MAX_FILE_NAME_CHARS {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && (1..=10).contains(&e.chars().count()) => (s, e),
        _ => (name, ""),
    };
    let keep = if ext.is_empty() { MAX_FILE_NAME_CHARS } else { MAX_FILE_NAME_CHARS - 1 - ext.chars().count() };
    let stem: String = stem.chars().take(keep).collect();
    let stem = stem.trim_end_matches(['.', ' ']);
    if ext.is_empty() { stem.to_string() } else { format!("{stem}.{ext}") }
}

/// Characters that show nothing but change how the rest reads: bidirectional overrides and
/// isolates (which can turn `exe.pdf` into what looks like `fdp.exe`), zero-width characters,
/// the soft hyphen and the byte order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A ZIP local file header followed by its data, stored (method 0) or "deflated" (method 8,
    /// the data then being opaque), optionally with a data descriptor flag and zero sizes.
    fn zip_part(name: &str, data: &[u8], method: u16, descriptor: bool) -> Vec<u8> {
        let mut v = ZIP_LOCAL.to_vec();
        v.extend_from_slice(&20u16.to_le_bytes()); // version needed
        v.extend_from_slice(&(if descriptor { 8u16 } else { 0 }).to_le_bytes());
        v.extend_from_slice(&method.to_le_bytes());
        v.extend_from_slice(&[0; 4]); // time, date
        v.extend_from_slice(&[0; 4]); // crc-32 (not checked)
        let size = if descriptor { 0 } else { data.len() as u32 };
        v.extend_from_slice(&size.to_le_bytes());
        v.extend_from_slice(&size.to_le_bytes());
        v.extend_from_slice(&(name.len() as u16).to_le_bytes());
        v.extend_from_slice(&0u16.to_le_bytes());
        v.extend_from_slice(name.as_bytes());
        v.extend_from_slice(data);
        v
    }

    fn zip(parts: &[(&str, &[u8], u16)]) -> Vec<u8> {
        let mut v: Vec<u8> = parts.iter().flat_map(|(n, d, m)| zip_part(n, d, *m, false)).collect();
        v.extend_from_slice(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"); // end of central directory
        v
    }

    fn ooxml(part: &str) -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", b"\x78\x9c compressed", 8),
            ("_rels/.rels", b"\x78\x9c", 8),
            (part, b"\x78\x9c...", 8),
        ])
    }

    fn odf(mime: &str) -> Vec<u8> {
        zip(&[("mimetype", mime.as_bytes(), 0), ("content.xml", b"\x78\x9c", 8), ("META-INF/manifest.xml", b"", 8)])
    }

    fn code(r: Result<FileKind, FieldError>) -> &'static str {
        r.unwrap_err().code
    }

    #[test]
    fn images_and_pdf_by_magic_number() {
        assert_eq!(sniff("x", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), Ok(FileKind::Pdf));
        assert_eq!(sniff("x", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(FileKind::Png));
        assert_eq!(sniff("x", b"\xff\xd8\xff\xe0\0\x10JFIF\0"), Ok(FileKind::Jpeg));
        assert_eq!(sniff("x", b"\xff\xd8\xff\xe1\0\x10Exif\0"), Ok(FileKind::Jpeg));
        assert_eq!(sniff("x", b"GIF87a\x01\0\x01\0"), Ok(FileKind::Gif));
        assert_eq!(sniff("x", b"GIF89a\x01\0\x01\0"), Ok(FileKind::Gif));
        assert_eq!(sniff("x", b"RIFF\x24\0\0\0WEBPVP8 "), Ok(FileKind::Webp));
    }

    #[test]
    fn the_name_and_browser_type_do_not_decide() {
        assert_eq!(sniff("bild.png", b"%PDF-1.4"), Ok(FileKind::Pdf));
        assert_eq!(sniff("rapport.pdf", b"GIF89a"), Ok(FileKind::Gif));
        assert_eq!(code(sniff("rapport.pdf", b"MZ\x90\0\x03\0\0\0")), "unsupported_file_type");
        assert_eq!(code(sniff("bild.png", b"\x89PNX\r\n\x1a\n")), "unsupported_file_type");
        assert_eq!(code(sniff("ljud.webp", b"RIFF\x24\0\0\0WAVEfmt ")), "unsupported_file_type");
        assert_eq!(code(sniff("x.gif", b"GIF90a")), "unsupported_file_type");
        assert_eq!(code(sniff("x.pdf", b"%PDF")), "unsupported_file_type", "PDF needs the dash");
    }

    #[test]
    fn office_open_xml_by_its_parts() {
        assert_eq!(sniff("a.zip", &ooxml("word/document.xml")), Ok(FileKind::Docx));
        assert_eq!(sniff("a", &ooxml("ppt/presentation.xml")), Ok(FileKind::Pptx));
        assert_eq!(sniff("a.docx", &ooxml("xl/workbook.xml")), Ok(FileKind::Xlsx));
    }

    #[test]
    fn office_open_xml_written_with_data_descriptors() {
        let mut v = zip_part("[Content_Types].xml", b"\x78\x9cdata", 8, true);
        v.extend_from_slice(b"PK\x07\x08crc+sizes.....");
        v.extend(zip_part("word/document.xml", b"\x78\x9cdata", 8, true));
        assert_eq!(sniff("a.docx", &v), Ok(FileKind::Docx));
    }

    #[test]
    fn other_zips_are_refused() {
        for bytes in [
            zip(&[("word/document.xml", b"x", 8)]), // no content types
            zip(&[("[Content_Types].xml", b"x", 8), ("docProps/app.xml", b"", 8)]), // no main part
            zip(&[("[Content_Types].xml", b"x", 8), ("word/a.xml", b"", 8), ("xl/b.xml", b"", 8)]), // ambiguous
            zip(&[("program.exe", b"MZ", 0)]),
            zip(&[("mimetype", b"application/epub+zip", 0)]),
            zip(&[("mimetype", ODT.as_bytes(), 8)]), // ODF's mimetype must be stored
            b"PK\x03\x04".to_vec(),
            b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff".to_vec(),
        ] {
            assert_eq!(code(sniff("a.docx", &bytes)), "unsupported_file_type", "{bytes:?}");
        }
    }

    #[test]
    fn open_document_by_its_stored_mimetype() {
        assert_eq!(sniff("a", &odf(ODT)), Ok(FileKind::Odt));
        assert_eq!(sniff("a", &odf(ODP)), Ok(FileKind::Odp));
        assert_eq!(sniff("a", &odf(ODS)), Ok(FileKind::Ods));
        assert_eq!(code(sniff("a.odt", &odf("application/vnd.oasis.opendocument.graphics"))), "unsupported_file_type");
        // The mimetype entry must come first.
        let late = zip(&[("content.xml", b"x", 8), ("mimetype", ODT.as_bytes(), 0)]);
        assert_eq!(code(sniff("a.odt", &late)), "unsupported_file_type");
    }

    #[test]
    fn text_and_csv_need_utf8_without_nul_and_their_extension() {
        assert_eq!(sniff("anteckningar.txt", "Hej på dig!\r\n".as_bytes()), Ok(FileKind::Txt));
        assert_eq!(sniff("Lista.CSV", "namn;ort\nÅsa;Växjö\n".as_bytes()), Ok(FileKind::Csv));
        assert_eq!(sniff("bom.csv", "\u{feff}a,b".as_bytes()), Ok(FileKind::Csv));
        assert_eq!(code(sniff("a.txt", b"abc\0def")), "unsupported_file_type");
        assert_eq!(code(sniff("a.txt", b"G\xf6teborg")), "unsupported_file_type", "Latin-1 is not UTF-8");
        assert_eq!(code(sniff("a.html", b"<p>hej</p>")), "unsupported_file_type");
        assert_eq!(code(sniff("a", b"plain")), "unsupported_file_type");
        assert_eq!(code(sniff("txt", b"plain")), "unsupported_file_type");
    }

    #[test]
    fn svg_is_refused_however_it_is_named() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        for name in ["bild.svg", "bild.png", "bild", "bild.svgz"] {
            assert_eq!(code(sniff(name, svg)), "unsupported_file_type", "{name}");
        }
    }

    #[test]
    fn empty_and_too_large_files() {
        let e = sniff("a.pdf", b"").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("file", "empty_file"));
        let mut big = b"%PDF-1.7".to_vec();
        big.resize(MAX_ATTACHMENT_BYTES, b' ');
        assert_eq!(sniff("a.pdf", &big), Ok(FileKind::Pdf));
        big.push(b' ');
        let e = sniff("a.pdf", &big).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("file", "file_too_large"));
        assert!(e.sv.contains("25 MB") && e.en.contains("25 MB"));
    }

    #[test]
    fn the_refusal_lists_the_accepted_types_in_both_languages() {
        let e = sniff("a.exe", b"MZ").unwrap_err();
        assert_eq!(e.field, "file");
        for t in
            ["PDF", "PNG", "JPEG", "GIF", "WebP", ".docx", ".pptx", ".xlsx", ".odt", ".odp", ".ods", ".txt", ".csv"]
        {
            assert!(e.sv.contains(t) && e.en.contains(t), "{t}");
        }
        assert!(e.sv.starts_with("Filtypen stöds inte.") && e.en.starts_with("This type of file"));
    }

    #[test]
    fn every_kind_has_its_mime_extension_and_labels() {
        let mut extensions = std::collections::HashSet::new();
        for k in FileKind::ALL {
            assert!(extensions.insert(k.extension()), "{k:?}");
            assert!(k.mime().contains('/') && !k.label_sv().is_empty() && !k.label_en().is_empty());
        }
        assert_eq!(FileKind::Docx.mime(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assert_eq!(FileKind::Jpeg.extension(), "jpg");
        assert_eq!(FileKind::Csv.label_sv(), "CSV-fil");
    }

    #[test]
    fn safe_names_keep_the_last_segment_and_swedish_letters() {
        assert_eq!(safe_file_name("Årsmöte för Östra Göinge.pdf"), "Årsmöte för Östra Göinge.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name(r"C:\Users\Åsa\Protokoll 2025.docx"), "Protokoll 2025.docx");
        assert_eq!(safe_file_name("mapp/"), "mapp");
        assert_eq!(safe_file_name("a\u{0}b\nc\td\u{7f}.txt"), "ab c d.txt");
        assert_eq!(safe_file_name("  många   mellanslag  .pdf "), "många mellanslag .pdf");
        assert_eq!(safe_file_name("fråga?<svar>|\"*:.txt"), "frågasvar.txt");
        assert_eq!(safe_file_name(".htaccess"), "htaccess");
        assert_eq!(safe_file_name("slut..."), "slut");
        assert_eq!(safe_file_name("räkning\u{202E}fdp.exe"), "räkningfdp.exe");
        assert_eq!(safe_file_name("a\u{200B}b\u{FEFF}c"), "abc");
        assert_eq!(safe_file_name("CON.txt"), "_CON.txt");
        assert_eq!(safe_file_name("com1"), "_com1");
        assert_eq!(safe_file_name("console.txt"), "console.txt");
    }

    #[test]
    fn safe_names_are_never_empty() {
        for name in ["", " ", "/", "\\", "../..", "...", "\u{0}\u{1}", "\u{202E}", "/ /", "?*"] {
            assert_eq!(safe_file_name(name), "fil", "{name:?}");
        }
    }

    #[test]
    fn long_names_are_cut_keeping_the_extension() {
        let long = format!("{}.pdf", "ö".repeat(300));
        let safe = safe_file_name(&long);
        assert_eq!(safe.chars().count(), MAX_FILE_NAME_CHARS);
        assert_eq!(safe, format!("{}.pdf", "ö".repeat(MAX_FILE_NAME_CHARS - 4)));
        let no_ext = "x".repeat(500);
        assert_eq!(safe_file_name(&no_ext), "x".repeat(MAX_FILE_NAME_CHARS));
        let long_ext = format!("a.{}", "e".repeat(200));
        assert_eq!(safe_file_name(&long_ext).chars().count(), MAX_FILE_NAME_CHARS);
        // The cut falls just after a space, which is not kept before the extension.
        let space_at_cut = format!("{} {}.txt", "a".repeat(115), "b".repeat(50));
        assert_eq!(safe_file_name(&space_at_cut), format!("{}.txt", "a".repeat(115)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn sniff_never_panics(name in ".{0,40}", bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = sniff(&name, &bytes);
        }

        #[test]
        fn sniff_never_panics_on_zip_like_input(
            tail in proptest::collection::vec(any::<u8>(), 0..200),
            repeat in 1usize..4,
        ) {
            let mut bytes = Vec::new();
            for _ in 0..repeat {
                bytes.extend_from_slice(ZIP_LOCAL);
                bytes.extend_from_slice(&tail);
            }
            let _ = sniff("a.docx", &bytes);
        }

        #[test]
        fn safe_names_are_safe(name in any::<String>()) {
            let safe = safe_file_name(&name);
            prop_assert!(!safe.is_empty());
            prop_assert!(!safe.contains(['/', '\\']));
            prop_assert!(!safe.chars().any(|c| c.is_control() || invisible(c)));
            prop_assert!(safe.chars().count() <= MAX_FILE_NAME_CHARS);
            prop_assert!(!safe.starts_with('.') && safe != "..");
            prop_assert_eq!(safe_file_name(&safe), safe.clone(), "idempotent");
        }

        #[test]
        fn safe_names_are_safe_for_path_like_input(
            parts in proptest::collection::vec("[a-zåäö./\\\\ \u{0}\u{202e}]{0,12}", 0..6),
        ) {
            let safe = safe_file_name(&parts.join("/"));
            prop_assert!(!safe.is_empty() && !safe.contains(['/', '\\', '\0']));
            prop_assert!(!safe.starts_with('.'));
        }
    }
}
