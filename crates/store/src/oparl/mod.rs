//! Read-only queries behind the OParl 1.1 open-data interface (`web::oparl` has the mapping).
//!
//! Every list is ordered by id and paged by keyset (`id > after`), so a page link stays valid
//! while records are added, and can be narrowed by the OParl time window on `created_at` and
//! `updated_at`. Nothing here selects more than the interface may publish, except e-mail and
//! phone, which the caller hands out to signed-in users only.
//!
//! `consultations` holds the Consultations: a case's handling in an agenda item.

use std::collections::HashMap;

use domain::organisations::OrganisationKind;
use domain::structure::{BodyKind, MembershipRole};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, UtcOffset};

use crate::query::{Arg, Filter, bind_all};
use crate::{Engine, Result, Store, on_pool};

/// The kinds of organisation published as OParl bodies (Körperschaften): the parties of the
/// collaboration.
const PARTY_KINDS: &str = "('region', 'municipality')";

/// The OParl time window of a list: `created_since`, `created_until`, `modified_since` and
/// `modified_until`, all inclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeWindow {
    pub created_since: Option<OffsetDateTime>,
    pub created_until: Option<OffsetDateTime>,
    pub modified_since: Option<OffsetDateTime>,
    pub modified_until: Option<OffsetDateTime>,
}

impl TimeWindow {
    /// Whether a record with these times lies in the window.
    pub fn admits(&self, created: OffsetDateTime, modified: OffsetDateTime) -> bool {
        self.created_since.is_none_or(|t| created >= t)
            && self.created_until.is_none_or(|t| created <= t)
            && self.modified_since.is_none_or(|t| modified >= t)
            && self.modified_until.is_none_or(|t| modified <= t)
    }
}

/// Where a page starts and how long it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keyset {
    /// Only ids greater than this; none for the first page.
    pub after: Option<i64>,
    pub limit: usize,
}

/// Where the page before this one starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prev {
    /// This is the first page.
    None,
    /// The previous page is the first one.
    First,
    /// The previous page holds the ids after this one.
    After(i64),
}

/// One page of a list.
#[derive(Clone, Debug)]
pub struct Slice<T> {
    pub items: Vec<T>,
    /// How many records the whole list (with its filters) holds.
    pub total: i64,
    /// Whether a page follows; its keyset starts after the last item.
    pub more: bool,
    pub prev: Prev,
}

/// A region or municipality, an OParl Body.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BodyRow {
    pub id: i64,
    pub name: String,
    kind: String,
    pub code: Option<String>,
    pub county_code: Option<String>,
    pub website: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl BodyRow {
    pub fn kind(&self) -> OrganisationKind {
        OrganisationKind::parse(&self.kind).unwrap_or_default()
    }
}

/// One of our bodies (samråd, ledningsgrupp …), an OParl Organization.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub name: String,
    kind: String,
    pub formal: bool,
    pub superior_id: Option<i64>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl OrganizationRow {
    pub fn kind(&self) -> BodyKind {
        BodyKind::parse(&self.kind).unwrap_or(BodyKind::WorkingGroup)
    }
}

/// A person, an OParl Person. `email` and `phone` are for signed-in callers only.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub party: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation_id: Option<i64>,
    organisation_kind: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl PersonRow {
    /// The person's organisation when it is published as an OParl Body.
    pub fn body_id(&self) -> Option<i64> {
        let kind = self.organisation_kind.as_deref().and_then(OrganisationKind::parse);
        self.organisation_id.filter(|_| matches!(kind, Some(OrganisationKind::Region | OrganisationKind::Municipality)))
    }
}

/// A membership, an OParl Membership.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MembershipRow {
    pub id: i64,
    pub body_id: i64,
    pub person_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    organisation_kind: String,
    role: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl MembershipRow {
    pub fn role(&self) -> MembershipRole {
        MembershipRole::parse(&self.role).unwrap_or(MembershipRole::Member)
    }

    /// The represented organisation when it is published as an OParl Body.
    pub fn on_behalf_of_body(&self) -> Option<i64> {
        matches!(
            OrganisationKind::parse(&self.organisation_kind),
            Some(OrganisationKind::Region | OrganisationKind::Municipality)
        )
        .then_some(self.organisation_id)
    }
}

const BODY_COLS: &str = "o.id, o.name, o.kind, o.code, o.county_code, o.website, o.created_at, o.updated_at";
const BODY_FROM: &str = "FROM organisations o";

const ORGANIZATION_COLS: &str =
    "b.id, b.name, b.kind, b.formal, b.superior_id, b.start_date, b.end_date, b.created_at, b.updated_at";
const ORGANIZATION_FROM: &str = "FROM bodies b";

const PERSON_COLS: &str = "p.id, p.name, p.title, p.party, p.email, p.phone, p.organisation_id, \
    o.kind AS organisation_kind, p.created_at, p.updated_at";
const PERSON_FROM: &str = "FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id";

const MEMBERSHIP_COLS: &str = "m.id, m.body_id, m.person_id, m.organisation_id, o.name AS organisation_name, \
    o.kind AS organisation_kind, m.role, m.start_date, m.end_date, m.created_at, m.updated_at";
/// With the person, so that memberships of people whose personal data was removed from the web
/// are left out with them (`PUBLIC_PERSON`, rule 22, ADR 35).
const MEMBERSHIP_FROM: &str =
    "FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN people p ON p.id = m.person_id";

/// A case's number as the text agenda items and paragraphs carry ("RJL 2024/3336"), for the
/// table alias `c`. Migration 0019 indexes this very expression, so joining an agenda item's
/// `case_number` on it finds the case by index.
macro_rules! case_number {
    () => {
        "c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT)"
    };
}

/// Which rows of a table a list shows, before time window and keyset.
struct Scope {
    cols: &'static str,
    from: &'static str,
    /// The table alias whose `id`, `created_at` and `updated_at` the list pages and filters on.
    alias: &'static str,
    /// Conditions with `?` for the argument; the same argument may stand several times as `?`.
    clauses: Vec<(String, Option<i64>)>,
}

impl Scope {
    fn new(cols: &'static str, from: &'static str, alias: &'static str) -> Scope {
        Scope { cols, from, alias, clauses: Vec::new() }
    }

    fn with(mut self, clause: impl Into<String>, arg: Option<i64>) -> Scope {
        self.clauses.push((clause.into(), arg));
        self
    }
}

/// A timestamp column as a value both engines compare in time order. PostgreSQL compares
/// `TIMESTAMPTZ` itself. SQLite holds the RFC 3339 text sqlx writes for `Clock::now` (UTC,
/// `Z`, fraction without trailing zeros), which does not sort as text when fractions differ in
/// length (`…:00.5Z` < `…:00Z`); so the fraction is padded to nine digits, which does.
fn time_expr(engine: Engine, col: &str) -> String {
    match engine {
        Engine::Postgres => col.to_string(),
        Engine::Sqlite => format!(
            "(substr({col}, 1, 19) || '.' || substr(CASE WHEN substr({col}, 20, 1) = '.' \
             THEN substr({col}, 21, length({col}) - 21) ELSE '' END || '000000000', 1, 9))"
        ),
    }
}

/// The bound value `time_expr` is compared with.
fn time_arg(engine: Engine, t: OffsetDateTime) -> Arg {
    match engine {
        Engine::Postgres => Arg::Time(t),
        Engine::Sqlite => {
            let t = t.to_offset(UtcOffset::UTC);
            let whole = t.replace_nanosecond(0).unwrap_or(t).format(&Rfc3339).unwrap_or_default();
            Arg::Text(format!("{}.{:09}", &whole[..whole.len().min(19)], t.nanosecond()))
        }
    }
}

fn build(engine: Engine, scope: &Scope, w: &TimeWindow) -> Filter {
    let mut f = Filter::default();
    for (clause, arg) in &scope.clauses {
        match arg {
            Some(a) => {
                // Every `?` of the clause stands for the same argument.
                f.args.push(Arg::Int(*a));
                let n = f.args.len();
                f.clauses.push(clause.replace('?', &format!("${n}")));
            }
            None => f.clauses.push(clause.clone()),
        }
    }
    let a = scope.alias;
    for (col, op, t) in [
        ("created_at", ">=", w.created_since),
        ("created_at", "<=", w.created_until),
        ("updated_at", ">=", w.modified_since),
        ("updated_at", "<=", w.modified_until),
    ] {
        if let Some(t) = t {
            f.push(&format!("{} {op} ?", time_expr(engine, &format!("{a}.{col}"))), time_arg(engine, t));
        }
    }
    f
}

/// Runs `$q` built from `$sql` and `$args` on either pool.
macro_rules! fetch_rows {
    ($store:expr, $ty:ty, $sql:expr, $args:expr) => {
        on_pool!(&$store.pool, |p| bind_all!(sqlx::query_as::<_, $ty>(sqlx::AssertSqlSafe($sql.as_str())), $args)
            .fetch_all(p)
            .await)
    };
}

macro_rules! slice_of {
    ($store:expr, $ty:ty, $scope:expr, $w:expr, $k:expr) => {{
        let (store, scope, w, k): (&Store, Scope, &TimeWindow, Keyset) = ($store, $scope, $w, $k);
        let engine = store.engine();
        let a = scope.alias;

        let mut f = build(engine, &scope, w);
        if let Some(after) = k.after {
            f.push(&format!("{a}.id > ?"), Arg::Int(after));
        }
        let sql =
            format!("SELECT {} {}{} ORDER BY {a}.id LIMIT {}", scope.cols, scope.from, f.where_sql(), k.limit + 1);
        let mut items: Vec<$ty> = fetch_rows!(store, $ty, sql, &f.args)?;
        let more = items.len() > k.limit;
        items.truncate(k.limit);

        let f = build(engine, &scope, w);
        let sql = format!("SELECT COUNT(*) {}{}", scope.from, f.where_sql());
        let total: i64 = on_pool!(&store.pool, |p| bind_all!(
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.as_str())),
            &f.args
        )
        .fetch_one(p)
        .await)?;

        let prev = match k.after {
            None => Prev::None,
            Some(after) => {
                // The previous page is the `limit` ids up to `after`; it starts after the one
                // before them, if there is one.
                let mut f = build(engine, &scope, w);
                f.push(&format!("{a}.id <= ?"), Arg::Int(after));
                let sql =
                    format!("SELECT {a}.id {}{} ORDER BY {a}.id DESC LIMIT {}", scope.from, f.where_sql(), k.limit + 1);
                let ids: Vec<i64> = on_pool!(&store.pool, |p| bind_all!(
                    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.as_str())),
                    &f.args
                )
                .fetch_all(p)
                .await)?;
                match ids.get(k.limit) {
                    Some(id) => Prev::After(*id),
                    None => Prev::First,
                }
            }
        };
        Ok::<Slice<$ty>, crate::StoreError>(Slice { items, total, more, prev })
    }};
}

/// Rows grouped by the id `key` gives, each group in the rows' order.
fn grouped<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for r in rows {
        out.entry(key(&r)).or_default().push(r);
    }
    out
}

fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Memberships of the bodies behind an organisation, or on its behalf.
const MEMBERSHIPS_OF_BODY: &str = "(m.organisation_id = ? OR m.body_id IN \
    (SELECT bo.body_id FROM body_organisations bo WHERE bo.organisation_id = ?))";

impl Store {
    /// When this installation began: its first account or organisation (now, when it has
    /// neither). Objects without times of their own (System, LegislativeTerm) carry it.
    pub async fn oparl_epoch(&self) -> Result<OffsetDateTime> {
        let rows: Vec<Option<OffsetDateTime>> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT MIN(created_at) FROM users UNION ALL SELECT MIN(created_at) FROM organisations"
        )
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().flatten().min().unwrap_or_else(|| self.now()))
    }

    /// Regions and municipalities.
    pub async fn oparl_bodies(&self, w: &TimeWindow, k: Keyset) -> Result<Slice<BodyRow>> {
        let scope = Scope::new(BODY_COLS, BODY_FROM, "o").with(format!("o.kind IN {PARTY_KINDS}"), None);
        slice_of!(self, BodyRow, scope, w, k)
    }

    /// A region or municipality; none for other organisations.
    pub async fn oparl_body(&self, id: i64) -> Result<Option<BodyRow>> {
        let sql = format!("SELECT {BODY_COLS} {BODY_FROM} WHERE o.id = $1 AND o.kind IN {PARTY_KINDS}");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, BodyRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// All bodies, or those an organisation is behind.
    pub async fn oparl_organizations(
        &self,
        behind: Option<i64>,
        w: &TimeWindow,
        k: Keyset,
    ) -> Result<Slice<OrganizationRow>> {
        let mut scope = Scope::new(ORGANIZATION_COLS, ORGANIZATION_FROM, "b");
        if let Some(o) = behind {
            scope = scope
                .with("b.id IN (SELECT bo.body_id FROM body_organisations bo WHERE bo.organisation_id = ?)", Some(o));
        }
        slice_of!(self, OrganizationRow, scope, w, k)
    }

    pub async fn oparl_organization(&self, id: i64) -> Result<Option<OrganizationRow>> {
        let sql = format!("SELECT {ORGANIZATION_COLS} {ORGANIZATION_FROM} WHERE b.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, OrganizationRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// For each body, the regions and municipalities behind it: regions first, then by id.
    pub async fn oparl_bodies_behind(&self, body_ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>> {
        let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
        if body_ids.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT bo.body_id, o.id FROM body_organisations bo JOIN organisations o ON o.id = bo.organisation_id \
             WHERE bo.body_id IN ({}) AND o.kind IN {PARTY_KINDS} \
             ORDER BY bo.body_id, CASE o.kind WHEN 'region' THEN 0 ELSE 1 END, o.id",
            id_list(body_ids)
        );
        let rows: Vec<(i64, i64)> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
        for (b, o) in rows {
            out.entry(b).or_default().push(o);
        }
        Ok(out)
    }

    /// For each body, the ids of its memberships.
    pub async fn oparl_membership_ids(&self, body_ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>> {
        let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
        if body_ids.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT body_id, id FROM memberships WHERE body_id IN ({}) ORDER BY body_id, id",
            id_list(body_ids)
        );
        let rows: Vec<(i64, i64)> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
        for (b, m) in rows {
            out.entry(b).or_default().push(m);
        }
        Ok(out)
    }

    /// All people, or those of an organisation: its own and everyone with a membership of the
    /// bodies behind it or on its behalf.
    pub async fn oparl_people(&self, of: Option<i64>, w: &TimeWindow, k: Keyset) -> Result<Slice<PersonRow>> {
        // Open data is public: without people whose personal data was removed from the web.
        let mut scope = Scope::new(PERSON_COLS, PERSON_FROM, "p").with(crate::people::PUBLIC_PERSON, None);
        if let Some(o) = of {
            scope = scope.with(
                format!("(p.organisation_id = ? OR p.id IN (SELECT m.person_id FROM memberships m WHERE {MEMBERSHIPS_OF_BODY}))"),
                Some(o),
            );
        }
        slice_of!(self, PersonRow, scope, w, k)
    }

    pub async fn oparl_person(&self, id: i64) -> Result<Option<PersonRow>> {
        let sql = format!("SELECT {PERSON_COLS} {PERSON_FROM} WHERE p.id = $1 AND {}", crate::people::PUBLIC_PERSON);
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, PersonRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// All memberships, or those of an organisation: in the bodies behind it or on its behalf.
    pub async fn oparl_memberships(&self, of: Option<i64>, w: &TimeWindow, k: Keyset) -> Result<Slice<MembershipRow>> {
        let mut scope = Scope::new(MEMBERSHIP_COLS, MEMBERSHIP_FROM, "m").with(crate::people::PUBLIC_PERSON, None);
        if let Some(o) = of {
            scope = scope.with(MEMBERSHIPS_OF_BODY, Some(o));
        }
        slice_of!(self, MembershipRow, scope, w, k)
    }

    pub async fn oparl_membership(&self, id: i64) -> Result<Option<MembershipRow>> {
        let sql =
            format!("SELECT {MEMBERSHIP_COLS} {MEMBERSHIP_FROM} WHERE m.id = $1 AND {}", crate::people::PUBLIC_PERSON);
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// For each person, their memberships, newest first.
    pub async fn oparl_person_memberships(&self, person_ids: &[i64]) -> Result<HashMap<i64, Vec<MembershipRow>>> {
        if person_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT {MEMBERSHIP_COLS} {MEMBERSHIP_FROM} WHERE m.person_id IN ({}) ORDER BY m.start_date DESC, m.id",
            id_list(person_ids)
        );
        Ok(grouped(fetch_rows!(self, MembershipRow, sql, &Vec::<Arg>::new())?, |m| m.person_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sqlite_times_compare_with_padded_fractions() {
        let Arg::Text(s) = time_arg(Engine::Sqlite, datetime!(2024-05-01 14:00:00.5 +02:00)) else { panic!() };
        assert_eq!(s, "2024-05-01T12:00:00.500000000");
        let Arg::Text(s) = time_arg(Engine::Sqlite, datetime!(2024-05-01 12:00:00 UTC)) else { panic!() };
        assert_eq!(s, "2024-05-01T12:00:00.000000000");
    }

    #[test]
    fn the_window_is_inclusive() {
        let t = datetime!(2024-05-01 12:00:00 UTC);
        let w = TimeWindow { modified_since: Some(t), created_until: Some(t), ..Default::default() };
        assert!(w.admits(t, t));
        assert!(!w.admits(t, t - time::Duration::microseconds(1)));
        assert!(!w.admits(t + time::Duration::microseconds(1), t));
    }
}

/// A meeting, an OParl Meeting; its organization is the body that meets.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub date: time::Date,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl MeetingRow {
    pub fn status(&self) -> domain::meetings::MeetingStatus {
        domain::meetings::MeetingStatus::parse(&self.status).unwrap_or(domain::meetings::MeetingStatus::Planned)
    }
}

/// An item of a meeting's agenda, an OParl AgendaItem; with its paragraph's number and
/// decision once the protocol is adjusted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AgendaItemRow {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub title: String,
    pub kind: String,
    pub case_number: Option<String>,
    pub number: Option<i64>,
    pub decision: Option<String>,
    /// Whether the item names a registered case of a region or municipality (a Consultation).
    pub consultation: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// An attachment of a meeting, an OParl File.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub title: String,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// A registered case of a region or municipality, an OParl Paper: its public title and number,
/// never the internal title.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PaperRow {
    pub id: i64,
    pub organisation_id: i64,
    pub number: String,
    pub public_title: String,
    pub opened_on: time::Date,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

const PAPER_COLS: &str = concat!(
    "c.id, c.organisation_id, ",
    case_number!(),
    " AS number, c.public_title, c.opened_on, c.created_at, c.updated_at"
);
/// Papers belong to a Body, so only the cases of regions and municipalities are listed.
const PAPER_FROM: &str =
    "FROM cases c JOIN organisations o ON o.id = c.organisation_id AND o.kind IN ('region', 'municipality')";

const MEETING_COLS: &str = "m.id, m.body_id, b.name AS body_name, m.date, m.start_time, m.end_time, m.place, \
    m.online_url, m.status, m.created_at, m.updated_at";
const MEETING_FROM: &str = "FROM meetings m JOIN bodies b ON b.id = m.body_id";
const MEETINGS_OF_BODY: &str =
    "m.body_id IN (SELECT bo.body_id FROM body_organisations bo WHERE bo.organisation_id = ?)";

/// The decision is public once the protocol is adjusted.
/// Whether the item names a case a Paper publishes: then it is a Consultation too.
const ITEM_COLS: &str = concat!(
    "a.id, a.meeting_id, a.position, a.title, a.kind, a.case_number, \
    CASE WHEN m.status IN ('adjusted', 'announced') THEN p.number END AS number, \
    CASE WHEN m.status IN ('adjusted', 'announced') THEN p.decision END AS decision, \
    EXISTS (SELECT 1 FROM cases c JOIN organisations o ON o.id = c.organisation_id \
    AND o.kind IN ('region', 'municipality') WHERE ",
    case_number!(),
    " = a.case_number) AS consultation, \
    a.created_at, a.updated_at"
);
const ITEM_FROM: &str =
    "FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN paragraphs p ON p.agenda_item_id = a.id";

const FILE_COLS: &str =
    "a.id, a.meeting_id, a.agenda_item_id, a.title, a.file_name, f.mime, f.size, a.created_at, a.updated_at";
const FILE_FROM: &str = "FROM attachments a JOIN files f ON f.sha256 = a.sha256";

impl Store {
    /// Meetings of every body, or of the bodies behind one region or municipality.
    pub async fn oparl_meetings(&self, of: Option<i64>, w: &TimeWindow, k: Keyset) -> Result<Slice<MeetingRow>> {
        let mut scope = Scope::new(MEETING_COLS, MEETING_FROM, "m");
        if let Some(o) = of {
            scope = scope.with(MEETINGS_OF_BODY, Some(o));
        }
        slice_of!(self, MeetingRow, scope, w, k)
    }

    pub async fn oparl_meeting(&self, id: i64) -> Result<Option<MeetingRow>> {
        let scope = Scope::new(MEETING_COLS, MEETING_FROM, "m").with("m.id = ?", Some(id));
        Ok(slice_of!(self, MeetingRow, scope, &TimeWindow::default(), Keyset { after: None, limit: 1 })?.items.pop())
    }

    /// Agenda items, of every meeting or of one.
    pub async fn oparl_agenda_items(&self, of: Option<i64>, w: &TimeWindow, k: Keyset) -> Result<Slice<AgendaItemRow>> {
        let mut scope = Scope::new(ITEM_COLS, ITEM_FROM, "a");
        if let Some(m) = of {
            scope = scope.with("a.meeting_id = ?", Some(m));
        }
        self.masked(slice_of!(self, AgendaItemRow, scope, w, k)?).await
    }

    pub async fn oparl_agenda_item(&self, id: i64) -> Result<Option<AgendaItemRow>> {
        let scope = Scope::new(ITEM_COLS, ITEM_FROM, "a").with("a.id = ?", Some(id));
        let one = slice_of!(self, AgendaItemRow, scope, &TimeWindow::default(), Keyset { after: None, limit: 1 })?;
        Ok(self.masked(one).await?.items.pop())
    }

    /// `items` with the names hidden that their meetings' published protocols hide (rule 22,
    /// ADR 35): open data shows no more than the web.
    async fn masked(&self, mut items: Slice<AgendaItemRow>) -> Result<Slice<AgendaItemRow>> {
        let hidden = self.hidden_by_meeting(items.items.iter().map(|i| i.meeting_id).collect::<Vec<_>>()).await?;
        for i in &mut items.items {
            if let Some(h) = hidden.get(&i.meeting_id) {
                let h: Vec<&domain::privacy::Removed> = h.iter().collect();
                domain::privacy::mask_text(&mut i.title, &h);
                if let Some(d) = i.decision.as_mut() {
                    domain::privacy::mask_text(d, &h);
                }
            }
        }
        Ok(items)
    }

    /// Files, of every meeting or of one.
    pub async fn oparl_files(&self, of: Option<i64>, w: &TimeWindow, k: Keyset) -> Result<Slice<FileRow>> {
        let mut scope = Scope::new(FILE_COLS, FILE_FROM, "a");
        if let Some(m) = of {
            scope = scope.with("a.meeting_id = ?", Some(m));
        }
        slice_of!(self, FileRow, scope, w, k)
    }

    pub async fn oparl_file(&self, id: i64) -> Result<Option<FileRow>> {
        let scope = Scope::new(FILE_COLS, FILE_FROM, "a").with("a.id = ?", Some(id));
        Ok(slice_of!(self, FileRow, scope, &TimeWindow::default(), Keyset { after: None, limit: 1 })?.items.pop())
    }

    /// Registered cases (Papers), of every region and municipality or of one.
    pub async fn oparl_papers(&self, of: Option<i64>, w: &TimeWindow, k: Keyset) -> Result<Slice<PaperRow>> {
        let mut scope = Scope::new(PAPER_COLS, PAPER_FROM, "c");
        if let Some(o) = of {
            scope = scope.with("c.organisation_id = ?", Some(o));
        }
        slice_of!(self, PaperRow, scope, w, k)
    }

    pub async fn oparl_paper(&self, id: i64) -> Result<Option<PaperRow>> {
        let scope = Scope::new(PAPER_COLS, PAPER_FROM, "c").with("c.id = ?", Some(id));
        Ok(slice_of!(self, PaperRow, scope, &TimeWindow::default(), Keyset { after: None, limit: 1 })?.items.pop())
    }
}

/// Agenda items and files of the meetings of the bodies behind one region or municipality (the
/// Body's `agendaItem` and `file` lists).
const ITEMS_OF_BODY: &str = "a.meeting_id IN (SELECT m2.id FROM meetings m2 JOIN body_organisations bo ON bo.body_id = m2.body_id \
     WHERE bo.organisation_id = ?)";

impl Store {
    /// The agenda items of the meetings of the bodies behind a region or municipality.
    pub async fn oparl_body_agenda_items(&self, of: i64, w: &TimeWindow, k: Keyset) -> Result<Slice<AgendaItemRow>> {
        let scope = Scope::new(ITEM_COLS, ITEM_FROM, "a").with(ITEMS_OF_BODY, Some(of));
        self.masked(slice_of!(self, AgendaItemRow, scope, w, k)?).await
    }

    /// The files of the meetings of the bodies behind a region or municipality.
    pub async fn oparl_body_files(&self, of: i64, w: &TimeWindow, k: Keyset) -> Result<Slice<FileRow>> {
        let scope = Scope::new(FILE_COLS, FILE_FROM, "a").with(ITEMS_OF_BODY, Some(of));
        slice_of!(self, FileRow, scope, w, k)
    }
}

mod consultations;
pub use consultations::ConsultationRow;
