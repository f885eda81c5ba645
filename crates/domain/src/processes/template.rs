//! Process templates from the seeds, and a new process made from one with its dates moved to a
//! chosen start. Each template keeps the seed's own dates (its reference start); moving it keeps
//! every phase's length and every milestone's distance from the start.
//!
//! - `rus`: the four phases of seed 000 with its process organisation.
//! - `review`: Kalmar's review of the RUS in 2021–2022 (seed 002), month by month.
//! - `rtp`: the regional transport plan's process (seed 003, bilaga 6), each milestone with the
//!   forums involved and whether they are informed, in dialogue, anchor or decide.

use serde::Serialize;
use time::{Date, Duration, Month};

use super::milestone::ForumRole::{self, Anchoring, Decision, Dialogue, Information};
use super::process::RoleKind;

#[derive(Debug)]
pub struct Template {
    pub key: &'static str,
    pub title_sv: &'static str,
    pub title_en: &'static str,
    /// The seed's first day: the template's dates are moved by the distance from it.
    pub reference_start: Date,
    pub phases: &'static [TPhase],
    /// Roles held by a body or group of this name, or by the process's owner (`None`).
    pub roles: &'static [(RoleKind, Option<&'static str>)],
}

#[derive(Debug)]
pub struct TPhase {
    pub title: &'static str,
    pub starts_on: Date,
    pub ends_on: Date,
    pub milestones: &'static [TMilestone],
}

#[derive(Debug)]
pub struct TMilestone {
    pub title: &'static str,
    pub on: Date,
    pub forums: &'static [(&'static str, ForumRole)],
}

const fn d(y: i32, m: Month, day: u8) -> Date {
    match Date::from_calendar_date(y, m, day) {
        Ok(d) => d,
        Err(_) => panic!("bad template date"),
    }
}

use Month::*;

const fn m(title: &'static str, on: Date, forums: &'static [(&'static str, ForumRole)]) -> TMilestone {
    TMilestone { title, on, forums }
}

const SAMRAD: &str = "Samrådet för strategiska frågor";
const LEDNING: &str = "Ledningsgruppen för strategiska frågor";

pub static TEMPLATES: [Template; 3] = [
    Template {
        key: "rus",
        title_sv: "Regional utvecklingsstrategi i fyra faser",
        title_en: "Regional development strategy in four phases",
        reference_start: d(2017, September, 1),
        phases: &[
            TPhase {
                title: "Dialog om utgångspunkter för en regional utvecklingsstrategi",
                starts_on: d(2017, September, 1),
                ends_on: d(2018, June, 30),
                milestones: &[
                    m("Processplan beslutad", d(2017, December, 15), &[(SAMRAD, Decision), (LEDNING, Anchoring)]),
                    m("Utgångspunkter sammanställda", d(2018, June, 15), &[(SAMRAD, Dialogue), (LEDNING, Dialogue)]),
                ],
            },
            TPhase {
                title: "Formuleringar av mål och prioriteringar",
                starts_on: d(2018, August, 15),
                ends_on: d(2019, March, 31),
                milestones: &[m(
                    "Mål och prioriteringar förankrade",
                    d(2019, March, 15),
                    &[(SAMRAD, Anchoring), (LEDNING, Dialogue)],
                )],
            },
            TPhase {
                title: "Remisshantering och beslut i regionfullmäktige",
                starts_on: d(2019, April, 1),
                ends_on: d(2019, December, 31),
                milestones: &[
                    m("Remissversion klar", d(2019, June, 14), &[(SAMRAD, Decision), (LEDNING, Information)]),
                    m("Beslut i regionfullmäktige", d(2019, December, 10), &[("Regionfullmäktige", Decision)]),
                ],
            },
            TPhase {
                title: "Genomförande och uppföljning",
                starts_on: d(2020, January, 1),
                ends_on: d(2022, December, 31),
                milestones: &[m("Första uppföljningen", d(2021, June, 15), &[(SAMRAD, Information)])],
            },
        ],
        roles: &[
            (RoleKind::SteeringGroup, Some(SAMRAD)),
            (RoleKind::PreparingGroup, Some(LEDNING)),
            (RoleKind::ProcessLead, None),
        ],
    },
    Template {
        key: "review",
        title_sv: "Översyn av den regionala utvecklingsstrategin",
        title_en: "Review of the regional development strategy",
        reference_start: d(2021, February, 1),
        phases: &[
            TPhase {
                title: "Analys",
                starts_on: d(2021, February, 1),
                ends_on: d(2021, February, 28),
                milestones: &[m("Analysen klar", d(2021, February, 26), &[])],
            },
            TPhase {
                title: "Dialog och förankring",
                starts_on: d(2021, February, 1),
                ends_on: d(2021, April, 30),
                milestones: &[],
            },
            TPhase { title: "Skrivprocess", starts_on: d(2021, May, 3), ends_on: d(2021, June, 30), milestones: &[] },
            TPhase {
                title: "Avstämning i politisk nämnd och styrelse",
                starts_on: d(2021, August, 2),
                ends_on: d(2021, September, 30),
                milestones: &[m("Avstämning i styrelsen", d(2021, September, 28), &[("Regionstyrelsen", Anchoring)])],
            },
            TPhase {
                title: "Skrivprocess",
                starts_on: d(2021, September, 1),
                ends_on: d(2021, October, 31),
                milestones: &[],
            },
            TPhase {
                title: "Beslut remissversion",
                starts_on: d(2021, November, 1),
                ends_on: d(2021, December, 31),
                milestones: &[m("Beslut om remissversion", d(2021, December, 14), &[("Regionstyrelsen", Decision)])],
            },
            TPhase {
                title: "Remisstid",
                starts_on: d(2022, January, 3),
                ends_on: d(2022, March, 31),
                milestones: &[m("Remisstiden slut", d(2022, March, 31), &[])],
            },
            TPhase {
                title: "Samrådsredogörelse, förankring",
                starts_on: d(2022, April, 1),
                ends_on: d(2022, June, 30),
                milestones: &[m("Samrådsredogörelse klar", d(2022, June, 15), &[])],
            },
            TPhase {
                title: "Beslut",
                starts_on: d(2022, November, 1),
                ends_on: d(2022, December, 31),
                milestones: &[m(
                    "Beslut om reviderad strategi",
                    d(2022, December, 13),
                    &[("Regionfullmäktige", Decision)],
                )],
            },
        ],
        roles: &[(RoleKind::ProcessLead, None)],
    },
    Template {
        key: "rtp",
        title_sv: "Regional transportplan",
        title_en: "Regional transport plan",
        reference_start: d(2024, September, 1),
        phases: &[
            TPhase {
                title: "Förberedelse: framtagande av RTP",
                starts_on: d(2024, September, 1),
                ends_on: d(2024, December, 31),
                milestones: &[
                    m("Info om processen", d(2024, September, 25), &[("TIM presidiet", Information)]),
                    m("Infrastrukturproposition", d(2024, October, 3), &[]),
                    m("Info om processen", d(2024, October, 8), &[("TIM-nämnd", Information)]),
                    m("Info om proposition och process", d(2024, October, 11), &[("Kommunalt forum", Information)]),
                    m("Dialog, ställningstaganden", d(2024, October, 25), &[("RSS Utskott Infrastruktur", Dialogue)]),
                    m(
                        "Info om proposition och process",
                        d(2024, November, 15),
                        &[("Regionalt infrastrukturnätverk", Information)],
                    ),
                    m(
                        "Beslut om planeringsprinciper, aktörer och regionala mål",
                        d(2024, November, 26),
                        &[("TIM presidiet", Decision)],
                    ),
                    m("Direktiv", d(2024, December, 10), &[("TIM-nämnd", Information)]),
                    m(
                        "Info om direktiv och planeringsprinciper",
                        d(2024, December, 13),
                        &[("Kommunalt forum", Information)],
                    ),
                ],
            },
            TPhase {
                title: "Planbygge: framtagning av RTP",
                starts_on: d(2025, January, 1),
                ends_on: d(2025, September, 30),
                milestones: &[
                    m("Info om direktiv och tidplan", d(2025, January, 7), &[("TIM presidiet", Information)]),
                    m("Info om direktiv och tidplan", d(2025, January, 21), &[("TIM-nämnd", Information)]),
                    m(
                        "Inriktning och fördelning av åtgärdsområden",
                        d(2025, March, 14),
                        &[
                            ("Kommunchefs nätverk", Dialogue),
                            ("Kommunchefs nätverk", Anchoring),
                            ("Ordförandegrupp", Dialogue),
                        ],
                    ),
                    m("Ekonomisk tabell", d(2025, May, 13), &[("TIM presidiet", Dialogue)]),
                    m(
                        "Sydsvenska prioriteringar, inspel till nationell plan",
                        d(2025, June, 1),
                        &[("RSS Styrelse", Decision)],
                    ),
                    m("Info om utkast till remissversion", d(2025, June, 17), &[("TIM-nämnd", Information)]),
                    m("Beslut om remissversion", d(2025, September, 2), &[("TIM-nämnd", Decision)]),
                ],
            },
            TPhase {
                title: "Remiss",
                starts_on: d(2025, October, 1),
                ends_on: d(2025, December, 31),
                milestones: &[m(
                    "Remiss av regional transportplan",
                    d(2025, October, 15),
                    &[
                        ("Kommunchefs nätverk", Anchoring),
                        ("Regionalt infrastrukturnätverk", Anchoring),
                        ("Ordförandegrupp", Dialogue),
                    ],
                )],
            },
            TPhase {
                title: "Fastställelse",
                starts_on: d(2026, January, 1),
                ends_on: d(2026, June, 30),
                milestones: &[
                    m("Remitterad plan till departementet", d(2026, March, 15), &[("Regionstyrelsen", Decision)]),
                    m(
                        "Beslut om fastställd regional transportplan",
                        d(2026, June, 16),
                        &[("Regionfullmäktige", Decision)],
                    ),
                ],
            },
        ],
        roles: &[(RoleKind::SteeringGroup, Some("TIM presidiet")), (RoleKind::ProcessLead, None)],
    },
];

pub fn find(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// A phase of a plan made from a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlannedPhase {
    pub title: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub milestones: Vec<PlannedMilestone>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlannedMilestone {
    pub title: String,
    pub planned_on: Date,
    /// Forums by name with their part, matched to the structure's bodies when the plan is stored.
    pub forums: Vec<(String, ForumRole)>,
}

impl Template {
    pub fn title(&self, lang: crate::error::Lang) -> &'static str {
        if lang == crate::error::Lang::En { self.title_en } else { self.title_sv }
    }

    /// The template's phases and milestones moved so that the first phase starts on `start`.
    /// `None` when a moved date would fall outside the years the product stores.
    pub fn plan(&self, start: Date) -> Option<Vec<PlannedPhase>> {
        let shift = start - self.reference_start;
        let mv = |d: Date| {
            d.checked_add(shift).filter(|d| (crate::dates::FIRST_YEAR..=crate::dates::LAST_YEAR).contains(&d.year()))
        };
        self.phases
            .iter()
            .map(|p| {
                Some(PlannedPhase {
                    title: p.title.into(),
                    starts_on: mv(p.starts_on)?,
                    ends_on: mv(p.ends_on)?,
                    milestones: p
                        .milestones
                        .iter()
                        .map(|m| {
                            Some(PlannedMilestone {
                                title: m.title.into(),
                                planned_on: mv(m.on)?,
                                forums: m.forums.iter().map(|(n, r)| (n.to_string(), *r)).collect(),
                            })
                        })
                        .collect::<Option<Vec<_>>>()?,
                })
            })
            .collect()
    }

    /// How long the template runs, from its first day to its last phase's end.
    pub fn span(&self) -> Duration {
        self.phases.iter().map(|p| p.ends_on).max().map_or(Duration::ZERO, |e| e - self.reference_start)
    }
}

/// The template chosen in a form (empty: none) and its plan moved to `start`, or what is wrong.
pub fn choose(key: &str, start: &str) -> Result<Option<(&'static Template, Vec<PlannedPhase>)>, crate::Invalid> {
    let key = key.trim();
    if key.is_empty() {
        return Ok(None);
    }
    let mut e = crate::error::Errors::new();
    let t = e.check(super::choice("template", key, find));
    let start = match e.check(crate::structure::date("start", start)) {
        Some(None) => {
            e.push(crate::FieldError::new(
                "start",
                "start_required",
                "Skriv när processen ska börja, så flyttas mallens datum dit.",
                "Write when the process is to start; the template's dates are moved there.",
            ));
            None
        }
        other => other.flatten(),
    };
    let plan = match (t, start) {
        (Some(t), Some(s)) => match t.plan(s) {
            Some(p) => Some(p),
            None => {
                e.push(crate::FieldError::new(
                    "start",
                    "date_out_of_range",
                    "Med den starten hamnar planen utanför åren 1900–2100.",
                    "With that start the plan falls outside the years 1900–2100.",
                ));
                None
            }
        },
        _ => None,
    };
    e.finish(|| t.zip(plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn the_templates_keep_the_seeds_dates() {
        let review = find("review").unwrap();
        let plan = review.plan(review.reference_start).unwrap();
        assert_eq!(plan[0].title, "Analys");
        assert_eq!(plan[0].starts_on, date!(2021 - 02 - 01));
        assert_eq!(plan.last().unwrap().title, "Beslut");
        assert_eq!(plan.last().unwrap().ends_on, date!(2022 - 12 - 31));
        let rtp = find("rtp").unwrap().plan(date!(2024 - 09 - 01)).unwrap();
        let decision = rtp.iter().flat_map(|p| &p.milestones).find(|m| m.title == "Beslut om remissversion").unwrap();
        assert_eq!(decision.forums, vec![("TIM-nämnd".to_string(), ForumRole::Decision)]);
        let rus = find("rus").unwrap();
        assert_eq!(rus.phases.len(), 4);
        assert_eq!(rus.roles[0], (RoleKind::SteeringGroup, Some("Samrådet för strategiska frågor")));
        // Every milestone lies within its phase.
        for t in &TEMPLATES {
            for p in t.phases {
                assert!(p.starts_on <= p.ends_on, "{}", p.title);
                assert!(p.milestones.iter().all(|m| p.starts_on <= m.on && m.on <= p.ends_on), "{}", p.title);
            }
        }
    }

    #[test]
    fn a_new_start_moves_every_date() {
        let plan = find("review").unwrap().plan(date!(2027 - 02 - 01)).unwrap();
        assert_eq!(plan[0].starts_on, date!(2027 - 02 - 01));
        assert!(find("review").unwrap().plan(date!(2099 - 06 - 01)).is_none());
        assert!(choose("", "").unwrap().is_none());
        let (t, plan) = choose("rtp", "2028-09-01").unwrap().unwrap();
        assert_eq!((t.key, plan[0].starts_on), ("rtp", date!(2028 - 09 - 01)));
        let codes = |k: &str, s: &str| choose(k, s).unwrap_err().0.into_iter().map(|e| e.code).collect::<Vec<_>>();
        assert_eq!(codes("rus", ""), vec!["start_required"]);
        assert_eq!(codes("x", "2028-01-01"), vec!["invalid_choice"]);
        assert_eq!(codes("review", "2099-12-01"), vec!["date_out_of_range"]);
    }

    proptest! {
        /// Moving a template keeps each phase's length and each milestone's distance from the start.
        #[test]
        fn moving_keeps_lengths(days in -3000i64..20000, which in 0usize..3) {
            let t = &TEMPLATES[which];
            let start = date!(2020 - 01 - 01) + Duration::days(days);
            let plan = t.plan(start).unwrap();
            for (p, q) in t.phases.iter().zip(&plan) {
                prop_assert_eq!(p.ends_on - p.starts_on, q.ends_on - q.starts_on);
                prop_assert_eq!(p.starts_on - t.reference_start, q.starts_on - start);
                for (m, n) in p.milestones.iter().zip(&q.milestones) {
                    prop_assert_eq!(m.on - t.reference_start, n.planned_on - start);
                }
            }
        }
    }
}
