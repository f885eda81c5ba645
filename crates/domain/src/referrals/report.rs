//! The consultation report (samrådsredogörelse): every comment with its response, grouped by
//! section and by kind of respondent, counted, and published only after the personal-data
//! review. Issue 12: "The report groups comments and responses by section and by kind of
//! respondent, counts them ("34 remissvar med omkring 320 synpunkter"), and says how the
//! document changed … nothing is published until that step is done." PBL (2010:900) 5 kap.
//! 17 §: the views are compiled and answered in the samrådsredogörelse.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Verdict;
use crate::FieldError;
use crate::error::Lang;
use crate::organisations::OrganisationKind;

/// The longest account of how the document changed after the referral.
pub const CHANGES_MAX: usize = 20_000;

/// Who answered: an organisation of a kind, or a private person through the open form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentKind {
    Organisation(OrganisationKindKey),
    PrivatePerson,
}

/// An organisation kind ordered as `OrganisationKind::ALL` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct OrganisationKindKey(pub u8);

impl RespondentKind {
    pub fn organisation(kind: OrganisationKind) -> Self {
        let i = OrganisationKind::ALL.iter().position(|k| *k == kind).unwrap_or(OrganisationKind::ALL.len() - 1);
        RespondentKind::Organisation(OrganisationKindKey(i as u8))
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RespondentKind::Organisation(OrganisationKindKey(i)) => {
                OrganisationKind::ALL.get(i as usize).copied().unwrap_or_default().label(lang)
            }
            RespondentKind::PrivatePerson => match lang {
                Lang::Sv => "Privatperson",
                Lang::En => "Private person",
            },
        }
    }
}

/// A comment as the report sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportComment {
    pub id: i64,
    /// The section's number, or none for a comment on the whole document.
    pub section: Option<i64>,
    pub respondent: RespondentKind,
    pub verdict: Option<Verdict>,
    pub has_reason: bool,
}

/// The report's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub answers: usize,
    pub comments: usize,
    pub by_verdict: BTreeMap<&'static str, usize>,
    pub unanswered: usize,
}

impl Summary {
    pub fn of(answers: usize, comments: &[ReportComment]) -> Summary {
        let mut by_verdict = BTreeMap::new();
        for v in Verdict::ALL {
            by_verdict.insert(v.as_str(), comments.iter().filter(|c| c.verdict == Some(v)).count());
        }
        Summary {
            answers,
            comments: comments.len(),
            by_verdict,
            unanswered: comments.iter().filter(|c| c.verdict.is_none()).count(),
        }
    }

    /// "34 remissvar med omkring 320 synpunkter": the comments exact below a hundred, rounded
    /// to tens ("omkring") from a hundred on.
    pub fn sentence(&self, lang: Lang) -> String {
        let (about, n) =
            if self.comments >= 100 { (true, (self.comments + 5) / 10 * 10) } else { (false, self.comments) };
        let n = thousands(n);
        let a = thousands(self.answers);
        match (lang, about) {
            (Lang::Sv, true) => format!("{a} remissvar med omkring {n} synpunkter"),
            (Lang::Sv, false) => {
                format!("{a} remissvar med {n} {}", if self.comments == 1 { "synpunkt" } else { "synpunkter" })
            }
            (Lang::En, true) => {
                format!("{a} {} with about {n} comments", if self.answers == 1 { "answer" } else { "answers" })
            }
            (Lang::En, false) => {
                format!(
                    "{a} {} with {n} {}",
                    if self.answers == 1 { "answer" } else { "answers" },
                    if self.comments == 1 { "comment" } else { "comments" }
                )
            }
        }
    }
}

/// 1 000 as Swedish writes it (a non-breaking space between the thousands).
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    out
}

/// The comments by section (the whole document first, then sections in order), each group in
/// the order given.
pub fn by_section(comments: &[ReportComment]) -> BTreeMap<Option<i64>, Vec<&ReportComment>> {
    let mut m: BTreeMap<Option<i64>, Vec<&ReportComment>> = BTreeMap::new();
    for c in comments {
        m.entry(c.section).or_default().push(c);
    }
    m
}

/// The comments by kind of respondent, in the order organisation kinds are listed, private
/// persons last.
pub fn by_respondent(comments: &[ReportComment]) -> BTreeMap<RespondentKind, Vec<&ReportComment>> {
    let mut m: BTreeMap<RespondentKind, Vec<&ReportComment>> = BTreeMap::new();
    for c in comments {
        m.entry(c.respondent).or_default().push(c);
    }
    m
}

/// The report's counts per kind of respondent (issue 12: "groups comments and responses … by
/// kind of respondent, counts them"): every kind that answered or commented, in the order of
/// `by_respondent`, with its answers (one kind per answer in `answers`) and its comments'
/// verdicts.
pub fn summary_by_respondent(answers: &[RespondentKind], comments: &[ReportComment]) -> Vec<(RespondentKind, Summary)> {
    let mut kinds: BTreeMap<RespondentKind, (usize, Vec<ReportComment>)> = BTreeMap::new();
    for k in answers {
        kinds.entry(*k).or_default().0 += 1;
    }
    for c in comments {
        kinds.entry(c.respondent).or_default().1.push(c.clone());
    }
    kinds.into_iter().map(|(k, (n, cs))| (k, Summary::of(n, &cs))).collect()
}

/// Where a report stands: drafted (responses being written), reviewed for personal data,
/// published.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    #[default]
    Draft,
    Reviewed,
    Published,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Reviewed => "reviewed",
            ReportStatus::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ReportStatus::Draft),
            "reviewed" => Some(ReportStatus::Reviewed),
            "published" => Some(ReportStatus::Published),
            _ => None,
        }
    }

    /// The personal-data review closes the drafting: it needs every comment answered (with its
    /// reason where one is due), and a draft report.
    pub fn review(self, comments: &[ReportComment]) -> Result<ReportStatus, FieldError> {
        if self != ReportStatus::Draft {
            return Err(wrong_step(self));
        }
        let open = comments.iter().filter(|c| c.verdict.is_none()).count();
        if open > 0 {
            return Err(FieldError::new(
                "report",
                "comments_unanswered",
                format!("{open} synpunkter saknar ännu svar. Varje synpunkt ska besvaras."),
                format!("{open} comments have no response yet. Every comment must be answered."),
            ));
        }
        let reasonless =
            comments.iter().filter(|c| c.verdict.is_some_and(|v| !v.fully_accommodated()) && !c.has_reason).count();
        if reasonless > 0 {
            return Err(FieldError::new(
                "report",
                "reason_required",
                format!("{reasonless} svar saknar motivering fast synpunkten inte tillgodosetts fullt ut."),
                format!("{reasonless} responses lack a reason although the comment was not fully accommodated."),
            ));
        }
        Ok(ReportStatus::Reviewed)
    }

    /// Publication follows the personal-data review, never before it.
    pub fn publish(self) -> Result<ReportStatus, FieldError> {
        match self {
            ReportStatus::Reviewed => Ok(ReportStatus::Published),
            ReportStatus::Draft => Err(FieldError::new(
                "report",
                "review_first",
                "Granska personuppgifterna innan samrådsredogörelsen publiceras.",
                "Review the personal data before the consultation report is published.",
            )),
            ReportStatus::Published => Err(wrong_step(self)),
        }
    }
}

fn wrong_step(s: ReportStatus) -> FieldError {
    FieldError::new(
        "report",
        "wrong_step",
        format!(
            "Samrådsredogörelsen är redan {}.",
            if s == ReportStatus::Published { "publicerad" } else { "granskad" }
        ),
        format!(
            "The consultation report is already {}.",
            if s == ReportStatus::Published { "published" } else { "reviewed" }
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(
        id: i64,
        section: Option<i64>,
        respondent: RespondentKind,
        verdict: Option<Verdict>,
        has_reason: bool,
    ) -> ReportComment {
        ReportComment { id, section, respondent, verdict, has_reason }
    }

    #[test]
    fn the_issue_sentence() {
        // Issue 12: "34 remissvar med omkring 320 synpunkter".
        let s = Summary { answers: 34, comments: 318, ..Default::default() };
        assert_eq!(s.sentence(Lang::Sv), "34 remissvar med omkring 320 synpunkter");
        assert_eq!(s.sentence(Lang::En), "34 answers with about 320 comments");
        let s = Summary { answers: 130, comments: 1000, ..Default::default() };
        assert_eq!(s.sentence(Lang::Sv), "130 remissvar med omkring 1\u{a0}000 synpunkter");
        let s = Summary { answers: 1, comments: 1, ..Default::default() };
        assert_eq!(s.sentence(Lang::Sv), "1 remissvar med 1 synpunkt");
    }

    #[test]
    fn groups_by_section_and_respondent_and_counts_verdicts() {
        let m = RespondentKind::organisation(OrganisationKind::Municipality);
        let u = RespondentKind::organisation(OrganisationKind::University);
        let p = RespondentKind::PrivatePerson;
        let cs = [
            comment(1, Some(3), m, Some(Verdict::Accommodated), false),
            comment(2, None, p, Some(Verdict::Noted), true),
            comment(3, Some(1), u, Some(Verdict::NotAccommodated), true),
            comment(4, Some(3), u, None, false),
        ];
        let s = by_section(&cs);
        assert_eq!(s.keys().copied().collect::<Vec<_>>(), [None, Some(1), Some(3)]);
        assert_eq!(s[&Some(3)].iter().map(|c| c.id).collect::<Vec<_>>(), [1, 4]);
        let r = by_respondent(&cs);
        assert_eq!(r.keys().map(|k| k.label(Lang::Sv)).collect::<Vec<_>>(), ["Kommun", "Lärosäte", "Privatperson"]);
        let sum = Summary::of(3, &cs);
        assert_eq!((sum.comments, sum.unanswered, sum.by_verdict["noted"]), (4, 1, 1));
        // By kind: a kind that answered without comments is counted too (the county
        // administrative board here), and the counts add up to the whole.
        let l = RespondentKind::organisation(OrganisationKind::CountyAdministrativeBoard);
        let kinds = summary_by_respondent(&[m, u, l, p], &cs);
        let labels: Vec<_> = kinds.iter().map(|(k, _)| k.label(Lang::Sv)).collect();
        assert_eq!(labels, ["Kommun", "Länsstyrelse", "Lärosäte", "Privatperson"]);
        let uni = &kinds[2].1;
        assert_eq!((uni.answers, uni.comments, uni.unanswered, uni.by_verdict["not_accommodated"]), (1, 2, 1, 1));
        assert_eq!((kinds[1].1.answers, kinds[1].1.comments), (1, 0));
        assert_eq!(kinds.iter().map(|(_, s)| s.comments).sum::<usize>(), sum.comments);
    }

    #[test]
    fn nothing_is_published_before_the_review_and_the_review_needs_every_response() {
        // Issue 12: "nothing is published until that step is done"; every comment answered,
        // a reason for every one not fully accommodated.
        let p = RespondentKind::PrivatePerson;
        assert_eq!(ReportStatus::Draft.publish().unwrap_err().code, "review_first");
        let open = [comment(1, None, p, None, false)];
        assert_eq!(ReportStatus::Draft.review(&open).unwrap_err().code, "comments_unanswered");
        let bare = [comment(1, None, p, Some(Verdict::PartlyAccommodated), false)];
        assert_eq!(ReportStatus::Draft.review(&bare).unwrap_err().code, "reason_required");
        let done = [comment(1, None, p, Some(Verdict::Accommodated), false)];
        let reviewed = ReportStatus::Draft.review(&done).unwrap();
        assert_eq!(reviewed.publish(), Ok(ReportStatus::Published));
        assert_eq!(ReportStatus::Published.publish().unwrap_err().code, "wrong_step");
        assert_eq!(ReportStatus::Reviewed.review(&done).unwrap_err().code, "wrong_step");
    }
}
