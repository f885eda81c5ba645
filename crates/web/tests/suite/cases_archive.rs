//! A year's archive package over many cases (issue 11, ADR 54), on both engines: the documents
//! and handling the package reads in bulk (`Store::archive_reads`) are, case by case, what the
//! case page reads (`case_documents`, `case_handling`), and the year's package holds every
//! closed case with all its records and actions.

use crate::common;

use axum::http::Method;
use common::*;
use domain::ids::CaseId;
use serde_json::json;
use store::Actor;

use crate::cases_numbers::{case_input, document};

const CASES: usize = 40;

#[tokio::test]
async fn a_years_package_reads_many_cases_in_bulk_with_what_each_case_reads() {
    for t in TestApp::each_engine().await {
        let RegisteredCase { mut api, region, case, number, body, .. } = registered_case(&t).await;
        let store = t.store().clone();
        let actor = Actor::system("registrator");
        let org = domain::ids::OrganisationId(region);
        let mut cases = vec![(CaseId(case), number)];
        for i in 1..CASES {
            let id = store.register_case(&case_input(org, &format!("Ärende {i}")), &actor, None).await.unwrap();
            // 0 to 3 documents per case.
            for d in 0..(i % 4) {
                store
                    .register_document(id, &document(store.today(), &format!("Skrivelse {i}-{d}")), &[], &actor, None)
                    .await
                    .unwrap();
            }
            let n = store.case(id).await.unwrap().unwrap().number.to_string();
            cases.push((id, n));
        }
        // Two meetings name every third case on their agendas; the protocol of the first one is
        // adjusted, so its paragraphs count as handling too.
        let mut meetings = Vec::new();
        for days in [20, 10] {
            let r = api
                .json(
                    Method::POST,
                    &format!("/api/v1/bodies/{body}/meetings"),
                    &json!({"date": (TODAY - time::Duration::days(days)).to_string(), "start": "09:00", "place": "Regionens hus"}),
                )
                .await;
            let m = r.assert_status(201).json()["id"].as_i64().unwrap();
            for (_, n) in cases.iter().step_by(3) {
                api.json(
                    Method::POST,
                    &format!("/api/v1/meetings/{m}/agenda"),
                    &json!({"title": format!("Ärendet {n}"), "kind": "decision", "case_number": n}),
                )
                .await
                .assert_status(201);
            }
            meetings.push(m);
        }
        let m = meetings[0];
        for s in ["notice_sent", "held"] {
            api.json(Method::POST, &format!("/api/v1/meetings/{m}/status"), &json!({"status": s}))
                .await
                .assert_status(200);
        }
        api.json(Method::POST, &format!("/api/v1/meetings/{m}/protocol/start"), &json!({})).await.assert_status(200);
        let sql = format!("UPDATE meetings SET status = 'adjusted' WHERE id = {m}");
        match &store.pool {
            store::Pool::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
            store::Pool::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
        }

        // The bulk read is, case by case, what the single reads give.
        let ids: Vec<CaseId> = cases.iter().map(|(id, _)| *id).collect();
        let mut reads = store.archive_reads(&ids).await.unwrap();
        let mut handled = 0;
        for (id, _) in &cases {
            let c = store.case(*id).await.unwrap().unwrap();
            let one = serde_json::to_value(store.case_documents(*id).await.unwrap()).unwrap();
            let bulk = serde_json::to_value(reads.documents.remove(id).unwrap_or_default()).unwrap();
            assert_eq!(one, bulk, "{}: documents of {}", t.engine, c.number);
            let one = serde_json::to_value(store.case_handling(&c.number).await.unwrap()).unwrap();
            let bulk = serde_json::to_value(reads.handling.remove(id).unwrap_or_default()).unwrap();
            assert_eq!(one, bulk, "{}: handling of {}", t.engine, c.number);
            handled += one.as_array().unwrap().len();
        }
        assert!(reads.documents.is_empty() && reads.handling.is_empty());
        // Every third case: two agenda items and one paragraph.
        assert_eq!(handled, CASES.div_ceil(3) * 3, "{}", t.engine);

        // The year's package: every closed case, with its documents and actions.
        for (id, _) in &cases {
            api.json(Method::PATCH, &format!("/api/v1/cases/{}", id.0), &json!({"status": "closed"}))
                .await
                .assert_status(200);
        }
        let year = store.today().year();
        let r = api.get(&format!("/api/v1/cases/archive?organisation_id={region}&year={year}")).await;
        r.assert_status(200);
        let z = r.bytes.clone();
        let start = z.windows(8).position(|w| w == b"<?xml ve").unwrap();
        let end = z.windows(7).position(|w| w == b"</erms>").unwrap() + 7;
        let xml = String::from_utf8(z[start..end].to_vec()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let aggregations: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("aggregation")).collect();
        assert_eq!(aggregations.len(), CASES, "{}", t.engine);
        for a in aggregations {
            let number = a.children().find(|c| c.has_tag_name("objectId")).and_then(|c| c.text()).unwrap();
            let i = cases.iter().position(|(_, n)| n == number).unwrap();
            let records = a.children().filter(|c| c.has_tag_name("record")).count();
            assert_eq!(records, i % 4, "{}: records of {number}", t.engine);
            let actions = a.children().filter(|c| c.has_tag_name("action")).count();
            let expected = 1 + if i % 3 == 0 { 3 } else { 0 };
            assert!(actions >= expected, "{}: actions of {number}: {actions}", t.engine);
        }
    }
}
