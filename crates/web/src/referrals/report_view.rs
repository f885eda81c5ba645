//! The consultation report as its readers see it, shared by the page, the API and the PDF:
//! the comments grouped by section, each with its respondent and response; the counts by
//! verdict and by kind of respondent. Before the review its drafters see the original texts
//! with the personal data the review will mask; after it everyone sees the masked texts, and
//! private persons are named only as such. The files sent with open answers are listed as
//! far as the reader may see them (`open_file_public`).

use domain::error::Lang;
use domain::referrals::{ReportStatus, Summary, Verdict};
use serde::Serialize;
use store::referrals::{Answer, Referral, ReportRow, Section, private_names, report_comment, respondent_kind};

use super::access::is_drafter;
use super::show::kind_label;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

/// A comment as the report shows it.
#[derive(Serialize)]
pub struct CommentView {
    pub id: i64,
    pub respondent: String,
    pub kind: String,
    /// The published text once reviewed; the drafter sees the original before.
    pub text: String,
    #[serde(skip)]
    pub verdict: Option<&'static str>,
    #[serde(rename = "verdict")]
    pub verdict_key: String,
    pub reason: String,
    /// Personal data the review will mask (drafters, before the review).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
}

/// The comments of one section (or of the whole document, `section` none).
#[derive(Serialize)]
pub struct SectionGroup {
    pub section: Option<i64>,
    pub heading: String,
    pub comments: Vec<CommentView>,
}

/// One kind of respondent's counts: answers, comments, and the comments by verdict in the
/// order of `Verdict::ALL`.
#[derive(Serialize)]
pub struct KindLine {
    pub kind: String,
    pub answers: usize,
    pub comments: usize,
    pub by_verdict: Vec<usize>,
}

/// A file sent with an open answer, as the report lists it: to everyone once it is public
/// (`open_file_public`), to the drafters before, each with whether it will be.
#[derive(Serialize)]
pub struct FileView {
    pub respondent: String,
    pub file_name: String,
    pub href: String,
    /// For the drafters: whether it is published with the report, or why not.
    #[serde(skip)]
    pub note: Option<&'static str>,
}

/// The newest later version and its comparison's counts.
#[derive(Serialize)]
pub struct ComparedVersion {
    pub version: i64,
    pub label: String,
    pub summary: domain::referrals::DiffSummary,
    /// The comparison page.
    pub href: String,
}

/// The report, read by `ctx`.
#[derive(Serialize)]
pub struct ReportView {
    #[serde(skip)]
    pub drafter: bool,
    pub status: ReportStatus,
    pub sentence: String,
    pub summary: Summary,
    /// How the document changed, as the drafter wrote it.
    pub changes: Option<String>,
    /// How the newest later version differs from the referral version, section by section
    /// (counts; the comparison page shows the words), when there is a later version.
    pub compared: Option<ComparedVersion>,
    pub sections: Vec<SectionGroup>,
    pub by_kind: Vec<KindLine>,
    /// The files sent with the counted open answers, as far as the reader may see them.
    pub files: Vec<FileView>,
}

impl ReportView {
    pub fn reviewed(&self) -> bool {
        self.status != ReportStatus::Draft
    }

    pub fn published(&self) -> bool {
        self.status == ReportStatus::Published
    }
}

fn heading(sections: &[Section], n: Option<i64>, lang: Lang) -> String {
    match n.and_then(|n| sections.iter().find(|s| s.number == n)) {
        Some(s) => format!("{}. {}", s.number, s.heading),
        None => crate::i18n::text(lang, "referral.whole_document").to_string(),
    }
}

fn comment_view(row: &ReportRow, reviewed: bool, findings: Vec<String>, lang: Lang) -> CommentView {
    let private = crate::i18n::text(lang, "referral.kind_private");
    let v = row.verdict.as_deref().and_then(Verdict::parse);
    CommentView {
        id: row.comment_id,
        respondent: if (reviewed && row.private_person) || row.respondent_name.is_empty() {
            if row.private_person { private.to_string() } else { kind_label(&row.respondent_kind, lang) }
        } else {
            row.respondent_name.clone()
        },
        kind: if row.private_person { private.into() } else { kind_label(&row.respondent_kind, lang) },
        text: match (&row.masked_text, reviewed) {
            (Some(m), true) => m.clone(),
            _ => row.text.clone(),
        },
        verdict: v.map(|v| v.label(lang)),
        verdict_key: row.verdict.clone().unwrap_or_default(),
        reason: row.reason.clone().unwrap_or_default(),
        findings,
    }
}

/// The report of `r` for `ctx`: its drafters at every step, everyone once it is published
/// (404 before).
pub async fn report_view(app: &App, ctx: &Ctx, r: &Referral) -> AppResult<ReportView> {
    let drafter = is_drafter(app, ctx, r).await?;
    if !drafter && r.report_status != ReportStatus::Published {
        return Err(AppError::NotFound);
    }
    let lang = ctx.lang;
    let rows: Vec<ReportRow> = app.store.report_rows(r.id).await?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let counted: Vec<Answer> = app.store.referral_answers(r.id).await?.into_iter().filter(|a| a.counts()).collect();
    let answers: Vec<_> = counted.iter().map(|a| respondent_kind(&a.respondent_kind, a.private_person)).collect();
    let files = file_views(app, r, &counted, drafter, lang).await?;
    let comments: Vec<_> = rows.iter().map(report_comment).collect();
    let summary = Summary::of(answers.len(), &comments);
    let names = private_names(&rows);
    let reviewed = r.report_status != ReportStatus::Draft;
    let mut groups: Vec<SectionGroup> = Vec::new();
    for row in &rows {
        let findings = if drafter && !reviewed {
            domain::referrals::find_personal_data(&row.text, &names).into_iter().map(|f| f.text).collect()
        } else {
            Vec::new()
        };
        let view = comment_view(row, reviewed, findings, lang);
        match groups.last_mut() {
            Some(g) if g.section == row.section => g.comments.push(view),
            _ => groups.push(SectionGroup {
                section: row.section,
                heading: heading(&sections, row.section, lang),
                comments: vec![view],
            }),
        }
    }
    let by_kind = domain::referrals::summary_by_respondent(&answers, &comments)
        .into_iter()
        .map(|(k, s)| KindLine {
            kind: k.label(lang).to_string(),
            answers: s.answers,
            comments: s.comments,
            by_verdict: Verdict::ALL.iter().map(|v| s.by_verdict[v.as_str()]).collect(),
        })
        .collect();
    let compared = super::versions::comparison(app, r, None).await?.map(|c| ComparedVersion {
        href: format!("/remisser/{}/jamforelse?version={}", r.id, c.version.version),
        version: c.version.version,
        label: c.version.label,
        summary: c.summary,
    });
    Ok(ReportView {
        compared,
        drafter,
        status: r.report_status,
        sentence: summary.sentence(lang),
        summary,
        changes: r.report_changes.clone(),
        sections: groups,
        by_kind,
        files,
    })
}

/// The files of the counted open answers: every one for the drafters, with whether it is
/// published with the report; the public ones for everyone else. The public reads the
/// organisation answered for (or the kind of respondent), never the person who sent it.
async fn file_views(
    app: &App,
    r: &Referral,
    counted: &[Answer],
    drafter: bool,
    lang: Lang,
) -> AppResult<Vec<FileView>> {
    let mut out = Vec::new();
    for f in app.store.open_answer_files(r.id).await? {
        let Some(a) = counted.iter().find(|a| a.id == f.answer_id) else { continue };
        let public = super::open_form::files_public(a, r.report_status);
        if !public && !drafter {
            continue;
        }
        let will = super::open_form::files_public(a, ReportStatus::Published);
        let respondent = match (&a.respondent_organisation, drafter) {
            (Some(o), false) => o.clone(),
            (_, false) => kind_label(&a.respondent_kind, lang),
            (Some(o), true) => format!("{} ({o})", a.respondent_name),
            (None, true) => a.respondent_name.clone(),
        };
        let note = drafter
            .then(|| crate::i18n::text(lang, if will { "referral.file_with_report" } else { "referral.file_private" }));
        out.push(FileView { respondent, href: super::open_form::file_href(r, &f), file_name: f.file_name, note });
    }
    Ok(out)
}
