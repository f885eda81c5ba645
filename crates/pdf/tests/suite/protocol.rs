//! Renders a realistic protocol and checks it with qpdf and poppler (Debian packages `qpdf` and
//! `poppler-utils`, installed by `scripts/test`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::common;

use common::protocol;
use pdf::{Block, Document, Signature};

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("samverkan-pdf-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, bytes).expect("write the PDF to a temporary file");
    path
}

/// Runs a tool; a missing tool fails the test with instructions.
fn run(tool: &str, args: &[&str], path: &Path) -> (bool, String) {
    let output = Command::new(tool).args(args).arg(path).output().unwrap_or_else(|e| {
        panic!(
            "could not run `{tool}` ({e}): install the Debian packages qpdf and poppler-utils \
             (`apt-get install -y qpdf poppler-utils`; scripts/test installs them)"
        )
    });
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[test]
fn protocol_passes_qpdf_and_poppler() {
    let doc = protocol();
    let start = Instant::now();
    let bytes = pdf::render(&doc);
    let elapsed = start.elapsed();
    eprintln!("protocol: {} bytes in {elapsed:?}", bytes.len());
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let path = temp_file("protocol", &bytes);
    if let Some(keep) = std::env::var_os("PDF_KEEP") {
        std::fs::write(keep, &bytes).expect("write PDF_KEEP");
    }

    let (ok, out) = run("qpdf", &["--check"], &path);
    eprintln!("qpdf --check:\n{out}");
    assert!(ok, "qpdf --check failed:\n{out}");
    assert!(out.contains("No syntax or stream encoding errors found"), "{out}");
    assert!(!out.to_lowercase().contains("warning"), "{out}");

    let (ok, out) = run("pdfinfo", &[], &path);
    eprintln!("pdfinfo:\n{out}");
    assert!(ok, "{out}");
    assert!(out.contains("Tagged:          yes"), "{out}");
    assert!(out.contains("Title:           Protokoll Kommunalt forum 2024-10-11"), "{out}");
    let pages: usize = out
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("pdfinfo reports the page count");
    assert!(pages > 1, "{out}");
    assert!(out.contains("Page size:       595.276 x 841.89 pts (A4)"), "{out}");
    assert!(!out.contains("Syntax Error"), "{out}");

    let (ok, text) = run("pdftotext", &["-enc", "UTF-8"], &path);
    let text = {
        assert!(ok, "{text}");
        let txt = path.with_extension("txt");
        let text = std::fs::read_to_string(&txt).expect("pdftotext writes the text next to the PDF");
        let _ = std::fs::remove_file(txt);
        text
    };
    for needle in ["Justerare", "§ 9", "Östergötland", "Sävsjö kommun", "–", "—", "”", "•", "Lena Sjöberg 65"]
    {
        assert!(text.contains(needle), "pdftotext output lacks {needle:?}:\n{text}");
    }
    // The running header and footer are there too (pdftotext shows artifacts).
    assert!(text.contains(&format!("Sida {pages} av {pages}")), "{text}");

    // Reading order: the layout keeps labels with their values and headings before their text.
    let (ok, layout) = run("pdftotext", &["-layout", "-enc", "UTF-8", "-f", "1", "-l", "1"], &path);
    assert!(ok, "{layout}");
    let layout = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_default();
    let _ = std::fs::remove_file(path.with_extension("txt"));
    let line = layout.lines().find(|l| l.contains("Justerare")).expect("Justerare on page 1");
    assert!(line.contains("Anna-Karin Öberg"), "{line}");
    let order = ["Protokoll", "Tid och plats", "§ 1 Mötets öppnande", "Ordföranden hälsar", "§ 2 Val av justerare"];
    let positions: Vec<usize> =
        order.iter().map(|n| layout.find(n).unwrap_or_else(|| panic!("{n} on page 1:\n{layout}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}\n{layout}");

    // The structure tree in reading order, with words kept apart across line breaks.
    let (ok, tree) = run("pdfinfo", &["-struct-text"], &path);
    assert!(ok, "{tree}");
    for needle in [
        "Document\n  H1 (block)\n    \"Protokoll\"",
        "Span (inline)\n      \"Justerare\"\n    \"Anna-Karin Öberg (C), Sävsjö kommun\"",
        "\"Ordföranden hälsar välkommen och förklarar mötet öppnat. Forumet noterar att \"",
        "Lbl (block)\n        \"•\"\n      LBody (block)",
        "TH:\n           /Scope /Column\n          \"Namn\"",
        "TD\n          \"Lena Sjöberg 65\"",
    ] {
        assert!(tree.contains(needle), "structure lacks {needle:?}:\n{tree}");
    }
    assert_eq!(tree.matches("TR\n").count(), 66, "one header row and 65 body rows");

    let _ = std::fs::remove_file(&path);
}

#[test]
fn output_is_deterministic() {
    let doc = protocol();
    assert_eq!(pdf::render(&doc), pdf::render(&doc));
}

#[test]
fn structure_tree_and_metadata_are_present() {
    let bytes = pdf::render(&protocol());
    // Uncompress the streams (content, fonts) to look inside.
    let path = temp_file("structure", &bytes);
    let plain = path.with_extension("plain.pdf");
    let status = Command::new("qpdf")
        .args(["--stream-data=uncompress", "--object-streams=disable"])
        .arg(&path)
        .arg(&plain)
        .status()
        .expect("qpdf runs (install qpdf and poppler-utils)");
    assert!(status.success());
    let text = String::from_utf8_lossy(&std::fs::read(&plain).expect("qpdf wrote the file")).into_owned();
    let _ = std::fs::remove_file(&plain);
    let _ = std::fs::remove_file(&path);
    for needle in [
        "/Marked true",
        "/StructTreeRoot",
        "/ParentTree",
        "/ParentTreeNextKey",
        "/Lang (sv-SE)",
        "/DisplayDocTitle true",
        "/Tabs /S",
        "/S /H1",
        "/S /H2",
        "/S /Table",
        "/S /Caption",
        "/S /THead",
        "/S /TH",
        "/Scope /Column",
        "/S /LBody",
        "/S /Span",
        "/Artifact",
        "/Subtype /Header",
        "/Subtype /Footer",
        "/MCID 0",
        "/CIDFontType2",
        "/Identity-H",
        "/ToUnicode",
        "/CIDToGIDMap",
        "/FontFile2",
        "beginbfchar",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<rdf:li>sv-SE</rdf:li>",
        "<rdf:li xml:lang=\"x-default\">Protokoll Kommunalt forum 2024-10-11</rdf:li>",
    ] {
        assert!(text.contains(needle), "lacks {needle}");
    }
    assert!(!text.contains("/CreationDate"), "no dates: the output must be deterministic");
}

#[test]
fn degenerate_documents_are_valid_pdfs() {
    let empty = Document::default();
    let huge = Document {
        title: String::new(),
        lang: String::new(),
        author: Some(String::new()),
        subject: None,
        header: Some("x".repeat(2000)),
        footer_page_label: String::new(),
        // A logo the reader cannot decode is left out.
        logo: Some(b"\x89PNG\r\n\x1a\nbroken".to_vec()),
        blocks: vec![
            Block::Heading { level: 0, text: String::new() },
            Block::Paragraph(String::new()),
            Block::Paragraph(format!("{} \u{E000}\u{1F600}\u{0}\u{FFFF} ok", "långtord".repeat(300))),
            Block::List(vec![String::new(), "\u{10FFFF}".into()]),
            Block::Table { caption: None, header: vec![], rows: vec![], widths: vec![] },
            Block::Table {
                caption: Some(String::new()),
                header: vec!["".into()],
                rows: (0..1000).map(|i| vec![i.to_string(), String::new(), "x".into()]).collect(),
                widths: vec![f32::NAN, -1.0],
            },
            Block::Signatures(vec![]),
            Block::Signatures(vec![Signature { role: String::new(), name: String::new(), detail: String::new() }]),
            Block::PageBreak,
            Block::PageBreak,
            Block::Spacer,
        ],
    };
    for (name, doc) in [("empty", empty), ("huge", huge)] {
        let bytes = pdf::render(&doc);
        let path = temp_file(name, &bytes);
        let (ok, out) = run("qpdf", &["--check"], &path);
        assert!(ok && !out.to_lowercase().contains("warning"), "{name}: {out}");
        let (ok, out) = run("pdfinfo", &[], &path);
        assert!(ok && out.contains("Tagged:          yes") && !out.contains("Syntax Error"), "{name}: {out}");
        let (ok, out) = run("pdftotext", &["-enc", "UTF-8", "-f", "1", "-l", "1"], &path);
        assert!(ok, "{out}");
        let text = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_default();
        if name == "huge" {
            // Characters the font lacks are drawn as a replacement glyph but extract as themselves.
            assert!(text.contains('\u{E000}') && text.contains('\u{1F600}'), "{text}");
        }
        let _ = std::fs::remove_file(path.with_extension("txt"));
        let _ = std::fs::remove_file(&path);
    }
}
