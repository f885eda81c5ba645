//! The consultation structure as open data in OParl 1.1 (<https://oparl.org>), the German
//! standard for council information systems, under `/oparl/v1.1`. Read only, no sign-in needed,
//! `Access-Control-Allow-Origin: *` on every answer, `application/json; charset=utf-8`.
//!
//! # Mapping
//!
//! | OParl | Samverkan | URL (under `/oparl/v1.1`) |
//! |---|---|---|
//! | System | this installation | `/system` (the endpoint; `/oparl/v1.1` redirects to it) |
//! | Body (Körperschaft) | an organisation of kind region or municipality, the parties of the collaboration | `/body`, `/body/{id}` |
//! | Organization (Gruppierung) | a body: samråd, ledningsgrupp, presidium, nätverk … | `/organization`, `/organization/{id}`, `/body/{id}/organization` |
//! | Person | a person | `/person`, `/person/{id}`, `/body/{id}/person` |
//! | Membership | a membership of a body | `/membership`, `/membership/{id}`, `/body/{id}/membership` |
//! | LegislativeTerm (Wahlperiode) | a term of office (mandatperiod), 2015–2018 up to the one after the current | `/legislative-term`, `/legislative-term/{start year}`, `/body/{id}/legislative-term` |
//! | Meeting, Paper | not kept yet: always-empty lists, since a Body must link them | `/body/{id}/meeting`, `/body/{id}/paper` |
//!
//! * **System**: `name` "Samverkan", `oparlVersion` `https://schema.oparl.org/1.1/`, `body` (the
//!   list), `contactEmail` (the operator's contact address from the configuration), `website`
//!   and `web` (the start page). `vendor` and `product` are left out: the project names no
//!   public home page to point at.
//! * **Body**: `name`, `website`, `classification` ("Region", "Kommun"), the external lists
//!   `organization`, `person`, `membership`, `meeting`, `paper` and `legislativeTermList`, the
//!   terms embedded in `legislativeTerm`, `web` = `/organisationer/{id}`, and the vendor
//!   extensions `samverkan:code` (kommunkod or länskod) and `samverkan:countyCode`.
//!   * Its **organization** list holds the bodies the organisation is behind (`body_organisations`).
//!   * Its **membership** list holds the memberships of those bodies and every membership held
//!     on the organisation's behalf.
//!   * Its **person** list holds the organisation's own people and everyone in that membership list.
//! * **Organization**: `name`, `organizationType` "Gremium" for formal bodies and "Sonstiges"
//!   for networks and other informal ones, `classification` the Swedish kind ("Samrådsgrupp",
//!   "Ledningsgrupp" …), `startDate`/`endDate`, `subOrganizationOf` the superior body,
//!   `membership` (the URLs of its memberships), `body` the first region or municipality behind
//!   it (regions first; all of them in the extension `samverkan:body`), `web` = `/organ/{id}`.
//!   `meeting` is left out until meetings exist.
//! * **Person**: `name`, `givenName`/`familyName` when the name is exactly two words, `status`
//!   the title (role) the person holds, `body` when their organisation is a region or
//!   municipality, the extension `samverkan:party`, the memberships embedded in `membership`
//!   (without the back reference `person`), `web` = `/personer/{id}`. GDPR: the names, party and
//!   roles of representatives may be published, other personal data may not, so `email` and
//!   `phone` are given to signed-in callers only, as on the rest of the site.
//! * **Membership**: `person`, `organization`, `role` the Swedish label ("Ordförande",
//!   "Ledamot", "Ersättare" …), `votingRight` true for an ordinary seat (chair, vice chair,
//!   member) and false otherwise, `startDate`, `endDate`. OParl's `onBehalfOf` must name an
//!   Organization (such as a party group), and the organisation a member represents is an OParl
//!   Body here, so it goes in the extensions `samverkan:onBehalfOfBody` (the Body's URL, for a
//!   region or municipality) and `samverkan:onBehalfOfName` (the organisation's name).
//! * **LegislativeTerm**: `name` "2023–2026", `startDate` 1 January of the first year, `endDate`
//!   31 December of the last. Terms are the same for every body, so they carry no `body`.
//!
//! Every object has `id` (its own absolute URL, built from the request's `Host` with scheme
//! `http`, or `https` when `X-Forwarded-Proto` says so), `type`, and `created` and `modified` as
//! RFC 3339 date-times (System and LegislativeTerm, which are not stored, carry the time the
//! installation began: its first account or organisation). `modified` is the record's own: a
//! new membership changes the membership lists, not the Organization or Person it links.
//!
//! # Lists
//!
//! `{"data": […], "pagination": {"totalElements", "elementsPerPage"}, "links": {"first",
//! "prev", "self", "next"}}`, ordered by id and paged by keyset (`after` = the last id of the
//! previous page), so following `links.next` visits every object once even while records are
//! added. Parameters, kept in every link:
//!
//! * `created_since`, `created_until`, `modified_since`, `modified_until`: RFC 3339 date-times
//!   with offset, inclusive bounds;
//! * `limit` (or OParl 1.0's `elementsPerPage`): page size, default 100, at most 1000;
//! * `omit_internal=true`: leave out embedded objects (`Person.membership`,
//!   `Body.legislativeTerm`), for clients that fetch the external lists anyway.
//!
//! A malformed parameter is a 400 whose JSON error names it; an unknown object a 404. Error
//! bodies are OParl error objects (`type`, `message`) that also carry the API's usual
//! `{"error": {"code", "message", "field"}}`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::structure::Term;
use serde_json::{Map, Value, json};
use store::oparl::{
    AgendaItemRow, BodyRow, FileRow, Keyset, MeetingRow, MembershipRow, OrganizationRow, PersonRow, Prev, Slice,
    TimeWindow,
};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{query_value, url_encode};

/// Where the interface is mounted.
pub const PREFIX: &str = "/oparl/v1.1";
const SCHEMA: &str = "https://schema.oparl.org/1.1/";
const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 1000;
/// The first term published.
const FIRST_TERM: i32 = 2015;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/", get(root))
        .route("/system", get(system))
        .route("/body", get(bodies))
        .route("/body/{id}", get(body))
        .route("/body/{id}/organization", get(body_organizations))
        .route("/body/{id}/person", get(body_people))
        .route("/body/{id}/membership", get(body_memberships))
        .route("/body/{id}/legislative-term", get(body_terms))
        .route("/body/{id}/meeting", get(body_meetings))
        .route("/body/{id}/paper", get(body_empty_list))
        .route("/organization", get(organizations))
        .route("/organization/{id}", get(organization))
        .route("/person", get(people))
        .route("/person/{id}", get(person))
        .route("/membership", get(memberships))
        .route("/membership/{id}", get(membership))
        .route("/meeting", get(meetings))
        .route("/meeting/{id}", get(meeting))
        .route("/meeting/{id}/agenda-item", get(meeting_items))
        .route("/agenda-item", get(agenda_items))
        .route("/agenda-item/{id}", get(agenda_item))
        .route("/file", get(files))
        .route("/file/{id}", get(file))
        .route("/legislative-term", get(terms))
        .route("/legislative-term/{id}", get(term))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

// ---- URLs ----

/// The absolute URLs of this request's site and interface.
struct Urls {
    site: String,
    api: String,
}

impl Urls {
    fn of(app: &App) -> Urls {
        let site = app.config.site_url.clone();
        Urls { api: format!("{site}{PREFIX}"), site }
    }

    fn system(&self) -> String {
        format!("{}/system", self.api)
    }

    fn body(&self, id: i64) -> String {
        format!("{}/body/{id}", self.api)
    }

    fn organization(&self, id: i64) -> String {
        format!("{}/organization/{id}", self.api)
    }

    fn person(&self, id: i64) -> String {
        format!("{}/person/{id}", self.api)
    }

    fn membership(&self, id: i64) -> String {
        format!("{}/membership/{id}", self.api)
    }

    fn meeting(&self, id: i64) -> String {
        format!("{}/meeting/{id}", self.api)
    }

    fn agenda_item(&self, id: i64) -> String {
        format!("{}/agenda-item/{id}", self.api)
    }

    fn file(&self, id: i64) -> String {
        format!("{}/file/{id}", self.api)
    }

    fn term(&self, t: Term) -> String {
        format!("{}/legislative-term/{}", self.api, t.start_year())
    }

    fn web(&self, path: &str) -> String {
        format!("{}{path}", self.site)
    }
}

// ---- Responses ----

fn json_response(status: StatusCode, v: &Value) -> Response {
    let body = serde_json::to_vec(v).unwrap_or_default();
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    r
}

/// The answer, or the error as an OParl error object that is also the API's usual error body
/// (rendered here rather than by the context layer, so that it keeps the CORS header).
fn respond(ctx: &Ctx, result: AppResult<Value>) -> Response {
    match result {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(err) => {
            let message = err.message(ctx.lang);
            let mut body = json!({
                "type": format!("{SCHEMA}Error"),
                "message": message,
                "error": {"code": err.code(), "message": message, "field": err.field()},
            });
            // As elsewhere: an internal error is logged with a reference the caller can quote.
            if let AppError::Internal(detail) = &err {
                let reference = crate::auth::new_secret()[..12].to_string();
                tracing::error!(%reference, path = %ctx.path, %detail, "internal error");
                body["error"]["reference"] = json!(reference);
            }
            json_response(err.status(), &body)
        }
    }
}

fn bad_parameter(name: &str, sv: &str, en: &str) -> AppError {
    AppError::BadRequest {
        code: "invalid_parameter",
        field: Some(name.to_string()),
        sv: format!("Parametern {name}: {sv}"),
        en: format!("Parameter {name}: {en}"),
    }
}

fn time_text(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

/// An OParl object under construction; absent values are left out rather than written as null.
struct Obj(Map<String, Value>);

impl Obj {
    fn new(id: String, kind: &str) -> Obj {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(id));
        m.insert("type".into(), Value::String(format!("{SCHEMA}{kind}")));
        Obj(m)
    }

    fn set(mut self, key: &str, v: impl Into<Value>) -> Obj {
        self.0.insert(key.into(), v.into());
        self
    }

    fn opt<T: Into<Value>>(self, key: &str, v: Option<T>) -> Obj {
        match v {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    fn times(self, created: OffsetDateTime, modified: OffsetDateTime) -> Obj {
        self.set("created", time_text(created)).set("modified", time_text(modified))
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

// ---- List parameters and pages ----

#[derive(Clone, Debug)]
struct ListQuery {
    window: TimeWindow,
    keyset: Keyset,
    omit_internal: bool,
}

const WINDOW_PARAMS: [&str; 4] = ["created_since", "created_until", "modified_since", "modified_until"];

impl ListQuery {
    fn parse(query: &str) -> AppResult<ListQuery> {
        let get = |n: &str| query_value(query, n).filter(|v| !v.trim().is_empty());
        let mut times = [None; 4];
        for (slot, name) in times.iter_mut().zip(WINDOW_PARAMS) {
            if let Some(v) = get(name) {
                *slot = Some(parse_time(name, &v)?);
            }
        }
        let [created_since, created_until, modified_since, modified_until] = times;
        let window = TimeWindow { created_since, created_until, modified_since, modified_until };
        let limit =
            match get("limit").map(|v| ("limit", v)).or_else(|| get("elementsPerPage").map(|v| ("elementsPerPage", v)))
            {
                None => DEFAULT_LIMIT,
                Some((name, v)) => {
                    let n = v.trim().parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        bad_parameter(name, "ange ett positivt heltal.", "give a positive whole number.")
                    })?;
                    n.min(MAX_LIMIT)
                }
            };
        let after =
            match get("after") {
                None => None,
                Some(v) => Some(v.trim().parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                    bad_parameter("after", "använd länken i links.next.", "use the link in links.next.")
                })?),
            };
        let omit_internal = match get("omit_internal").as_deref().map(str::trim) {
            None | Some("false" | "0") => false,
            Some("true" | "1") => true,
            Some(_) => return Err(bad_parameter("omit_internal", "ange true eller false.", "give true or false.")),
        };
        Ok(ListQuery { window, keyset: Keyset { after, limit }, omit_internal })
    }

    /// The list at `url` with this query's filters and page size, from after `after`.
    fn link(&self, url: &str, after: Option<i64>) -> String {
        let w = &self.window;
        let mut parts = Vec::new();
        for (name, t) in
            WINDOW_PARAMS.iter().zip([w.created_since, w.created_until, w.modified_since, w.modified_until])
        {
            if let Some(t) = t {
                parts.push(format!("{name}={}", url_encode(&time_text(t))));
            }
        }
        if self.omit_internal {
            parts.push("omit_internal=true".into());
        }
        if self.keyset.limit != DEFAULT_LIMIT {
            parts.push(format!("limit={}", self.keyset.limit));
        }
        if let Some(a) = after {
            parts.push(format!("after={a}"));
        }
        if parts.is_empty() { url.to_string() } else { format!("{url}?{}", parts.join("&")) }
    }

    /// One list page in OParl's form.
    fn page(&self, url: &str, data: Vec<Value>, total: i64, next_after: Option<i64>, prev: Prev) -> Value {
        let mut links = Map::new();
        links.insert("first".into(), self.link(url, None).into());
        match prev {
            Prev::None => {}
            Prev::First => {
                links.insert("prev".into(), self.link(url, None).into());
            }
            Prev::After(a) => {
                links.insert("prev".into(), self.link(url, Some(a)).into());
            }
        }
        links.insert("self".into(), self.link(url, self.keyset.after).into());
        if let Some(a) = next_after {
            links.insert("next".into(), self.link(url, Some(a)).into());
        }
        json!({
            "data": data,
            "pagination": {"totalElements": total, "elementsPerPage": self.keyset.limit},
            "links": links,
        })
    }

    /// A page of a stored list, with `last_id` giving each row's id.
    fn slice_page<T>(&self, url: &str, s: Slice<T>, id: impl Fn(&T) -> i64, to_json: impl Fn(&T) -> Value) -> Value {
        let next = if s.more { s.items.last().map(&id) } else { None };
        let data = s.items.iter().map(to_json).collect();
        self.page(url, data, s.total, next, s.prev)
    }

    /// A page of a list built in memory, sorted by id: the objects whose times lie in the window.
    fn memory_page(&self, url: &str, items: Vec<(i64, OffsetDateTime, OffsetDateTime, Value)>) -> Value {
        let all: Vec<(i64, Value)> =
            items.into_iter().filter(|(_, c, m, _)| self.window.admits(*c, *m)).map(|(id, _, _, v)| (id, v)).collect();
        let Keyset { after, limit } = self.keyset;
        let start = after.map_or(0, |a| all.iter().take_while(|(id, _)| *id <= a).count());
        let prev = match after {
            None => Prev::None,
            Some(_) if start > limit => Prev::After(all[start - limit - 1].0),
            Some(_) => Prev::First,
        };
        let more = all.len() > start + limit;
        let total = all.len() as i64;
        let page: Vec<(i64, Value)> = all.into_iter().skip(start).take(limit).collect();
        let next = if more { page.last().map(|(id, _)| *id) } else { None };
        self.page(url, page.into_iter().map(|(_, v)| v).collect(), total, next, prev)
    }
}

/// An RFC 3339 date-time with offset. A `+` the client left unencoded arrives as a space.
fn parse_time(name: &str, v: &str) -> AppResult<OffsetDateTime> {
    let v = v.trim();
    OffsetDateTime::parse(v, &Rfc3339).or_else(|_| OffsetDateTime::parse(&v.replace(' ', "+"), &Rfc3339)).map_err(
        |_| {
            bad_parameter(
                name,
                "ange datum och tid enligt ISO 8601 med tidszon, till exempel 2024-01-31T12:00:00+01:00.",
                "give a date and time in ISO 8601 with a time zone, for example 2024-01-31T12:00:00+01:00.",
            )
        },
    )
}

fn path_id(raw: &str) -> AppResult<i64> {
    crate::forms::id::<i64>(raw)
}

// ---- Objects ----

fn published_terms(today: time::Date) -> Vec<Term> {
    let last = Term::containing(today).next();
    let mut out = Vec::new();
    let mut t = Term::starting(FIRST_TERM).expect("a term starts in the first year");
    while t <= last {
        out.push(t);
        t = t.next();
    }
    out
}

fn term_json(u: &Urls, t: Term, epoch: OffsetDateTime) -> Value {
    Obj::new(u.term(t), "LegislativeTerm")
        .set("name", t.to_string())
        .set("startDate", t.start().to_string())
        .set("endDate", t.end().to_string())
        .times(epoch, epoch)
        .done()
}

fn body_json(u: &Urls, b: &BodyRow, terms: Option<&[Value]>) -> Value {
    let own = u.body(b.id);
    let mut o = Obj::new(own.clone(), "Body")
        .set("system", u.system())
        .set("name", b.name.clone())
        .opt("website", b.website.clone())
        .set("classification", b.kind().label(domain::error::Lang::Sv))
        .set("organization", format!("{own}/organization"))
        .set("person", format!("{own}/person"))
        .set("membership", format!("{own}/membership"))
        .set("meeting", format!("{own}/meeting"))
        .set("paper", format!("{own}/paper"))
        .set("legislativeTermList", format!("{own}/legislative-term"));
    if let Some(terms) = terms {
        o = o.set("legislativeTerm", terms.to_vec());
    }
    o.opt("samverkan:code", b.code.clone())
        .opt("samverkan:countyCode", b.county_code.clone())
        .set("web", u.web(&format!("/organisationer/{}", b.id)))
        .times(b.created_at, b.updated_at)
        .done()
}

fn organization_json(u: &Urls, b: &OrganizationRow, behind: &[i64], memberships: &[i64]) -> Value {
    let organization_type = if b.formal { "Gremium" } else { "Sonstiges" };
    let mut o = Obj::new(u.organization(b.id), "Organization")
        .opt("body", behind.first().map(|o| u.body(*o)))
        .set("name", b.name.clone())
        .set("membership", memberships.iter().map(|m| u.membership(*m)).collect::<Vec<_>>())
        .opt("subOrganizationOf", b.superior_id.map(|s| u.organization(s)))
        .set("organizationType", organization_type)
        .set("classification", b.kind().label(domain::error::Lang::Sv))
        .opt("startDate", b.start_date.map(|d| d.to_string()))
        .opt("endDate", b.end_date.map(|d| d.to_string()));
    if !behind.is_empty() {
        o = o.set("samverkan:body", behind.iter().map(|o| u.body(*o)).collect::<Vec<_>>());
    }
    o.set("web", u.web(&format!("/organ/{}", b.id))).times(b.created_at, b.updated_at).done()
}

/// A membership; embedded in its person, without the back reference to them.
fn membership_json(u: &Urls, m: &MembershipRow, embedded: bool) -> Value {
    let role = m.role();
    let mut o = Obj::new(u.membership(m.id), "Membership");
    if !embedded {
        o = o.set("person", u.person(m.person_id));
    }
    o.set("organization", u.organization(m.body_id))
        .set("role", role.label(domain::error::Lang::Sv))
        .set("votingRight", role.is_ordinary())
        .set("startDate", m.start_date.to_string())
        .opt("endDate", m.end_date.map(|d| d.to_string()))
        .opt("samverkan:onBehalfOfBody", m.on_behalf_of_body().map(|b| u.body(b)))
        .set("samverkan:onBehalfOfName", m.organisation_name.clone())
        .times(m.created_at, m.updated_at)
        .done()
}

/// A local Swedish date and "HH:MM" as an OParl date-time with the offset of the day.
fn local_time(date: time::Date, hhmm: &str) -> Option<String> {
    let t = domain::meetings::time_of_day("t", hhmm).ok().flatten()?;
    let local = date.with_time(t);
    let offset = domain::meetings::calendar::stockholm_offset(local.assume_utc() - time::Duration::hours(1));
    local.assume_offset(offset).format(&Rfc3339).ok()
}

/// A meeting with its agenda items and files embedded.
fn meeting_json(u: &Urls, m: &MeetingRow, items: &[AgendaItemRow], files: &[FileRow]) -> Value {
    use domain::meetings::MeetingStatus;
    let status = m.status();
    let mut o = Obj::new(u.meeting(m.id), "Meeting")
        .set("name", format!("{} {}", m.body_name, m.date))
        .set("meetingState", status.label(domain::error::Lang::Sv))
        .set("cancelled", status == MeetingStatus::Cancelled)
        .opt("start", m.start_time.as_deref().and_then(|t| local_time(m.date, t)).or(Some(m.date.to_string())))
        .opt("end", m.end_time.as_deref().and_then(|t| local_time(m.date, t)))
        .set("organization", vec![u.organization(m.body_id)])
        .set("agendaItem", items.iter().map(|i| agenda_item_json(u, i, true)).collect::<Vec<_>>())
        .set("auxiliaryFile", files.iter().map(|f| file_json(u, f, true)).collect::<Vec<_>>())
        .opt("samverkan:place", m.place.clone())
        .opt("samverkan:onlineUrl", m.online_url.clone());
    if matches!(status, MeetingStatus::Adjusted | MeetingStatus::Announced) {
        o = o.set("samverkan:protocol", u.web(&format!("/moten/{}/protokoll", m.id)));
    }
    o.set("web", u.web(&format!("/moten/{}", m.id))).times(m.created_at, m.updated_at).done()
}

/// An agenda item; embedded in its meeting, without the back reference.
fn agenda_item_json(u: &Urls, i: &AgendaItemRow, embedded: bool) -> Value {
    let mut o = Obj::new(u.agenda_item(i.id), "AgendaItem");
    if !embedded {
        o = o.set("meeting", u.meeting(i.meeting_id));
    }
    o.opt("number", i.number.map(|n| format!("§ {n}")))
        .set("order", i.position)
        .set("name", i.title.clone())
        .set("public", true)
        .opt("resolutionText", i.decision.clone())
        .opt("samverkan:caseNumber", i.case_number.clone())
        .set("samverkan:kind", i.kind.clone())
        .times(i.created_at, i.updated_at)
        .done()
}

/// A file; embedded in its meeting, without the back reference.
fn file_json(u: &Urls, f: &FileRow, embedded: bool) -> Value {
    let download = u.web(&format!("/bilagor/{}/{}", f.id, url_encode(&f.file_name)));
    let mut o = Obj::new(u.file(f.id), "File");
    if !embedded {
        o = o.set("meeting", vec![u.meeting(f.meeting_id)]);
    }
    if let Some(item) = f.agenda_item_id {
        o = o.set("agendaItem", vec![u.agenda_item(item)]);
    }
    o.set("name", f.title.clone())
        .set("fileName", f.file_name.clone())
        .set("mimeType", f.mime.clone())
        .set("size", f.size)
        .set("accessUrl", download.clone())
        .set("downloadUrl", download)
        .times(f.created_at, f.updated_at)
        .done()
}

async fn meetings_page(app: &App, u: &Urls, q: &ListQuery, of: Option<i64>, url: &str) -> AppResult<Value> {
    let s = app.store.oparl_meetings(of, &q.window, q.keyset).await?;
    let mut items = std::collections::HashMap::new();
    let mut files = std::collections::HashMap::new();
    if !q.omit_internal {
        for m in &s.items {
            let all = Keyset { after: None, limit: MAX_LIMIT };
            items.insert(m.id, app.store.oparl_agenda_items(Some(m.id), &TimeWindow::default(), all).await?.items);
            files.insert(m.id, app.store.oparl_files(Some(m.id), &TimeWindow::default(), all).await?.items);
        }
    }
    Ok(q.slice_page(
        url,
        s,
        |m| m.id,
        |m| {
            let none = (Vec::new(), Vec::new());
            meeting_json(u, m, items.get(&m.id).unwrap_or(&none.0), files.get(&m.id).unwrap_or(&none.1))
        },
    ))
}

/// Given and family name, when the name is exactly two words.
fn split_name(name: &str) -> Option<(&str, &str)> {
    let mut words = name.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(given), Some(family), None) => Some((given, family)),
        _ => None,
    }
}

/// A person as the caller may see them: e-mail and phone for signed-in callers only.
fn person_json(u: &Urls, p: &PersonRow, memberships: Option<&[MembershipRow]>, signed_in: bool) -> Value {
    let names = split_name(&p.name);
    let mut o = Obj::new(u.person(p.id), "Person")
        .opt("body", p.body_id().map(|b| u.body(b)))
        .set("name", p.name.clone())
        .opt("familyName", names.map(|n| n.1.to_string()))
        .opt("givenName", names.map(|n| n.0.to_string()))
        .opt("status", p.title.clone().map(|t| vec![t]))
        .opt("samverkan:party", p.party.clone());
    if signed_in {
        o = o.opt("email", p.email.clone().map(|e| vec![e])).opt("phone", p.phone.clone().map(|t| vec![t]));
    }
    if let Some(ms) = memberships {
        o = o.set("membership", ms.iter().map(|m| membership_json(u, m, true)).collect::<Vec<_>>());
    }
    o.set("web", u.web(&format!("/personer/{}", p.id))).times(p.created_at, p.updated_at).done()
}

// ---- Building answers ----

async fn organizations_page(app: &App, u: &Urls, q: &ListQuery, behind: Option<i64>, url: &str) -> AppResult<Value> {
    let s = app.store.oparl_organizations(behind, &q.window, q.keyset).await?;
    let ids: Vec<i64> = s.items.iter().map(|b| b.id).collect();
    let bodies = app.store.oparl_bodies_behind(&ids).await?;
    let memberships = app.store.oparl_membership_ids(&ids).await?;
    Ok(q.slice_page(
        url,
        s,
        |b| b.id,
        |b| {
            let none = Vec::new();
            organization_json(u, b, bodies.get(&b.id).unwrap_or(&none), memberships.get(&b.id).unwrap_or(&none))
        },
    ))
}

async fn people_page(app: &App, ctx: &Ctx, u: &Urls, q: &ListQuery, of: Option<i64>, url: &str) -> AppResult<Value> {
    let s = app.store.oparl_people(of, &q.window, q.keyset).await?;
    let ids: Vec<i64> = s.items.iter().map(|p| p.id).collect();
    let memberships =
        if q.omit_internal { Default::default() } else { app.store.oparl_person_memberships(&ids).await? };
    let omit = q.omit_internal;
    Ok(q.slice_page(
        url,
        s,
        |p| p.id,
        |p| {
            let ms = (!omit).then(|| memberships.get(&p.id).map_or(&[][..], Vec::as_slice));
            person_json(u, p, ms, ctx.signed_in())
        },
    ))
}

async fn memberships_page(app: &App, u: &Urls, q: &ListQuery, of: Option<i64>, url: &str) -> AppResult<Value> {
    let s = app.store.oparl_memberships(of, &q.window, q.keyset).await?;
    Ok(q.slice_page(url, s, |m| m.id, |m| membership_json(u, m, false)))
}

async fn terms_page(app: &App, u: &Urls, q: &ListQuery, url: &str) -> AppResult<Value> {
    let epoch = app.store.oparl_epoch().await?;
    let items = published_terms(app.store.today())
        .into_iter()
        .map(|t| (i64::from(t.start_year()), epoch, epoch, term_json(u, t, epoch)))
        .collect();
    Ok(q.memory_page(url, items))
}

/// The region or municipality of a `/body/{id}/…` path.
async fn party(app: &App, raw: &str) -> AppResult<BodyRow> {
    app.store.oparl_body(path_id(raw)?).await?.ok_or(AppError::NotFound)
}

// ---- Handlers ----

async fn root() -> Response {
    Redirect::permanent(&format!("{PREFIX}/system")).into_response()
}

async fn not_found(ctx: Ctx) -> Response {
    respond(&ctx, Err(AppError::NotFound))
}

async fn method_not_allowed(ctx: Ctx) -> Response {
    respond(&ctx, Err(AppError::MethodNotAllowed))
}

async fn system(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let epoch = app.store.oparl_epoch().await?;
        Ok(Obj::new(u.system(), "System")
            .set("oparlVersion", SCHEMA)
            .set("name", crate::i18n::text(domain::error::Lang::Sv, "site.name"))
            .set("body", format!("{}/body", u.api))
            .opt("contactEmail", Some(app.config.contact_email.clone()).filter(|e| !e.is_empty()))
            .set("website", u.web("/"))
            .set("web", u.web("/"))
            .times(epoch, epoch)
            .done())
    }
    .await;
    respond(&ctx, result)
}

async fn bodies(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_bodies(&q.window, q.keyset).await?;
        let terms = if q.omit_internal {
            None
        } else {
            let epoch = app.store.oparl_epoch().await?;
            Some(published_terms(app.store.today()).into_iter().map(|t| term_json(&u, t, epoch)).collect::<Vec<_>>())
        };
        Ok(q.slice_page(&format!("{}/body", u.api), s, |b| b.id, |b| body_json(&u, b, terms.as_deref())))
    }
    .await;
    respond(&ctx, result)
}

async fn body(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let epoch = app.store.oparl_epoch().await?;
        let terms: Vec<Value> =
            published_terms(app.store.today()).into_iter().map(|t| term_json(&u, t, epoch)).collect();
        Ok(body_json(&u, &b, Some(&terms)))
    }
    .await;
    respond(&ctx, result)
}

async fn body_organizations(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        organizations_page(&app, &u, &q, Some(b.id), &format!("{}/organization", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

async fn body_people(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        people_page(&app, &ctx, &u, &q, Some(b.id), &format!("{}/person", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

async fn body_memberships(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        memberships_page(&app, &u, &q, Some(b.id), &format!("{}/membership", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

async fn body_meetings(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        meetings_page(&app, &u, &q, Some(b.id), &format!("{}/meeting", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

async fn meetings(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        meetings_page(&app, &u, &q, None, &format!("{}/meeting", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

async fn meeting(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let m = app.store.oparl_meeting(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let all = Keyset { after: None, limit: MAX_LIMIT };
        let items = app.store.oparl_agenda_items(Some(m.id), &TimeWindow::default(), all).await?.items;
        let files = app.store.oparl_files(Some(m.id), &TimeWindow::default(), all).await?.items;
        Ok(meeting_json(&u, &m, &items, &files))
    }
    .await;
    respond(&ctx, result)
}

async fn meeting_items(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let m = app.store.oparl_meeting(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_agenda_items(Some(m.id), &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/agenda-item", u.meeting(m.id)), s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(&ctx, result)
}

async fn agenda_items(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_agenda_items(None, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/agenda-item", u.api), s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(&ctx, result)
}

async fn agenda_item(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let i = app.store.oparl_agenda_item(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        Ok(agenda_item_json(&u, &i, false))
    }
    .await;
    respond(&ctx, result)
}

async fn files(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_files(None, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/file", u.api), s, |f| f.id, |f| file_json(&u, f, false)))
    }
    .await;
    respond(&ctx, result)
}

async fn file(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let f = app.store.oparl_file(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        Ok(file_json(&u, &f, false))
    }
    .await;
    respond(&ctx, result)
}

async fn body_terms(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        terms_page(&app, &u, &q, &format!("{}/legislative-term", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

/// `meeting` and `paper`: required lists of a Body, empty until Samverkan keeps them.
async fn body_empty_list(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        let list = ctx.path.rsplit('/').next().unwrap_or_default();
        Ok(q.memory_page(&format!("{}/{list}", u.body(b.id)), Vec::new()))
    }
    .await;
    respond(&ctx, result)
}

async fn organizations(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        organizations_page(&app, &u, &q, None, &format!("{}/organization", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

async fn organization(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = app.store.oparl_organization(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let bodies = app.store.oparl_bodies_behind(&[b.id]).await?;
        let memberships = app.store.oparl_membership_ids(&[b.id]).await?;
        let none = Vec::new();
        Ok(organization_json(&u, &b, bodies.get(&b.id).unwrap_or(&none), memberships.get(&b.id).unwrap_or(&none)))
    }
    .await;
    respond(&ctx, result)
}

async fn people(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        people_page(&app, &ctx, &u, &q, None, &format!("{}/person", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

async fn person(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let p = app.store.oparl_person(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let ms = app.store.oparl_person_memberships(&[p.id]).await?.remove(&p.id).unwrap_or_default();
        Ok(person_json(&u, &p, Some(&ms), ctx.signed_in()))
    }
    .await;
    respond(&ctx, result)
}

async fn memberships(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        memberships_page(&app, &u, &q, None, &format!("{}/membership", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

async fn membership(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let m = app.store.oparl_membership(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        Ok(membership_json(&u, &m, false))
    }
    .await;
    respond(&ctx, result)
}

async fn terms(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        terms_page(&app, &u, &q, &format!("{}/legislative-term", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

async fn term(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let year = i32::try_from(path_id(&raw)?).map_err(|_| AppError::NotFound)?;
        let t = published_terms(app.store.today())
            .into_iter()
            .find(|t| t.start_year() == year)
            .ok_or(AppError::NotFound)?;
        let epoch = app.store.oparl_epoch().await?;
        Ok(term_json(&u, t, epoch))
    }
    .await;
    respond(&ctx, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_only_when_unambiguous() {
        assert_eq!(split_name("Anna Lindqvist"), Some(("Anna", "Lindqvist")));
        assert_eq!(split_name("Anna-Karin Åberg Holmgren"), None);
        assert_eq!(split_name("Cher"), None);
    }

    #[test]
    fn terms_run_from_2015_to_the_one_after_the_current() {
        let terms = published_terms(time::macros::date!(2026 - 11 - 16));
        assert_eq!(terms.first().map(|t| t.to_string()).as_deref(), Some("2015–2018"));
        assert_eq!(terms.last().map(|t| t.to_string()).as_deref(), Some("2027–2030"));
    }

    #[test]
    fn list_parameters_are_checked_and_kept_in_links() {
        let q = ListQuery::parse("modified_since=2024-01-31T12:00:00%2B01:00&limit=5&after=7").unwrap();
        assert_eq!(q.keyset, Keyset { after: Some(7), limit: 5 });
        assert_eq!(q.link("/x", Some(9)), "/x?modified_since=2024-01-31T11%3A00%3A00Z&limit=5&after=9");
        // An unencoded `+` arrives as a space and still reads.
        assert!(ListQuery::parse("created_since=2024-01-31T12:00:00+01:00").is_ok());
        assert_eq!(ListQuery::parse("limit=5000").unwrap().keyset.limit, MAX_LIMIT);
        for (query, field) in [
            ("created_since=igår", "created_since"),
            ("modified_until=2024-01-31", "modified_until"),
            ("limit=0", "limit"),
            ("elementsPerPage=x", "elementsPerPage"),
            ("after=-1", "after"),
            ("omit_internal=kanske", "omit_internal"),
        ] {
            let e = ListQuery::parse(query).unwrap_err();
            assert_eq!(e.field(), Some(field), "{query}");
            assert_eq!(e.status(), StatusCode::BAD_REQUEST, "{query}");
        }
    }

    #[test]
    fn pages_in_memory_link_forward_and_back() {
        let t = OffsetDateTime::UNIX_EPOCH;
        let items = |n: i64| (1..=n).map(|i| (i, t, t, json!(i))).collect::<Vec<_>>();
        let q = ListQuery::parse("limit=2&after=4").unwrap();
        let p = q.memory_page("/x", items(7));
        assert_eq!(p["data"], json!([5, 6]));
        assert_eq!(p["links"]["next"], "/x?limit=2&after=6");
        assert_eq!(p["links"]["prev"], "/x?limit=2&after=2");
        assert_eq!(p["pagination"]["totalElements"], 7);
        let last = ListQuery::parse("limit=2&after=6").unwrap().memory_page("/x", items(7));
        assert_eq!(last["data"], json!([7]));
        assert!(last["links"].get("next").is_none());
        let second = ListQuery::parse("limit=2&after=2").unwrap().memory_page("/x", items(7));
        assert_eq!(second["links"]["prev"], "/x?limit=2");
    }
}
