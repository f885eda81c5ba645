//! Meetings: a body's meetings and plan, the meeting page with its agenda and attachments, the
//! notice (kallelse), attendance, and the iCalendar feeds.
//!
//! Meetings are public; those who prepare a meeting (an admin, the body's secretary or the
//! meeting's secretary, see `access`) change it. Attendance before the protocol is adjusted is
//! read by the body's members and the approvers.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::error::Lang;
use domain::ids::{BodyId, MeetingId, PersonId};
use domain::meetings::attachment::{MAX_ATTACHMENT_BYTES, safe_file_name, sniff};
use domain::meetings::{
    AgendaItemFields, AgendaItemInput, AttendanceFields, AttendanceInput, AttendanceRole, ItemKind, MeetingFields,
    MeetingInput, MeetingStatus,
};
use domain::{FieldError, Invalid};
use feeds::ical;
use serde::Deserialize;
use store::meetings::{AgendaItem, Attachment, AttendanceLine, Meeting};
use store::structure::{Body, Membership};
use time::{Date, Duration};

use crate::access::{can_prepare, can_read_draft, load_meeting, require_prepare};
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, Pairs, id};
use crate::pages::{Chrome, query_value, render};
use crate::{App, i18n};

/// The largest upload body: the largest attachment and room for the form around it. Larger
/// bodies are cut off by axum and reported at the field `file`.
const UPLOAD_LIMIT: usize = MAX_ATTACHMENT_BYTES + (256 << 10);

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/moten", get(overview))
        .route("/organ/{id}/moten", get(body_meetings).post(create))
        .route("/organ/{id}/kalender.ics", get(body_calendar))
        .route("/personer/{id}/kalender.ics", get(person_calendar))
        .route("/moten/{id}", get(show).post(update))
        .route("/moten/{id}/redigera", get(edit_form))
        .route("/moten/{id}/ta-bort", get(delete_form).post(delete))
        .route("/moten/{id}/status", post(set_status))
        .route("/moten/{id}/justerare", post(set_adjusters))
        .route("/moten/{id}/dagordning", post(add_item))
        .route("/moten/{id}/dagordning/{item}", post(update_item))
        .route("/moten/{id}/dagordning/{item}/redigera", get(edit_item))
        .route("/moten/{id}/dagordning/{item}/ta-bort", post(delete_item))
        .route("/moten/{id}/dagordning/{item}/flytta", post(move_item))
        .route("/moten/{id}/bilagor", post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/moten/{id}/bilagor/{aid}/ta-bort", post(delete_attachment))
        .route("/bilagor/{id}/{name}", get(download))
        .route("/moten/{id}/kallelse", get(notice))
        .route("/moten/{id}/narvaro", get(attendance).post(save_attendance))
}

pub(crate) fn api_routes() -> Router<App> {
    Router::new()
}

// ---- shared pieces ----

/// "fredag 11 oktober 2024" / "Friday 11 October 2024".
pub fn long_date(d: Date, lang: Lang) -> String {
    const SV_DAYS: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];
    const EN_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const SV_MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let day = d.weekday().number_days_from_monday() as usize;
    let month = d.month() as usize - 1;
    match lang {
        Lang::Sv => format!("{} {} {} {}", SV_DAYS[day], d.day(), SV_MONTHS[month], d.year()),
        Lang::En => format!("{} {} {} {}", EN_DAYS[day], d.day(), EN_MONTHS[month], d.year()),
    }
}

/// "09:00–12:00", "09:00" or nothing.
fn time_span(start: &Option<String>, end: &Option<String>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => s.clone(),
        (None, Some(e)) => format!("–{e}"),
        (None, None) => String::new(),
    }
}

/// Admins and the body's secretary create meetings of the body.
async fn can_manage_body(app: &App, ctx: &Ctx, body: BodyId) -> AppResult<bool> {
    Ok(match &ctx.user {
        Some(u) => u.is_admin || app.store.is_body_secretary(u.user_id(), body, app.store.today()).await?,
        None => false,
    })
}

async fn load_body(app: &App, raw: &str) -> AppResult<Body> {
    app.store.body(id(raw)?).await?.ok_or(AppError::NotFound)
}

/// The chrome of a page whose form may be shown again with errors.
fn form_chrome(ctx: &Ctx, title: String, invalid: Option<&Invalid>) -> Chrome {
    let p = Chrome::new(ctx, title);
    match invalid {
        Some(i) => p.with_errors(i),
        None => p,
    }
}

/// A page with a form: 422 when it is shown again with errors.
fn form_response<T: Template>(page: &T, invalid: Option<&Invalid>) -> AppResult<Response> {
    let status = if invalid.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, render(page)?).into_response())
}

/// Store errors about the input are shown on the form; others go to the error page.
fn form_error(e: store::StoreError) -> Result<Invalid, AppError> {
    match e {
        store::StoreError::Invalid(i) => Ok(i),
        e => Err(e.into()),
    }
}

/// A meeting as lists show it.
pub struct Row {
    pub m: Meeting,
    pub status: &'static str,
    pub time: String,
    pub due: Date,
    pub late: bool,
}

fn rows(ms: Vec<Meeting>, lang: Lang, today: Date) -> Vec<Row> {
    ms.into_iter()
        .map(|m| Row {
            status: m.status.label(lang),
            time: time_span(&m.start, &m.end),
            due: m.adjustment_due(),
            late: m.adjustment_late(today),
            m,
        })
        .collect()
}

/// A person to choose in a select.
pub struct Choice {
    pub id: i64,
    pub name: String,
}

fn member_choices(ms: &[Membership]) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for m in ms {
        if !out.iter().any(|c| c.id == m.person_id) {
            out.push(Choice { id: m.person_id, name: format!("{}, {}", m.person_name, m.organisation_name) });
        }
    }
    out
}

/// The body's members on a day, and everyone else in the register (for chair and secretary).
async fn people_choices(app: &App, body: BodyId, on: Date) -> AppResult<(Vec<Choice>, Vec<Choice>)> {
    let members = member_choices(&app.store.memberships(body, Some(on)).await?);
    let others = crate::people::all_people(app)
        .await?
        .into_iter()
        .filter(|v| !members.iter().any(|c| c.id == v.person.id.0))
        .map(|v| Choice {
            id: v.person.id.0,
            name: match v.organisation_name {
                Some(o) => format!("{}, {o}", v.person.name),
                None => v.person.name,
            },
        })
        .collect();
    Ok((members, others))
}

// ---- the overview ----

#[derive(Template)]
#[template(path = "meetings/overview.html")]
struct OverviewPage {
    p: Chrome,
    bodies: Vec<Body>,
    body: String,
    year: String,
    /// The meetings of the chosen year, when a year is chosen.
    of_year: Option<Vec<Row>>,
    upcoming: Vec<Row>,
    recent: Vec<Row>,
    /// Protocols waiting for adjustment, for those who prepare meetings.
    waiting: Option<Vec<Row>>,
}

pub async fn overview(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let t = app.store.today();
    let body: Option<BodyId> =
        query_value(&ctx.query, "organ").filter(|v| !v.is_empty()).map(|v| id(&v)).transpose()?;
    let year = query_value(&ctx.query, "ar").filter(|v| !v.is_empty());
    let year_n = match &year {
        Some(y) => Some(year_field(y)?),
        None => None,
    };
    let of_body =
        |ms: Vec<Meeting>| -> Vec<Meeting> { ms.into_iter().filter(|m| body.is_none_or(|b| m.body_id == b)).collect() };
    let (of_year, upcoming, recent) = match year_n {
        Some(y) => {
            let (from, to) = year_bounds(y);
            (Some(rows(of_body(app.store.meetings_between(from, to).await?), ctx.lang, t)), vec![], vec![])
        }
        None => {
            let up = of_body(app.store.meetings_between(t, t + Duration::days(60)).await?);
            let mut past = of_body(app.store.meetings_between(t - Duration::days(60), t - Duration::days(1)).await?);
            past.reverse();
            (None, rows(up, ctx.lang, t), rows(past, ctx.lang, t))
        }
    };
    let waiting = waiting_protocols(&app, &ctx, t).await?;
    let page = OverviewPage {
        p: Chrome::new(&ctx, i18n::text(ctx.lang, "meeting.overview_title")),
        bodies: app.store.all_bodies().await?,
        body: body.map(|b| b.to_string()).unwrap_or_default(),
        year: year.unwrap_or_default(),
        of_year,
        upcoming,
        recent,
        waiting,
    };
    Ok(render(&page)?.into_response())
}

/// The protocols not yet adjusted that the user prepares: those late (rule 15: 14 days after
/// the meeting) and those still within the deadline. `None` for those who prepare nothing.
async fn waiting_protocols(app: &App, ctx: &Ctx, t: Date) -> AppResult<Option<Vec<Row>>> {
    let Some(u) = &ctx.user else { return Ok(None) };
    let late = app.store.late_protocols(t).await?;
    let days = domain::meetings::Deadlines::default().adjustment_days;
    let pending: Vec<Meeting> = app
        .store
        .meetings_between(t - Duration::days(days), t)
        .await?
        .into_iter()
        .filter(|m| matches!(m.status, MeetingStatus::Held | MeetingStatus::ProtocolDrafted) && !m.adjustment_late(t))
        .collect();
    let mut mine = Vec::new();
    for m in late.into_iter().chain(pending) {
        if can_prepare(app, ctx, &m).await? {
            mine.push(m);
        }
    }
    if mine.is_empty() && !u.is_admin {
        return Ok(None);
    }
    Ok(Some(rows(mine, ctx.lang, t)))
}

fn year_field(v: &str) -> Result<i32, FieldError> {
    v.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| FieldError::new("ar", "invalid_year", "Ange ett år, t.ex. 2026.", "Give a year, e.g. 2026."))
}

fn year_bounds(y: i32) -> (Date, Date) {
    let first = Date::from_calendar_date(y, time::Month::January, 1).unwrap_or(Date::MIN);
    let last = Date::from_calendar_date(y, time::Month::December, 31).unwrap_or(Date::MAX);
    (first, last)
}

// ---- a body's meetings ----

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub online_url: String,
    pub chair: String,
    pub secretary: String,
    /// Makes a retried post create one meeting.
    pub idempotency_key: String,
}

impl MeetingForm {
    fn of(m: &Meeting) -> MeetingForm {
        MeetingForm {
            date: m.date.to_string(),
            start: m.start.clone().unwrap_or_default(),
            end: m.end.clone().unwrap_or_default(),
            place: m.place.clone().unwrap_or_default(),
            online_url: m.online_url.clone().unwrap_or_default(),
            chair: m.chair.as_ref().map(|n| n.id.to_string()).unwrap_or_default(),
            secretary: m.secretary.as_ref().map(|n| n.id.to_string()).unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    fn parse(&self) -> Result<MeetingInput, Invalid> {
        MeetingInput::parse(&MeetingFields {
            date: &self.date,
            start: &self.start,
            end: &self.end,
            place: &self.place,
            online_url: &self.online_url,
            chair: &self.chair,
            secretary: &self.secretary,
        })
    }

    /// The day whose members are offered as chair and secretary.
    fn day(&self, today: Date) -> Date {
        domain::structure::date("date", &self.date).ok().flatten().unwrap_or(today)
    }
}

#[derive(Template)]
#[template(path = "meetings/body.html")]
struct BodyPage {
    p: Chrome,
    b: Body,
    year: i32,
    rows: Vec<Row>,
    manage: bool,
    f: MeetingForm,
    members: Vec<Choice>,
    others: Vec<Choice>,
}

async fn body_page(
    app: &App,
    ctx: &Ctx,
    b: Body,
    year: i32,
    f: MeetingForm,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let p = form_chrome(ctx, format!("{} – {}", i18n::text(ctx.lang, "meeting.body_title"), b.name), invalid);
    let manage = can_manage_body(app, ctx, b.id).await?;
    let (members, others) =
        if manage { people_choices(app, b.id, f.day(app.store.today())).await? } else { (Vec::new(), Vec::new()) };
    let page = BodyPage {
        p,
        rows: rows(app.store.body_meetings(b.id, Some(year)).await?, ctx.lang, app.store.today()),
        year,
        manage,
        f,
        members,
        others,
        b,
    };
    form_response(&page, invalid)
}

pub async fn body_meetings(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let year = match query_value(&ctx.query, "ar").filter(|v| !v.is_empty()) {
        Some(y) => year_field(&y)?,
        None => app.store.today().year(),
    };
    let f = MeetingForm { idempotency_key: crate::auth::new_secret(), ..MeetingForm::default() };
    body_page(&app, &ctx, b, year, f, None).await
}

pub async fn create(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<MeetingForm>,
) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    ctx.require_user()?;
    if !can_manage_body(&app, &ctx, b.id).await? {
        return Err(AppError::Forbidden);
    }
    let result = match f.parse() {
        Ok(input) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.create_meeting(b.id, &input, &ctx.actor(), key).await.map_err(form_error)
        }
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(mid) => Ok(Redirect::to(&format!("/moten/{mid}?klart=skapat")).into_response()),
        Err(Ok(inv)) => {
            let year = f.day(app.store.today()).year();
            body_page(&app, &ctx, b, year, f, Some(&inv)).await
        }
        Err(Err(e)) => Err(e),
    }
}

// ---- the meeting page ----

/// An agenda item as the meeting page and the notice show it.
pub struct ItemView {
    pub it: AgendaItem,
    pub number: usize,
    pub kind: &'static str,
    pub time: String,
    pub first: bool,
    pub last: bool,
}

fn item_views(items: Vec<AgendaItem>, lang: Lang) -> Vec<ItemView> {
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, it)| ItemView {
            number: i + 1,
            kind: it.kind.label(lang),
            time: time_span(&it.starts_at, &it.ends_at),
            first: i == 0,
            last: i + 1 == n,
            it,
        })
        .collect()
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub title: String,
    pub kind: String,
    pub case_number: String,
    pub presenters: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    /// Makes a retried post add one item.
    pub idempotency_key: String,
}

impl ItemForm {
    fn of(a: &AgendaItem) -> ItemForm {
        ItemForm {
            title: a.title.clone(),
            kind: a.kind.as_str().into(),
            case_number: a.case_number.clone().unwrap_or_default(),
            presenters: a.presenters.join("\n"),
            description: a.description.clone().unwrap_or_default(),
            starts_at: a.starts_at.clone().unwrap_or_default(),
            ends_at: a.ends_at.clone().unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    fn parse(&self) -> Result<AgendaItemInput, Invalid> {
        AgendaItemInput::parse(&AgendaItemFields {
            title: &self.title,
            kind: &self.kind,
            case_number: &self.case_number,
            presenters: &self.presenters,
            description: &self.description,
            starts_at: &self.starts_at,
            ends_at: &self.ends_at,
        })
    }
}

/// What the attachment form keeps when it is shown again (a browser never resends a file).
#[derive(Clone, Debug, Default)]
pub struct UploadForm {
    pub title: String,
    pub agenda_item: String,
}

/// The values of the meeting page's forms when one of them is shown again with errors.
#[derive(Default)]
struct Forms {
    item: ItemForm,
    upload: UploadForm,
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    p: Chrome,
    m: Meeting,
    status: &'static str,
    date: String,
    time: String,
    /// (status value, text key) of the steps the preparer may take now.
    steps: Vec<(&'static str, &'static str)>,
    prepare: bool,
    agenda_editable: bool,
    editable: bool,
    read_attendance: bool,
    agenda: Vec<ItemView>,
    attachments: Vec<Attachment>,
    members: Vec<Choice>,
    kinds: Vec<(&'static str, &'static str)>,
    item: ItemForm,
    upload: UploadForm,
}

impl ShowPage {
    fn is_adjuster(&self, id: &i64) -> bool {
        self.m.adjusters.iter().any(|n| n.id == *id)
    }

    /// The title of the agenda item an attachment belongs to.
    fn item_title(&self, id: &Option<i64>) -> Option<&str> {
        let id = (*id)?;
        self.agenda.iter().find(|v| v.it.id == id).map(|v| v.it.title.as_str())
    }
}

fn item_kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ItemKind::ALL.iter().map(|k| (k.as_str(), k.label(lang))).collect()
}

fn steps(m: &Meeting) -> Vec<(&'static str, &'static str)> {
    if m.status.was_held() {
        return vec![];
    }
    m.status
        .next()
        .iter()
        .filter_map(|s| match s {
            MeetingStatus::NoticeSent => Some((s.as_str(), "meeting.step_notice_sent")),
            MeetingStatus::Held => Some((s.as_str(), "meeting.step_held")),
            MeetingStatus::Cancelled => Some((s.as_str(), "meeting.step_cancelled")),
            _ => None,
        })
        .collect()
}

async fn meeting_page(
    app: &App,
    ctx: &Ctx,
    m: Meeting,
    forms: Forms,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let p = form_chrome(ctx, format!("{} {}", m.body_name, m.date), invalid);
    let prepare = can_prepare(app, ctx, &m).await?;
    let read_attendance = m.protocol_public() || can_read_draft(app, ctx, &m).await?;
    let members =
        if prepare { member_choices(&app.store.memberships(m.body_id, Some(m.date)).await?) } else { Vec::new() };
    let locked =
        matches!(m.status, MeetingStatus::ProtocolDrafted | MeetingStatus::Adjusted | MeetingStatus::Announced);
    let page = ShowPage {
        p,
        status: m.status.label(ctx.lang),
        date: long_date(m.date, ctx.lang),
        time: time_span(&m.start, &m.end),
        steps: steps(&m),
        prepare,
        agenda_editable: !m.status.was_held() && m.status != MeetingStatus::Cancelled,
        editable: !locked,
        read_attendance,
        agenda: item_views(app.store.agenda(m.id).await?, ctx.lang),
        attachments: app.store.attachments(m.id).await?,
        members,
        kinds: item_kinds(ctx.lang),
        item: if forms.item.kind.is_empty() {
            ItemForm { kind: "decision".into(), idempotency_key: crate::auth::new_secret(), ..forms.item }
        } else {
            forms.item
        },
        upload: forms.upload,
        m,
    };
    form_response(&page, invalid)
}

pub async fn show(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = load_meeting(&app, &raw).await?;
    meeting_page(&app, &ctx, m, Forms::default(), None).await
}

/// Loads the meeting and checks that the user prepares it.
async fn prepared(app: &App, ctx: &Ctx, raw: &str) -> AppResult<Meeting> {
    let m = load_meeting(app, raw).await?;
    require_prepare(app, ctx, &m).await?;
    Ok(m)
}

/// Where a write on the meeting page returns to.
fn back(m: MeetingId, notice: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/moten/{m}?klart={notice}#{anchor}")).into_response()
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct EditPage {
    p: Chrome,
    m: Meeting,
    f: MeetingForm,
    members: Vec<Choice>,
    others: Vec<Choice>,
}

async fn edit_page(app: &App, ctx: &Ctx, m: Meeting, f: MeetingForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    let p = form_chrome(ctx, format!("{} – {} {}", i18n::text(ctx.lang, "meeting.edit"), m.body_name, m.date), invalid);
    let (members, others) = people_choices(app, m.body_id, f.day(app.store.today())).await?;
    form_response(&EditPage { p, m, f, members, others }, invalid)
}

pub async fn edit_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let f = MeetingForm::of(&m);
    edit_page(&app, &ctx, m, f, None).await
}

pub async fn update(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<MeetingForm>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let result = match f.parse() {
        Ok(input) => app.store.update_meeting(m.id, &input, &ctx.actor()).await.map_err(form_error),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/moten/{}?klart=sparat", m.id)).into_response()),
        Err(Ok(inv)) => edit_page(&app, &ctx, m, f, Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

pub async fn delete_form(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let name = format!("{} {}", m.body_name, m.date);
    let p = Chrome::new(&ctx, format!("{} {name}", i18n::text(ctx.lang, "form.delete")));
    Ok(render(&crate::pages::DeletePage {
        p,
        name,
        action: format!("/moten/{}/ta-bort", m.id),
        cancel: format!("/moten/{}", m.id),
    })?
    .into_response())
}

pub async fn delete(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    app.store.delete_meeting(m.id, &ctx.actor()).await?;
    Ok(Redirect::to(&format!("/organ/{}/moten?ar={}&klart=borttaget", m.body_id, m.date.year())).into_response())
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

pub async fn set_status(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<StatusForm>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let to = MeetingStatus::parse(&f.status).ok_or_else(|| {
        AppError::from(FieldError::new("status", "invalid_status", "Okänd status.", "Unknown status."))
    })?;
    match app.store.set_meeting_status(m.id, to, &ctx.actor()).await.map_err(form_error) {
        Ok(()) => Ok(back(m.id, "sparat", "status")),
        Err(Ok(inv)) => meeting_page(&app, &ctx, m, Forms::default(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

pub async fn set_adjusters(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    pairs: Pairs,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let mut people: Vec<PersonId> = Vec::new();
    for v in pairs.all("adjusters") {
        let p: PersonId = v.trim().parse::<i64>().ok().filter(|n| *n > 0).map(PersonId).ok_or_else(|| {
            AppError::from(FieldError::new(
                "adjusters",
                "invalid_id",
                "Välj personer i listan.",
                "Choose people from the list.",
            ))
        })?;
        if !people.contains(&p) {
            people.push(p);
        }
    }
    match app.store.set_adjusters(m.id, &people, &ctx.actor()).await.map_err(form_error) {
        Ok(()) => Ok(back(m.id, "sparat", "adjusters")),
        Err(Ok(inv)) => meeting_page(&app, &ctx, m, Forms::default(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

// ---- the agenda ----

pub async fn add_item(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Input(f): Input<ItemForm>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let result = match f.parse() {
        Ok(input) => {
            let key = Some(f.idempotency_key.as_str()).filter(|k| !k.is_empty());
            app.store.add_agenda_item(m.id, &input, &ctx.actor(), key).await.map_err(form_error)
        }
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(_) => Ok(back(m.id, "skapat", "agenda")),
        Err(Ok(inv)) => meeting_page(&app, &ctx, m, Forms { item: f, ..Forms::default() }, Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

async fn load_item(app: &App, m: &Meeting, raw: &str) -> AppResult<AgendaItem> {
    let item: i64 = id(raw)?;
    app.store.agenda(m.id).await?.into_iter().find(|a| a.id == item).ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "meetings/item_form.html")]
struct ItemPage {
    p: Chrome,
    m: Meeting,
    item_id: i64,
    item: ItemForm,
    kinds: Vec<(&'static str, &'static str)>,
}

fn item_page(ctx: &Ctx, m: Meeting, item_id: i64, item: ItemForm, invalid: Option<&Invalid>) -> AppResult<Response> {
    let p = form_chrome(
        ctx,
        format!("{} – {} {}", i18n::text(ctx.lang, "meeting.item_edit"), m.body_name, m.date),
        invalid,
    );
    form_response(&ItemPage { p, m, item_id, item, kinds: item_kinds(ctx.lang) }, invalid)
}

pub async fn edit_item(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, item)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let a = load_item(&app, &m, &item).await?;
    item_page(&ctx, m, a.id, ItemForm::of(&a), None)
}

pub async fn update_item(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, item)): Path<(String, String)>,
    Input(f): Input<ItemForm>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let a = load_item(&app, &m, &item).await?;
    let result = match f.parse() {
        Ok(input) => app.store.update_agenda_item(m.id, a.id, &input, &ctx.actor()).await.map_err(form_error),
        Err(i) => Err(Ok(i)),
    };
    match result {
        Ok(()) => Ok(back(m.id, "sparat", &format!("item-{}", a.id))),
        Err(Ok(inv)) => item_page(&ctx, m, a.id, f, Some(&inv)),
        Err(Err(e)) => Err(e),
    }
}

pub async fn delete_item(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, item)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let a = load_item(&app, &m, &item).await?;
    match app.store.delete_agenda_item(m.id, a.id, &ctx.actor()).await.map_err(form_error) {
        Ok(()) => Ok(back(m.id, "borttaget", "agenda")),
        Err(Ok(inv)) => meeting_page(&app, &ctx, m, Forms::default(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    /// "up" or "down".
    pub direction: String,
}

pub async fn move_item(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, item)): Path<(String, String)>,
    Input(f): Input<MoveForm>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let a = load_item(&app, &m, &item).await?;
    let step = match f.direction.as_str() {
        "up" => -1,
        "down" => 1,
        _ => {
            return Err(
                FieldError::new("direction", "invalid_direction", "Välj upp eller ner.", "Choose up or down.").into()
            );
        }
    };
    match app.store.move_agenda_item(m.id, a.id, step, &ctx.actor()).await.map_err(form_error) {
        Ok(()) => Ok(back(m.id, "sparat", &format!("item-{}", a.id))),
        Err(Ok(inv)) => meeting_page(&app, &ctx, m, Forms::default(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

// ---- attachments ----

fn upload_error(code: &'static str, sv: &str, en: &str) -> Invalid {
    Invalid::one(FieldError::new("file", code, sv.to_string(), en.to_string()))
}

/// The parts of an upload form, read with the file's size checked as it arrives.
struct Upload {
    form: UploadForm,
    file: Option<(String, Vec<u8>)>,
    too_large: bool,
}

async fn read_upload(mut mp: Multipart) -> AppResult<Upload> {
    let mut up = Upload { form: UploadForm::default(), file: None, too_large: false };
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Ok(())
        } else {
            Err(AppError::BadRequest {
                code: "invalid_form",
                field: None,
                sv: "Formuläret kunde inte läsas.".into(),
                en: "The form could not be read.".into(),
            })
        }
    };
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                bad(e)?;
                up.too_large = true;
                break;
            }
        };
        match field.name().unwrap_or("") {
            "file" => {
                let name = field.file_name().unwrap_or("").to_string();
                let mut bytes = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(c)) => {
                            if bytes.len() + c.len() > MAX_ATTACHMENT_BYTES {
                                up.too_large = true;
                            } else {
                                bytes.extend_from_slice(&c);
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            bad(e)?;
                            up.too_large = true;
                            break;
                        }
                    }
                }
                if up.too_large {
                    break;
                }
                if !(name.is_empty() && bytes.is_empty()) {
                    up.file = Some((name, bytes));
                }
            }
            "attachment_title" => up.form.title = field.text().await.unwrap_or_default(),
            "agenda_item" => up.form.agenda_item = field.text().await.unwrap_or_default(),
            _ => {}
        }
    }
    let name = up.file.as_ref().map_or("", |(n, _)| n.as_str());
    crate::forms::refuse_nul([
        ("file", name),
        ("attachment_title", &up.form.title),
        ("agenda_item", &up.form.agenda_item),
    ])?;
    Ok(up)
}

pub async fn upload(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>, mp: Multipart) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let up = read_upload(mp).await?;
    let form = up.form.clone();
    match store_upload(&app, &ctx, &m, up).await? {
        Ok(()) => Ok(back(m.id, "skapat", "attachments")),
        Err(inv) => meeting_page(&app, &ctx, m, Forms { upload: form, ..Forms::default() }, Some(&inv)).await,
    }
}

/// Checks an upload, stores its bytes and records it; errors about the input come back to show
/// on the form.
async fn store_upload(app: &App, ctx: &Ctx, m: &Meeting, up: Upload) -> AppResult<Result<(), Invalid>> {
    if up.too_large {
        let mb = MAX_ATTACHMENT_BYTES >> 20;
        return Ok(Err(upload_error(
            "file_too_large",
            &format!("Filen är för stor. Den får vara högst {mb} MB."),
            &format!("The file is too large. It may be at most {mb} MB."),
        )));
    }
    let Some((name, bytes)) = up.file else {
        return Ok(Err(upload_error("file_required", "Välj en fil att ladda upp.", "Choose a file to upload.")));
    };
    let kind = match sniff(&name, &bytes) {
        Ok(k) => k,
        Err(e) => return Ok(Err(Invalid::one(e))),
    };
    let file_name = safe_file_name(&name);
    let default_title = file_name.rsplit_once('.').map_or(file_name.as_str(), |(s, _)| s).to_string();
    let title = match domain::text::optional("attachment_title", &up.form.title, 300) {
        Ok(t) => t.unwrap_or(default_title),
        Err(e) => return Ok(Err(Invalid::one(e))),
    };
    let item = match up.form.agenda_item.trim() {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                return Ok(Err(Invalid::one(FieldError::new(
                    "agenda_item",
                    "invalid_id",
                    "Välj en punkt i listan.",
                    "Choose an item from the list.",
                ))));
            }
        },
    };
    // Whatever can refuse the upload does so before its bytes are written.
    if let Err(e) = app.store.check_attachment(m.id, item).await {
        return form_error(e).map(Err);
    }
    let size = bytes.len() as i64;
    let files = app.files.clone();
    let (sha, fresh) = tokio::task::spawn_blocking(move || {
        let fresh = !files.exists(&store::files::sha256_hex(&bytes));
        files.put(&bytes).map(|sha| (sha, fresh))
    })
    .await
    .map_err(|e| AppError::Internal(format!("storing a file: {e}")))?
    .map_err(|e| AppError::Internal(format!("storing a file: {e}")))?;
    match app.store.add_attachment(m.id, item, &title, &file_name, &sha, size, kind.mime(), &ctx.actor()).await {
        Ok(_) => Ok(Ok(())),
        Err(e) => {
            // The record failed after all: a file this upload brought and nothing uses goes.
            if fresh && let Err(gone) = app.store.remove_unused_file(app.files.as_ref(), &sha).await {
                tracing::warn!(error = %gone, "a refused upload's file stays on disk");
            }
            form_error(e).map(Err)
        }
    }
}

pub async fn delete_attachment(
    State(app): State<App>,
    ctx: Ctx,
    Path((raw, aid)): Path<(String, String)>,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let aid: i64 = id(&aid)?;
    match app.store.delete_attachment(m.id, aid, &ctx.actor()).await.map_err(form_error) {
        Ok(()) => Ok(back(m.id, "borttaget", "attachments")),
        Err(Ok(inv)) => meeting_page(&app, &ctx, m, Forms::default(), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

/// "12 kB", "1.4 MB".
pub fn human_size(n: &i64) -> String {
    match *n {
        n if n < 1024 => format!("{n} B"),
        n if n < 1024 * 1024 => format!("{} kB", (n + 1023) / 1024),
        n => format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)),
    }
}

/// The address an attachment is downloaded from.
pub fn attachment_href(a: &Attachment) -> String {
    format!("/bilagor/{}/{}", a.id, crate::pages::url_encode(&a.file_name).replace('/', "%2F"))
}

/// `Content-Disposition` for a stored file name: PDF and images open in the browser, the rest
/// are saved; an ASCII fallback and the exact name in RFC 8187 encoding.
fn disposition(file_name: &str, mime: &str) -> String {
    let kind = if mime == "application/pdf" || mime.starts_with("image/") { "inline" } else { "attachment" };
    let ascii: String = file_name
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let encoded = crate::pages::url_encode(file_name).replace('/', "%2F");
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Anyone who may see the meeting page (everyone: meetings are public) downloads its
/// attachments, served with the type told by their content and never sniffed by the browser.
pub async fn download(
    State(app): State<App>,
    headers: HeaderMap,
    Path((raw, _name)): Path<(String, String)>,
) -> AppResult<Response> {
    let aid: i64 = id(&raw)?;
    let a = app.store.attachment(aid).await?.ok_or(AppError::NotFound)?;
    let etag = format!("\"{}\"", a.sha256);
    let cache = HeaderValue::from_static("public, max-age=3600, must-revalidate");
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok(
            (StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)]).into_response()
        );
    }
    let files = app.files.clone();
    let sha = a.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || files.get(&sha))
        .await
        .map_err(|e| AppError::Internal(format!("reading a file: {e}")))?
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => AppError::NotFound,
            _ => AppError::Internal(format!("reading file {}: {e}", a.sha256)),
        })?;
    let h = |v: String| HeaderValue::from_str(&v).map_err(|e| AppError::Internal(e.to_string()));
    Ok((
        [
            (header::CONTENT_TYPE, h(a.mime.clone())?),
            (header::CONTENT_DISPOSITION, h(disposition(&a.file_name, &a.mime))?),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::CACHE_CONTROL, cache),
            (header::ETAG, etag_value),
        ],
        bytes,
    )
        .into_response())
}

// ---- the notice ----

#[derive(Template)]
#[template(path = "meetings/notice.html")]
struct NoticePage {
    p: Chrome,
    m: Meeting,
    date: String,
    time: String,
    agenda: Vec<ItemView>,
    attachments: Vec<Attachment>,
}

impl NoticePage {
    fn item_attachments(&self, item: &i64) -> Vec<&Attachment> {
        self.attachments.iter().filter(|a| a.agenda_item_id == Some(*item)).collect()
    }
}

pub async fn notice(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = load_meeting(&app, &raw).await?;
    let p = Chrome::new(&ctx, format!("{} – {} {}", i18n::text(ctx.lang, "meeting.notice"), m.body_name, m.date));
    let page = NoticePage {
        p,
        date: long_date(m.date, ctx.lang),
        time: time_span(&m.start, &m.end),
        agenda: item_views(app.store.agenda(m.id).await?, ctx.lang),
        attachments: app.store.attachments(m.id).await?,
        m,
    };
    Ok(render(&page)?.into_response())
}

// ---- attendance ----

/// One line of the attendance form.
#[derive(Clone, Debug, Default)]
pub struct AttendanceRow {
    pub i: usize,
    /// The person's id in the register, or empty for someone outside it.
    pub person: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub present: bool,
    pub replaces: String,
    pub from_paragraph: String,
    pub to_paragraph: String,
}

impl AttendanceRow {
    fn field(&self, name: &str) -> String {
        format!("attendance[{}].{name}", self.i)
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
    rows: Vec<AttendanceRow>,
    groups: Vec<(String, Vec<AttendanceLine>)>,
    roles: Vec<(&'static str, &'static str)>,
    extra_roles: Vec<(&'static str, &'static str)>,
    members: Vec<Choice>,
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

/// The form's lines: the stored list, or the body's members on the day when there is none, and
/// a few empty lines for others present.
async fn attendance_rows(app: &App, m: &Meeting, stored: &[AttendanceLine]) -> AppResult<Vec<AttendanceRow>> {
    let mut rows: Vec<AttendanceRow> = if stored.is_empty() {
        let members = app.store.memberships(m.body_id, Some(m.date)).await?;
        app.store
            .attendance_from_members(m)
            .await?
            .into_iter()
            .map(|a| {
                let who = a.person.and_then(|p| members.iter().find(|x| x.person_id == p.0));
                AttendanceRow {
                    person: a.person.map(|p| p.to_string()).unwrap_or_default(),
                    name: who.map(|x| x.person_name.clone()).or(a.name).unwrap_or_default(),
                    organisation: who.map(|x| x.organisation_name.clone()).or(a.organisation).unwrap_or_default(),
                    role: a.role.as_str().into(),
                    present: a.present,
                    ..AttendanceRow::default()
                }
            })
            .collect()
    } else {
        stored
            .iter()
            .map(|l| AttendanceRow {
                person: l.person_id.map(|p| p.to_string()).unwrap_or_default(),
                name: l.name.clone(),
                organisation: l.organisation.clone().unwrap_or_default(),
                role: l.role.clone(),
                present: l.present,
                replaces: l.replaces_id.map(|p| p.to_string()).unwrap_or_default(),
                from_paragraph: l.from_paragraph.map(|p| p.to_string()).unwrap_or_default(),
                to_paragraph: l.to_paragraph.map(|p| p.to_string()).unwrap_or_default(),
                ..AttendanceRow::default()
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

async fn attendance_page(
    app: &App,
    ctx: &Ctx,
    m: Meeting,
    rows: Option<Vec<AttendanceRow>>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let prepare = can_prepare(app, ctx, &m).await?;
    if !prepare && !m.protocol_public() {
        ctx.require_user()?;
        if !can_read_draft(app, ctx, &m).await? {
            return Err(AppError::Forbidden);
        }
    }
    let title = format!("{} – {} {}", i18n::text(ctx.lang, "meeting.attendance"), m.body_name, m.date);
    let p = form_chrome(ctx, title, invalid);
    let stored = app.store.attendance(m.id).await?;
    let rows = match rows {
        Some(r) => r,
        None if prepare => attendance_rows(app, &m, &stored).await?,
        None => Vec::new(),
    };
    let members =
        if prepare { member_choices(&app.store.memberships(m.body_id, Some(m.date)).await?) } else { Vec::new() };
    let roles: Vec<_> = AttendanceRole::ALL.iter().map(|r| (r.as_str(), r.label(ctx.lang))).collect();
    let extra_roles = roles.iter().copied().filter(|(r, _)| matches!(*r, "official" | "guest")).collect::<Vec<_>>();
    let page = AttendancePage {
        p,
        date: long_date(m.date, ctx.lang),
        prepare,
        editable: !matches!(
            m.status,
            MeetingStatus::ProtocolDrafted | MeetingStatus::Adjusted | MeetingStatus::Announced
        ),
        rows,
        groups: group_by_organisation(stored),
        roles,
        extra_roles,
        members,
        m,
    };
    form_response(&page, invalid)
}

pub async fn attendance(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let m = load_meeting(&app, &raw).await?;
    attendance_page(&app, &ctx, m, None, None).await
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
            AttendanceRow {
                i,
                person: get("person"),
                name: get("name"),
                organisation: get("organisation"),
                role: get("role"),
                present: !get("present").is_empty(),
                replaces: get("replaces"),
                from_paragraph: get("from_paragraph"),
                to_paragraph: get("to_paragraph"),
            }
        })
        .collect()
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

pub async fn save_attendance(
    State(app): State<App>,
    ctx: Ctx,
    Path(raw): Path<String>,
    pairs: Pairs,
) -> AppResult<Response> {
    let m = prepared(&app, &ctx, &raw).await?;
    let rows = posted_rows(&pairs);
    let mut lines = Vec::new();
    let mut from_row = Vec::new();
    let mut errors: Vec<FieldError> = Vec::new();
    for r in &rows {
        if r.person.trim().is_empty() && r.name.trim().is_empty() && r.organisation.trim().is_empty() {
            continue; // an empty line for others present
        }
        let fields = AttendanceFields {
            person: &r.person,
            // A registered person's name comes from the register.
            name: if r.person.trim().is_empty() { &r.name } else { "" },
            organisation: if r.person.trim().is_empty() { &r.organisation } else { "" },
            role: &r.role,
            present: r.present,
            replaces: &r.replaces,
            from_paragraph: &r.from_paragraph,
            to_paragraph: &r.to_paragraph,
        };
        match AttendanceInput::parse(&format!("attendance[{}]", r.i), &fields) {
            Ok(l) => {
                lines.push(l);
                from_row.push(r.i);
            }
            Err(i) => errors.extend(i.0),
        }
    }
    let result = if errors.is_empty() {
        app.store
            .set_attendance(m.id, &lines, &ctx.actor())
            .await
            .map_err(form_error)
            .map_err(|e| e.map(|i| to_form_line(i, &from_row)))
    } else {
        Err(Ok(Invalid(errors)))
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/moten/{}/narvaro?klart=sparat", m.id)).into_response()),
        Err(Ok(inv)) => attendance_page(&app, &ctx, m, Some(rows), Some(&inv)).await,
        Err(Err(e)) => Err(e),
    }
}

// ---- iCalendar ----

fn calendar_response(app: &App, name: &str, description: &str, meetings: &[Meeting]) -> Response {
    let base = &app.config.site_url;
    let urls: Vec<String> = meetings.iter().map(|m| format!("{base}/moten/{}", m.id)).collect();
    let summaries: Vec<String> = meetings.iter().map(|m| m.body_name.clone()).collect();
    let descriptions: Vec<String> = meetings.iter().map(|m| m.status.label(Lang::Sv).to_string()).collect();
    let events = meetings
        .iter()
        .enumerate()
        .map(|(i, m)| ical::Event {
            uid: format!("meeting-{}@samverkan", m.id),
            summary: &summaries[i],
            description: Some(&descriptions[i]),
            location: m.place.as_deref().or(m.online_url.as_deref()),
            url: Some(&urls[i]),
            date: m.date,
            start: m.start.as_deref().and_then(|s| domain::meetings::time_of_day("start", s).ok().flatten()),
            end: m.end.as_deref().and_then(|s| domain::meetings::time_of_day("end", s).ok().flatten()),
            status: match m.status {
                MeetingStatus::Cancelled => ical::EventStatus::Cancelled,
                MeetingStatus::Planned => ical::EventStatus::Tentative,
                _ => ical::EventStatus::Confirmed,
            },
            sequence: u32::try_from(m.sequence).unwrap_or(0),
            last_modified: m.updated_at,
        })
        .collect();
    let cal = ical::Calendar { name, description: Some(description), events };
    let body = ical::write(&cal, app.store.now());
    ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response()
}

pub async fn body_calendar(State(app): State<App>, Path(raw): Path<String>) -> AppResult<Response> {
    let b = load_body(&app, &raw).await?;
    let meetings = app.store.body_meetings(b.id, None).await?;
    let description = format!("Sammanträden i {}", b.name);
    Ok(calendar_response(&app, &b.name, &description, &meetings))
}

pub async fn person_calendar(State(app): State<App>, Path(raw): Path<String>) -> AppResult<Response> {
    let pid: PersonId = id(&raw)?;
    let person = app.store.person(pid).await?.ok_or(AppError::NotFound)?;
    let meetings = app.store.person_meetings(pid).await?;
    let name = format!("Möten för {}", person.person.name);
    let description = format!("Sammanträden i de organ där {} ingår", person.person.name);
    Ok(calendar_response(&app, &name, &description, &meetings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn long_dates_in_both_languages() {
        assert_eq!(long_date(date!(2024 - 10 - 11), Lang::Sv), "fredag 11 oktober 2024");
        assert_eq!(long_date(date!(2024 - 10 - 11), Lang::En), "Friday 11 October 2024");
    }

    #[test]
    fn dispositions_are_safe_and_exact() {
        let d = disposition("Regional plan å.pdf", "application/pdf");
        assert_eq!(d, "inline; filename=\"Regional plan _.pdf\"; filename*=UTF-8''Regional%20plan%20%C3%A5.pdf");
        assert!(disposition("a.docx", "application/x").starts_with("attachment;"));
    }

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
