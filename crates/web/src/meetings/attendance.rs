//! Attendance (närvaro): the list of who was present, part of the protocol. Those who prepare
//! the meeting record it, from the body's members on the day and others present; it is read
//! like the protocol. The operation, the page with its form, and the API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::PersonId;
use domain::meetings::serving::{self, Seat, substitutes_for};
use domain::meetings::{AttendanceFields, AttendanceInput, AttendanceRole, MeetingStatus};
use domain::structure::Membership;
use domain::{FieldError, Invalid};
use serde_json::{Value, json};
use store::meetings::{AttendanceLine, Meeting};

use super::access::{can_prepare, require_attendance, require_prepare};
use super::parts::{Choice, long_date};
use super::path::MeetingPath;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::Pairs;
use crate::forms::reshown;
use crate::pages::{Chrome, render};
use crate::{App, i18n};

/// The operation: replaces the meeting's attendance with `lines` (the store names a refused
/// line `attendance[k]`, k its place in `lines`).
pub async fn record(app: &App, ctx: &Ctx, m: &Meeting, lines: &[AttendanceInput]) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.set_attendance(m.id, lines, &ctx.actor()).await?)
}

// ---- the page face ----

/// One line of the attendance form: a row of the table for a registered person, or an empty
/// line for someone outside the register.
#[derive(Clone, Debug, Default)]
pub struct AttendanceRow {
    pub i: usize,
    /// The person's id in the register, or empty for someone outside it.
    pub person: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub present: bool,
    /// The table's presence select: "present", "absent", or the id of the substitute who
    /// serves for this member. Empty on a line posted without it (the checkbox `present`).
    pub status: String,
    /// Kept on a substitute's row only when the member served for has no row of their own.
    pub replaces: String,
    pub from_paragraph: String,
    pub to_paragraph: String,
    /// For a member's row: the substitutes to offer, best first (`serving::substitutes_for`).
    pub substitutes: Vec<Choice>,
}

impl AttendanceRow {
    fn field(&self, name: &str) -> String {
        format!("attendance[{}].{name}", self.i)
    }

    fn is_member(&self) -> bool {
        self.role == "member" && !self.person.is_empty()
    }
}

/// Empty lines for people outside the register.
const EXTRA_ROWS: usize = 3;

#[derive(Template)]
#[template(path = "meetings/attendance.html")]
struct AttendancePage {
    p: Chrome,
    m: Meeting,
    date: String,
    prepare: bool,
    editable: bool,
    /// The table's rows of registered people, grouped by organisation.
    table: Vec<(String, Vec<AttendanceRow>)>,
    /// The lines for people outside the register.
    extra: Vec<AttendanceRow>,
    groups: Vec<(String, Vec<AttendanceLine>)>,
    extra_roles: Vec<(&'static str, &'static str)>,
}

impl AttendancePage {
    fn role_label(&self, r: &str) -> &'static str {
        AttendanceRole::parse(r).map_or("", |r| r.label(self.p.lang))
    }
}

fn group_by_organisation(lines: Vec<AttendanceLine>) -> Vec<(String, Vec<AttendanceLine>)> {
    let mut groups: Vec<(String, Vec<AttendanceLine>)> = Vec::new();
    for l in lines {
        let org = l.organisation.clone().unwrap_or_default();
        match groups.iter_mut().find(|(o, _)| *o == org) {
            Some((_, list)) => list.push(l),
            None => groups.push((org, vec![l])),
        }
    }
    groups
}

/// "Anna Andersson (S)".
fn with_party(name: &str, party: Option<&str>) -> String {
    match party.filter(|p| !p.is_empty()) {
        Some(p) => format!("{name} ({p})"),
        None => name.to_string(),
    }
}

/// The form's lines: the stored list, or the body's members on the day when there is none, and
/// a few empty lines for others present. A member for whom a substitute served shows that
/// substitute in the member's presence select.
async fn form_rows(app: &App, m: &Meeting, stored: &[AttendanceLine]) -> AppResult<Vec<AttendanceRow>> {
    let members = app.store.memberships(m.body_id, Some(m.date)).await?;
    let mut rows: Vec<AttendanceRow> = if stored.is_empty() {
        app.store
            .attendance_from_members(m)
            .await?
            .into_iter()
            .map(|a| {
                let who = a.person.and_then(|p| members.iter().find(|x| x.person_id == p.0));
                AttendanceRow {
                    person: a.person.map(|p| p.to_string()).unwrap_or_default(),
                    name: who.map(|x| with_party(&x.person_name, x.party.as_deref())).or(a.name).unwrap_or_default(),
                    organisation: who.map(|x| x.organisation_name.clone()).or(a.organisation).unwrap_or_default(),
                    role: a.role.as_str().into(),
                    present: a.present,
                    status: if a.present { "present" } else { "absent" }.into(),
                    ..AttendanceRow::default()
                }
            })
            .collect()
    } else {
        stored
            .iter()
            .map(|l| {
                let served_by = l.person_id.and_then(|p| stored.iter().find(|s| s.replaces_id == Some(p)));
                let member_has_row =
                    l.replaces_id.is_some_and(|r| stored.iter().any(|x| x.person_id == Some(r) && x.role == "member"));
                AttendanceRow {
                    person: l.person_id.map(|p| p.to_string()).unwrap_or_default(),
                    name: if l.person_id.is_some() { with_party(&l.name, l.party.as_deref()) } else { l.name.clone() },
                    organisation: l.organisation.clone().unwrap_or_default(),
                    role: l.role.clone(),
                    present: l.present,
                    status: match served_by.and_then(|s| s.person_id) {
                        Some(s) if l.role == "member" => s.to_string(),
                        _ if l.present => "present".into(),
                        _ => "absent".into(),
                    },
                    replaces: if member_has_row {
                        String::new()
                    } else {
                        l.replaces_id.map(|p| p.to_string()).unwrap_or_default()
                    },
                    // A replaced member's paragraphs are those the substitute served.
                    from_paragraph: served_by
                        .filter(|_| l.role == "member")
                        .map_or(l.from_paragraph, |s| s.from_paragraph)
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    to_paragraph: served_by
                        .filter(|_| l.role == "member")
                        .map_or(l.to_paragraph, |s| s.to_paragraph)
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    ..AttendanceRow::default()
                }
            })
            .collect()
    };
    for _ in 0..EXTRA_ROWS {
        rows.push(AttendanceRow { role: "guest".into(), present: true, ..AttendanceRow::default() });
    }
    for (i, r) in rows.iter_mut().enumerate() {
        r.i = i;
    }
    Ok(rows)
}

/// A posted row of a registered person carries only the person's id: the name and organisation
/// shown again come from the body's members, else from the stored list.
fn name_posted_rows(rows: &mut [AttendanceRow], members: &[Membership], stored: &[AttendanceLine]) {
    for r in rows.iter_mut().filter(|r| !r.person.is_empty() && r.name.is_empty()) {
        if let Some(x) = members.iter().find(|x| x.person_id.to_string() == r.person) {
            r.name = with_party(&x.person_name, x.party.as_deref());
            r.organisation = x.organisation_name.clone();
        } else if let Some(l) = stored.iter().find(|l| l.person_id.is_some_and(|p| p.to_string() == r.person)) {
            r.name = with_party(&l.name, l.party.as_deref());
            r.organisation = l.organisation.clone().unwrap_or_default();
        } else {
            r.name = r.person.clone();
        }
    }
}

/// The substitutes offered in each member's presence select.
fn offer_substitutes(rows: &mut [AttendanceRow], members: &[Membership]) {
    let subs: Vec<Membership> =
        members.iter().filter(|x| x.role() == domain::structure::MembershipRole::Substitute).cloned().collect();
    for r in rows.iter_mut().filter(|r| r.is_member()) {
        let choices: Vec<&Membership> = match members.iter().find(|x| x.person_id.to_string() == r.person) {
            Some(member) => substitutes_for(member, &subs),
            None => subs.iter().collect(),
        };
        r.substitutes = choices
            .into_iter()
            .map(|s| Choice { id: s.person_id, name: with_party(&s.person_name, s.party.as_deref()) })
            .collect();
    }
}

async fn page(
    app: &App,
    ctx: &Ctx,
    m: Meeting,
    rows: Option<Vec<AttendanceRow>>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let prepare = can_prepare(app, ctx, &m).await?;
    require_attendance(app, ctx, &m).await?;
    let title = format!("{} – {} {}", i18n::text(ctx.lang, "meeting.attendance"), m.body_name, m.date);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let stored = app.store.attendance(m.id).await?;
    let editable =
        !matches!(m.status, MeetingStatus::ProtocolDrafted | MeetingStatus::Adjusted | MeetingStatus::Announced);
    let mut rows = match rows {
        Some(r) => r,
        None if prepare && editable => form_rows(app, &m, &stored).await?,
        None => Vec::new(),
    };
    if !rows.is_empty() {
        let members = app.store.memberships(m.body_id, Some(m.date)).await?;
        name_posted_rows(&mut rows, &members, &stored);
        offer_substitutes(&mut rows, &members);
    }
    let (extra, registered): (Vec<AttendanceRow>, Vec<AttendanceRow>) =
        rows.into_iter().partition(|r| r.person.is_empty());
    let mut table: Vec<(String, Vec<AttendanceRow>)> = Vec::new();
    for r in registered {
        match table.iter_mut().find(|(o, _)| *o == r.organisation) {
            Some((_, list)) => list.push(r),
            None => table.push((r.organisation.clone(), vec![r])),
        }
    }
    let extra_roles = AttendanceRole::ALL
        .iter()
        .filter(|r| matches!(r, AttendanceRole::Official | AttendanceRole::Guest))
        .map(|r| (r.as_str(), r.label(ctx.lang)))
        .collect();
    let page = AttendancePage {
        p,
        date: long_date(m.date, ctx.lang),
        prepare,
        editable,
        table,
        extra,
        // The list as the protocol will say it, above the secretary's form once there is one.
        groups: group_by_organisation(stored),
        extra_roles,
        m,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn show(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    page(&app, &ctx, m, None, None).await
}

/// The lines of a posted attendance form, in the order of their index.
fn posted_rows(pairs: &Pairs) -> Vec<AttendanceRow> {
    let mut idx: Vec<usize> = pairs
        .0
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("attendance[")?.split_once(']')?.0.parse().ok())
        .filter(|i| *i < 2000)
        .collect();
    idx.sort_unstable();
    idx.dedup();
    idx.into_iter()
        .map(|i| {
            let get = |n: &str| pairs.get(&format!("attendance[{i}].{n}"));
            let status = get("status");
            AttendanceRow {
                i,
                person: get("person"),
                name: get("name"),
                organisation: get("organisation"),
                role: get("role"),
                present: if status.is_empty() { !get("present").is_empty() } else { status == "present" },
                status: match status.as_str() {
                    "" if get("present").is_empty() => "absent".into(),
                    "" => "present".into(),
                    _ => status,
                },
                replaces: get("replaces"),
                from_paragraph: get("from_paragraph"),
                to_paragraph: get("to_paragraph"),
                substitutes: Vec::new(),
            }
        })
        .collect()
}

/// "Alla närvarande": every registered person present except substitutes, who serve for no one;
/// paragraph limits cleared. Lines for people outside the register stay as typed.
fn all_present(rows: &mut [AttendanceRow]) {
    for r in rows.iter_mut().filter(|r| !r.person.is_empty()) {
        let present = r.role != "substitute";
        r.present = present;
        r.status = if present { "present" } else { "absent" }.into();
        r.replaces.clear();
        r.from_paragraph.clear();
        r.to_paragraph.clear();
    }
}

/// The form's filled lines as the domain's input (a replaced member's substitute serving for
/// them, `serving::resolve`), with the form line each came from. An empty line (for others
/// present) is skipped; a registered person's name comes from the register.
fn parse_rows(rows: &[AttendanceRow]) -> Result<(Vec<AttendanceInput>, Vec<usize>), Invalid> {
    let (mut seats, mut errors) = (Vec::new(), Vec::<FieldError>::new());
    for r in rows {
        if r.person.trim().is_empty() && r.name.trim().is_empty() && r.organisation.trim().is_empty() {
            continue;
        }
        let registered = !r.person.trim().is_empty();
        let replaced_by = match r.status.trim() {
            "" | "present" | "absent" => None,
            s => match s.parse::<i64>() {
                Ok(id) if id > 0 => Some(PersonId(id)),
                _ => {
                    errors.push(FieldError::new(
                        r.field("status"),
                        "invalid_status",
                        "Välj närvarande, frånvarande eller en ersättare.",
                        "Choose present, absent or a substitute.",
                    ));
                    continue;
                }
            },
        };
        let fields = AttendanceFields {
            person: &r.person,
            name: if registered { "" } else { &r.name },
            organisation: if registered { "" } else { &r.organisation },
            role: &r.role,
            present: r.present,
            replaces: &r.replaces,
            from_paragraph: &r.from_paragraph,
            to_paragraph: &r.to_paragraph,
        };
        match AttendanceInput::parse(&format!("attendance[{}]", r.i), &fields) {
            Ok(line) => seats.push((r.i, Seat { field: format!("attendance[{}]", r.i), line, replaced_by })),
            Err(i) => errors.extend(i.0),
        }
    }
    if !errors.is_empty() {
        return Err(Invalid(errors));
    }
    let form_lines: Vec<usize> = seats.iter().map(|(i, _)| *i).collect();
    let resolved = serving::resolve(seats.into_iter().map(|(_, s)| s).collect())?;
    Ok(resolved.into_iter().map(|(seat, l)| (l, form_lines[seat])).unzip())
}

/// Renames `attendance[k]` in a store error to the form line it came from.
fn to_form_line(mut inv: Invalid, lines: &[usize]) -> Invalid {
    for e in &mut inv.0 {
        if let Some(rest) = e.field.strip_prefix("attendance[")
            && let Some((k, tail)) = rest.split_once(']')
            && let Some(i) = k.parse::<usize>().ok().and_then(|k| lines.get(k))
        {
            e.field = format!("attendance[{i}]{tail}");
        }
    }
    inv
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    pairs: Pairs,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let mut rows = posted_rows(&pairs);
    if !pairs.get("alla").is_empty() {
        all_present(&mut rows);
    }
    let result = match parse_rows(&rows) {
        Ok((lines, from_row)) => record(&app, &ctx, &m, &lines).await.map_err(|e| match e {
            AppError::Invalid(i) => AppError::Invalid(to_form_line(i, &from_row)),
            e => e,
        }),
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/moten/{}/narvaro?klart=sparat", m.id)).into_response()),
        Err(e) => page(&app, &ctx, m, Some(rows), Some(&reshown(e)?)).await,
    }
}

// ---- the API face ----

pub async fn api(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    require_attendance(&app, &ctx, &m).await?;
    Ok(Json(json!({"items": app.store.attendance(m.id).await?})).into_response())
}

/// `{"items": [{person_id, name, organisation, role, present, replaces_id, from_paragraph,
/// to_paragraph}]}`; a refused line is named `items[i]`.
fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<Vec<AttendanceInput>> {
    let mut j = crate::json::JsonInput::parse(headers, body, &["items"])?;
    let raw_items = j.raw("items");
    j.finish()?;
    let Some(Value::Array(rows)) = raw_items else {
        return Err(Invalid::one(FieldError::new("items", "wrong_type", "Skicka en lista.", "Send a list.")).into());
    };
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let s = |k: &str| match row.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let present = row.get("present").and_then(Value::as_bool).unwrap_or(false);
        let (person, name, org, role) = (s("person_id"), s("name"), s("organisation"), s("role"));
        let (replaces, from, to) = (s("replaces_id"), s("from_paragraph"), s("to_paragraph"));
        let fields = AttendanceFields {
            person: &person,
            name: &name,
            organisation: &org,
            role: &role,
            present,
            replaces: &replaces,
            from_paragraph: &from,
            to_paragraph: &to,
        };
        match AttendanceInput::parse(&format!("items[{i}]"), &fields) {
            Ok(l) => lines.push(l),
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(Invalid(errors)));
    }
    Ok(lines)
}

pub async fn api_put(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let lines = parse_json(&headers, &body)?;
    record(&app, &ctx, &m, &lines).await?;
    Ok(Json(json!({"items": app.store.attendance(m.id).await?})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_lines_keep_their_index() {
        let pairs = Pairs(vec![
            ("attendance[1].name".into(), "Ola".into()),
            ("attendance[0].person".into(), "4".into()),
            ("attendance[0].present".into(), "on".into()),
            ("attendance[x].name".into(), "skip".into()),
        ]);
        let rows = posted_rows(&pairs);
        assert_eq!(rows.len(), 2);
        assert!(rows[0].present && rows[0].person == "4");
        assert_eq!((rows[1].i, rows[1].name.as_str(), rows[1].present), (1, "Ola", false));
        let inv = Invalid::one(FieldError::new("attendance[1].person", "x", "x", "x"));
        assert_eq!(to_form_line(inv, &[0, 5]).0[0].field, "attendance[5].person");
    }
}
