//! The demo's referrals (issue 12). Region Kalmar län's review of its RUS (seed `002_…`: "Januari
//! – mars: Remisstid", "April – juni: Samrådsredogörelse"): the RUS 2019–2030 with its four
//! priority areas as sections, on referral 2022-01-15 to 2022-03-31 to the county's
//! municipalities, Länsstyrelsen i Kalmar län, Linnéuniversitetet and business and civil-society
//! organisations, with about 25 answers and about 100 comments written for the demo (fictional
//! people) and a published consultation report; written on the store's clock set to those days.
//! And Region Östergötland's RUS case on referral from two weeks before today, open for answers.

use domain::cases::{CaseInput, Prefix};
use domain::ids::{AnswerId, CaseId, CommentId, ConsulteeId, ReferralId, UserId};
use domain::organisations::OrganisationKind;
use domain::referrals::{
    AnswerInput, CommentInput, ModerationInput, Obligation, OpenAnswerInput, Position, ReferralFields, ReferralInput,
    ResponseInput, Verdict, from_markdown,
};
use store::referrals::{ConsulteeTarget, NewPublicAnswer};
use store::{Actor, Clock, Store, StoreError};
use time::macros::date;
use time::{Date, Duration};

use crate::county::org_input;

const INVITATIONS: &str = "referral.invitations";
const RECEIPT: &str = "referral.receipt";
const MODERATION: &str = "referral.moderation";
const PUBLISHED: &str = "referral.report_published";

/// Seed 002's four priority areas, as the sections of the referral version.
pub const KALMAR_RUS: &str = "# Delaktighet, hälsa och välbefinnande\n\
Alla i Kalmar län ska ha möjlighet att delta i samhällslivet och ha goda förutsättningar för en god hälsa.\n\
# God miljö för barn och unga\nBarn och unga ska växa upp i trygga miljöer med goda förutsättningar för lärande.\n\
# Hållbar samhällsplanering\nLänet planeras för hållbara transporter, bostäder och en levande landsbygd.\n\
# Stärkt konkurrenskraft\nNäringslivet i länet ska vara innovativt, hållbart och växande.";

/// Organisations of Kalmar län that the referral asks beside the municipalities and the
/// county administrative board.
const KALMAR_ACTORS: &[(&str, OrganisationKind, Obligation)] = &[
    ("Linnéuniversitetet", OrganisationKind::University, Obligation::Invited),
    ("Almi Företagspartner Kalmar län", OrganisationKind::BusinessOrganisation, Obligation::Invited),
    ("Företagarna Kalmar län", OrganisationKind::BusinessOrganisation, Obligation::Invited),
    ("Coompanion Kalmar län", OrganisationKind::CivilSocietyOrganisation, Obligation::Invited),
    ("Hela Sverige ska leva Kalmar län", OrganisationKind::CivilSocietyOrganisation, Obligation::Invited),
];

/// What answers say, per section (none: the whole document), for the demo.
const COMMENTS: &[(Option<i64>, &str)] = &[
    (Some(1), "Folkhälsoperspektivet behöver konkretiseras med mätbara mål för psykisk hälsa."),
    (Some(1), "Delaktighet för äldre på landsbygden bör lyftas särskilt, inte minst digital delaktighet."),
    (Some(1), "Kulturens betydelse för hälsa och välbefinnande saknas i avsnittet."),
    (
        Some(2),
        "Skolresultaten skiljer sig mycket mellan länets kommuner; strategin bör säga hur skillnaderna ska minska.",
    ),
    (Some(2), "Fritidsverksamhet och idrott för barn och unga bör nämnas som en del av en god miljö."),
    (Some(2), "Ungas inflytande bör stärkas, till exempel genom ett regionalt ungdomsråd."),
    (Some(3), "Kollektivtrafiken mellan länets mindre orter behöver ges större vikt."),
    (Some(3), "Bostadsbyggande i hela länet, även utanför centralorterna, bör vara ett uttalat mål."),
    (Some(3), "Klimatanpassning och översvämningsrisker längs kusten behöver beaktas i planeringen."),
    (Some(3), "Bredbandsutbyggnaden på landsbygden bör få ett eget mål med tidsplan."),
    (Some(4), "Kompetensförsörjningen är näringslivets största utmaning och bör få ett eget delmål."),
    (Some(4), "Besöksnäringens betydelse för länet bör lyftas tydligare."),
    (Some(4), "Kopplingen till den regionala innovationsstrategin behöver förtydligas."),
    (Some(4), "Livsmedelsproduktionen och de gröna näringarna bör nämnas som styrkor."),
    (None, "Kopplingen till Agenda 2030 och de globala målen bör göras tydligare i hela strategin."),
    (None, "Indikatorerna för uppföljning bör redovisas i en bilaga med utgångsvärden."),
    (None, "Strategin är välskriven men lång; en kortversion skulle underlätta förankringen."),
];

/// The drafter's responses, by verdict, with their reasons (none for an accommodated comment).
const RESPONSES: &[(Verdict, &str)] = &[
    (Verdict::Accommodated, ""),
    (Verdict::PartlyAccommodated, "Skrivningen är förtydligad; konkreta mål hör till handlingsplanerna."),
    (Verdict::NotAccommodated, "Frågan hanteras i den regionala transportplanen och inte i strategin."),
    (Verdict::Noted, "Synpunkten tas med i arbetet med handlingsplanerna 2023–2025."),
    (Verdict::Accommodated, ""),
];

/// Private persons answering through the open form (fictional).
const CITIZENS: &[(&str, &str)] = &[
    ("Maja Lindqvist", "Bussarna mellan Mörbylånga och Kalmar går för sällan. Nå mig på maja.lindqvist@example.se."),
    ("Erik Nyström", "Som småföretagare på Öland saknar jag stöd för kompetensutveckling."),
    ("Sara Holm", "Skolorna på landsbygden måste finnas kvar. Ring mig gärna på 070-123 45 67."),
    ("Johan Berggren", "Cykelvägar mellan orterna borde prioriteras."),
    ("Lena Ek", "Kulturen på landsbygden behöver mer stöd."),
    ("Ahmed Yusuf", "Fler praktikplatser för unga nyanlända behövs i länet."),
    ("Karin Åberg", "Vården i norra länet måste bli mer tillgänglig."),
];

fn on(store: &Store, day: Date) -> Store {
    store.clone().with_clock(Clock::starting_on(day))
}

/// Loads both referrals; `registrar` drafts them (it keeps Kalmar's registry too). Returns the
/// organisations it created.
pub(super) async fn load(store: &Store, registrar: UserId, actor: &Actor) -> Result<usize, StoreError> {
    kalmar(store, registrar, actor).await?;
    ostergotland(store, actor).await?;
    Ok(KALMAR_ACTORS.len())
}

async fn kalmar(store: &Store, registrar: UserId, actor: &Actor) -> Result<(), StoreError> {
    let region = store.organisation_by_code(OrganisationKind::Region, "08").await?.ok_or(StoreError::NotFound)?.id;
    store.set_case_series(region, &Prefix::parse("prefix", "RKL").map_err(domain::Invalid::one)?, actor).await?;
    store.grant_registrar(region, registrar, actor).await?;
    let mut actors = Vec::new();
    for (name, kind, obligation) in KALMAR_ACTORS {
        let id = store.create_organisation(&org_input(name, *kind, None, Some("08"), None), actor, None).await?;
        actors.push((id, *obligation));
    }
    // December 2021: "Beslut remissversion"; the case and the referral are drafted.
    let dec = on(store, date!(2021 - 12 - 10));
    let title = "Översyn av regional utvecklingsstrategi för Kalmar län 2019–2030";
    let input = CaseInput::parse(&region.to_string(), title, title, "Processledare RUS", "")?;
    let case = dec.register_case(&input, actor, None).await?;
    let fields = ReferralFields {
        title: "Regional utvecklingsstrategi för Kalmar län 2019–2030, remissversion",
        document_version: "Remissversion december 2021",
        sent_on: "2022-01-15",
        deadline: "2022-03-31",
        late_answers: "accepted",
        open_to_public: true,
        missiv: "Region Kalmar län ser över den regionala utvecklingsstrategin tillsammans med länets aktörer. Vi välkomnar synpunkter på remissversionen, avsnitt för avsnitt.",
    };
    let r = dec.create_referral(case, &ReferralInput::parse(fields, dec.today())?, actor, None).await?;
    dec.set_referral_sections(r, 1, &from_markdown(KALMAR_RUS)?, actor).await?;
    dec.add_referral_question(r, None, "Hur kan strategin tydligare kopplas till Agenda 2030?", actor).await?;
    dec.add_referral_question(r, Some(4), "Vilka insatser stärker länets konkurrenskraft mest?", actor).await?;
    let municipalities = dec.organisations_of_kind_in_county(OrganisationKind::Municipality, "08").await?;
    let boards = dec.organisations_of_kind_in_county(OrganisationKind::CountyAdministrativeBoard, "08").await?;
    let obliged: Vec<_> = municipalities.iter().chain(&boards).map(|o| ConsulteeTarget::Organisation(*o)).collect();
    dec.add_consultees(r, &obliged, Obligation::Obliged, INVITATIONS, actor).await?;
    for (id, obligation) in &actors {
        dec.add_consultees(r, &[ConsulteeTarget::Organisation(*id)], *obligation, INVITATIONS, actor).await?;
    }
    on(store, date!(2022 - 01 - 15)).publish_referral(r, INVITATIONS, actor).await?;
    answer_all(store, r, actor).await?;
    report(store, r, case, actor).await
}

/// Every consultee but the last answers between February and the deadline (one a few days
/// late), and the private persons through the open form.
async fn answer_all(store: &Store, r: ReferralId, actor: &Actor) -> Result<(), StoreError> {
    let consultees = store.referral_consultees(r).await?;
    let n = consultees.len();
    let mut c = 0usize;
    for (i, k) in consultees.iter().take(n - 1).enumerate() {
        let day = if i == n - 2 {
            date!(2022 - 04 - 05)
        } else {
            date!(2022 - 02 - 01) + Duration::days((i as i64 * 3) % 58)
        };
        let s = on(store, day);
        let position =
            [Position::SupportsWithChanges, Position::Supports, Position::SupportsWithChanges, Position::Opposes]
                [i % 4];
        let number = format!("KS 2022/{:04}", 30 + i);
        let input =
            AnswerInput::parse(position.as_str(), &number, "Synpunkterna nedan lämnas på organisationens vägnar.", "")?;
        let a = s.save_answer(ConsulteeId(k.id), &input, &[], actor).await?;
        for _ in 0..(4 + i % 2) {
            let (section, text) = COMMENTS[c % COMMENTS.len()];
            c += 1;
            let comment = CommentInput::parse(&section.map(|x| x.to_string()).unwrap_or_default(), text, 4)?;
            s.add_answer_comment(a, &comment, actor).await?;
        }
        s.submit_answer(a, RECEIPT, actor).await?;
    }
    for (i, (name, text)) in CITIZENS.iter().enumerate() {
        let s = on(store, date!(2022 - 03 - 01) + Duration::days(i as i64 * 3));
        let (section, other) = COMMENTS[(c + i) % COMMENTS.len()];
        let comments = vec![
            CommentInput::parse("", text, 4)?,
            CommentInput::parse(&section.map(|x| x.to_string()).unwrap_or_default(), other, 4)?,
        ];
        let input = OpenAnswerInput::parse(name, "private_person", "", "", "supports_with_changes", "")?;
        let answer = NewPublicAnswer { input, comments, questions: Vec::new(), address: None, key: None, file: None };
        let a = s.submit_public_answer(r, &answer, RECEIPT, MODERATION, actor).await?;
        s.moderate_answer(r, AnswerId(a.id), &ModerationInput::Publish, actor).await?;
    }
    Ok(())
}

/// April – June 2022: every comment answered, the personal data reviewed, the report published.
async fn report(store: &Store, r: ReferralId, _case: CaseId, actor: &Actor) -> Result<(), StoreError> {
    let s = on(store, date!(2022 - 06 - 15));
    for (i, row) in s.report_rows(r).await?.iter().enumerate() {
        let (verdict, reason) = RESPONSES[i % RESPONSES.len()];
        let input = ResponseInput::parse(verdict.as_str(), reason)?;
        s.respond_to_comment(r, CommentId(row.comment_id), &input, actor).await?;
    }
    s.set_report_changes(r, Some("Avsnitten om hållbar samhällsplanering och stärkt konkurrenskraft har förtydligats, och en bilaga med indikatorer har lagts till."), actor).await?;
    s.review_report(r, &[], actor).await?;
    s.publish_report(r, PUBLISHED, actor).await
}

/// Answers through Östergötland's open form, waiting for the drafter's moderation (fictional
/// respondents): a private person, an association and a company.
/// (name, kind of respondent, organisation, position, section, comment).
type OpenAnswer = (&'static str, &'static str, &'static str, &'static str, Option<i64>, &'static str);
const OPEN_ANSWERS: &[OpenAnswer] = &[
    (
        "Elin Sandberg",
        "private_person",
        "",
        "supports",
        Some(2),
        "Pendeltåget mellan Norrköping och Linköping behöver fler turer tidigt på morgonen.",
    ),
    (
        "Anders Holmgren",
        "association",
        "Kinda hembygdsförening",
        "supports_with_changes",
        Some(2),
        "Livskvalitet på landsbygden bör omfatta föreningslivets lokaler och samlingsplatser.",
    ),
    (
        "Mira Koskinen",
        "company",
        "Vadstena Solkraft AB",
        "supports_with_changes",
        Some(3),
        "Uppföljningen bör redovisa hur många företag som får stöd till omställning varje år.",
    ),
];

/// Region Östergötland's RUS case on referral since two weeks, open for answers from the
/// consultees and from everyone, with open answers waiting in moderation.
async fn ostergotland(store: &Store, actor: &Actor) -> Result<(), StoreError> {
    let ro = store.organisation_by_code(OrganisationKind::Region, "05").await?.ok_or(StoreError::NotFound)?.id;
    let filter = store::cases::CaseFilter { organisation_id: Some(ro), ..Default::default() };
    let case = store.cases(&filter, None, 10).await?.items.into_iter().next().ok_or(StoreError::NotFound)?;
    let sent = store.today() - Duration::days(14);
    let sent_s = sent.to_string();
    let fields = ReferralFields {
        title: "Regional utvecklingsstrategi för Östergötland, remissversion",
        document_version: "Remissversion",
        sent_on: &sent_s,
        deadline: "",
        late_answers: "refused",
        open_to_public: true,
        ..Default::default()
    };
    let s = on(store, sent);
    let r = s.create_referral(case.id, &ReferralInput::parse(fields, sent)?, actor, None).await?;
    let md = "# Vision\nÖstergötland – ett attraktivt och hållbart län.\n# Strategiområden\nKompetens, livskvalitet, näringsliv och infrastruktur.\n# Genomförande och uppföljning\nGemensamt ansvar med kommunerna.";
    s.set_referral_sections(r, 1, &from_markdown(md)?, actor).await?;
    s.add_referral_question(r, None, "Vilka insatser vill er organisation bidra med?", actor).await?;
    let municipalities = s.organisations_of_kind_in_county(OrganisationKind::Municipality, "05").await?;
    let targets: Vec<_> = municipalities.into_iter().map(ConsulteeTarget::Organisation).collect();
    s.add_consultees(r, &targets, Obligation::Obliged, INVITATIONS, actor).await?;
    let universities = s.organisations_of_kind_in_county(OrganisationKind::University, "05").await?;
    let invited: Vec<_> = universities.into_iter().map(ConsulteeTarget::Organisation).collect();
    s.add_consultees(r, &invited, Obligation::Invited, INVITATIONS, actor).await?;
    s.publish_referral(r, INVITATIONS, actor).await?;
    for (i, (name, kind, org, position, section, text)) in OPEN_ANSWERS.iter().enumerate() {
        let s = on(store, sent + Duration::days(3 + 4 * i as i64));
        let input = OpenAnswerInput::parse(name, kind, org, "", position, "")?;
        let section = section.map(|n| n.to_string()).unwrap_or_default();
        let comments = vec![CommentInput::parse(&section, text, 3)?];
        let answer = NewPublicAnswer { input, comments, questions: Vec::new(), address: None, key: None, file: None };
        s.submit_public_answer(r, &answer, RECEIPT, MODERATION, actor).await?;
    }
    Ok(())
}
