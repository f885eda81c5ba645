//! The demo's indicators (issue 13, seed 002: "Vi följer upp läget i länet utifrån de
//! indikatorer"): six of Kolada's KPIs with the real values shipped in `data/kolada/` (Källa:
//! Kolada (RKA), hämtat 2024-08-30 — not current), imported through the same parser and store
//! write as a user's upload, followed for Region Jönköpings län (0006). The targets are the
//! demo's own, not any region's, and their descriptions say so.

use domain::indicators::definition::RawIndicator;
use domain::indicators::import::Expect;
use domain::indicators::read::parse;
use domain::indicators::{Format, IndicatorInput};
use store::{Actor, Store, StoreError};

/// A target: value and year, as typed.
type DemoTarget = Option<(&'static str, &'static str)>;

/// (KPI, title as Kolada's, unit, better direction, target — the demo's own, file).
type Kpi = (&'static str, &'static str, &'static str, &'static str, DemoTarget, &'static str);

const KPIS: [Kpi; 6] = [
    (
        "N01951",
        "Invånare totalt, antal",
        "antal",
        "increase",
        None,
        include_str!("../../../data/kolada/data/N01951.json"),
    ),
    (
        "N00401",
        "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv",
        "ton/inv",
        "decrease",
        Some(("2", "2030")),
        include_str!("../../../data/kolada/data/N00401.json"),
    ),
    (
        "N02267",
        "Sysselsättningsgrad 20-64 år, andel (%)",
        "%",
        "increase",
        Some(("84", "2030")),
        include_str!("../../../data/kolada/data/N02267.json"),
    ),
    (
        "N03920",
        "Arbetslöshet 18-65 år, årsmedelvärde, andel (%) av bef.",
        "%",
        "decrease",
        None,
        include_str!("../../../data/kolada/data/N03920.json"),
    ),
    (
        "N07900",
        "Tillgång till fast bredband om minst 100 Mbit/s, andel (%)",
        "%",
        "increase",
        Some(("98", "2025")),
        include_str!("../../../data/kolada/data/N07900.json"),
    ),
    (
        "N01982",
        "Invånare 25-64 år med eftergymnasial utbildning, andel (%)",
        "%",
        "increase",
        None,
        include_str!("../../../data/kolada/data/N01982.json"),
    ),
];

const SOURCE_NOTE: &str = "Källa: Kolada (RKA), hämtat 2024-08-30. Värdena är inte de senaste.";
const TARGET_NOTE: &str = "Målet är demonstrationens eget exempel, inte Region Jönköpings läns.";

/// Creates the indicators and imports their values; returns how many indicators.
pub async fn load(store: &Store, actor: &Actor) -> Result<usize, StoreError> {
    for (kpi, title, unit, direction, target, file) in KPIS {
        let parsed = parse(Format::Kolada, file, Expect { kolada_kpi: Some(kpi) })
            .map_err(|e| StoreError::Config(format!("data/kolada/data/{kpi}.json: {:?}", e.first())))?;
        // With a target, the baseline is the region's own 2015 value in the file.
        let baseline = target.and_then(|_| {
            parsed.observations.iter().find(|o| {
                o.geography.as_str() == "0006" && o.year == 2015 && o.gender == domain::indicators::Gender::Total
            })
        });
        let description = match target {
            Some(_) => format!("{SOURCE_NOTE} {TARGET_NOTE}"),
            None => SOURCE_NOTE.to_string(),
        };
        let raw = RawIndicator {
            title: title.into(),
            unit: unit.into(),
            description,
            source: "kolada".into(),
            kolada_kpi: kpi.into(),
            direction: direction.into(),
            by_gender: if file.contains("\"gender\": \"K\"") { "true".into() } else { String::new() },
            geography: "0006".into(),
            baseline_year: baseline.and_then(|o| o.value.map(|_| o.year.to_string())).unwrap_or_default(),
            baseline_value: baseline.and_then(|o| o.value.map(|v| v.to_string())).unwrap_or_default(),
            target_value: target.map(|t| t.0.to_string()).unwrap_or_default(),
            target_year: target.map(|t| t.1.to_string()).unwrap_or_default(),
            published: "true".into(),
            ..RawIndicator::default()
        };
        let input = IndicatorInput::parse(&raw).map_err(StoreError::Invalid)?;
        let id = store.create_indicator(&input, actor, None).await?;
        store.import_indicator_values(id, Format::Kolada, &format!("{kpi}.json"), &parsed, actor, None).await?;
    }
    Ok(KPIS.len())
}
