//! The realistic protocol used by the tests and by `examples/protocol.rs`.

use pdf::{Block, Document, Signature};

/// A protocol of a Swedish municipal forum: fields, eleven paragraphs under headings, a list, an
/// attendance table of 65 rows and a signature block.
pub fn protocol() -> Document {
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
        logo: None,
        blocks,
    }
}
