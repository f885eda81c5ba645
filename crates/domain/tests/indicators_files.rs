//! The importers on the real files of the shared reference data: Kolada's values shipped in
//! `data/kolada/` (Källa: Kolada (RKA), hämtat 2024-08-30) and SCB's JSON-stat responses in
//! `tests/fixtures/scb/` (attribution in its README).

use domain::indicators::import::Expect;
use domain::indicators::read::parse;
use domain::indicators::{Direction, Format, Gender, Point, Progress, status};

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn kolada_population_n01951_reads_all_3654_values() {
    // data README: N01951, 1 218 rows, 3 654 values, 42 entities, 1994–2022, T K M.
    let p = parse(Format::Kolada, &read("../../data/kolada/data/N01951.json"), Expect { kolada_kpi: Some("N01951") })
        .unwrap();
    assert_eq!(p.observations.len(), 3654);
    assert_eq!(p.next_page, None);
    let jkpg_2022 = p
        .observations
        .iter()
        .find(|o| o.geography.as_str() == "0680" && o.year == 2022 && o.gender == Gender::Total)
        .unwrap();
    assert_eq!(jkpg_2022.value, Some(145114.0));
}

#[test]
fn kolada_greenhouse_gases_n00401_keeps_the_336_nulls_as_missing() {
    let p = parse(Format::Kolada, &read("../../data/kolada/data/N00401.json"), Expect { kolada_kpi: Some("N00401") })
        .unwrap();
    assert_eq!(p.observations.len(), 798);
    assert_eq!(p.observations.iter().filter(|o| o.value.is_none()).count(), 336);
}

#[test]
fn a_kolada_file_of_another_kpi_is_refused_row_by_row() {
    let e = parse(Format::Kolada, &read("../../data/kolada/data/N02267.json"), Expect { kolada_kpi: Some("N01951") })
        .unwrap_err();
    assert_eq!(e.len(), 126, "one error per row of the 126");
    assert!(e.iter().all(|(n, f)| *n >= 1 && f.field == "kpi"));
}

#[test]
fn scb_tab638_is_one_national_cell() {
    let p = parse(Format::Scb, &read("tests/fixtures/scb/TAB638_data_00_OG_0_1_BE0101N1_2024.json"), Expect::default())
        .unwrap();
    assert_eq!(p.observations.len(), 1);
    let o = &p.observations[0];
    assert_eq!((o.geography.as_str(), o.year, o.gender, o.value), ("0000", 2024, Gender::Men, Some(50937.0)));
}

#[test]
fn scb_tab5974_without_a_region_is_national_by_gender() {
    let p = parse(Format::Scb, &read("tests/fixtures/scb/TAB5974_data_83_0_1-2_000005NO_2026.json"), Expect::default())
        .unwrap();
    let got: Vec<(Gender, Option<f64>)> = p.observations.iter().map(|o| (o.gender, o.value)).collect();
    assert_eq!(got, vec![(Gender::Men, Some(50080.0)), (Gender::Women, Some(47361.0))]);
    assert!(p.observations.iter().all(|o| o.geography.as_str() == "0000" && o.year == 2026));
}

#[test]
fn the_status_of_a_real_series_jonkopings_lan_greenhouse_gases() {
    // N00401 for Region Jönköping (0006), T, missing years left out; a decrease is better.
    let p = parse(Format::Kolada, &read("../../data/kolada/data/N00401.json"), Expect::default()).unwrap();
    let series: Vec<Point> = p
        .observations
        .iter()
        .filter(|o| o.geography.as_str() == "0006" && o.gender == Gender::Total)
        .filter_map(|o| o.value.map(|value| Point { year: o.year, value }))
        .collect();
    assert!(series.len() >= 10);
    let a = status::assess(&series, Direction::Decrease, Some(2015), None).unwrap();
    assert_eq!(a.base.year, 2015);
    assert_eq!(a.latest.year, 2022);
    // 4.84104622 (2015) → 3.7615341 (2022): −3.54 % a year, a fall faster than 1.5 %: on track.
    assert!((a.observed_rate - (3.7615341f64 / 4.84104622).powf(1.0 / 7.0) + 1.0).abs() < 1e-12);
    assert!((a.observed_rate + 0.0354).abs() < 1e-4);
    assert_eq!(a.progress, Progress::OnTrack);
    // With the demo's target of 2.0 t per inhabitant in 2030 the pace needed is faster:
    // required (2.0 / 4.841)^(1/15) − 1 ≈ −5.72 %, R ≈ 0.62: acceleration needed.
    let t = Some(status::Target { value: 2.0, year: 2030 });
    let a = status::assess(&series, Direction::Decrease, Some(2015), t).unwrap();
    assert_eq!(a.progress, Progress::NeedsAcceleration);
}
