//! The OParl 1.1 interface: the System and every link from it resolve to objects of the right
//! type, lists page through everything, the time filters hold, and an anonymous caller sees no
//! contact details.

use crate::common;

use std::collections::{BTreeSet, HashSet, VecDeque};

use common::{Client, TestApp, enc};
use domain::ids::{BodyId, OrganisationId, PersonId};
use domain::organisations::{OrganisationInput, PersonInput};
use domain::structure::{BodyInput, BodyKind, MembershipInput, MembershipRole, Side};
use serde_json::Value;
use store::{Actor, Store};
use time::format_description::well_known::Rfc3339;
use time::macros::date;
use time::{Duration, OffsetDateTime};

const API: &str = "http://localhost/oparl/v1.1";
const SCHEMA: &str = "https://schema.oparl.org/1.1/";

/// What the fixture created, by store id.
struct Fixture {
    region: i64,
    municipality: i64,
    university: i64,
    samrad: i64,
    network: i64,
    anna: i64,
    bo: i64,
    /// Every e-mail address and phone number of the fixture's people.
    contacts: Vec<String>,
}

fn person(name: &str, title: &str, org: OrganisationId, party: Option<&str>, n: usize) -> PersonInput {
    PersonInput {
        name: name.into(),
        title: Some(title.into()),
        organisation_id: Some(org),
        party: party.map(str::to_string),
        email: Some(format!("{}@oparl-test.se", name.to_lowercase().replace(' ', "."))),
        phone: Some(format!("070-555 00 {n:02}")),
        lang: Default::default(),
    }
}

fn body(name: &str, kind: BodyKind, superior: Option<i64>, organisations: &[i64]) -> BodyInput {
    BodyInput {
        name: name.into(),
        kind,
        formal: kind.is_formal_by_default(),
        county_code: Some("01".into()),
        presidium_of: None,
        superior_id: superior.map(BodyId),
        prepares_for: None,
        duties: vec!["Samråda om regional utveckling".into()],
        start: Some(date!(2023 - 01 - 01)),
        end: None,
        secretary: None,
        organisations: organisations.iter().map(|o| OrganisationId(*o)).collect(),
    }
}

fn seat(person: i64, org: i64, role: MembershipRole, substitute_for: Option<i64>) -> MembershipInput {
    MembershipInput {
        person: PersonId(person),
        organisation: OrganisationId(org),
        role,
        side: if role.is_ordinary() { Side::Majority } else { Side::Neither },
        start: date!(2023 - 01 - 01),
        end: None,
        substitute_for: substitute_for.map(PersonId),
    }
}

/// Region Stockholm and Upplands Väsby (outside the demo's counties, so the demo can load too),
/// a university, four people, a consultation group behind both parties, a network under it.
async fn fixture(store: &Store) -> Fixture {
    let a = Actor::system("test");
    let org = |name: &str, kind: &str, code: &str| {
        OrganisationInput::parse(name, kind, code, "", "https://example.se", "").expect("valid organisation")
    };
    let region = store.create_organisation(&org("Region Stockholm", "region", "01"), &a, None).await.unwrap().0;
    let municipality =
        store.create_organisation(&org("Upplands Väsby kommun", "municipality", "0114"), &a, None).await.unwrap().0;
    let university = store.create_organisation(&org("Testuniversitetet", "university", ""), &a, None).await.unwrap().0;

    let people = [
        person("Anna Lindqvist", "Regionråd", OrganisationId(region), Some("S"), 1),
        person("Bo Ek", "Kommunstyrelsens ordförande", OrganisationId(municipality), Some("M"), 2),
        person("Cecilia af Klint Berg", "Oppositionsråd", OrganisationId(municipality), Some("V"), 3),
        person("David Ström", "Professor", OrganisationId(university), None, 4),
    ];
    let contacts = people.iter().flat_map(|p| [p.email.clone().unwrap(), p.phone.clone().unwrap()]).collect::<Vec<_>>();
    let mut ids = Vec::new();
    for p in &people {
        ids.push(store.create_person(p, &a, None).await.unwrap().0);
    }
    let [anna, bo, cecilia, david] = ids[..] else { unreachable!() };

    let samrad = store
        .create_body(
            &body("Strategiskt samråd", BodyKind::ConsultationGroup, None, &[region, municipality]),
            &[],
            &a,
            None,
        )
        .await
        .unwrap()
        .0;
    let network = store
        .create_body(&body("Nätverk för näringsliv", BodyKind::Network, Some(samrad), &[municipality]), &[], &a, None)
        .await
        .unwrap()
        .0;
    for (b, m) in [
        (samrad, seat(anna, region, MembershipRole::Chair, None)),
        (samrad, seat(bo, municipality, MembershipRole::Member, None)),
        (samrad, seat(cecilia, municipality, MembershipRole::Substitute, Some(bo))),
        (samrad, seat(david, university, MembershipRole::Adviser, None)),
        (network, seat(bo, municipality, MembershipRole::Member, None)),
    ] {
        store.create_membership(BodyId(b), &m, &a, None).await.unwrap();
    }
    Fixture { region, municipality, university, samrad, network, anna, bo, contacts }
}

/// The path of one of the interface's absolute URLs.
#[track_caller]
fn path(url: &Value) -> String {
    let url = url.as_str().unwrap_or_else(|| panic!("not a URL: {url}"));
    url.strip_prefix("http://localhost").unwrap_or_else(|| panic!("not on this host: {url}")).to_string()
}

/// Fetches an OParl URL, checking status, content type and CORS header.
async fn get(c: &mut Client, url: &str) -> Value {
    let r = c.get(url).await;
    r.assert_status(200);
    assert_eq!(r.headers["content-type"], "application/json; charset=utf-8", "{}", r.context);
    assert_eq!(r.headers["access-control-allow-origin"], "*", "{}", r.context);
    r.json()
}

/// Fetches an object and checks it has the type and id it was linked as.
async fn object(c: &mut Client, url: &Value, kind: &str) -> Value {
    let o = get(c, &path(url)).await;
    assert_eq!(o["type"], format!("{SCHEMA}{kind}"), "{url}: {o}");
    assert_eq!(&o["id"], url, "{o}");
    o
}

/// Every item of a list, following `links.next`.
async fn walk(c: &mut Client, url: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = Some(url.to_string());
    let mut pages = 0;
    while let Some(u) = next {
        let page = get(c, &u).await;
        items.extend(page["data"].as_array().unwrap_or_else(|| panic!("{u}: no data: {page}")).iter().cloned());
        next = page["links"].get("next").map(path);
        pages += 1;
        assert!(pages < 1000, "{url}: the pages never end");
    }
    items
}

fn ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|o| o["id"].as_str().unwrap().to_string()).collect()
}

fn find<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items.iter().find(|o| o["id"] == id).unwrap_or_else(|| panic!("{id} not among {:?}", ids(items)))
}

/// Every object reachable from the System, with the raw text of every answer.
async fn crawl(c: &mut Client) -> (Vec<Value>, String) {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([format!("{API}/system")]);
    let mut objects = Vec::new();
    let mut text = String::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let r = c.get(&path(&Value::String(url.clone()))).await;
        r.assert_status(200);
        text.push_str(&r.body);
        let v = r.json();
        let mut stack = vec![&v];
        while let Some(x) = stack.pop() {
            match x {
                Value::String(s) if s.starts_with(API) => queue.push_back(s.clone()),
                Value::Array(a) => stack.extend(a),
                Value::Object(o) => {
                    if o.get("type").and_then(Value::as_str).is_some_and(|t| t.starts_with(SCHEMA)) {
                        objects.push(x.clone());
                    }
                    stack.extend(o.values());
                }
                _ => {}
            }
        }
    }
    (objects, text)
}

#[tokio::test]
async fn the_system_links_to_every_object_and_each_resolves() {
    for t in TestApp::each_engine().await {
        let f = fixture(t.store()).await;
        let mut c = t.client();

        let r = c.get("/oparl/v1.1").await;
        assert_eq!(r.status.as_u16(), 308, "{}", r.context);
        assert_eq!(r.location(), "/oparl/v1.1/system");

        let system = get(&mut c, "/oparl/v1.1/system").await;
        assert_eq!(system["id"], format!("{API}/system"));
        assert_eq!(system["type"], format!("{SCHEMA}System"));
        assert_eq!(system["oparlVersion"], SCHEMA);
        assert_eq!(system["name"], "Samverkan");
        assert_eq!(system["website"], "http://localhost/");

        // Bodies: the region and the municipality, not the university.
        let bodies = walk(&mut c, &path(&system["body"])).await;
        assert_eq!(ids(&bodies), [format!("{API}/body/{}", f.region), format!("{API}/body/{}", f.municipality)]);
        let kommun = find(&bodies, &format!("{API}/body/{}", f.municipality)).clone();
        assert_eq!(kommun["classification"], "Kommun");
        assert_eq!(kommun["samverkan:code"], "0114");
        assert_eq!(kommun["system"], system["id"]);
        assert_eq!(kommun["web"], format!("http://localhost/organisationer/{}", f.municipality));
        let terms: Vec<&str> =
            kommun["legislativeTerm"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert!(terms.starts_with(&["2015–2018", "2019–2022", "2023–2026", "2027–2030"]), "{terms:?}");
        assert_eq!(object(&mut c, &kommun["id"], "Body").await, kommun);
        for list in ["meeting", "paper"] {
            assert_eq!(walk(&mut c, &path(&kommun[list])).await, Vec::<Value>::new(), "{list}");
        }
        let terms_list = walk(&mut c, &path(&kommun["legislativeTermList"])).await;
        assert_eq!(terms_list, kommun["legislativeTerm"].as_array().unwrap().clone());
        let term = object(&mut c, &terms_list[2]["id"], "LegislativeTerm").await;
        assert_eq!((term["startDate"].as_str(), term["endDate"].as_str()), (Some("2023-01-01"), Some("2026-12-31")));
        t.client().get("/oparl/v1.1/legislative-term/2024").await.assert_status(404);

        // Body → organization list → Organization.
        let organizations = walk(&mut c, &path(&kommun["organization"])).await;
        let samrad_url = format!("{API}/organization/{}", f.samrad);
        let network_url = format!("{API}/organization/{}", f.network);
        assert_eq!(ids(&organizations), [samrad_url.clone(), network_url.clone()]);
        let samrad = object(&mut c, &Value::String(samrad_url.clone()), "Organization").await;
        assert_eq!(&samrad, find(&organizations, &samrad_url));
        assert_eq!(samrad["organizationType"], "Gremium");
        assert_eq!(samrad["classification"], "Samrådsgrupp");
        assert_eq!(samrad["body"], format!("{API}/body/{}", f.region), "regions come first");
        assert_eq!(samrad["startDate"], "2023-01-01");
        let network = find(&organizations, &network_url);
        assert_eq!(network["organizationType"], "Sonstiges");
        assert_eq!(network["subOrganizationOf"], samrad_url);
        let region_orgs = walk(&mut c, &format!("/oparl/v1.1/body/{}/organization", f.region)).await;
        assert_eq!(ids(&region_orgs), std::slice::from_ref(&samrad_url));

        // Organization → Membership → Person, and back.
        let seats = samrad["membership"].as_array().unwrap();
        assert_eq!(seats.len(), 4);
        let mut roles = BTreeSet::new();
        for url in seats {
            let m = object(&mut c, url, "Membership").await;
            assert_eq!(m["organization"], samrad_url);
            let p = object(&mut c, &m["person"], "Person").await;
            let embedded = p["membership"].as_array().unwrap();
            let mine = embedded.iter().find(|e| &e["id"] == url).expect("the person embeds the membership");
            assert!(mine.get("person").is_none(), "no back reference when embedded: {mine}");
            roles.insert((m["role"].as_str().unwrap().to_string(), m["votingRight"].as_bool().unwrap()));
            if m["role"] == "Ordförande" {
                assert_eq!(p["name"], "Anna Lindqvist");
                assert_eq!((p["givenName"].as_str(), p["familyName"].as_str()), (Some("Anna"), Some("Lindqvist")));
                assert_eq!(p["body"], format!("{API}/body/{}", f.region));
                assert_eq!(p["status"][0], "Regionråd");
                assert_eq!(p["samverkan:party"], "S");
                assert_eq!(m["samverkan:onBehalfOfBody"], format!("{API}/body/{}", f.region));
            }
            if m["role"] == "Sakkunnig" {
                assert!(m.get("samverkan:onBehalfOfBody").is_none(), "a university is no Body: {m}");
                assert_eq!(m["samverkan:onBehalfOfName"], "Testuniversitetet");
                assert!(p.get("body").is_none(), "{p}");
            }
            if m["role"] == "Ersättare" {
                assert!(p.get("givenName").is_none(), "four words do not split: {p}");
            }
        }
        let roles: Vec<(String, bool)> = roles.into_iter().collect();
        assert_eq!(
            roles,
            [
                ("Ersättare".to_string(), false),
                ("Ledamot".to_string(), true),
                ("Ordförande".to_string(), true),
                ("Sakkunnig".to_string(), false)
            ]
        );

        // The body's people and memberships: its own people and everyone in its bodies.
        let people = walk(&mut c, &path(&kommun["person"])).await;
        assert_eq!(people.len(), 4, "{:?}", ids(&people));
        let memberships = walk(&mut c, &path(&kommun["membership"])).await;
        assert_eq!(memberships.len(), 5);
        let all = walk(&mut c, "/oparl/v1.1/membership").await;
        assert_eq!(all, memberships);
        for m in &memberships {
            assert_eq!(&object(&mut c, &m["id"], "Membership").await, m);
        }

        // Links use the configured site address, whatever Host and X-Forwarded-Proto say
        // (issue 8, hole 14).
        let r = c
            .send_with(
                axum::http::Method::GET,
                "/oparl/v1.1/system",
                None,
                vec![],
                &[("x-forwarded-proto", "https"), ("host", "evil.example")],
            )
            .await;
        assert_eq!(r.json()["body"], "http://localhost/oparl/v1.1/body");
        assert!(!r.body.contains("evil.example"));
        assert!(!r.headers.contains_key("strict-transport-security"));

        // Unknown objects are JSON 404s with the CORS header; other organisations are no Body.
        for url in [
            format!("/oparl/v1.1/body/{}", f.university),
            format!("/oparl/v1.1/body/{}/person", f.university),
            "/oparl/v1.1/person/999999".into(),
            "/oparl/v1.1/organization/x".into(),
            "/oparl/v1.1/meeting/%FF".into(),
            "/oparl/v1.1/legislative-term/abc".into(),
            "/oparl/v1.1/finns-inte".into(),
        ] {
            let r = c.get(&url).await;
            r.assert_status(404);
            assert_eq!(r.error().0, "not_found");
            assert_eq!(r.json()["type"], format!("{SCHEMA}Error"));
            assert_eq!(r.headers["access-control-allow-origin"], "*", "{}", r.context);
        }
    }
}

#[tokio::test]
async fn paging_with_limit_one_walks_every_item() {
    for t in TestApp::each_engine().await {
        let demo = demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let f = fixture(t.store()).await;
        let mut c = t.client();
        for list in [
            "/oparl/v1.1/body".to_string(),
            "/oparl/v1.1/organization".into(),
            "/oparl/v1.1/person".into(),
            "/oparl/v1.1/membership".into(),
            "/oparl/v1.1/legislative-term".into(),
            format!("/oparl/v1.1/body/{}/person", f.municipality),
        ] {
            let everything = get(&mut c, &format!("{list}?limit=1000")).await;
            let total = everything["pagination"]["totalElements"].as_i64().unwrap();
            let expected = ids(everything["data"].as_array().unwrap());
            assert_eq!(expected.len() as i64, total, "{list}");
            assert!(everything["links"].get("next").is_none(), "{list}");

            let walked = ids(&walk(&mut c, &format!("{list}?limit=1")).await);
            assert_eq!(walked, expected, "{list}: limit=1 visits every item once, in order");

            // Pages of three link back as well as forward, and keep the filter.
            let filtered = format!("{list}?modified_since=2000-01-01T00%3A00%3A00Z&limit=3");
            let first = get(&mut c, &filtered).await;
            assert_eq!(first["pagination"]["elementsPerPage"], 3);
            assert!(first["links"].get("prev").is_none());
            if let Some(next) = first["links"].get("next") {
                assert!(next.as_str().unwrap().contains("modified_since=2000-01-01T00%3A00%3A00Z"), "{next}");
                let second = get(&mut c, &path(next)).await;
                assert_eq!(second["links"]["prev"], first["links"]["self"]);
                assert_eq!(second["links"]["first"], first["links"]["self"]);
            }
            assert_eq!(ids(&walk(&mut c, &filtered).await), expected, "{list}");
        }
        let people = get(&mut c, "/oparl/v1.1/person?limit=1000").await;
        assert_eq!(people["pagination"]["totalElements"], demo.people as i64 + 4);
        assert_eq!(people["pagination"]["elementsPerPage"], 1000);
        let capped = get(&mut c, "/oparl/v1.1/person?limit=5000").await;
        assert_eq!(capped["pagination"]["elementsPerPage"], 1000);
        let bodies = get(&mut c, "/oparl/v1.1/body").await;
        assert_eq!(
            bodies["pagination"]["totalElements"],
            3 + 38 + 2,
            "3 demo regions, 38 municipalities (Kalmar län's 12 with the referral of seed 002), the fixture's 2"
        );
        assert_eq!(bodies["pagination"]["elementsPerPage"], 100);
    }
}

fn stamp(t: OffsetDateTime) -> String {
    enc(&t.format(&Rfc3339).unwrap())
}

fn time_of(v: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(v.as_str().unwrap_or_else(|| panic!("not a string: {v}")), &Rfc3339)
        .unwrap_or_else(|e| panic!("{v} is not RFC 3339: {e}"))
}

#[tokio::test]
async fn time_filters_narrow_lists_and_bad_dates_are_400() {
    for t in TestApp::each_engine().await {
        let f = fixture(t.store()).await;
        let mut c = t.client();
        let lists = [
            "/oparl/v1.1/body".to_string(),
            "/oparl/v1.1/organization".into(),
            "/oparl/v1.1/person".into(),
            "/oparl/v1.1/membership".into(),
            "/oparl/v1.1/legislative-term".into(),
            format!("/oparl/v1.1/body/{}/organization", f.municipality),
            format!("/oparl/v1.1/body/{}/membership", f.municipality),
            format!("/oparl/v1.1/body/{}/legislative-term", f.municipality),
        ];
        let tomorrow = stamp(t.store().now() + Duration::days(1));
        for list in &lists {
            for query in [
                format!("modified_since={tomorrow}"),
                format!("created_since={tomorrow}"),
                "created_until=2000-01-01T00:00:00Z".into(),
            ] {
                let page = get(&mut c, &format!("{list}?{query}")).await;
                assert_eq!(page["data"], Value::Array(vec![]), "{list}?{query}");
                assert_eq!(page["pagination"]["totalElements"], 0);
                assert!(page["links"].get("next").is_none());
            }
            let all = get(&mut c, list).await["pagination"]["totalElements"].clone();
            let since =
                get(&mut c, &format!("{list}?created_since=2000-01-01T01:00:00%2B01:00&modified_until={tomorrow}"))
                    .await;
            assert_eq!(since["pagination"]["totalElements"], all, "{list}");
        }

        // Bounds are inclusive to the microsecond, on both engines.
        let a = Actor::system("test");
        let mut bo = t.store().person(PersonId(f.bo)).await.unwrap().unwrap().person;
        bo.title = Some("Kommunalråd".into());
        let input = PersonInput {
            name: bo.name,
            title: bo.title,
            organisation_id: bo.organisation_id,
            party: bo.party,
            email: bo.email,
            phone: bo.phone,
            lang: bo.lang,
        };
        t.store().update_person(PersonId(f.bo), &input, &a).await.unwrap();
        let p = get(&mut c, &format!("/oparl/v1.1/person/{}", f.bo)).await;
        // The printed times are whole seconds (OParl § 2.4); the filters compare the stored ones.
        let row = t.store().oparl_person(f.bo).await.unwrap().unwrap();
        let (created, modified) = (row.created_at, row.updated_at);
        assert!(modified > created, "{p}");
        assert_eq!(time_of(&p["modified"]), modified.replace_nanosecond(0).unwrap());
        let printed = format!("modified_since={}", enc(p["modified"].as_str().unwrap()));
        let page = get(&mut c, &format!("/oparl/v1.1/person?{printed}")).await;
        assert!(page["data"].as_array().unwrap().iter().any(|o| o["id"] == p["id"]), "a printed time finds the object");
        let micro = Duration::microseconds(1);
        for (query, expected) in [
            (format!("modified_since={}", stamp(modified)), vec![p["id"].clone()]),
            (format!("modified_since={}", stamp(modified + micro)), vec![]),
            (
                format!("modified_since={}&modified_until={}", stamp(modified - micro), stamp(modified)),
                vec![p["id"].clone()],
            ),
            (format!("created_since={}&created_until={}", stamp(created), stamp(created)), vec![p["id"].clone()]),
            (format!("modified_since={}&modified_until={}", stamp(modified - micro), stamp(modified - micro)), vec![]),
        ] {
            let page = get(&mut c, &format!("/oparl/v1.1/person?{query}")).await;
            let got: Vec<Value> = page["data"].as_array().unwrap().iter().map(|o| o["id"].clone()).collect();
            assert_eq!(got, expected, "{query}");
        }

        // Malformed parameters are 400s naming the parameter, with the CORS header.
        for (query, field) in [
            ("modified_since=igår", "modified_since"),
            ("created_since=2024-01-01", "created_since"),
            ("created_until=2024-13-01T00:00:00Z", "created_until"),
            ("modified_until=2024-01-01T00:00:00", "modified_until"),
            ("limit=x", "limit"),
            ("limit=0", "limit"),
            ("after=x", "after"),
            ("omit_internal=kanske", "omit_internal"),
        ] {
            for list in &lists {
                let r = c.get(&format!("{list}?{query}")).await;
                r.assert_status(400);
                assert_eq!(r.error(), ("invalid_parameter".to_string(), Some(field.to_string())), "{}", r.context);
                assert_eq!(r.headers["access-control-allow-origin"], "*");
                assert_eq!(r.headers["content-type"], "application/json; charset=utf-8");
            }
        }

        // omit_internal leaves out the embedded objects.
        let lean = get(&mut c, "/oparl/v1.1/person?omit_internal=true").await;
        assert!(lean["data"].as_array().unwrap().iter().all(|p| p.get("membership").is_none()), "{lean}");
        let lean = get(&mut c, "/oparl/v1.1/body?omit_internal=true").await;
        assert!(lean["data"].as_array().unwrap().iter().all(|b| b.get("legislativeTerm").is_none()), "{lean}");
        assert!(lean["links"]["self"].as_str().unwrap().contains("omit_internal=true"));
    }
}

#[tokio::test]
async fn an_anonymous_caller_sees_no_contact_details() {
    for t in TestApp::each_engine().await {
        let f = fixture(t.store()).await;
        let (objects, text) = crawl(&mut t.client()).await;
        let people: Vec<&Value> = objects.iter().filter(|o| o["type"] == format!("{SCHEMA}Person")).collect();
        assert!(people.len() >= 4, "every person is reached: {}", people.len());
        for contact in &f.contacts {
            assert!(!text.contains(contact.as_str()), "{contact} published");
        }
        for o in &objects {
            assert!(o.get("email").is_none() && o.get("phone").is_none(), "{o}");
        }

        // Signed in, the same lists carry them, as the rest of the site does.
        let mut member = t.member().await;
        let anna = get(&mut member, &format!("/oparl/v1.1/person/{}", f.anna)).await;
        assert_eq!(anna["email"][0], "anna.lindqvist@oparl-test.se");
        assert_eq!(anna["phone"][0], "070-555 00 01");
        let mut token = t.token_client("nyckel@test.se", false).await;
        let page = get(&mut token, "/oparl/v1.1/person").await;
        assert!(page["data"].as_array().unwrap().iter().all(|p| p["email"].is_array()), "{page}");
    }
}

#[tokio::test]
async fn created_and_modified_are_rfc3339_everywhere() {
    for t in TestApp::each_engine().await {
        fixture(t.store()).await;
        let (objects, _) = crawl(&mut t.client()).await;
        let kinds: BTreeSet<&str> = objects.iter().map(|o| o["type"].as_str().unwrap()).collect();
        let expected: BTreeSet<String> = ["Body", "LegislativeTerm", "Membership", "Organization", "Person", "System"]
            .iter()
            .map(|k| format!("{SCHEMA}{k}"))
            .collect();
        assert_eq!(kinds, expected.iter().map(String::as_str).collect());
        for o in &objects {
            let (created, modified) = (time_of(&o["created"]), time_of(&o["modified"]));
            assert!(created <= modified, "{o}");
            assert!(modified <= t.store().now(), "{o}");
            assert!(o["id"].as_str().unwrap().starts_with(API), "{o}");
        }
    }
}

/// A Swedish registry with a case handled at two meetings: "RJL {year}/1" of Region Jönköpings
/// län, on the decision item of a meeting at 09:00 in September (summer time) and on an item of
/// a meeting without a time set in late November (winter time), next to an item naming no case.
struct Handled {
    region: i64,
    case: i64,
    number: String,
    summer: i64,
    winter: i64,
    /// The decision item, the information item of the same meeting, the winter meeting's item.
    items: [i64; 3],
}

async fn handled_case(t: &TestApp) -> Handled {
    use axum::http::Method;
    let common::RegisteredCase { mut api, region, case, number, body, .. } = common::registered_case(t).await;
    let meeting = |date: time::Date, start: Option<&str>| {
        let mut m = serde_json::json!({"date": date.to_string(), "place": "Regionens hus"});
        if let Some(s) = start {
            m["start"] = s.into();
        }
        m
    };
    let summer_json = meeting(common::TODAY - Duration::days(60), Some("09:00"));
    let winter_json = meeting(common::TODAY + Duration::days(10), None);
    let mut ids = Vec::new();
    for m in [summer_json, winter_json] {
        let r = api.json(Method::POST, &format!("/api/v1/bodies/{body}/meetings"), &m).await;
        r.assert_status(201);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let mut items = Vec::new();
    for (meeting, item) in [
        (ids[0], serde_json::json!({"title": "Sammanträdesdatum 2027", "kind": "decision", "case_number": number})),
        (ids[0], serde_json::json!({"title": "Aktuellt", "kind": "information"})),
        (
            ids[1],
            serde_json::json!({"title": "Sammanträdesdatum 2027, uppföljning", "kind": "information", "case_number": number}),
        ),
    ] {
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{meeting}/agenda"), &item).await;
        r.assert_status(201);
        items.push(r.json()["id"].as_i64().unwrap());
    }
    Handled { region, case, number, summer: ids[0], winter: ids[1], items: [items[0], items[1], items[2]] }
}

/// Checks OParl 1.1 § 2.4's form `yyyy-mm-ddThh:mm:ss±hh:mm` character by character, and that
/// the offset is Sweden's at that instant; returns the instant.
#[track_caller]
fn oparl_time(v: &Value) -> OffsetDateTime {
    let s = v.as_str().unwrap_or_else(|| panic!("not a string: {v}"));
    let shape = "dddd-dd-ddTdd:dd:dd+dd:dd";
    assert_eq!(s.len(), shape.len(), "{s}: not yyyy-mm-ddThh:mm:ss±hh:mm");
    for (c, want) in s.chars().zip(shape.chars()) {
        let ok = match want {
            'd' => c.is_ascii_digit(),
            '+' => c == '+' || c == '-',
            _ => c == want,
        };
        assert!(ok, "{s}: not yyyy-mm-ddThh:mm:ss±hh:mm");
    }
    let t = time_of(v);
    let sweden = domain::meetings::calendar::stockholm_offset(t);
    assert_eq!(t.offset(), sweden, "{s}: not Sweden's offset at that instant");
    t
}

/// Every date-time of an object, as OParl names them.
const TIME_KEYS: [&str; 4] = ["created", "modified", "start", "end"];

#[tokio::test]
async fn the_interface_follows_the_letter_of_oparl_1_1() {
    for t in TestApp::each_engine().await {
        let h = handled_case(&t).await;
        let mut c = t.client();
        let (objects, _) = crawl(&mut c).await;
        let kinds: BTreeSet<&str> = objects.iter().filter_map(|o| o["type"].as_str()?.strip_prefix(SCHEMA)).collect();
        for k in ["Body", "Meeting", "AgendaItem", "Paper", "Consultation"] {
            assert!(kinds.contains(k), "{k} is reached from the System: {kinds:?}");
        }
        let mut summer = false;
        let mut winter = false;
        for o in &objects {
            let map = o.as_object().unwrap();
            // § 2.4: whole seconds and an offset, Sweden's, everywhere.
            for key in TIME_KEYS {
                if let Some(v) = map.get(key) {
                    let at = oparl_time(v);
                    summer |= at.offset().whole_hours() == 2;
                    winter |= at.offset().whole_hours() == 1;
                }
            }
            assert!(oparl_time(&o["created"]) <= oparl_time(&o["modified"]), "{o}");
            // Optional lists are left out rather than empty.
            for (key, v) in map {
                assert!(v.as_array().is_none_or(|a| !a.is_empty()), "{key} is [] in {o}");
            }
        }
        assert!(summer && winter, "times in both summer (+02:00) and winter (+01:00) were checked");

        // Meeting.start is always a date-time: the start time, or the beginning of the day.
        let m = get(&mut c, &format!("/oparl/v1.1/meeting/{}", h.summer)).await;
        assert_eq!(m["start"], format!("{}T09:00:00+02:00", common::TODAY - Duration::days(60)));
        let m = get(&mut c, &format!("/oparl/v1.1/meeting/{}", h.winter)).await;
        assert_eq!(m["start"], format!("{}T00:00:00+01:00", common::TODAY + Duration::days(10)));
        assert!(m.get("end").is_none() && m.get("auxiliaryFile").is_none(), "{m}");

        // The Body advertises OParl 1.1's optional lists, and each holds what it should.
        let body = object(&mut c, &Value::String(format!("{API}/body/{}", h.region)), "Body").await;
        let items = walk(&mut c, &path(&body["agendaItem"])).await;
        assert_eq!(ids(&items), h.items.map(|i| format!("{API}/agenda-item/{i}")));
        let consultations = walk(&mut c, &path(&body["consultation"])).await;
        let expected = [h.items[0], h.items[2]].map(|i| format!("{API}/consultation/{i}"));
        assert_eq!(ids(&consultations), expected);
        assert_eq!(walk(&mut c, &path(&body["file"])).await, Vec::<Value>::new());
        assert_eq!(walk(&mut c, "/oparl/v1.1/consultation").await, consultations);
        for list in ["agenda-item", "consultation", "file"] {
            c.get(&format!("/oparl/v1.1/body/999999/{list}")).await.assert_status(404);
        }

        // A Consultation joins the Paper to the agenda item and meeting that handled it.
        let paper_url = Value::String(format!("{API}/paper/{}", h.case));
        let paper = object(&mut c, &paper_url, "Paper").await;
        assert_eq!(paper["reference"], h.number);
        let embedded = paper["consultation"].as_array().expect("the paper embeds its consultations");
        assert_eq!(ids(embedded), expected, "by meeting date");
        for (k, (item, meeting)) in consultations.iter().zip([(h.items[0], h.summer), (h.items[2], h.winter)]) {
            let own = object(&mut c, &k["id"], "Consultation").await;
            assert_eq!(&own, k);
            assert_eq!(k["paper"], paper_url);
            assert_eq!(k["meeting"], format!("{API}/meeting/{meeting}"));
            assert_eq!(k["authoritative"], false, "the consultation structure decides nothing itself");
            let i = object(&mut c, &k["agendaItem"], "AgendaItem").await;
            assert_eq!(i["id"], format!("{API}/agenda-item/{item}"));
            assert_eq!(i["consultation"], k["id"]);
            assert_eq!(i["samverkan:caseNumber"], h.number);
            let e = embedded.iter().find(|e| e["id"] == k["id"]).unwrap();
            assert!(e.get("paper").is_none(), "no back reference when embedded: {e}");
        }
        assert_eq!(consultations[0]["role"], "Beslut");
        assert_eq!(consultations[1]["role"], "Information");
        let plain = object(&mut c, &Value::String(format!("{API}/agenda-item/{}", h.items[1])), "AgendaItem").await;
        assert!(plain.get("consultation").is_none(), "an item naming no case is no consultation: {plain}");
        c.get(&format!("/oparl/v1.1/consultation/{}", h.items[1])).await.assert_status(404);

        // omit_internal leaves the embedded consultations out.
        let lean = get(&mut c, "/oparl/v1.1/paper?omit_internal=true").await;
        assert!(lean["data"][0].get("consultation").is_none(), "{lean}");
    }
}
