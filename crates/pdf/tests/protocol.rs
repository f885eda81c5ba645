//! Renders a realistic protocol and checks it with qpdf and poppler (Debian packages `qpdf` and
//! `poppler-utils`, installed by `scripts/test`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use pdf::{Block, Document, Signature};

fn protocol() -> Document {
    let mut blocks = vec![
        Block::Heading { level: 1, text: "Protokoll".into() },
        Block::Paragraph("Kommunalt forum i Jönköpings län, sammanträde 2024-10-11".into()),
        Block::Field {
            label: "Tid och plats".into(),
            value: "Fredag 11 oktober 2024 kl. 09.00–12.15, Sävsjö kommun, kommunhuset, sammanträdesrummet Vallsjön"
                .into(),
        },
        Block::Field { label: "Beslutande".into(), value: "Se närvarolistan, bilaga 1".into() },
        Block::Field { label: "Justerare".into(), value: "Anna-Karin Öberg (C), Sävsjö kommun".into() },
        Block::Field {
            label: "Justeringens plats och tid".into(),
            value: "Digital justering, senast 2024-10-18".into(),
        },
        Block::Field { label: "Paragrafer".into(), value: "§§ 1–12".into() },
        Block::Spacer,
    ];
    let items = [
        (
            "§ 1 Mötets öppnande",
            "Ordföranden hälsar välkommen och förklarar mötet öppnat. Forumet noterar att kallelsen har skickats ut i rätt tid enligt arbetsordningen.",
        ),
        (
            "§ 2 Val av justerare",
            "Forumet väljer Anna-Karin Öberg (C) att jämte ordföranden justera dagens protokoll. Justeringen sker digitalt senast fredagen den 18 oktober.",
        ),
        (
            "§ 3 Godkännande av dagordningen",
            "Dagordningen godkänns med tillägget att en informationspunkt om samverkan med Region Östergötland läggs till under övriga frågor.",
        ),
        (
            "§ 4 Föregående protokoll",
            "Protokollet från sammanträdet 2024-06-14 läggs till handlingarna. Inga synpunkter har inkommit under ”anslagstiden”.",
        ),
        (
            "§ 5 Ekonomisk uppföljning",
            "Förbundschefen redovisar utfallet per augusti. Prognosen för helåret visar ett överskott om 1,2 miljoner kronor – främst beroende på vakanser och lägre lokalkostnader än budgeterat.",
        ),
        (
            "§ 6 Verksamhetsplan 2025",
            "Forumet diskuterar förslaget till verksamhetsplan. Särskilt lyfts behovet av gemensam kompetensförsörjning inom äldreomsorgen och IT-säkerhet — ett område där de små kommunerna är sårbara.",
        ),
        (
            "§ 7 Regional utvecklingsstrategi",
            "Regionens representant informerar om arbetet med den regionala utvecklingsstrategin. Remissen väntas i december; kommunerna ombeds samordna sina yttranden via forumet.",
        ),
        (
            "§ 8 Mötesplan 2025",
            "Forumet fastställer mötesplanen för 2025 enligt förslaget: 14 februari, 9 maj, 12 september och 5 december. Mötena hålls växelvis i länets kommuner.",
        ),
        (
            "§ 9 Samverkan kring räddningstjänst",
            "Forumet ger kansliet i uppdrag att ta fram ett underlag om fördjupad samverkan kring räddningstjänst, i dialog med Räddningstjänsten Höglandet och Östergötlands kommuner.",
        ),
        (
            "§ 10 Rapporter",
            "Rapporter lämnas från styrgruppen för e-hälsa, från länsstyrelsens krisberedskapsråd samt från nätverket för näringslivsfrågor. Rapporterna läggs till handlingarna.",
        ),
        (
            "§ 11 Övriga frågor",
            "Information om samverkan med Region Östergötland. Frågan om gemensam upphandling av lärplattformar återkommer till nästa möte – se även bilaga 2.",
        ),
    ];
    for (heading, text) in items {
        blocks.push(Block::Heading { level: 2, text: heading.into() });
        blocks.push(Block::Paragraph(text.into()));
        if heading.starts_with("§ 6") {
            blocks.push(Block::List(vec![
                "Gemensam kompetensförsörjning inom vård och omsorg".into(),
                "Informationssäkerhet och IT-beredskap för små kommuner".into(),
                "Samordnad översiktsplanering längs länsgränsen mot Östergötland, Kronoberg och Kalmar län".into(),
            ]));
        }
        if heading.starts_with("§ 8") {
            blocks.push(Block::Field { label: "Beslut".into(), value: "Mötesplanen fastställs.".into() });
        }
    }
    let municipalities = [
        "Aneby kommun",
        "Eksjö kommun",
        "Gislaveds kommun",
        "Gnosjö kommun",
        "Habo kommun",
        "Jönköpings kommun",
        "Mullsjö kommun",
        "Nässjö kommun",
        "Sävsjö kommun",
        "Tranås kommun",
        "Vaggeryds kommun",
        "Vetlanda kommun",
        "Värnamo kommun",
    ];
    let names = ["Åsa Lindqvist", "Björn Ekström", "Märta Öhman", "Jörgen Åkesson", "Lena Sjöberg"];
    let roles = ["Ordförande", "Ledamot", "Ersättare", "Ledamot", "Tjänsteperson"];
    let rows: Vec<Vec<String>> = (0..65)
        .map(|i| {
            vec![
                format!("{} {}", names[i % names.len()], i + 1),
                municipalities[i % municipalities.len()].to_string(),
                roles[i % roles.len()].to_string(),
                if i % 7 == 3 { "§§ 1–6".to_string() } else { "Hela mötet".to_string() },
            ]
        })
        .collect();
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading { level: 2, text: "Bilaga 1 Närvarolista".into() });
    blocks.push(Block::Table {
        caption: Some("Närvarande ledamöter, ersättare och tjänstepersoner".into()),
        header: vec!["Namn".into(), "Organisation".into(), "Roll".into(), "Närvaro".into()],
        rows,
        widths: vec![3.0, 3.0, 2.0, 1.6],
    });
    blocks.push(Block::Heading { level: 2, text: "Underskrifter".into() });
    blocks.push(Block::Signatures(vec![
        Signature {
            role: "Ordförande".into(),
            name: "Åsa Lindqvist".into(),
            detail: "Justerat digitalt 2024-10-18 14:02, SHA-256 3f2a9c1e…".into(),
        },
        Signature {
            role: "Justerare".into(),
            name: "Anna-Karin Öberg".into(),
            detail: "Justerat digitalt 2024-10-18 15:40, SHA-256 3f2a9c1e…".into(),
        },
        Signature { role: "Sekreterare".into(), name: "Jörgen Åkesson".into(), detail: "Protokollförare".into() },
    ]));
    Document {
        title: "Protokoll Kommunalt forum 2024-10-11".into(),
        lang: "sv-SE".into(),
        author: Some("Kommunalt forum i Jönköpings län".into()),
        subject: Some("Protokoll från sammanträde".into()),
        header: Some("PROTOKOLL · Kommunalt forum · 2024-10-11".into()),
        footer_page_label: "Sida {page} av {pages}".into(),
        blocks,
    }
}

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
