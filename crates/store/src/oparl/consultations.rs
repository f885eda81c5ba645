//! OParl Consultations (Beratungen): a registered case's handling in an agenda item. An agenda
//! item whose case number names a case of a region or municipality (an OParl Paper) is one
//! Consultation, with the agenda item's id and times: the number typed on the item is the link
//! (issue 11), so the Consultation comes and goes with it.

use super::*;

/// A case handled in an agenda item.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ConsultationRow {
    /// The agenda item's id.
    pub id: i64,
    pub case_id: i64,
    /// The region or municipality whose registry holds the case.
    pub organisation_id: i64,
    pub meeting_id: i64,
    /// The body that met.
    pub body_id: i64,
    /// What the item asked of the meeting ("decision", "information" …).
    pub kind: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl ConsultationRow {
    pub fn kind(&self) -> domain::meetings::ItemKind {
        domain::meetings::ItemKind::parse(&self.kind).unwrap_or(domain::meetings::ItemKind::Information)
    }
}

const COLS: &str = "a.id, c.id AS case_id, c.organisation_id, a.meeting_id, m.body_id, a.kind, a.created_at, \
    a.updated_at";

/// Only the cases of regions and municipalities are Papers, so only theirs are consulted.
const FROM: &str = concat!(
    "FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON ",
    case_number!(),
    " = a.case_number JOIN organisations o ON o.id = c.organisation_id AND o.kind IN ('region', 'municipality')"
);

impl Store {
    /// Consultations of every registry, or of one region's or municipality's cases.
    pub async fn oparl_consultations(
        &self,
        of: Option<i64>,
        w: &TimeWindow,
        k: Keyset,
    ) -> Result<Slice<ConsultationRow>> {
        let mut scope = Scope::new(COLS, FROM, "a");
        if let Some(o) = of {
            scope = scope.with("c.organisation_id = ?", Some(o));
        }
        slice_of!(self, ConsultationRow, scope, w, k)
    }

    pub async fn oparl_consultation(&self, id: i64) -> Result<Option<ConsultationRow>> {
        let sql = format!("SELECT {COLS} {FROM} WHERE a.id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, ConsultationRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// For each case, its Consultations in agenda order (by meeting date, then position).
    pub async fn oparl_case_consultations(&self, case_ids: &[i64]) -> Result<HashMap<i64, Vec<ConsultationRow>>> {
        if case_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT {COLS} {FROM} WHERE c.id IN ({}) ORDER BY m.date, m.id, a.position, a.id",
            id_list(case_ids)
        );
        Ok(grouped(fetch_rows!(self, ConsultationRow, sql, &Vec::<Arg>::new())?, |k| k.case_id))
    }
}
