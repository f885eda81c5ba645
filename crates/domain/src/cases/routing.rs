//! Case routing (rule 8 of `domain.md`, seed `001_…` § 6.2 "Ärendehantering" and Bilaga 1): from
//! what a case is about, the path it should take through the consultation structure — which
//! management group prepares it, which consultation group handles it, whether a referral is
//! needed and whether the parties' boards must decide. A proposal: a secretary may deviate with
//! a recorded reason (issue 11); the consultation groups have no decision power of their own
//! (§ 6.2, "Samråden har ingen självständig beslutanderätt"), so a decision is always the boards'.

use serde::Serialize;

use crate::error::Lang;

/// The regional strategies of Bilaga 1 that are initiated and handled in the structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrategicDocument {
    /// "Utvecklingsstrategi för Östergötland" (the RUS).
    DevelopmentStrategy,
    /// "Regional Digital Agenda/Regional digitaliseringsstrategi".
    DigitalAgenda,
    /// "Länsplan för regional transportinfrastruktur (LTP)".
    CountyTransportPlan,
    /// "Regionalt Trafikförsörjningsprogram (RTP)".
    PublicTransportProgramme,
    /// "Strukturbild Östergötland".
    StructurePicture,
    /// "Östergötlands kulturplan".
    CulturePlan,
}

impl StrategicDocument {
    pub const ALL: [StrategicDocument; 6] = [
        StrategicDocument::DevelopmentStrategy,
        StrategicDocument::DigitalAgenda,
        StrategicDocument::CountyTransportPlan,
        StrategicDocument::PublicTransportProgramme,
        StrategicDocument::StructurePicture,
        StrategicDocument::CulturePlan,
    ];
}

impl StrategicDocument {
    pub fn as_str(self) -> &'static str {
        match self {
            StrategicDocument::DevelopmentStrategy => "development_strategy",
            StrategicDocument::DigitalAgenda => "digital_agenda",
            StrategicDocument::CountyTransportPlan => "county_transport_plan",
            StrategicDocument::PublicTransportProgramme => "public_transport_programme",
            StrategicDocument::StructurePicture => "structure_picture",
            StrategicDocument::CulturePlan => "culture_plan",
        }
    }

    pub fn parse(s: &str) -> Option<StrategicDocument> {
        StrategicDocument::ALL.into_iter().find(|d| d.as_str() == s.trim())
    }

    /// The names Bilaga 1 gives them, and English ones.
    pub fn label(self, lang: Lang) -> &'static str {
        use StrategicDocument::*;
        match (self, lang) {
            (DevelopmentStrategy, Lang::Sv) => "Utvecklingsstrategi för Östergötland (RUS)",
            (DigitalAgenda, Lang::Sv) => "Regional digital agenda/digitaliseringsstrategi",
            (CountyTransportPlan, Lang::Sv) => "Länsplan för regional transportinfrastruktur (LTP)",
            (PublicTransportProgramme, Lang::Sv) => "Regionalt trafikförsörjningsprogram (RTP)",
            (StructurePicture, Lang::Sv) => "Strukturbild Östergötland",
            (CulturePlan, Lang::Sv) => "Östergötlands kulturplan",
            (DevelopmentStrategy, Lang::En) => "Regional development strategy (RUS)",
            (DigitalAgenda, Lang::En) => "Regional digital agenda",
            (CountyTransportPlan, Lang::En) => "County transport infrastructure plan (LTP)",
            (PublicTransportProgramme, Lang::En) => "Regional public transport programme (RTP)",
            (StructurePicture, Lang::En) => "Structure picture of Östergötland",
            (CulturePlan, Lang::En) => "Culture plan of Östergötland",
        }
    }
}

/// What a case is about, as its registrar or secretary answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CaseTraits {
    /// A principal question of the division of responsibility between the parties.
    pub division_of_responsibility: bool,
    /// The case lies in the field of care (vård och omsorg).
    pub within_care: bool,
    /// A regional strategy of Bilaga 1 covering the county.
    pub strategy: Option<StrategicDocument>,
    /// A party needs formal views on it.
    pub needs_formal_views: bool,
    /// It needs a decision in the municipal boards or the regional board.
    pub needs_board_decisions: bool,
    /// It concerns the funding of joint initiatives.
    pub funds_joint_initiatives: bool,
}

/// The two lines of the structure a case can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Line {
    /// Ledningsgruppen / Samrådet för strategiska frågor.
    Strategic,
    /// Ledningsgruppen / Samrådet för vård och omsorg.
    Care,
}

impl Line {
    pub const ALL: [Line; 2] = [Line::Strategic, Line::Care];

    pub fn as_str(self) -> &'static str {
        match self {
            Line::Strategic => "strategic",
            Line::Care => "care",
        }
    }

    pub fn parse(s: &str) -> Option<Line> {
        Line::ALL.into_iter().find(|l| l.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Line::Strategic, Lang::Sv) => "strategiska frågor",
            (Line::Care, Lang::Sv) => "vård och omsorg",
            (Line::Strategic, Lang::En) => "strategic matters",
            (Line::Care, Lang::En) => "care",
        }
    }
}

/// Why a step is on the path: the principle of § 6.2 it follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    DivisionOfResponsibility,
    RegionalStrategy,
    FormalViews,
    BoardDecisions,
    JointFunding,
    Care,
}

impl Reason {
    /// The principle of § 6.2, in short.
    pub fn label(self, lang: Lang) -> &'static str {
        use Reason::*;
        match (self, lang) {
            (DivisionOfResponsibility, Lang::Sv) => "rör ansvarsfördelningen mellan parterna",
            (RegionalStrategy, Lang::Sv) => "regional strategi som omfattar länet (bilaga 1)",
            (FormalViews, Lang::Sv) => "en part behöver formellt inhämta synpunkter",
            (BoardDecisions, Lang::Sv) => "kräver beslut i kommunstyrelse/regionstyrelse",
            (JointFunding, Lang::Sv) => "rör finansiering av gemensamma insatser",
            (Care, Lang::Sv) => "inom vård och omsorg",
            (DivisionOfResponsibility, Lang::En) => "concerns the division of responsibility between the parties",
            (RegionalStrategy, Lang::En) => "a regional strategy covering the county (annex 1)",
            (FormalViews, Lang::En) => "a party needs formal views",
            (BoardDecisions, Lang::En) => "needs decisions in the municipal/regional boards",
            (JointFunding, Lang::En) => "concerns funding of joint initiatives",
            (Care, Lang::En) => "within care",
        }
    }
}

/// The proposed path. `None` for a group means the structure proposes none: the case stays
/// with the body it concerns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Route {
    pub prepared_by: Option<Line>,
    pub handled_by: Option<Line>,
    /// A referral (remiss), even if the case was discussed in the structure.
    pub referral: bool,
    /// The municipal boards and the regional board decide, each for itself.
    pub boards_decide: bool,
    pub reasons: Vec<Reason>,
}

/// The path § 6.2 proposes for a case with these traits.
pub fn route(t: CaseTraits) -> Route {
    let mut r = Route::default();
    let strategic = |r: &mut Route, reason| {
        r.prepared_by = Some(Line::Strategic);
        r.handled_by = Some(Line::Strategic);
        r.reasons.push(reason);
    };
    // "Samrådet för strategiska frågor ska hantera principiella frågor som rör ansvarsfördelning
    // mellan parterna. Detta gäller även inom vård- och omsorgsområdet." and "Ärenden som rör
    // ansvarsfördelning … ska beredas av ledningsgruppen för strategiska frågor."
    if t.division_of_responsibility {
        strategic(&mut r, Reason::DivisionOfResponsibility);
    }
    // "Regionala strategier som omfattar Östergötland … ska initieras från det strategiska samrådet."
    if t.strategy.is_some() {
        r.handled_by = Some(Line::Strategic);
        r.reasons.push(Reason::RegionalStrategy);
    }
    // "Ärenden som kräver beslut i kommunstyrelse/regionstyrelse ska beredas av ledningsgruppen
    // för strategiska frågor."
    if t.needs_board_decisions {
        r.prepared_by = Some(Line::Strategic);
        r.boards_decide = true;
        r.reasons.push(Reason::BoardDecisions);
    }
    // "Vid behov kan även frågor som rör finansiering av gemensamma insatser beredas på samma sätt."
    if t.funds_joint_initiatives && r.prepared_by.is_none() {
        r.prepared_by = Some(Line::Strategic);
        r.reasons.push(Reason::JointFunding);
    }
    // The care line takes the care field's other cases (4.2.1: only principal questions of
    // responsibility pass through the strategic management group).
    if t.within_care {
        if r.prepared_by.is_none() {
            r.prepared_by = Some(Line::Care);
        }
        if r.handled_by.is_none() {
            r.handled_by = Some(Line::Care);
        }
        if r.reasons.is_empty() {
            r.reasons.push(Reason::Care);
        }
    }
    // "I de fall någon av parterna har behov av att formellt inhämta synpunkter ska detta ske
    // genom remissförfarande. Detta gäller även om ärendet … har behandlats i samrådsstrukturen."
    if t.needs_formal_views {
        r.referral = true;
        r.reasons.push(Reason::FormalViews);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_rus_of_seed_000_takes_the_strategic_line_to_every_board() {
        // Seed 000: a regional development strategy; "Kommunstyrelsen beslutar att aktivt delta".
        let r = route(CaseTraits {
            strategy: Some(StrategicDocument::DevelopmentStrategy),
            needs_board_decisions: true,
            ..Default::default()
        });
        assert_eq!((r.prepared_by, r.handled_by), (Some(Line::Strategic), Some(Line::Strategic)));
        assert!(r.boards_decide && !r.referral);
        assert_eq!(r.reasons, vec![Reason::RegionalStrategy, Reason::BoardDecisions]);
    }

    #[test]
    fn a_principal_care_question_of_responsibility_goes_to_the_strategic_line() {
        // § 6.2: "Detta gäller även inom vård- och omsorgsområdet"; 4.2.1: the care group's
        // principal questions of responsibility are prepared by the strategic management group.
        let r = route(CaseTraits { division_of_responsibility: true, within_care: true, ..Default::default() });
        assert_eq!((r.prepared_by, r.handled_by), (Some(Line::Strategic), Some(Line::Strategic)));
        let care = route(CaseTraits { within_care: true, ..Default::default() });
        assert_eq!(
            (care.prepared_by, care.handled_by, care.reasons),
            (Some(Line::Care), Some(Line::Care), vec![Reason::Care])
        );
    }

    #[test]
    fn formal_views_need_a_referral_even_after_the_structure_discussed_it() {
        // § 6.2: the county transport plan (Bilaga 1) on which a party wants formal views.
        let r = route(CaseTraits {
            strategy: Some(StrategicDocument::CountyTransportPlan),
            needs_formal_views: true,
            ..Default::default()
        });
        assert!(r.referral && r.handled_by == Some(Line::Strategic) && r.prepared_by.is_none());
        let funding = route(CaseTraits { funds_joint_initiatives: true, ..Default::default() });
        assert_eq!(funding.prepared_by, Some(Line::Strategic));
        assert_eq!(route(CaseTraits::default()), Route::default());
    }

    fn traits() -> impl Strategy<Value = CaseTraits> {
        (any::<[bool; 5]>(), proptest::option::of(0usize..6)).prop_map(|(b, s)| CaseTraits {
            division_of_responsibility: b[0],
            within_care: b[1],
            strategy: s.map(|i| StrategicDocument::ALL[i]),
            needs_formal_views: b[2],
            needs_board_decisions: b[3],
            funds_joint_initiatives: b[4],
        })
    }

    proptest! {
        /// The principles hold whatever else is true of the case: a referral exactly when formal
        /// views are needed; board decisions and responsibility questions always prepared by the
        /// strategic management group; responsibility questions and strategies always handled by
        /// the strategic consultation group; every proposed step has its reason.
        #[test]
        fn the_principles_of_6_2_always_hold(t in traits()) {
            let r = route(t);
            prop_assert_eq!(r.referral, t.needs_formal_views);
            prop_assert_eq!(r.boards_decide, t.needs_board_decisions);
            if t.needs_board_decisions || t.division_of_responsibility {
                prop_assert_eq!(r.prepared_by, Some(Line::Strategic));
            }
            if t.division_of_responsibility || t.strategy.is_some() {
                prop_assert_eq!(r.handled_by, Some(Line::Strategic));
            }
            prop_assert_eq!(r.prepared_by.is_some() || r.handled_by.is_some() || r.referral, !r.reasons.is_empty());
        }
    }
}
