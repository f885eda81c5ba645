//! The consultation structure: bodies and their pages, member lists at any date, CSV import and
//! export, representation rules and compliance, meeting plans, work plans, and their API.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::error::Lang;
use domain::ids::{BodyId, MembershipId, OrganisationId, PersonId};
use domain::organisations::Organisation;
use domain::reference::{self, County};
use domain::structure::{
    BodyFields, BodyInput, BodyKind, Finding, MembershipInput, MembershipRole, QuestionStatus, Report, Rule, Side,
    WorkPlanInput, date, parse_meeting_dates, standard_rules,
};
use domain::{FieldError, Invalid};
use serde::Deserialize;
use serde_json::{Value, json};
use store::structure::{Body, BodyFilter, Membership, WorkPlan};
use time::Date;

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, id};
use crate::json::JsonInput;
use crate::list::ListQuery;
use crate::pages::{Chrome, query_value, render};
use crate::{App, csv, i18n};

/// The day a page or API call asks about (`datum` or `at`), today by default.
fn at_date(query: &str, today: Date) -> AppResult<Date> {
    let v = query_value(query, "datum").or_else(|| query_value(query, "at")).unwrap_or_default();
    let field = if query_value(query, "at").is_some() { "at" } else { "datum" };
    Ok(date(field, &v)?.unwrap_or(today))
}

/// Admins manage every body; a body's secretary manages its memberships, meeting plan and work
/// plan. Everyone else is refused (and people who are not signed in are asked to sign in).
async fn require_manager(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<()> {
    let u = ctx.require_user()?;
    if u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn can_manage(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<bool> {
    Ok(match &ctx.user {
        Some(u) => u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await?,
        None => false,
    })
}

async fn load_body(app: &App, raw: &str) -> AppResult<Body> {
    app.store.body(id(raw)?).await?.ok_or(AppError::NotFound)
}

/// A member as lists show them, with role and side in words.
pub struct MemberRow {
    pub m: Membership,
    pub role: &'static str,
    pub side: &'static str,
}

fn member_rows(ms: Vec<Membership>, lang: Lang) -> Vec<MemberRow> {
    ms.into_iter()
        .map(|m| {
            let role = m.role().label(lang);
            let side = if m.side() == Side::Neither { "" } else { m.side().label(lang) };
            MemberRow { m, role, side }
        })
        .collect()
}

// ---- the list of bodies ----

#[derive(Template)]
#[template(path = "structure/list.html")]
struct ListPage {
    p: Chrome,
    items: Vec<Body>,
    next: Option<String>,
    first: Option<String>,
    kind: String,
    county: String,
    q: String,
    kinds: &'static [BodyKind],
    counties: &'static [County],
}

fn body_filter(ctx: &Ctx) -> AppResult<(ListQuery, BodyFilter)> {
    let kind = match query_value(&ctx.query, "kind").filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(BodyKind::parse(&k).ok_or_else(|| {
            AppError::from(FieldError::new("kind", "invalid_kind", "Okänd typ av organ.", "Unknown kind of body."))
        })?),
    };
    // Organisation kinds do not apply here; read the shared parameters without `kind`.
    let rest: String = ctx.query.split('&').filter(|kv| !kv.starts_with("kind=")).collect::<Vec<_>>().join("&");
    let q = ListQuery::parse(&rest)?;
    let f = BodyFilter { kind, county_code: q.county.clone(), q: q.q.clone() };
    Ok((q, f))
}

pub async fn list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let (q, f) = body_filter(&ctx)?;
    let page = app.store.bodies(&f, q.cursor.clone(), q.limit).await?;
    let kind = f.kind.map(|k| k.as_str().to_string()).unwrap_or_default();
    let with_kind = |href: String| {
        if kind.is_empty() { href } else { format!("{href}&kind={kind}").replacen("/organ&", "/organ?", 1) }
    };
    Ok(render(&ListPage {
        p: Chrome::new(&ctx, i18n::text(ctx.lang, "body.list_title")),
        next: page.next_cursor.as_deref().map(|c| with_kind(q.next_href("/organ", c))),
        first: q.first_href("/organ").map(with_kind),
        items: page.items,
        kind,
        county: q.county.clone().unwrap_or_default(),
        q: q.q.clone().unwrap_or_default(),
        kinds: BodyKind::ALL,
        counties: reference::counties(),
    })?
    .into_response())
}

// ---- a body's page ----

#[derive(Template)]
#[template(path = "structure/show.html")]
struct ShowPage {
    p: Chrome,
    b: Body,
    county_name: Option<&'static str>,
    superior: Option<Body>,
    prepares_for: Option<Body>,
    presidium_of: Option<Body>,
    presidiums: Vec<Body>,
    subordinates: Vec<Body>,
    members: Vec<MemberRow>,
    report: Report,
    rules: Vec<String>,
    plan: Vec<Date>,
    year: i32,
    work_plan: Option<WorkPlan>,
    manage: bool,
    today: Date,
}

pub async fn show(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let all = app.store.all_bodies().await?;
    let find = |id: Option<BodyId>| id.and_then(|i| all.iter().find(|x| x.id == i).cloned());
    let t = app.store.today();
    let report = app.store.body_snapshot(b.id, t).await?.report(&b);
    let members = member_rows(app.store.memberships(b.id, Some(t)).await?, ctx.lang);
    // The plan of the year asked for (`ar`), this year by default.
    let year = query_value(&ctx.query, "ar").and_then(|y| year_field(&y).ok()).unwrap_or(t.year());
    let plan = app.store.meeting_plan(b.id, year).await?;
    let work_plan = app.store.work_plans(b.id).await?.into_iter().next();
    let manage = can_manage(&app, &ctx, b.id).await?;
    let page = ShowPage {
        p: Chrome::new(&ctx, b.name.clone()),
        county_name: b.county_code.as_deref().and_then(reference::county).map(|c| c.name.as_str()),
        superior: find(b.superior_id),
        prepares_for: find(b.prepares_for),
        presidium_of: find(b.presidium_of),
        presidiums: all.iter().filter(|x| x.presidium_of == Some(b.id)).cloned().collect(),
        subordinates: all.iter().filter(|x| x.superior_id == Some(b.id)).cloned().collect(),
        members,
        rules: b.rules.iter().map(|r| r.describe(ctx.lang)).collect(),
        report,
        plan,
        year,
        work_plan,
        manage,
        today: t,
        b,
    };
    Ok(render(&page)?.into_response())
}

// ---- the body form ----

#[derive(Clone, Debug, Default)]
pub struct BodyForm {
    pub name: String,
    pub kind: String,
    pub formal: String,
    pub county_code: String,
    pub presidium_of: String,
    pub superior_id: String,
    pub prepares_for: String,
    pub duties: String,
    pub start: String,
    pub end: String,
    pub secretary: String,
    /// Organisation ids separated by commas (the form posts one check box `org` each).
    pub organisations: String,
    pub idempotency_key: String,
}

impl BodyForm {
    fn from_pairs(p: &crate::forms::Pairs) -> BodyForm {
        BodyForm {
            name: p.get("name"),
            kind: p.get("kind"),
            formal: p.get("formal"),
            county_code: p.get("county_code"),
            presidium_of: p.get("presidium_of"),
            superior_id: p.get("superior_id"),
            prepares_for: p.get("prepares_for"),
            duties: p.get("duties"),
            start: p.get("start"),
            end: p.get("end"),
            secretary: p.get("secretary"),
            organisations: p.all("org").join(","),
            idempotency_key: p.get("idempotency_key"),
        }
    }

    fn of(b: &Body) -> BodyForm {
        BodyForm {
            name: b.name.clone(),
            kind: b.kind.as_str().into(),
            formal: if b.formal { "yes".into() } else { "no".into() },
            county_code: b.county_code.clone().unwrap_or_default(),
            presidium_of: b.presidium_of.map(|x| x.to_string()).unwrap_or_default(),
            superior_id: b.superior_id.map(|x| x.to_string()).unwrap_or_default(),
            prepares_for: b.prepares_for.map(|x| x.to_string()).unwrap_or_default(),
            duties: b.duties.join("\n"),
            start: b.start.map(|d| d.to_string()).unwrap_or_default(),
            end: b.end.map(|d| d.to_string()).unwrap_or_default(),
            secretary: b.secretary.as_ref().map(|s| s.id.to_string()).unwrap_or_default(),
            organisations: b.organisations.iter().map(|o| o.id.to_string()).collect::<Vec<_>>().join(","),
            idempotency_key: String::new(),
        }
    }

    fn parse(&self) -> Result<BodyInput, Invalid> {
        let formal = match self.formal.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        BodyInput::parse(&BodyFields {
            name: &self.name,
            kind: &self.kind,
            formal,
            county_code: &self.county_code,
            presidium_of: &self.presidium_of,
            superior_id: &self.superior_id,
            prepares_for: &self.prepares_for,
            duties: &self.duties,
            start: &self.start,
            end: &self.end,
            secretary: &self.secretary,
            organisations: self.organisations.split([',', '\n', ' ']).filter(|s| !s.trim().is_empty()).collect(),
        })
    }

    pub fn has_organisation(&self, id: &OrganisationId) -> bool {
        let s = id.to_string();
        self.organisations.split([',', '\n', ' ']).any(|x| x.trim() == s)
    }
}

#[derive(Template)]
#[template(path = "structure/form.html")]
struct FormPage {
    p: Chrome,
    f: BodyForm,
    action: String,
    cancel: String,
    kinds: &'static [BodyKind],
    counties: &'static [County],
    bodies: Vec<Body>,
    people: Vec<store::people::PersonView>,
    organisations: Vec<Organisation>,
}

async fn form_page(
    app: &App,
    ctx: &Ctx,
    title_key: &str,
    f: BodyForm,
    action: String,
    cancel: String,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, i18n::text(ctx.lang, title_key));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = FormPage {
        p,
        f,
        action,
        cancel,
        kinds: BodyKind::ALL,
        counties: reference::counties(),
        bodies: app.store.all_bodies().await?,
        people: crate::people::all_people(app).await?,
        organisations: crate::people::all_organisations(app).await?,
    };
    Ok((status, render(&page)?).into_response())
}

/// Store errors about the input are shown on the form; others go to the error page.
fn form_error(e: store::StoreError) -> Result<Invalid, AppError> {
    match e {
        store::StoreError::Invalid(i) => Ok(i),
        e => Err(e.into()),
    }
}

pub async fn new_form(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm {
        idempotency_key: crate::auth::new_secret(),
        kind: "consultation_group".into(),
        ..Default::default()
    };
    form_page(&app, &ctx, "body.new", f, "/organ".into(), "/organ".into(), None).await
}

pub async fn create(State(app): State<App>, ctx: Ctx, pairs: crate::forms::Pairs) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm::from_pairs(&pairs);
    let result = match f.parse() {
        Ok(input) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_body(&input, &[], &ctx.actor(), key).await.map_err(form_error)
        }
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(bid) => Ok(Redirect::to(&format!("/organ/{bid}?klart=skapat")).into_response()),
        Err(Ok(inv)) => form_page(&app, &ctx, "body.new", f, "/organ".into(), "/organ".into(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

pub async fn edit_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let b = load_body(&app, &raw).await?;
    let path = format!("/organ/{}", b.id);
    form_page(&app, &ctx, "body.edit", BodyForm::of(&b), path.clone(), path, None).await
}

pub async fn update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    pairs: crate::forms::Pairs,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let f = BodyForm::from_pairs(&pairs);
    let bid: BodyId = id(&raw)?;
    let path = format!("/organ/{bid}");
    let result = match f.parse() {
        Ok(input) => app.store.update_body(bid, &input, &ctx.actor()).await.map_err(form_error),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{path}?klart=sparat")).into_response()),
        Err(Ok(inv)) => form_page(&app, &ctx, "body.edit", f, path.clone(), path, Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

pub async fn delete_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let b = load_body(&app, &raw).await?;
    let p = Chrome::new(&ctx, format!("{} {}", i18n::text(ctx.lang, "form.delete"), b.name));
    Ok(render(&crate::pages::DeletePage {
        p,
        name: b.name,
        action: format!("/organ/{}/ta-bort", b.id),
        cancel: format!("/organ/{}", b.id),
    })?
    .into_response())
}

pub async fn delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_body(id(&raw)?, &ctx.actor()).await?;
    Ok(Redirect::to("/organ?klart=borttaget").into_response())
}

// ---- members ----

#[derive(Template)]
#[template(path = "structure/members.html")]
struct MembersPage {
    p: Chrome,
    b: Body,
    at: Date,
    members: Vec<MemberRow>,
    manage: bool,
}

pub async fn members(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let at = at_date(&ctx.query, app.store.today())?;
    let members = member_rows(app.store.memberships(b.id, Some(at)).await?, ctx.lang);
    let manage = can_manage(&app, &ctx, b.id).await?;
    let p = Chrome::new(&ctx, format!("{} – {}", i18n::text(ctx.lang, "body.members"), b.name));
    Ok(render(&MembersPage { p, b, at, members, manage })?.into_response())
}

const CSV_HEAD: [&str; 8] = ["namn", "organisation", "roll", "sida", "parti", "start", "slut", "ersattare_for"];

/// The member list on a day as CSV, in the same columns the import reads.
pub async fn members_csv(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let at = match query_value(&ctx.query, "datum").or_else(|| query_value(&ctx.query, "at")) {
        Some(_) => Some(at_date(&ctx.query, app.store.today())?),
        None => None,
    };
    let mut rows = vec![CSV_HEAD.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for m in app.store.memberships(b.id, at).await? {
        rows.push(vec![
            m.person_name.clone(),
            m.organisation_code.clone().unwrap_or_else(|| m.organisation_name.clone()),
            m.role.clone(),
            m.side.clone(),
            m.party.clone().unwrap_or_default(),
            m.start_date.to_string(),
            m.end_date.map(|d| d.to_string()).unwrap_or_default(),
            m.substitute_for_name.clone().unwrap_or_default(),
        ]);
    }
    Ok(csv::response(&format!("ledamoter-{}.csv", b.id), &rows))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MembershipForm {
    pub person: String,
    pub organisation: String,
    pub role: String,
    pub side: String,
    pub start: String,
    pub end: String,
    pub substitute_for: String,
    pub idempotency_key: String,
}

impl MembershipForm {
    fn of(m: &Membership) -> MembershipForm {
        MembershipForm {
            person: m.person_id.to_string(),
            organisation: m.organisation_id.to_string(),
            role: m.role.clone(),
            side: m.side.clone(),
            start: m.start_date.to_string(),
            end: m.end_date.map(|d| d.to_string()).unwrap_or_default(),
            substitute_for: m.substitute_for.map(|s| s.to_string()).unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    fn parse(&self) -> Result<MembershipInput, Invalid> {
        MembershipInput::parse(
            &self.person,
            &self.organisation,
            &self.role,
            &self.side,
            &self.start,
            &self.end,
            &self.substitute_for,
        )
    }
}

#[derive(Template)]
#[template(path = "structure/membership_form.html")]
struct MembershipFormPage {
    p: Chrome,
    b: Body,
    f: MembershipForm,
    action: String,
    people: Vec<store::people::PersonView>,
    organisations: Vec<Organisation>,
    roles: &'static [MembershipRole],
    sides: &'static [Side],
    delete: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn membership_form(
    app: &App,
    ctx: &Ctx,
    b: Body,
    f: MembershipForm,
    action: String,
    title_key: &str,
    delete: Option<String>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, title_key), b.name));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = MembershipFormPage {
        p,
        b,
        f,
        action,
        people: crate::people::all_people(app).await?,
        organisations: crate::people::all_organisations(app).await?,
        roles: MembershipRole::ALL,
        sides: Side::ALL,
        delete,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_membership(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let f = MembershipForm {
        idempotency_key: crate::auth::new_secret(),
        role: "member".into(),
        start: app.store.today().to_string(),
        ..Default::default()
    };
    let action = format!("/organ/{}/ledamoter", b.id);
    membership_form(&app, &ctx, b, f, action, "membership.new", None, None).await
}

pub async fn create_membership(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<MembershipForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let result = match f.parse() {
        Ok(m) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_membership(b.id, &m, &ctx.actor(), key).await.map_err(form_error)
        }
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=skapat", b.id)).into_response()),
        Err(Ok(inv)) => {
            let action = format!("/organ/{}/ledamoter", b.id);
            membership_form(&app, &ctx, b, f, action, "membership.new", None, Some(&inv)).await
        }
        Err(Err(e)) => Err(e),
    }
}

async fn load_membership(app: &App, body: &Body, raw: &str) -> AppResult<Membership> {
    let m = app.store.membership(id::<MembershipId>(raw)?).await?.ok_or(AppError::NotFound)?;
    if m.body_id != body.id.0 {
        return Err(AppError::NotFound);
    }
    Ok(m)
}

pub async fn edit_membership(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let m = load_membership(&app, &b, &mid).await?;
    let action = format!("/organ/{}/ledamoter/{}", b.id, m.id);
    let delete = Some(format!("{action}/ta-bort"));
    membership_form(&app, &ctx, b, MembershipForm::of(&m), action, "membership.edit", delete, None).await
}

pub async fn update_membership(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, mid)): Path<(String, String)>,
    Input(f): Input<MembershipForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let m = load_membership(&app, &b, &mid).await?;
    let result = match f.parse() {
        Ok(input) => app.store.update_membership(MembershipId(m.id), &input, &ctx.actor()).await.map_err(form_error),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=sparat", b.id)).into_response()),
        Err(Ok(inv)) => {
            let action = format!("/organ/{}/ledamoter/{}", b.id, m.id);
            let delete = Some(format!("{action}/ta-bort"));
            membership_form(&app, &ctx, b, f, action, "membership.edit", delete, Some(&inv)).await
        }
        Err(Err(e)) => Err(e),
    }
}

pub async fn delete_membership(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let m = load_membership(&app, &b, &mid).await?;
    app.store.delete_membership(MembershipId(m.id), &ctx.actor()).await?;
    Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=borttaget", b.id)).into_response())
}

// ---- CSV import ----

/// One row of an import, resolved: the person by name within the organisation (created when
/// missing), the organisation by kommunkod, länskod or exact name.
async fn resolve_import(
    app: &App,
    text: &str,
) -> AppResult<Result<Vec<domain::structure::csv_import::ImportRow>, Vec<(usize, FieldError)>>> {
    let orgs = crate::people::all_organisations(app).await?;
    let find_org = |s: &str| {
        let s = s.trim();
        orgs.iter().find(|o| o.code.as_deref() == Some(s) || o.name.eq_ignore_ascii_case(s)).map(|o| o.id)
    };
    Ok(domain::structure::csv_import::parse(text, find_org))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ImportForm {
    pub csv: String,
}

#[derive(Template)]
#[template(path = "structure/import.html")]
struct ImportPage {
    p: Chrome,
    b: Body,
    csv: String,
    row_errors: Vec<(usize, String, String)>,
}

pub async fn import_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let p = Chrome::new(&ctx, format!("{} – {}", i18n::text(ctx.lang, "import.title"), b.name));
    Ok(render(&ImportPage { p, b, csv: String::new(), row_errors: vec![] })?.into_response())
}

pub async fn import(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<ImportForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    match resolve_import(&app, &f.csv).await? {
        Ok(rows) => {
            let n = app.store.import_members(b.id, &rows, &ctx.actor()).await?;
            Ok(Redirect::to(&format!("/organ/{}/ledamoter?klart=importerat&antal={n}", b.id)).into_response())
        }
        Err(errors) => {
            let invalid = Invalid(vec![FieldError::new(
                "csv",
                "import_failed",
                format!("{} rader har fel. Inget har sparats.", errors.len()),
                format!("{} rows have errors. Nothing was saved.", errors.len()),
            )]);
            let row_errors =
                errors.into_iter().map(|(row, e)| (row, e.field.clone(), e.message(ctx.lang).to_string())).collect();
            let p = Chrome::new(&ctx, format!("{} – {}", i18n::text(ctx.lang, "import.title"), b.name))
                .with_errors(&invalid);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&ImportPage { p, b, csv: f.csv, row_errors })?)
                .into_response())
        }
    }
}

// ---- rules ----

#[derive(Template)]
#[template(path = "structure/rules.html")]
struct RulesPage {
    p: Chrome,
    b: Body,
    rules_json: String,
    described: Vec<String>,
}

fn rules_page(ctx: &Ctx, b: Body, rules_json: String, invalid: Option<&Invalid>) -> AppResult<Response> {
    let mut p = Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, "rules.title"), b.name));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let described = b.rules.iter().map(|r| r.describe(ctx.lang)).collect();
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, render(&RulesPage { p, b, rules_json, described })?).into_response())
}

pub async fn rules_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    let b = load_body(&app, &raw).await?;
    let json = serde_json::to_string_pretty(&b.rules).unwrap_or_else(|_| "[]".into());
    rules_page(&ctx, b, json, None)
}

/// Reads rules from JSON and validates each; errors name the field `rules`.
pub fn parse_rules(v: &Value) -> Result<Vec<Rule>, Invalid> {
    let rules: Vec<Rule> = serde_json::from_value(v.clone()).map_err(|e| {
        Invalid::one(FieldError::new(
            "rules",
            "invalid_rules",
            format!("Reglerna kunde inte läsas: {e}"),
            format!("The rules could not be read: {e}"),
        ))
    })?;
    for r in &rules {
        r.validate().map_err(|i| {
            Invalid(
                i.0.into_iter()
                    .map(|mut e| {
                        e.field = "rules".into();
                        e
                    })
                    .collect(),
            )
        })?;
    }
    Ok(rules)
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RulesForm {
    pub rules: String,
    /// A standard set to use instead: strategic, care or management.
    pub standard: String,
}

pub async fn set_rules(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<RulesForm>,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let b = load_body(&app, &raw).await?;
    let county = b.county_code.clone().unwrap_or_default();
    let parsed = match f.standard.as_str() {
        "" => serde_json::from_str::<Value>(&f.rules)
            .map_err(|e| {
                Invalid::one(FieldError::new(
                    "rules",
                    "invalid_json",
                    format!("Ogiltig JSON: {e}"),
                    format!("Invalid JSON: {e}"),
                ))
            })
            .and_then(|v| parse_rules(&v)),
        _ if county.is_empty() => Err(Invalid::one(FieldError::new(
            "standard",
            "needs_county",
            "Ange organets län först.",
            "Set the body's county first.",
        ))),
        "strategic" => Ok(standard_rules::strategic_consultation_group(&county)),
        "care" => Ok(standard_rules::care_consultation_group(&county)),
        "management" => Ok(standard_rules::management_group(&county)),
        _ => Err(Invalid::one(FieldError::new(
            "standard",
            "invalid_standard",
            "Okänd regeluppsättning.",
            "Unknown rule set.",
        ))),
    };
    match parsed {
        Ok(rules) => {
            app.store.set_rules(b.id, &rules, &ctx.actor()).await?;
            Ok(Redirect::to(&format!("/organ/{}?klart=sparat", b.id)).into_response())
        }
        Err(inv) => rules_page(&ctx, b, f.rules, Some(&inv)),
    }
}

// ---- meeting plan and work plan ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingPlanForm {
    pub year: String,
    pub dates: String,
}

fn year_field(v: &str) -> Result<i32, FieldError> {
    v.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| FieldError::new("year", "invalid_year", "Ange ett år, t.ex. 2026.", "Give a year, e.g. 2026."))
}

pub async fn set_meeting_plan(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<MeetingPlanForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let year = year_field(&f.year)?;
    let dates = parse_meeting_dates(&f.dates)?;
    app.store.set_meeting_plan(b.id, year, &dates, &ctx.actor()).await?;
    Ok(Redirect::to(&format!("/organ/{}?ar={year}&klart=sparat#plan", b.id)).into_response())
}

#[derive(Template)]
#[template(path = "structure/work_plan.html")]
struct WorkPlanPage {
    p: Chrome,
    b: Body,
    plans: Vec<WorkPlan>,
    manage: bool,
    signed_in: bool,
    f: WorkPlanForm,
    rows: Vec<QuestionRow>,
    statuses: [QuestionStatus; 4],
}

/// A question row of the work plan form.
pub struct QuestionRow {
    pub i: usize,
    pub title: String,
    pub description: String,
    pub duty: String,
    pub status: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct WorkPlanForm {
    pub decided_on: String,
    pub covers_from: String,
    pub covers_to: String,
    /// The question rows, as `q{i}_title`, `q{i}_description`, `q{i}_duty`, `q{i}_status`.
    #[serde(flatten)]
    pub rest: std::collections::HashMap<String, String>,
}

impl WorkPlanForm {
    fn rows(&self) -> Vec<QuestionRow> {
        let get = |i: usize, f: &str| self.rest.get(&format!("q{i}_{f}")).cloned().unwrap_or_default();
        let n = (0..100).take_while(|i| self.rest.contains_key(&format!("q{i}_title"))).count();
        (0..n)
            .map(|i| QuestionRow {
                i,
                title: get(i, "title"),
                description: get(i, "description"),
                duty: get(i, "duty"),
                status: get(i, "status"),
            })
            .collect()
    }
}

fn rows_for_new_version(latest: Option<&WorkPlan>) -> Vec<QuestionRow> {
    let mut rows: Vec<QuestionRow> = latest
        .map(|w| {
            w.questions
                .iter()
                .enumerate()
                .map(|(i, q)| QuestionRow {
                    i,
                    title: q.title.clone(),
                    description: q.description.clone().unwrap_or_default(),
                    duty: q.duty.clone().unwrap_or_default(),
                    status: q.status.as_str().into(),
                })
                .collect()
        })
        .unwrap_or_default();
    let n = rows.len();
    rows.extend((n..n + 3).map(|i| QuestionRow {
        i,
        title: String::new(),
        description: String::new(),
        duty: String::new(),
        status: "planned".into(),
    }));
    rows
}

/// The domain names question fields `questions[i].title` (as the API does); the form's fields
/// are `q{i}_title`, so errors are shown next to the right field.
fn form_field_names(inv: Invalid) -> Invalid {
    Invalid(
        inv.0
            .into_iter()
            .map(|mut e| {
                if let Some(rest) = e.field.strip_prefix("questions[")
                    && let Some((i, f)) = rest.split_once("].")
                {
                    e.field = format!("q{i}_{f}");
                }
                e
            })
            .collect(),
    )
}

async fn work_plan_page(
    app: &App,
    ctx: &Ctx,
    b: Body,
    f: WorkPlanForm,
    rows: Option<Vec<QuestionRow>>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let plans = app.store.work_plans(b.id).await?;
    let manage = can_manage(app, ctx, b.id).await?;
    let rows = rows.unwrap_or_else(|| rows_for_new_version(plans.first()));
    let mut p = Chrome::new(ctx, format!("{} – {}", i18n::text(ctx.lang, "work_plan.title"), b.name));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((
        status,
        render(&WorkPlanPage {
            p,
            b,
            plans,
            manage,
            signed_in: ctx.signed_in(),
            f,
            rows,
            statuses: QuestionStatus::ALL,
        })?,
    )
        .into_response())
}

pub async fn work_plan(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let f = WorkPlanForm { decided_on: app.store.today().to_string(), ..Default::default() };
    work_plan_page(&app, &ctx, b, f, None, None).await
}

pub async fn add_work_plan(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<WorkPlanForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let rows = f.rows();
    let qs: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|r| (r.title.as_str(), r.description.as_str(), r.duty.as_str(), r.status.as_str())).collect();
    match WorkPlanInput::parse(&f.decided_on, &f.covers_from, &f.covers_to, &qs, &b.duties) {
        Ok(w) => {
            app.store.add_work_plan(b.id, &w, &ctx.actor()).await?;
            Ok(Redirect::to(&format!("/organ/{}/arbetsplan?klart=sparat", b.id)).into_response())
        }
        Err(inv) => work_plan_page(&app, &ctx, b, f, Some(rows), Some(&form_field_names(inv))).await,
    }
}

// ---- compliance ----

#[derive(Template)]
#[template(path = "structure/compliance.html")]
struct CompliancePage {
    p: Chrome,
    at: Date,
    rows: Vec<(Body, Report)>,
    county: String,
    counties: &'static [County],
    total_findings: usize,
}

pub async fn dashboard(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let at = at_date(&ctx.query, app.store.today())?;
    let county = query_value(&ctx.query, "county").filter(|c| !c.is_empty());
    let snapshot = app.store.snapshot(at).await?;
    let mut rows: Vec<(Body, Report)> = snapshot
        .bodies
        .iter()
        .filter(|b| !b.rules.is_empty())
        .filter(|b| county.as_ref().is_none_or(|c| b.county_code.as_ref() == Some(c)))
        .map(|b| (b.clone(), snapshot.report(b)))
        .collect();
    rows.sort_by_key(|(b, r)| (r.compliant, b.county_code.clone(), domain::text::search_key(&b.name)));
    let total_findings = rows.iter().map(|(_, r)| r.findings.len()).sum();
    let p = Chrome::new(&ctx, i18n::text(ctx.lang, "compliance.title"));
    Ok(render(&CompliancePage {
        p,
        at,
        rows,
        county: county.unwrap_or_default(),
        counties: reference::counties(),
        total_findings,
    })?
    .into_response())
}

fn report_json(r: &Report, lang: Lang) -> Value {
    json!({
        "compliant": r.compliant,
        "findings": r.findings.iter().map(|f: &Finding| json!({
            "rule": f.rule, "message": f.message(lang), "message_sv": f.sv, "message_en": f.en,
            "organisation_id": f.organisation_id,
        })).collect::<Vec<_>>(),
    })
}

// ---- the structure chart ----

#[derive(Template)]
#[template(path = "structure/chart.html")]
struct ChartPage {
    p: Chrome,
    svg: String,
    outline: String,
    county: String,
    counties: Vec<&'static County>,
}

/// The text alternative of the chart: the same bodies as nested lists with links.
fn outline_html(nodes: &[chart::OutlineNode]) -> String {
    let esc = chart::esc;
    let mut out = String::from("<ul>");
    for n in nodes {
        out.push_str(&format!("<li><a href=\"/organ/{}\">{}</a> ({})", n.id, esc(&n.name), esc(n.kind_label)));
        if let Some(r) = &n.relation {
            out.push_str(&format!(" – {}", esc(r)));
        }
        if !n.children.is_empty() {
            out.push_str(&outline_html(&n.children));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// The structure of one county's collaboration (the first county with bodies by default).
pub async fn chart_page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let all = app.store.all_bodies().await?;
    let mut with_bodies: Vec<&'static County> = reference::counties()
        .iter()
        .filter(|c| all.iter().any(|b| b.county_code.as_deref() == Some(c.code.as_str())))
        .collect();
    with_bodies.sort_by_key(|c| c.code.clone());
    let county = query_value(&ctx.query, "county")
        .filter(|c| !c.is_empty())
        .or_else(|| with_bodies.first().map(|c| c.code.clone()));
    let bodies: Vec<&Body> =
        all.iter().filter(|b| b.county_code == county || (county.is_none() && b.county_code.is_none())).collect();
    let facts: Vec<_> = bodies.iter().map(|b| b.facts()).collect();
    let drawn: Vec<chart::ChartBody> =
        facts.iter().zip(&bodies).map(|(f, b)| chart::ChartBody { facts: f, presidium_of: b.presidium_of }).collect();
    let p = Chrome::new(&ctx, i18n::text(ctx.lang, "chart.title"));
    let page = ChartPage {
        svg: chart::svg(&drawn, ctx.lang),
        outline: outline_html(&chart::outline(&drawn, ctx.lang)),
        county: county.unwrap_or_default(),
        counties: with_bodies,
        p,
    };
    Ok(render(&page)?.into_response())
}

// ---- a person's assignments ----

/// Every assignment of a person, current and past, as the person page lists them.
pub async fn person_assignments(app: &App, person: PersonId, lang: Lang) -> AppResult<Vec<MemberRow>> {
    Ok(member_rows(app.store.person_memberships(person).await?, lang))
}

// ---- JSON API ----

pub async fn api_list(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let (q, f) = body_filter(&ctx)?;
    Ok(Json(app.store.bodies(&f, q.cursor.clone(), q.limit).await?).into_response())
}

pub async fn api_get(State(app): State<App>, Path(raw): Path<String>) -> AppResult<Response> {
    Ok(Json(load_body(&app, &raw).await?).into_response())
}

const BODY_FIELDS: &[&str] = &[
    "name",
    "kind",
    "formal",
    "county_code",
    "presidium_of",
    "superior_id",
    "prepares_for",
    "duties",
    "start",
    "end",
    "secretary",
    "organisations",
    "rules",
];

/// A body from JSON: the same fields as the form, with `duties` and `organisations` as arrays.
fn parse_body_json(headers: &HeaderMap, body: &Bytes) -> AppResult<(BodyInput, Option<Vec<Rule>>)> {
    let mut j = JsonInput::parse(headers, body, BODY_FIELDS)?;
    let ids = |j: &mut JsonInput, f: &str| j.id(f).map(|v| v.to_string()).unwrap_or_default();
    let (name, kind, county, start, end) =
        (j.str("name"), j.str("kind"), j.str("county_code"), j.str("start"), j.str("end"));
    let (presidium_of, superior, prepares, secretary) = (
        ids(&mut j, "presidium_of"),
        ids(&mut j, "superior_id"),
        ids(&mut j, "prepares_for"),
        ids(&mut j, "secretary"),
    );
    let formal = j.bool("formal");
    let duties = j.strings("duties");
    let organisations: Vec<String> = j.ids("organisations").into_iter().map(|i| i.to_string()).collect();
    let rules = j.raw("rules");
    j.finish()?;
    let duties = duties.join("\n");
    let input = BodyInput::parse(&BodyFields {
        name: &name,
        kind: &kind,
        formal,
        county_code: &county,
        presidium_of: &presidium_of,
        superior_id: &superior,
        prepares_for: &prepares,
        duties: &duties,
        start: &start,
        end: &end,
        secretary: &secretary,
        organisations: organisations.iter().map(String::as_str).collect(),
    })?;
    let rules = rules.map(|v| parse_rules(&v)).transpose()?;
    Ok((input, rules))
}

pub async fn api_create(State(app): State<App>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let (input, rules) = parse_body_json(&headers, &body)?;
    let key = crate::json::idempotency_key(&headers);
    let bid = app.store.create_body(&input, &rules.unwrap_or_default(), &ctx.actor(), key).await?;
    let b = app.store.body(bid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/bodies/{bid}"))], Json(b)).into_response())
}

pub async fn api_update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let bid: BodyId = id(&raw)?;
    let (input, rules) = parse_body_json(&headers, &body)?;
    app.store.update_body(bid, &input, &ctx.actor()).await?;
    if let Some(rules) = rules {
        app.store.set_rules(bid, &rules, &ctx.actor()).await?;
    }
    Ok(Json(app.store.body(bid).await?.ok_or(AppError::NotFound)?).into_response())
}

pub async fn api_delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    ctx.require_admin()?;
    app.store.delete_body(id(&raw)?, &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn api_set_rules(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    ctx.require_admin()?;
    let b = load_body(&app, &raw).await?;
    let mut j = JsonInput::parse(&headers, &body, &["rules"])?;
    let v = j.raw("rules").unwrap_or(Value::Array(vec![]));
    j.finish()?;
    let rules = parse_rules(&v)?;
    app.store.set_rules(b.id, &rules, &ctx.actor()).await?;
    Ok(Json(json!({"rules": rules})).into_response())
}

/// A membership as published: names, party and role are public; nothing else is personal.
fn membership_json(m: &Membership) -> Value {
    serde_json::to_value(m).unwrap_or(Value::Null)
}

pub async fn api_memberships(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let at = match query_value(&ctx.query, "at") {
        Some(_) => Some(at_date(&ctx.query, app.store.today())?),
        None => None,
    };
    let items: Vec<Value> = app.store.memberships(b.id, at).await?.iter().map(membership_json).collect();
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}

const MEMBERSHIP_FIELDS: &[&str] = &["person_id", "organisation_id", "role", "side", "start", "end", "substitute_for"];

/// The API names the membership's links `person_id` and `organisation_id`; the domain and store
/// name them `person` and `organisation`.
fn api_field_names(e: AppError) -> AppError {
    match e {
        AppError::Invalid(i) => AppError::Invalid(Invalid(
            i.0.into_iter()
                .map(|mut e| {
                    if e.field == "person" || e.field == "organisation" {
                        e.field.push_str("_id");
                    }
                    e
                })
                .collect(),
        )),
        e => e,
    }
}

fn parse_membership_json(headers: &HeaderMap, body: &Bytes) -> AppResult<MembershipInput> {
    let mut j = JsonInput::parse(headers, body, MEMBERSHIP_FIELDS)?;
    let id_str = |j: &mut JsonInput, f: &str| j.id(f).map(|v| v.to_string()).unwrap_or_default();
    let (person, org, sub) =
        (id_str(&mut j, "person_id"), id_str(&mut j, "organisation_id"), id_str(&mut j, "substitute_for"));
    let (role, side, start, end) = (j.str("role"), j.str("side"), j.str("start"), j.str("end"));
    j.finish()?;
    MembershipInput::parse(&person, &org, &role, &side, &start, &end, &sub).map_err(|i| api_field_names(i.into()))
}

pub async fn api_create_membership(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let m = parse_membership_json(&headers, &body)?;
    let key = crate::json::idempotency_key(&headers);
    let mid = app.store.create_membership(b.id, &m, &ctx.actor(), key).await.map_err(|e| api_field_names(e.into()))?;
    let m = app.store.membership(mid).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/memberships/{mid}"))], Json(membership_json(&m)))
        .into_response())
}

pub async fn api_get_membership(State(app): State<App>, Path(raw): Path<String>) -> AppResult<Response> {
    let m = app.store.membership(id(&raw)?).await?.ok_or(AppError::NotFound)?;
    Ok(Json(membership_json(&m)).into_response())
}

pub async fn api_update_membership(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let m = app.store.membership(id(&raw)?).await?.ok_or(AppError::NotFound)?;
    require_manager(&app, &ctx, BodyId(m.body_id)).await?;
    let input = parse_membership_json(&headers, &body)?;
    app.store
        .update_membership(MembershipId(m.id), &input, &ctx.actor())
        .await
        .map_err(|e| api_field_names(e.into()))?;
    let m = app.store.membership(MembershipId(m.id)).await?.ok_or(AppError::NotFound)?;
    Ok(Json(membership_json(&m)).into_response())
}

pub async fn api_delete_membership(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = app.store.membership(id(&raw)?).await?.ok_or(AppError::NotFound)?;
    require_manager(&app, &ctx, BodyId(m.body_id)).await?;
    app.store.delete_membership(MembershipId(m.id), &ctx.actor()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn api_compliance(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let at = at_date(&ctx.query, app.store.today())?;
    let report = app.store.body_snapshot(b.id, at).await?.report(&b);
    let mut j = report_json(&report, ctx.lang);
    j["at"] = json!(at.to_string());
    Ok(Json(j).into_response())
}

/// Every body with rules and its report on a day.
pub async fn api_dashboard(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let at = at_date(&ctx.query, app.store.today())?;
    let snapshot = app.store.snapshot(at).await?;
    let items: Vec<Value> = snapshot
        .bodies
        .iter()
        .filter(|b| !b.rules.is_empty())
        .map(|b| {
            let mut j = report_json(&snapshot.report(b), ctx.lang);
            j["body_id"] = json!(b.id);
            j["name"] = json!(b.name);
            j
        })
        .collect();
    Ok(Json(json!({"at": at.to_string(), "items": items, "next_cursor": null})).into_response())
}

/// Work plans; who saved a version (an account's e-mail) is shown to signed-in callers only.
pub async fn api_work_plans(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let mut items = serde_json::to_value(app.store.work_plans(b.id).await?).unwrap_or(Value::Null);
    if !ctx.signed_in()
        && let Some(list) = items.as_array_mut()
    {
        for w in list.iter_mut().filter_map(Value::as_object_mut) {
            w.remove("created_by");
        }
    }
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}

pub async fn api_add_work_plan(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let mut j = JsonInput::parse(&headers, &body, &["decided_on", "covers_from", "covers_to", "questions"])?;
    let decided_on = j.str("decided_on");
    let (from, to) = (
        j.int("covers_from").map(|v| v.to_string()).unwrap_or_default(),
        j.int("covers_to").map(|v| v.to_string()).unwrap_or_default(),
    );
    let questions = j.raw("questions").unwrap_or(Value::Array(vec![]));
    j.finish()?;
    let Value::Array(items) = questions else {
        return Err(FieldError::new(
            "questions",
            "wrong_type",
            "Fältet ska vara en lista.",
            "The field must be a list.",
        )
        .into());
    };
    let text = |q: &Value, k: &str| q.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let owned: Vec<(String, String, String, String)> = items
        .iter()
        .map(|q| {
            (text(q, "title"), text(q, "description"), text(q, "duty"), {
                let s = text(q, "status");
                if s.is_empty() { "planned".into() } else { s }
            })
        })
        .collect();
    let qs: Vec<(&str, &str, &str, &str)> =
        owned.iter().map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str())).collect();
    let w = WorkPlanInput::parse(&decided_on, &from, &to, &qs, &b.duties)?;
    let version = app.store.add_work_plan(b.id, &w, &ctx.actor()).await?;
    Ok((StatusCode::CREATED, Json(json!({"version": version}))).into_response())
}

pub async fn api_meeting_plan(
    State(app): State<App>,
    Path((raw, year)): Path<(String, String)>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let year = year_field(&year)?;
    let dates: Vec<String> = app.store.meeting_plan(b.id, year).await?.iter().map(Date::to_string).collect();
    Ok(Json(json!({"year": year, "dates": dates})).into_response())
}

pub async fn api_set_meeting_plan(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, year)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    require_manager(&app, &ctx, b.id).await?;
    let year = year_field(&year)?;
    let mut j = JsonInput::parse(&headers, &body, &["dates"])?;
    let dates = j.strings("dates");
    j.finish()?;
    let dates = parse_meeting_dates(&dates.join("\n"))?;
    app.store.set_meeting_plan(b.id, year, &dates, &ctx.actor()).await?;
    Ok(Json(json!({"year": year, "dates": dates.iter().map(Date::to_string).collect::<Vec<_>>()})).into_response())
}

pub async fn api_person_memberships(State(app): State<App>, Path(raw): Path<String>) -> AppResult<Response> {
    let pid: PersonId = id(&raw)?;
    app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    let items: Vec<Value> = app.store.person_memberships(pid).await?.iter().map(membership_json).collect();
    Ok(Json(json!({"items": items, "next_cursor": null})).into_response())
}
