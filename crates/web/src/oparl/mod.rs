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
//! | Paper (Drucksache) | a case registered in a region's or municipality's registry (issue 11) | `/paper`, `/paper/{id}`, `/body/{id}/paper` |
//! | Consultation (Beratung) | a case handled in an agenda item: the item names the case's number | `/consultation`, `/consultation/{agenda item id}`, `/body/{id}/consultation` |
//! | Meeting, AgendaItem, File | a meeting, an item of its agenda, an attachment | `/meeting`, `/agenda-item`, `/file` (and `/{id}`); a Body's lists `/body/{id}/meeting`, `/body/{id}/agenda-item`, `/body/{id}/file` hold those of the bodies behind it |
//!
//! * **System**: `name` "Samverkan", `oparlVersion` `https://schema.oparl.org/1.1/`, `body` (the
//!   list), `contactEmail` (the operator's contact address from the configuration), `website`
//!   and `web` (the start page). `vendor` and `product` are left out: the project names no
//!   public home page to point at.
//! * **Body**: `name`, `website`, `classification` ("Region", "Kommun"), the external lists
//!   `organization`, `person`, `membership`, `meeting`, `paper`, `legislativeTermList` and
//!   OParl 1.1's optional `agendaItem`, `consultation` and `file`, the
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
//! * **Paper**: `body` the region or municipality whose registry holds the case, `name` its public
//!   title (never the internal one), `reference` its number ("RJL 2024/3336"), `date` the day it
//!   was registered, `paperType` "Ärende", its Consultations embedded in `consultation`,
//!   `web` = `/diarium/{id}`. Its documents are not yet given as `auxiliaryFile`.
//! * **Consultation**: `paper`, `agendaItem` (whose id it shares), `meeting`, `organization`
//!   the body that met, `role` the item's kind ("Beslut", "Information" …), `authoritative`
//!   false (the structure decides nothing itself, rule 9). An AgendaItem that names a Paper's
//!   number links its Consultation in `consultation`.
//! * **Meeting**: `start` is always a date-time: the start time, or the beginning of the day
//!   (00:00 Swedish time) when the meeting has no time set.
//! * **LegislativeTerm**: `name` "2023–2026", `startDate` 1 January of the first year, `endDate`
//!   31 December of the last. Terms are the same for every body, so they carry no `body`.
//!
//! Every object has `id` (its own absolute URL under the configured site address, never the
//! request's `Host`), `type`, and `created` and `modified` as OParl 1.1 § 2.4 asks:
//! `yyyy-mm-ddThh:mm:ss±hh:mm`, whole seconds (the fraction is cut), Swedish local time with
//! the offset of that instant (+01:00 or +02:00), never `Z` (System and LegislativeTerm, which
//! are not stored, carry the time the installation began: its first account or organisation).
//! `modified` is the record's own: a new membership changes the membership lists, not the
//! Organization or Person it links. Optional lists with nothing in them (`membership`,
//! `agendaItem`, `auxiliaryFile`, `consultation`) are left out rather than written as `[]`.
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
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::error::Lang;
use domain::structure::Term;
use serde_json::{Map, Value, json};
use store::oparl::{
    AgendaItemRow, BodyRow, ConsultationRow, FileRow, Keyset, MeetingRow, MembershipRow, OrganizationRow, PaperRow,
    PersonRow, Prev, Slice, TimeWindow,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

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

// The files share this module's imports and constants (`use super::*`): they are the parts of
// one interface, listed from the answers down to the URLs they are built from.
mod handlers;
mod lists;
mod objects;
mod paths;
mod query;
mod respond;
mod urls;

use handlers::*;
use lists::*;
use objects::*;
use paths::*;
use query::*;
pub(crate) use respond::error_response;
use respond::*;
use urls::*;

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
        .route("/body/{id}/paper", get(body_papers))
        .route("/body/{id}/agenda-item", get(body_agenda_items))
        .route("/body/{id}/consultation", get(body_consultations))
        .route("/body/{id}/file", get(body_files))
        .route("/consultation", get(consultations))
        .route("/consultation/{id}", get(consultation))
        .route("/paper", get(papers))
        .route("/paper/{id}", get(paper))
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
