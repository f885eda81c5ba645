//! The demo's survey (issue 14, seed `004_…`): Region Östergötland's survey of its
//! municipalities before a new RUS — the municipality's strengths, its larger ongoing work,
//! central challenges, need of support, how the current strategy reflects its priorities, what
//! to prioritise, the shared 2040 vision, the top three challenges ranked (the seed's three and
//! more), and the matrix of areas × other relevant counties (the seed's eight areas). Sent five
//! weeks before today and open for two more; most municipalities have submitted answers written
//! for the demo (fictional, composed from the phrases below), Linköping's is a draft its people
//! can finish (the demo member belongs to it), two have not begun. The results are published.

use domain::organisations::OrganisationKind;
use domain::surveys::{Answer, Answers, Definition, SurveyInput};
use store::{Actor, Clock, Store, StoreError};
use time::Duration;

/// The seed's eight areas of the matrix.
const AREAS: [&str; 8] = [
    "Arbetsmarknad, näringsliv och kompetensförsörjning",
    "Kollektivtrafik och pendling",
    "Transporter och infrastruktur",
    "Kultur, evenemang och turism",
    "Gymnasie- och vuxenutbildning",
    "Lärosäten",
    "Beredskap och totalförsvar",
    "Främjande och förebyggande arbete för barn och unga",
];

/// Östergötland's neighbouring counties, the matrix's columns.
const COUNTIES: [&str; 5] = ["Jönköpings län", "Kalmar län", "Södermanlands län", "Örebro län", "Stockholms län"];

/// The ranking's options: the seed's three challenges first.
const CHALLENGES: [&str; 7] = [
    "Demografisk utveckling med åldrande befolkning och hög försörjningskvot",
    "Lågt intresse för utbildning",
    "Kompetensförsörjning",
    "Digitalisering",
    "Klimatomställning",
    "Bostadsförsörjning",
    "Psykisk ohälsa bland unga",
];

const SUPPORT: [&str; 6] = [
    "Analys och statistik",
    "Processtöd och metoder",
    "Kompetensutveckling",
    "Finansiering och projektmedel",
    "Samordning med andra kommuner",
    "Påverkan nationellt och inom EU",
];

const REFLECTS: [&str; 3] = ["Ja, i hög grad", "Delvis", "Nej, i låg grad"];

// Phrases of the demo's answers, written for it; each municipality gets two of each.
const STRENGTHS: [&str; 8] = [
    "Ett starkt lokalt näringsliv med många små företag och en hög grad av entreprenörskap.",
    "Närhet till natur, sjöar och friluftsliv som lockar både invånare och besökare.",
    "Ett aktivt föreningsliv och en stark ideell sektor som bär mycket av fritiden.",
    "Goda kommunikationer med tåg och buss mot Linköping och Norrköping.",
    "Landsbygden och de mindre orterna är levande, med egen service och skola.",
    "Ett nära samarbete mellan kommun, näringsliv och skola kring kompetensförsörjning.",
    "Tillgång till mark för bostäder och etableringar.",
    "Kulturarv och besöksmål som stärker kommunens identitet.",
];
const ONGOING: [&str; 6] = [
    "Utbyggnad av bredband på landsbygden och digitalisering av kommunens service.",
    "Ny översiktsplan med fokus på bostäder i centralorten och de mindre orterna.",
    "Satsning på vuxenutbildning i samverkan med arbetsförmedlingen och näringslivet.",
    "Omställning av äldreomsorgen med välfärdsteknik.",
    "Utveckling av besöksnäringen kring sjöar, leder och kulturarv.",
    "Arbete med trygghet och förebyggande insatser för barn och unga.",
];
const CHALLENGES_TEXT: [&str; 6] = [
    "En åldrande befolkning och hög försörjningskvot gör det svårt att klara välfärden.",
    "Kompetensförsörjningen är svår, särskilt inom vård, skola och teknikyrken.",
    "Lågt intresse för utbildning bland unga och många som inte fullföljer gymnasiet.",
    "Bostadsbristen hindrar både inflyttning och rekrytering.",
    "Kollektivtrafiken på landsbygden räcker inte för att pendla till arbete och studier.",
    "Psykisk ohälsa bland unga ökar och kräver samverkan med regionen.",
];
const PRIORITIES: [&str; 6] = [
    "Balans mellan stad, centralorter, mindre samhällen och landsbygd behöver stärkas i ny RUS.",
    "Kompetensförsörjning och utbildning bör vara det första målet.",
    "Helheten där offentlig sektors service ger stabila förutsättningar för näringslivet.",
    "Kollektivtrafik och infrastruktur som knyter ihop länet.",
    "Barn och ungas uppväxtvillkor och psykiska hälsa.",
    "Klimatomställning som också ger nya jobb i länet.",
];
const VISION: [&str; 5] = [
    "RUS måste vara ett inspirerande och vägledande dokument där vi har en gemensam riktning, medan kommunerna behåller sitt självbestämmande och mandat.",
    "Strategins roll är att skapa en arena för diskussioner om hur vi bäst kan dra åt samma håll för en bra helhet.",
    "Långsiktigt, stolt, landsbygdsbejakande.",
    "Målbilden nås genom att alla gör sin del: kommunerna, regionen, länsstyrelsen och näringslivet.",
    "Regelbundna dialoger mellan regionen och varje kommun, inte bara vid revideringen.",
];

fn text(key: &str, q: &str, required: bool) -> serde_json::Value {
    serde_json::json!({"key": key, "text": q, "kind": "text", "required": required})
}

/// Seed 004's survey as a definition.
pub fn definition() -> Definition {
    let def = serde_json::json!({"sections": [
        {"title": "Kommunen i dag", "questions": [
            text("styrkor", "Kommunens styrkor", true),
            text("pagaende", "Kommunens större pågående arbeten och satsningar", false),
            text("utmaningar-i-dag", "Centrala samhällsutmaningar", false),
            {"key": "stod", "text": "Kommunens behov av stöd", "kind": "multiple", "options": SUPPORT,
             "help": "Välj alla som stämmer."}
        ]},
        {"title": "Nuvarande utvecklingsstrategi", "questions": [
            {"key": "speglar", "text": "Hur väl speglar nuvarande utvecklingsstrategi kommunens prioriteringar?",
             "kind": "single", "options": REFLECTS, "required": true},
            {"key": "saknas", "text": "Vad saknas i nuvarande strategi?", "kind": "text", "required": true,
             "condition": {"question": "speglar", "option": "Nej, i låg grad"}},
            {"key": "anvands", "text": "I vilken grad används strategin i kommunens egen planering?", "kind": "scale",
             "min": 1, "max": 5, "min_label": "Inte alls", "max_label": "I mycket hög grad"}
        ]},
        {"title": "Inför ny RUS", "questions": [
            text("prioritera", "Vad bör prioriteras inför framtiden?", false),
            text("malbild", "Hur når vi en gemensam målbild för länet för 2040?", false),
            {"key": "topp-tre", "text": "Rangordna de tre största samhällsutmaningarna", "kind": "ranking",
             "options": CHALLENGES, "top": 3, "required": true},
            {"key": "andra-lan", "text": "Finns det andra län som är relevanta för er kommun inom respektive område?",
             "kind": "matrix", "rows": AREAS, "columns": COUNTIES, "multiple": true}
        ]}
    ]});
    serde_json::from_value(def).expect("the demo survey is valid")
}

fn s(x: &str) -> String {
    x.to_string()
}

/// The demo's answer of the `i`:th municipality, composed from the phrases.
fn answers(i: usize) -> Answers {
    let two = |list: &[&str], a: usize| format!("{} {}", list[a % list.len()], list[(a + 3) % list.len()]);
    let mut a = Answers::new();
    a.insert(s("styrkor"), Answer::Text(two(&STRENGTHS, i)));
    a.insert(s("pagaende"), Answer::Text(two(&ONGOING, i + 1)));
    a.insert(s("utmaningar-i-dag"), Answer::Text(two(&CHALLENGES_TEXT, i)));
    let support: Vec<String> =
        SUPPORT.iter().enumerate().filter(|(k, _)| !(k + i).is_multiple_of(3)).map(|(_, o)| s(o)).collect();
    a.insert(s("stod"), Answer::List(support));
    let reflects = REFLECTS[[1, 0, 1, 2, 1, 0, 1, 1, 2, 0][i % 10]];
    a.insert(s("speglar"), Answer::Text(s(reflects)));
    if reflects == REFLECTS[2] {
        a.insert(
            s("saknas"),
            Answer::Text(s("Landsbygdens förutsättningar och de mindre kommunernas roll syns för lite.")),
        );
    }
    a.insert(s("anvands"), Answer::Scale([3, 4, 2, 3, 5, 3, 2, 4, 3, 1][i % 10]));
    a.insert(s("prioritera"), Answer::Text(two(&PRIORITIES, i)));
    a.insert(s("malbild"), Answer::Text(s(VISION[i % VISION.len()])));
    let orders = [[0, 2, 1], [2, 0, 3], [0, 1, 2], [2, 5, 0], [0, 2, 6], [1, 2, 0], [2, 0, 4], [0, 3, 2]];
    a.insert(s("topp-tre"), Answer::List(orders[i % orders.len()].iter().map(|k| s(CHALLENGES[*k])).collect()));
    let mut m = std::collections::BTreeMap::new();
    for (r, area) in AREAS.iter().enumerate() {
        let cols: Vec<String> =
            COUNTIES.iter().enumerate().filter(|(c, _)| (r * 7 + c * 3 + i) % 5 < 2).map(|(_, c)| s(c)).collect();
        if !cols.is_empty() {
            m.insert(s(area), cols);
        }
    }
    a.insert(s("andra-lan"), Answer::Matrix(m));
    a
}

/// Loads the survey. Returns its id.
pub(super) async fn load(store: &Store, actor: &Actor) -> Result<i64, StoreError> {
    let today = store.today();
    let sent = store.clone().with_clock(Clock::starting_on(today - Duration::days(35)));
    let input = SurveyInput::parse(
        "Enkät inför arbete med ny RUS",
        "Inför arbetet med en ny regional utvecklingsstrategi vill Region Östergötland veta hur varje kommun ser på sina styrkor, utmaningar och behov, och hur nuvarande strategi speglar kommunens prioriteringar. Kommunen lämnar ett gemensamt svar.",
        "organisations",
        &(today + Duration::days(14)).to_string(),
        sent.today(),
    )?;
    let id = sent.create_survey(&input, actor, None).await?;
    sent.set_survey_definition(id, &definition(), None, actor).await?;
    let municipalities = sent.organisations_of_kind_in_county(OrganisationKind::Municipality, "05").await?;
    sent.add_survey_recipients(id, &municipalities, actor).await?;
    sent.send_survey(id, actor).await?;
    let linkoping = store.organisation_by_code(OrganisationKind::Municipality, "0580").await?.map(|o| o.id);
    let def = definition();
    for (i, org) in municipalities.iter().enumerate() {
        // Two have not begun.
        if i % 6 == 5 {
            continue;
        }
        let day = store.clone().with_clock(Clock::starting_on(today - Duration::days(30 - (i as i64) * 2)));
        let who = Actor::system(&format!("kommunledningskontoret (demo {})", org.0));
        let kept = domain::surveys::check(&def, answers(i), domain::surveys::Mode::Submit)?;
        let submit = Some(*org) != linkoping;
        day.save_survey_response(id, org.0, &kept, 0, submit, &who).await?;
    }
    store.publish_survey_results(id, true, actor).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_survey_and_every_demo_answer_are_valid() {
        let d = definition();
        d.check().unwrap();
        assert_eq!(d.question_count(), 11);
        for i in 0..13 {
            domain::surveys::check(&d, answers(i), domain::surveys::Mode::Submit).unwrap();
        }
    }
}
