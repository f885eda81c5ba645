//! Referrals (remiss, issue 12): a case's document on referral, its numbered sections and
//! questions, the consultees with their personal answer links, the answers (drafted together,
//! submitted once and then registered in the case's registry in the same transaction) and the
//! consultation report (every comment's response, the personal-data review, publication).
//!
//! - `referral`: creating, loading and publishing a referral; its sections and questions.
//! - `consultees`: who is asked, all of a kind in a county in one step, answer links (only the
//!   token's SHA-256 is kept, with expiry and revocation), the answer dashboard's rows.
//! - `answers`: drafts, comments, answers to questions, submission with registration.
//! - `answer_files`: files attached to a draft answer, registered with it on submission.
//! - `open`: answers through the open form (throttled per address, keyed against resending)
//!   and their moderation, the drafters told by a job of each answer that awaits it.
//! - `report`: responses, the personal-data review and publication.
//! - `versions`: later versions of the document, compared with the referral version.
//! - `index`: what search finds of a published referral and its published report.

/// The answers that count — in the report, its summary and what search finds of it — as SQL
/// over `a` (the answer): a consultee's submitted answer has no moderation (NULL), and an answer
/// through the open form counts only once the drafter has published it in moderation
/// (`approved`); pending ones wait in the queue, rejected ones never count (ADR 52). The one
/// text of the rule, with `Answer::counts` its Rust twin.
macro_rules! counted_answer_sql {
    () => {
        "a.status = 'submitted' AND (a.moderation IS NULL OR a.moderation = 'approved')"
    };
}

/// The respondent's kind as SQL over `a` (the answer), `o` (the consultee's organisation): an
/// organisation kind; "person" for a named person asked; for the open form the kind an
/// association or company counts as, or "public" for a private person.
macro_rules! respondent_kind_sql {
    () => {
        "CASE WHEN a.consultee_id IS NULL THEN (CASE a.respondent_type \
         WHEN 'association' THEN 'civil_society_organisation' WHEN 'company' THEN 'business_organisation' \
         ELSE 'public' END) ELSE COALESCE(o.kind, 'person') END"
    };
}

/// The columns of `Row` over `r` (the referral) and `c` (its case): the one list for every
/// query that loads a referral.
macro_rules! referral_columns {
    () => {
        "r.id, r.case_id, c.organisation_id, \
         c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT) AS case_number, \
         r.title, r.document_version, r.sent_on, r.deadline, r.late_answers, r.open_to_public, r.missiv, r.status, \
         r.document_file_name, r.document_sha256, r.report_status, r.report_changes"
    };
}

mod answer_files;
mod answers;
mod consultees;
mod index;
mod open;
mod referral;
mod report;
mod versions;

pub use answer_files::AnswerFile;
pub use answers::{Answer, Comment};
pub use consultees::{Consultee, ConsulteeTarget};
pub use domain::referrals::{
    AnswerStatus, LateAnswers, Obligation, Position, ReferralInput, ReferralStatus, ReportStatus, SectionInput, Verdict,
};
pub(crate) use index::refresh_referral;
pub use open::{Moderator, NewPublicAnswer};
pub use referral::{Question, Section};
pub use report::{ReportRow, private_names, report_comment, respondent_kind};
pub use versions::{LABEL_MAX as VERSION_LABEL_MAX, Version};

use domain::ids::{CaseId, OrganisationId, ReferralId};
use serde::Serialize;
use time::Date;

use crate::{Result, StoreError, Tx, on_tx};

/// A referral as stored, with the number of its case.
#[derive(Clone, Debug, Serialize)]
pub struct Referral {
    pub id: ReferralId,
    pub case_id: CaseId,
    /// The organisation whose case it is (the drafter's).
    pub organisation_id: OrganisationId,
    pub case_number: String,
    pub title: String,
    pub document_version: String,
    #[serde(with = "domain::dates::ymd")]
    pub sent_on: Date,
    #[serde(with = "domain::dates::ymd")]
    pub deadline: Date,
    pub late_answers: LateAnswers,
    pub open_to_public: bool,
    pub missiv: Option<String>,
    pub status: ReferralStatus,
    pub document_file_name: Option<String>,
    #[serde(skip)]
    pub document_sha256: Option<String>,
    pub report_status: ReportStatus,
    pub report_changes: Option<String>,
}

impl Referral {
    /// Whether answers are taken on `today`: published, and before or on the deadline unless
    /// late answers are accepted.
    pub fn open_on(&self, today: Date) -> bool {
        self.status == ReferralStatus::Published
            && self.sent_on <= today
            && domain::referrals::arrival(self.deadline, self.late_answers, today).is_ok()
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    case_id: i64,
    organisation_id: i64,
    case_number: String,
    title: String,
    document_version: String,
    sent_on: Date,
    deadline: Date,
    late_answers: String,
    open_to_public: bool,
    missiv: Option<String>,
    status: String,
    document_file_name: Option<String>,
    document_sha256: Option<String>,
    report_status: String,
    report_changes: Option<String>,
}

impl From<Row> for Referral {
    fn from(r: Row) -> Referral {
        Referral {
            id: ReferralId(r.id),
            case_id: CaseId(r.case_id),
            organisation_id: OrganisationId(r.organisation_id),
            case_number: r.case_number,
            title: r.title,
            document_version: r.document_version,
            sent_on: r.sent_on,
            deadline: r.deadline,
            late_answers: LateAnswers::parse(&r.late_answers).unwrap_or_default(),
            open_to_public: r.open_to_public,
            missiv: r.missiv,
            status: ReferralStatus::parse(&r.status).unwrap_or_default(),
            document_file_name: r.document_file_name,
            document_sha256: r.document_sha256,
            report_status: ReportStatus::parse(&r.report_status).unwrap_or_default(),
            report_changes: r.report_changes,
        }
    }
}

const SELECT: &str = concat!("SELECT ", referral_columns!(), " FROM referrals r JOIN cases c ON c.id = r.case_id");

/// The referral in `tx`; its row is not locked (writes that need it raise `updated_at` first).
async fn fetch(tx: &mut Tx, id: ReferralId) -> Result<Referral> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    let row: Option<Row> =
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_optional(c).await)?;
    row.map(Referral::from).ok_or(StoreError::NotFound)
}

/// Raises the referral's `updated_at` (so concurrent writes to it take turns) and loads it.
async fn touch(tx: &mut Tx, id: ReferralId) -> Result<Referral> {
    let t = tx.now;
    let n = on_tx!(tx, |c| sqlx::query("UPDATE referrals SET updated_at = $1 WHERE id = $2")
        .bind(t)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    fetch(tx, id).await
}

/// A step the referral's state does not allow, as an input error on `field`.
fn refused(field: &str, code: &'static str, sv: &str, en: &str) -> StoreError {
    crate::invalid_field(field, code, sv, en)
}
