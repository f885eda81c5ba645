//! Meetings of the demo: the meeting of Kommunalt forum on 2024-10-11 (seed 003) taken through
//! the whole workflow — agenda, attendance, the eleven paragraphs, digital adjustment by the
//! chair and two adjusters, the announcement on the notice board — and, for every other body
//! with a meeting plan, its past meetings held with a short protocol, adjusted and announced,
//! except the latest one of a chosen body, which still waits for adjustment.

use std::collections::HashMap;

use domain::ids::{BodyId, MeetingId, PersonId};
use domain::meetings::protocol::{AttendanceRole, Attendee, Named, Paragraph, Protocol};
use domain::meetings::{
    AgendaItemFields, AgendaItemInput, AttendanceInput, ItemKind, MeetingFields, MeetingInput, MeetingStatus,
    ParagraphFields, ParagraphInput,
};
use domain::structure::MembershipRole;
use store::files::FileStore;
use store::meetings::MeetingRecord;
use store::structure::Membership;
use store::{Actor, Store, StoreError};
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

/// The seed meeting.
pub const FORUM_MEETING: Date = date!(2024 - 10 - 11);

/// The agenda of seed 003 from § 3 on: (title, kind, case number, presenters).
const FORUM_AGENDA: [(&str, ItemKind, &str, &str); 9] = [
    ("Anmälningsärenden Kommunalt forum 2024", ItemKind::Reported, "RJL 2024/3336", ""),
    (
        "Information ledningssystem i samverkan och Nära vård",
        ItemKind::Information,
        "",
        "Verksamhetschef Kommunal utveckling",
    ),
    ("Information Småland Blekinge Halland South Sweden (SBHSS)", ItemKind::Information, "", "Ordföranden"),
    (
        "Kompetensförsörjning",
        ItemKind::Information,
        "",
        "Affärsutvecklare, Tranås United\nNäringslivsutvecklare, Näringslivsutveckling i Vetlanda AB",
    ),
    (
        "Dialogmöten och processen med Regional utvecklingsstrategi (RUS)",
        ItemKind::Dialogue,
        "",
        "Regional utvecklingsdirektör",
    ),
    ("Regional plan", ItemKind::Information, "", "Sakkunnig infrastruktur\nRegionutvecklare"),
    ("Sammanträdesdatum 2025 Kommunalt forum", ItemKind::Decision, "RJL 2024/3340", ""),
    (
        "Aktuellt från Primärkommunalt Samverkansorgan (PKS) samt styrelse och nämnder i Region Jönköpings län",
        ItemKind::Information,
        "",
        "",
    ),
    ("Avslutning", ItemKind::Information, "", "Ordföranden"),
];

/// The decisions of § 3–11, with the seed's names replaced by roles (the demo's people are
/// fictional).
const FORUM_DECISIONS: [&str; 9] = [
    "Sammanställning av anmälningsärenden anmäls och läggs till handlingarna.",
    "Verksamhetschefen för Kommunal utveckling informerar och svarar på frågor om:\n\
     • Handlingsplaner för forum inom Gemensamt ledningssystem för samverkan 2022–2024\n\
     • Resurscentrum Heder.\n\nSe bildpresentation, bilaga 2.",
    "Ordföranden informerar om aktuella frågor i styrelsen för Småland Blekinge Halland South Sweden (SBHSS). \
     En dialog förs om viktiga samverkansfrågor för länet. Tre viktiga påverkansområden som lyfts fram för SBHSS \
     är sammanhållningspolitiken, skogen och energin. Samverkan på bred front på olika nivåer är av central \
     betydelse inom offentlig verksamhet, näringsliv, civilsamhälle, forskning och utbildning.\n\n\
     Se bildpresentation, bilaga 3.",
    "Ordföranden inleder med en beskrivning av pågående länsgemensamt arbete med kompetensförsörjning på \
     strategisk nivå.\n\nFöreträdare för Tranås United och Näringslivsutveckling i Vetlanda AB informerar och \
     svarar på frågor om projektet Unga Akademiker. Projektet syftar till att skapa förutsättningar för \
     akademiker att hitta sommarjobb, praktikplats eller examensarbete som matchar deras utbildning i deras \
     hemort. Vidare syftar projektet till att erbjuda ny kompetens till företag samt att öka antalet \
     hemvändare.\n\nSe bildpresentation, bilaga 4.",
    "Den regionala utvecklingsdirektören informerar om några av länets utmaningar, bland annat \
     kompetensförsörjning, energiomställning och ojämlika förutsättningar på grund av geografin. Vidare \
     informeras om processen kring revidering av den regionala utvecklingsstrategin, som genomförs i form av \
     dialogmöten i länets kommuner. Slutligen förs dialog om det presenterade upplägget.\n\n\
     Se bildpresentation, bilaga 5.",
    "Sakkunnig infrastruktur och regionutvecklare informerar och svarar på frågor om processen för regional \
     transportplan. Förberedelserna består bland annat av att besluta om regionala mål och planeringsprinciper \
     samt att samordna den regionala transportplanen med den regionala utvecklingsstrategin och \
     trafikförsörjningsprogrammet.\n\nSe bildpresentation, bilaga 6.",
    "Kommunalt forum fastställer sammanträdestider för år 2025 enligt följande:\n\
     • 7 februari\n• 4 april\n• 9 maj\n• 5 september\n• 3 oktober\n• 12 december.",
    "Företrädare för primärkommunalt samverkansorgan (PKS), regionstyrelsen och regionens nämnder ger aktuell \
     information, bland annat om dialogen med länets kommundirektörer, ett infrastrukturseminarium inom \
     Regionsamverkan Sydsverige, cykelleden kring Vättern och naturbruksgymnasiernas ekonomi.",
    "Ordföranden tackar för dagens sammanträde och önskar samtliga en trevlig helg.",
];

/// Who of the forum's members stayed away (seed 003's attendance list has about a quarter
/// absent): every fourth member, counted in list order.
fn forum_present(i: usize) -> bool {
    i % 4 != 3
}

/// The presentations of seed 003 (bilaga 2–6): (agenda item, title, points). The demo renders
/// each as a small PDF, since the seeds hold only their titles.
const PRESENTATIONS: [(usize, &str, &[&str]); 5] = [
    (1, "Information ledningssystem i samverkan", &["Handlingsplaner för forum 2022–2024", "Resurscentrum Heder"]),
    (2, "Småland Blekinge Halland South Sweden", &["Sammanhållningspolitiken", "Skogen", "Energin"]),
    (3, "Unga Akademiker", &["Sommarjobb, praktik och examensarbete på hemorten", "Fler hemvändare"]),
    (4, "Revidering av den regionala utvecklingsstrategin", &["Länets utmaningar", "Dialogmöten i kommunerna"]),
    (
        5,
        "Regional plan för transportinfrastruktur",
        &["Mål och planeringsprinciper", "Åtgärdsområden och prioriteringar"],
    ),
];

fn presentation(title: &str, points: &[&str]) -> Vec<u8> {
    pdf::render(&pdf::Document {
        title: format!("Bildpresentation: {title}"),
        lang: "sv-SE".into(),
        author: Some("Kommunalt forum".into()),
        subject: Some("Kommunalt forum 2024-10-11".into()),
        header: Some("Kommunalt forum 2024-10-11".into()),
        footer_page_label: "Sida {page} av {pages}".into(),
        logo: None,
        blocks: vec![
            pdf::Block::Heading { level: 1, text: title.into() },
            pdf::Block::List(points.iter().map(|p| p.to_string()).collect()),
        ],
    })
}

/// Takes the seed meeting through the workflow, as its secretary, chair and adjusters would.
pub(super) async fn forum_meeting(
    store: &Store,
    files: &dyn FileStore,
    forum: BodyId,
    actor: &Actor,
) -> Result<MeetingId, StoreError> {
    let members = store.memberships(forum, Some(FORUM_MEETING)).await?;
    let body = store.body(forum).await?.ok_or(StoreError::NotFound)?;
    let chair = members.iter().find(|m| m.role() == MembershipRole::Chair).map(|m| m.person_id);
    let secretary = body.secretary.as_ref().map(|s| s.id.to_string()).unwrap_or_default();
    let m = MeetingInput::parse(&MeetingFields {
        date: "2024-10-11",
        start: "09:00",
        end: "12:00",
        place: "Regionens hus, Jönköping, och digitalt",
        chair: &chair.map(|c| c.to_string()).unwrap_or_default(),
        secretary: &secretary,
        ..Default::default()
    })?;
    let id = store.create_meeting(forum, &m, actor, None).await?;
    // The adjusters: an opposition member of the region and Sävsjö's municipal board chair.
    let region_opposition =
        members.iter().find(|m| m.organisation_kind == "region" && m.side == "opposition" && m.role().is_ordinary());
    let savsjo = members.iter().find(|m| m.organisation_code.as_deref() == Some("0684") && m.role().is_ordinary());
    let adjusters: Vec<PersonId> = region_opposition.into_iter().chain(savsjo).map(|m| PersonId(m.person_id)).collect();
    store.set_adjusters(id, &adjusters, actor).await?;
    for (title, kind, case, presenters) in FORUM_AGENDA {
        let item = AgendaItemInput::parse(&AgendaItemFields {
            title,
            kind: kind.as_str(),
            case_number: case,
            presenters,
            ..Default::default()
        })?;
        store.add_agenda_item(id, &item, actor, None).await?;
    }
    let agenda = store.agenda(id).await?;
    for (item, title, points) in PRESENTATIONS {
        let bytes = presentation(title, points);
        let sha = files.put(&bytes).map_err(|e| StoreError::Config(format!("cannot store a demo attachment: {e}")))?;
        let file_name =
            format!("{}.pdf", domain::meetings::attachment::file_stem("bildpresentation", title, FORUM_MEETING));
        let size = bytes.len() as i64;
        store
            .add_attachment(id, Some(agenda[item].id), title, &file_name, &sha, size, "application/pdf", actor)
            .await?;
    }
    store.set_meeting_status(id, MeetingStatus::NoticeSent, actor).await?;
    store.set_meeting_status(id, MeetingStatus::Held, actor).await?;
    let meeting = store.meeting(id).await?.ok_or(StoreError::NotFound)?;
    let mut lines = store.attendance_from_members(&meeting).await?;
    for (i, l) in lines.iter_mut().enumerate() {
        let person = l.person.map(|p| p.0);
        l.present = forum_present(i) || person == chair || adjusters.iter().any(|a| Some(a.0) == person);
    }
    lines.push(AttendanceInput {
        person: None,
        name: Some("Affärsutvecklare, Tranås United".into()),
        organisation: Some("Tranås United".into()),
        role: AttendanceRole::Guest,
        present: true,
        replaces: None,
        from_paragraph: Some(6),
        to_paragraph: Some(6),
    });
    store.set_attendance(id, &lines, actor).await?;
    store.start_protocol(id, actor).await?;
    let paragraphs = store.paragraphs(id).await?;
    for (p, decision) in paragraphs.iter().skip(2).zip(FORUM_DECISIONS) {
        let nine = p.number == 9;
        let input = ParagraphInput::parse(&ParagraphFields {
            title: &p.title,
            case_number: p.case_number.as_deref().unwrap_or(""),
            decision,
            summary: if nine { "Sammanträdesplan har tagits fram för Kommunalt forum år 2025." } else { "" },
            basis: if nine { "Förslag till sammanträdesdatum år 2025 Kommunalt forum" } else { "" },
            recipients: if nine { "Kommuner i Jönköpings län\nRegionledningskontoret Kansli" } else { "" },
            immediate: false,
        })?;
        store.update_paragraph(id, p.id, &input, &p.attachments, actor).await?;
    }
    store.submit_protocol(id, actor).await?;
    let approvers: Vec<PersonId> = chair.map(PersonId).into_iter().chain(adjusters).collect();
    for (i, p) in approvers.iter().enumerate() {
        let at = datetime!(2024-10-18 08:30 UTC) + Duration::minutes(17 * i as i64);
        store.approve_protocol(id, *p, None, at, actor).await?;
    }
    Ok(id)
}

/// Topics of the demo's past meetings: (title, kind, decision).
const TOPICS: [(&str, ItemKind, &str); 6] = [
    (
        "Aktuellt från regionen och kommunerna",
        ItemKind::Information,
        "Informationen noteras. Företrädare för regionen och kommunerna redogör för aktuella frågor.",
    ),
    (
        "Kompetensförsörjning i länet",
        ItemKind::Dialogue,
        "Dialogen noteras. Gruppen återkommer till frågan vid nästa möte.",
    ),
    (
        "Översyn av den regionala utvecklingsstrategin",
        ItemKind::Information,
        "Informationen noteras. Processledaren redogör för dialogmötena och tidplanen för remissen.",
    ),
    ("Anmälningsärenden", ItemKind::Reported, "Anmälningsärendena läggs till handlingarna."),
    ("Länsplan för regional transportinfrastruktur", ItemKind::Information, "Informationen noteras."),
    (
        "Uppföljning av arbetsplanen",
        ItemKind::Decision,
        "Gruppen godkänner uppföljningen av arbetsplanen och lägger den till handlingarna.",
    ),
];

/// Holds every planned meeting before `today` (in date order) with a short protocol, adjusted
/// five days later (or today, if that is sooner) and announced; the last past meeting of
/// `awaiting` is the one left waiting for adjustment, whatever the date. Returns how many
/// meetings were recorded.
pub(super) async fn history(
    store: &Store,
    today: Date,
    awaiting: Option<BodyId>,
    actor: &Actor,
) -> Result<usize, StoreError> {
    let past: Vec<_> = store
        .meetings_between(date!(2000 - 01 - 01), today.previous_day().unwrap_or(today))
        .await?
        .into_iter()
        .filter(|m| m.status == MeetingStatus::Planned)
        .collect();
    let last_awaiting = awaiting.and_then(|b| past.iter().rfind(|m| m.body_id == b).map(|m| m.id));
    let mut members: HashMap<BodyId, Vec<Membership>> = HashMap::new();
    let mut numbers: HashMap<(BodyId, i32), u32> = HashMap::new();
    let mut recorded = 0;
    for (k, m) in past.iter().enumerate() {
        let all = match members.get(&m.body_id) {
            Some(all) => all,
            None => members.entry(m.body_id).or_insert(store.memberships(m.body_id, None).await?),
        };
        let on_day: Vec<&Membership> = all.iter().filter(|x| x.is_active_at(m.date)).collect();
        let ordinary: Vec<&&Membership> = on_day.iter().filter(|x| x.role().is_ordinary()).collect();
        let named = |x: &Membership| Named {
            person_id: Some(x.person_id),
            name: x.person_name.clone(),
            party: x.party.clone(),
            organisation: Some(x.organisation_name.clone()),
        };
        let chair = on_day.iter().find(|x| x.role() == MembershipRole::Chair).map(|x| named(x));
        let others: Vec<&&&Membership> =
            ordinary.iter().filter(|x| Some(x.person_id) != chair.as_ref().and_then(|c| c.person_id)).collect();
        let adjusters: Vec<Named> = match others.len() {
            0 => vec![],
            n => vec![named(others[k % n])],
        };
        let next = numbers.entry((m.body_id, m.date.year())).or_insert(0);
        let first = *next + 1;
        let topics: Vec<&(&str, ItemKind, &str)> = (0..3).map(|i| &TOPICS[(k + i * 2) % TOPICS.len()]).collect();
        let mut paragraphs = domain::meetings::decisions::opening_paragraphs(first, &adjusters).to_vec();
        for (i, (title, _, decision)) in topics.iter().enumerate() {
            paragraphs.push(Paragraph::new(first + 2 + i as u32, title, None, decision));
        }
        *next = first + 1 + topics.len() as u32;
        let attendance = on_day
            .iter()
            .enumerate()
            .map(|(i, x)| Attendee {
                person: named(x),
                role: match x.role() {
                    MembershipRole::Substitute => AttendanceRole::Substitute,
                    MembershipRole::Secretary => AttendanceRole::Secretary,
                    r if r.is_ordinary() => AttendanceRole::Member,
                    _ => AttendanceRole::Official,
                },
                present: (i + k) % 5 != 4
                    || x.role() == MembershipRole::Chair
                    || adjusters.iter().any(|a| a.person_id == Some(x.person_id)),
                replaces: None,
                from_paragraph: None,
                to_paragraph: None,
            })
            .collect();
        let p = Protocol {
            meeting_id: m.id.0,
            body_id: m.body_id.0,
            body: m.body_name.clone(),
            date: m.date,
            start: Some("13:00".into()),
            end: Some("15:30".into()),
            place: Some("Digitalt via Teams".into()),
            chair,
            secretary: on_day.iter().find(|x| x.role() == MembershipRole::Secretary).map(|x| named(x)),
            adjusters,
            attendance,
            paragraphs,
        };
        let kinds: Vec<ItemKind> = topics.iter().map(|t| t.1).collect();
        let adjusted = (m.date + Duration::days(5)).min(today);
        let adjusted_at: Option<OffsetDateTime> = (Some(m.id) != last_awaiting)
            .then(|| adjusted.with_hms(9, 0, 0).map(|t| t.assume_utc().min(store.now())).ok())
            .flatten();
        store.record_meeting(&MeetingRecord { protocol: &p, kinds: &kinds, adjusted_at }, actor).await?;
        recorded += 1;
    }
    Ok(recorded)
}
