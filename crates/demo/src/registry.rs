//! The registry of the demo (issue 11): Region Östergötland keeps its registry here (prefix
//! "RÖ"), with the case of seed `000_…` registered today and its decision documents
//! (tjänsteskrivelse, PM bilaga, the missive to the municipalities) plus a secret letter from a
//! private person, so the public registry shows a secret registration; Region Jönköpings län
//! (prefix "RJL") has taken over RJL 2024/3336 and RJL 2024/3340 of seed `003_…` (§ 3 and § 9 of
//! Kommunalt forum 2024-10-11). The demo's registrar registers for both.

use domain::cases::{CaseInput, CaseNumber, CaseStatus, DocumentFields, DocumentInput, GrantInput, Prefix};
use domain::ids::{BodyId, OrganisationId, UserId};
use domain::organisations::OrganisationKind;
use store::cases::NewDocumentFile;
use store::files::FileStore;
use store::{Actor, Store, StoreError};
use time::Duration;
use time::macros::date;

/// Seed 000's case, as Region Östergötland's registry names it.
pub const RUS_CASE: &str = "Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess";

/// Region Östergötland's RUS case, when the demo registered it.
pub(crate) async fn rus_case(store: &Store) -> Result<Option<domain::cases::Case>, StoreError> {
    let Some(region) = store.organisation_by_code(OrganisationKind::Region, "05").await? else { return Ok(None) };
    let f = store::cases::CaseFilter { organisation_id: Some(region.id), ..Default::default() };
    Ok(store.cases(&f, None, 100).await?.items.into_iter().find(|c| c.public_title == RUS_CASE))
}

/// Seed 003's cases of Kommunalt forum: (number, title, day registered, status).
const FORUM_CASES: [(&str, &str, time::Date, CaseStatus); 2] = [
    ("RJL 2024/3336", "Anmälningsärenden Kommunalt forum 2024", date!(2024 - 01 - 15), CaseStatus::Closed),
    ("RJL 2024/3340", "Sammanträdesdatum 2025 Kommunalt forum", date!(2024 - 01 - 15), CaseStatus::Decided),
];

/// A document of the RUS case: dated `days_ago` before today, with a PDF of `file`'s lines.
struct DemoDocument {
    direction: &'static str,
    days_ago: i64,
    counterpart: &'static str,
    description: &'static str,
    secrecy: &'static str,
    file: Option<(&'static str, &'static [&'static str])>,
}

/// Seed 000's "Beslutsunderlag" (the tjänsteskrivelse and its PM), the missive that sent it to
/// the municipalities, and a private person's letter marked secret under OSL 21 kap. 7 §.
const RUS_DOCUMENTS: [DemoDocument; 4] = [
    DemoDocument {
        direction: "drawn_up",
        days_ago: 21,
        counterpart: "",
        description: "Tjänsteskrivelse Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess",
        secrecy: "",
        file: Some((
            "Tjänsteskrivelse",
            &[
                "Kommunstyrelsen beslutar att aktivt delta i processen för att utarbeta en ny regional utvecklingsstrategi för Östergötland.",
                "Kommunstyrelsen ställer sig bakom den i bilagan föreslagna processen och processorganisationen.",
                "Arbetet ska kontinuerligt återrapporteras till kommunstyrelsens planeringsutskott.",
            ],
        )),
    },
    DemoDocument {
        direction: "drawn_up",
        days_ago: 21,
        counterpart: "",
        description: "Bilaga PM Regional utvecklingsstrategi",
        secrecy: "",
        file: Some((
            "PM Regional utvecklingsstrategi",
            &[
                "Dialog om utgångspunkter",
                "Mål och prioriteringar",
                "Remiss och beslut i regionfullmäktige",
                "Genomförande och uppföljning",
            ],
        )),
    },
    DemoDocument {
        direction: "outgoing",
        days_ago: 14,
        counterpart: "Länets kommuner",
        description: "Missiv: förslag till beslut om gemensam RUS-process",
        secrecy: "",
        file: None,
    },
    DemoDocument {
        direction: "incoming",
        days_ago: 3,
        counterpart: "Privatperson",
        description: "Synpunkter på processplanen med uppgifter om enskilds personliga förhållanden",
        secrecy: "21 kap. 7 §",
        file: None,
    },
];

/// The demo account granted reading of the RUS case's secret letter.
pub const GRANTEE: &str = "sekreterare@demo.samverkan.se";

fn pdf_of(title: &str, lines: &[&str]) -> Vec<u8> {
    pdf::render(&pdf::Document {
        title: title.into(),
        lang: "sv-SE".into(),
        author: Some("Region Östergötland".into()),
        subject: Some(RUS_CASE.into()),
        header: Some("Region Östergötland".into()),
        footer_page_label: "Sida {page} av {pages}".into(),
        logo: None,
        blocks: vec![
            pdf::Block::Heading { level: 1, text: title.into() },
            pdf::Block::List(lines.iter().map(|l| l.to_string()).collect()),
        ],
    })
}

async fn region(store: &Store, code: &str) -> Result<OrganisationId, StoreError> {
    Ok(store.organisation_by_code(OrganisationKind::Region, code).await?.ok_or(StoreError::NotFound)?.id)
}

/// Loads the registry of the demo; `forum` is Kommunalt forum, `registrar` the demo registrar.
pub(super) async fn load(
    store: &Store,
    files: &dyn FileStore,
    forum: BodyId,
    registrar: UserId,
    actor: &Actor,
) -> Result<usize, StoreError> {
    let (ro, rjl) = (region(store, "05").await?, region(store, "06").await?);
    for (org, prefix) in [(ro, "RÖ"), (rjl, "RJL")] {
        let prefix = Prefix::parse("prefix", prefix).map_err(domain::Invalid::one)?;
        store.set_case_series(org, &prefix, actor).await?;
        store.grant_registrar(org, registrar, actor).await?;
    }
    for (number, title, opened, status) in FORUM_CASES {
        let input = CaseInput::parse(&rjl.to_string(), title, title, "", &forum.to_string())?;
        let number: CaseNumber = number.parse().map_err(domain::Invalid::one)?;
        store.import_case(&input, &number, opened, status, actor).await?;
    }

    let management = store
        .all_bodies()
        .await?
        .into_iter()
        .find(|b| b.name == "Ledningsgruppen för strategiska frågor")
        .map(|b| b.id.to_string())
        .unwrap_or_default();
    let input = CaseInput::parse(
        &ro.to_string(),
        "RUS – processplan och kommunernas roll",
        RUS_CASE,
        "Regional utvecklingsdirektör",
        &management,
    )?;
    let case = store.register_case(&input, actor, None).await?;
    store.change_case_status(case, CaseStatus::InPreparation, actor).await?;
    let today = store.today();
    for doc in &RUS_DOCUMENTS {
        let date = (today - Duration::days(doc.days_ago)).to_string();
        let fields = DocumentFields {
            direction: doc.direction,
            document_date: &date,
            counterpart: doc.counterpart,
            description: doc.description,
            secrecy_provision: doc.secrecy,
            secrecy_until: "",
        };
        let input = DocumentInput::parse(fields, today)?;
        let mut stored = Vec::new();
        if let Some((title, lines)) = doc.file {
            let bytes = pdf_of(title, lines);
            let sha256 =
                files.put(&bytes).map_err(|e| StoreError::Config(format!("cannot store a demo document: {e}")))?;
            let file_name = format!("{}.pdf", title.replace(' ', "-"));
            stored.push(NewDocumentFile {
                file_name,
                sha256,
                size: bytes.len() as i64,
                mime: "application/pdf".into(),
            });
        }
        let id = store.register_document(case, &input, &stored, actor, None).await?;
        if !doc.secrecy.is_empty() {
            // The secretary of the management group prepares the case and may read the letter
            // (OSL 10 kap. 14 §: a named person's reading, with its reason and last day).
            let until = (today + Duration::days(90)).to_string();
            let reason = "Beredning av ärendet i Ledningsgruppen för strategiska frågor";
            let grant = GrantInput::parse(GRANTEE, &id.0.to_string(), reason, &until, today)?;
            store.grant_secrecy(case, &grant, actor, None).await?;
        }
    }
    Ok(FORUM_CASES.len() + 1)
}
