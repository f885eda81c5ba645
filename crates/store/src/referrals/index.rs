//! What search finds of referrals (ADR 20, 52): a published referral by its title, its
//! document version and case number, its missiv and the headings and text of its sections; a
//! published consultation report by its title, its counts and how the document changed. Both
//! are public once published and are indexed in the transaction that publishes them. Drafts,
//! answers and comments are never indexed: answers are published only through the report,
//! after the personal-data review.

use domain::ids::ReferralId;
use domain::search::{Kind, Readers, SearchDocument, Searchable};

use super::Referral;
use crate::{Result, Tx, on_tx};

/// The text indexed of a referral's sections, at most.
const TEXT_MAX: usize = 20_000;

struct ReferralDoc<'a> {
    r: &'a Referral,
    sections: &'a [(String, String)],
}

impl Searchable for ReferralDoc<'_> {
    fn search_document(&self) -> SearchDocument {
        let mut text =
            format!("{} {}. Sista svarsdag {}.", self.r.case_number, self.r.document_version, self.r.deadline);
        if let Some(m) = &self.r.missiv {
            text.push(' ');
            text.push_str(m);
        }
        for (h, b) in self.sections {
            text.push(' ');
            text.push_str(h);
            text.push_str(". ");
            text.push_str(b);
        }
        SearchDocument {
            kind: Kind::Referral,
            ref_id: self.r.id.0,
            title: self.r.title.clone(),
            text: text.chars().take(TEXT_MAX).collect(),
            url: format!("/remisser/{}", self.r.id),
            body_id: None,
            year: Some(self.r.sent_on.year()),
            date: self.r.sent_on.to_string(),
            readers: Readers::Public,
        }
    }
}

struct ReportDoc<'a> {
    r: &'a Referral,
    answers: i64,
    comments: i64,
    published_on: time::Date,
}

impl Searchable for ReportDoc<'_> {
    fn search_document(&self) -> SearchDocument {
        let summary = domain::referrals::Summary {
            answers: self.answers as usize,
            comments: self.comments as usize,
            ..Default::default()
        };
        let mut text = format!("Samrådsredogörelse. {}.", summary.sentence(domain::error::Lang::Sv));
        if let Some(c) = &self.r.report_changes {
            text.push(' ');
            text.push_str(c);
        }
        SearchDocument {
            kind: Kind::ReferralReport,
            ref_id: self.r.id.0,
            title: format!("Samrådsredogörelse: {}", self.r.title),
            text: text.chars().take(TEXT_MAX).collect(),
            url: format!("/remisser/{}/redogorelse", self.r.id),
            body_id: None,
            year: Some(self.published_on.year()),
            date: self.published_on.to_string(),
            readers: Readers::Public,
        }
    }
}

/// What the index needs of a referral besides its row, read with it in one query: when its
/// report was published and the report's counts.
#[derive(sqlx::FromRow)]
struct IndexRow {
    #[sqlx(flatten)]
    row: super::Row,
    report_published_at: Option<time::OffsetDateTime>,
    answers: i64,
    comments: i64,
}

/// The referral's row with its report's publication time and counts (`counted_answer_sql!`).
const INDEX_ROW: &str = concat!(
    "SELECT ",
    referral_columns!(),
    ", r.report_published_at, \
     (SELECT COUNT(*) FROM referral_answers a WHERE a.referral_id = r.id AND ",
    counted_answer_sql!(),
    ") AS answers, (SELECT COUNT(*) FROM referral_comments m JOIN referral_answers a ON a.id = m.answer_id \
     WHERE a.referral_id = r.id AND ",
    counted_answer_sql!(),
    ") AS comments FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = $1"
);

/// Puts the referral and its report in the index as far as each is published, and takes out
/// what is not (a draft). It reads the referral with its report's date and counts in one query,
/// and the sections in a second when the referral is published.
pub(crate) async fn refresh_referral(tx: &mut Tx, id: ReferralId) -> Result<()> {
    use domain::referrals::{ReferralStatus, ReportStatus};
    let row: Option<IndexRow> = on_tx!(tx, |c| sqlx::query_as(INDEX_ROW).bind(id.0).fetch_optional(c).await)?;
    let IndexRow { row, report_published_at, answers, comments } = row.ok_or(crate::StoreError::NotFound)?;
    let r = Referral::from(row);
    let owner = format!("referral:{}", id.0);
    if r.status != ReferralStatus::Published {
        crate::search::remove(tx, Kind::Referral, id.0).await?;
    } else {
        let sections: Vec<(String, String)> = on_tx!(tx, |c| sqlx::query_as(
            "SELECT heading, body FROM referral_sections WHERE referral_id = $1 AND version = 1 ORDER BY number"
        )
        .bind(id.0)
        .fetch_all(c)
        .await)?;
        crate::search::index(tx, &owner, &ReferralDoc { r: &r, sections: &sections }.search_document()).await?;
    }
    if r.report_status != ReportStatus::Published {
        return crate::search::remove(tx, Kind::ReferralReport, id.0).await;
    }
    // The day it was published, not the day the index is rebuilt: a reindex must give the same
    // date, and so the same place in the results.
    let published_on = domain::meetings::calendar::swedish_date(report_published_at.unwrap_or(tx.now));
    let doc = ReportDoc { r: &r, answers, comments, published_on };
    crate::search::index(tx, &owner, &doc.search_document()).await
}
