//! The registry's numbers under load (issue 11, ADR 32): many registrars registering at once on
//! each engine get every number of the year's series exactly once — no duplicates, no gaps — and
//! documents within one case likewise; a registration that fails gives its number back.

use crate::common;

use std::collections::BTreeSet;

use common::TestApp;
use domain::cases::{CaseInput, CaseStatus, DocumentFields, DocumentInput, Prefix};
use domain::ids::OrganisationId;
use domain::organisations::OrganisationInput;
use store::{Actor, Store};

const WRITERS: usize = 16;
const EACH: usize = 8;

pub async fn region(store: &Store, prefix: &str, code: &str) -> OrganisationId {
    let input = OrganisationInput::parse("Region", "region", code, "", "", "").unwrap();
    let input = OrganisationInput { name: format!("Region {code}"), ..input };
    let id = store.create_organisation(&input, &Actor::system("test"), None).await.unwrap();
    store.set_case_series(id, &Prefix::parse("prefix", prefix).unwrap(), &Actor::system("test")).await.unwrap();
    id
}

pub fn case_input(org: OrganisationId, title: &str) -> CaseInput {
    CaseInput::parse(&org.to_string(), title, title, "", "").unwrap()
}

pub fn document(today: time::Date, text: &str) -> DocumentInput {
    let date = today.to_string();
    DocumentInput::parse(
        DocumentFields { direction: "drawn_up", document_date: &date, description: text, ..Default::default() },
        today,
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_registrations_take_every_number_once() {
    for t in TestApp::each_engine().await {
        let store = t.store().clone();
        let rjl = region(&store, "RJL", "06").await;
        let ro = region(&store, "RÖ", "05").await;
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let store = store.clone();
            // Two series side by side: the writers of one never take the other's numbers.
            let org = if w % 4 == 0 { ro } else { rjl };
            tasks.push(tokio::spawn(async move {
                let mut got = Vec::new();
                for i in 0..EACH {
                    let actor = Actor::system(&format!("registrator-{w}"));
                    let id = store.register_case(&case_input(org, &format!("Ärende {w}-{i}")), &actor, None).await;
                    let case = store.case(id.unwrap()).await.unwrap().unwrap();
                    got.push((case.organisation_id, case.number.to_string()));
                }
                got
            }));
        }
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.extend(task.await.unwrap());
        }
        let year = t.store().today().year();
        for (org, prefix, writers) in [(rjl, "RJL", WRITERS - WRITERS / 4), (ro, "RÖ", WRITERS / 4)] {
            let mine: Vec<&String> = numbers.iter().filter(|(o, _)| *o == org).map(|(_, n)| n).collect();
            let unique: BTreeSet<&String> = mine.iter().copied().collect();
            assert_eq!(unique.len(), mine.len(), "{}: duplicate numbers in {prefix}", t.engine);
            let expected: BTreeSet<String> = (1..=writers * EACH).map(|n| format!("{prefix} {year}/{n}")).collect();
            let got: BTreeSet<String> = mine.into_iter().cloned().collect();
            assert_eq!(got, expected, "{}: the {prefix} series has gaps or strays", t.engine);
        }
        assert_eq!(t.count("cases").await, (WRITERS * EACH) as i64, "{}", t.engine);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_documents_in_one_case_are_numbered_without_gaps() {
    for t in TestApp::each_engine().await {
        let store = t.store().clone();
        let org = region(&store, "RJL", "06").await;
        let case = store.register_case(&case_input(org, "Anmälningsärenden"), &Actor::system("t"), None).await.unwrap();
        let today = store.today();
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..EACH {
                    let d = document(today, &format!("Skrivelse {w}-{i}"));
                    store.register_document(case, &d, &[], &Actor::system("t"), None).await.unwrap();
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let docs = store.case_documents(case).await.unwrap();
        let numbers: Vec<i64> = docs.iter().map(|d| d.number).collect();
        assert_eq!(numbers, (1..=(WRITERS * EACH) as i64).collect::<Vec<_>>(), "{}", t.engine);
        assert!(docs.iter().all(|d| d.registered_on == today), "{}", t.engine);
        assert_eq!(store.case(case).await.unwrap().unwrap().documents, (WRITERS * EACH) as i64);
    }
}

#[tokio::test]
async fn a_refused_registration_gives_its_number_back() {
    for t in TestApp::each_engine().await {
        let store = t.store();
        let org = region(store, "RJL", "06").await;
        let actor = Actor::system("t");
        let case = store.register_case(&case_input(org, "Sammanträdesdatum 2025"), &actor, None).await.unwrap();
        let today = store.today();
        store.register_document(case, &document(today, "Förslag"), &[], &actor, None).await.unwrap();
        store.change_case_status(case, CaseStatus::Closed, &actor).await.unwrap();
        // Closed: the number the refused document took inside its transaction is given back.
        let e = store.register_document(case, &document(today, "Sent"), &[], &actor, None).await.unwrap_err();
        assert!(matches!(e, store::StoreError::Invalid(ref i) if i.first().code == "case_closed"), "{e:?}");
        assert_eq!(store.case(case).await.unwrap().unwrap().documents, 1, "{}", t.engine);
        // A case of an organisation without a series is refused before any number is taken.
        let other = OrganisationInput::parse("Länsstyrelsen", "county_administrative_board", "", "", "", "").unwrap();
        let other = store.create_organisation(&other, &actor, None).await.unwrap();
        let e = store.register_case(&case_input(other, "x"), &actor, None).await.unwrap_err();
        assert!(matches!(e, store::StoreError::Invalid(ref i) if i.first().code == "no_series"), "{e:?}");
        let next = store.register_case(&case_input(org, "Nästa"), &actor, None).await.unwrap();
        let n = store.case(next).await.unwrap().unwrap().number;
        assert_eq!(n.seq(), 2, "{}", t.engine);
        // A retry with the same idempotency key returns the first registration, no new number.
        let user = Actor { user_id: Some(domain::ids::UserId(t.user("reg@test.se", false).await)), ..actor.clone() };
        let a = store.register_case(&case_input(org, "Igen"), &user, Some("k-1")).await.unwrap();
        let b = store.register_case(&case_input(org, "Igen"), &user, Some("k-1")).await.unwrap();
        assert_eq!(a, b);
        assert_eq!(store.case(a).await.unwrap().unwrap().number.seq(), 3);
    }
}

#[tokio::test]
async fn a_series_continues_after_numbers_taken_over_from_an_earlier_registry() {
    for t in TestApp::each_engine().await {
        let store = t.store();
        let org = region(store, "RJL", "06").await;
        let actor = Actor::system("t");
        let year = store.today().year();
        // Seed 003's number, as if this year's: the registry's next number follows it.
        let taken: domain::cases::CaseNumber = format!("RJL {year}/3336").parse().unwrap();
        let day = store.today();
        store
            .import_case(&case_input(org, "Anmälningsärenden"), &taken, day, CaseStatus::Closed, &actor)
            .await
            .unwrap();
        let next = store.register_case(&case_input(org, "Nytt"), &actor, None).await.unwrap();
        assert_eq!(store.case(next).await.unwrap().unwrap().number.seq(), 3337, "{}", t.engine);
        // A number cannot be taken twice, nor one of another series.
        let e = store.import_case(&case_input(org, "x"), &taken, day, CaseStatus::Closed, &actor).await.unwrap_err();
        assert!(matches!(e, store::StoreError::Conflict("case_number")), "{e:?}");
        let other: domain::cases::CaseNumber = "RÖ 2024/1".parse().unwrap();
        let e = store.import_case(&case_input(org, "x"), &other, day, CaseStatus::Closed, &actor).await.unwrap_err();
        assert!(matches!(e, store::StoreError::Invalid(ref i) if i.first().code == "wrong_prefix"), "{e:?}");
        // An earlier number leaves the series where it is.
        let early: domain::cases::CaseNumber = format!("RJL {year}/12").parse().unwrap();
        store.import_case(&case_input(org, "Tidigt"), &early, day, CaseStatus::Opened, &actor).await.unwrap();
        let after = store.register_case(&case_input(org, "Efter"), &actor, None).await.unwrap();
        assert_eq!(store.case(after).await.unwrap().unwrap().number.seq(), 3338, "{}", t.engine);
    }
}
