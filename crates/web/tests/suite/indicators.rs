//! Indicators over HTTP on both engines (issue 13): a strategy owner (administrator) defines an
//! indicator from Kolada, imports Kolada's real values (`data/kolada/`, "Källa: Kolada (RKA),
//! hämtat 2024-08-30") through the dry run and the apply, re-imports with one value changed
//! (updated, the old one kept in the history), and the public sees the published indicator's
//! status, chart, data table, summary and CSV. A file with bad rows saves nothing; every bad
//! field is named; anonymous callers and members cannot write; every write is audited.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

const N00401: &str = include_str!("../../../../data/kolada/data/N00401.json");
const N02267: &str = include_str!("../../../../data/kolada/data/N02267.json");

/// The values stored, over all indicators (one series row holds a geography's years, ADR 62).
async fn values(t: &TestApp) -> i64 {
    t.scalar("SELECT COALESCE(SUM(values_count), 0) FROM indicator_series").await
}

fn definition(published: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv"),
        ("unit", "ton/inv"),
        ("source", "kolada"),
        ("kolada_kpi", "N00401"),
        ("direction", "decrease"),
        ("geography", "0006"),
        ("baseline_year", "2015"),
        ("baseline_value", "4.84104622"),
        ("target_year", "2030"),
        ("target_value", "2"),
        ("published", published),
    ]
}

async fn create(admin: &mut Client, published: &str) -> i64 {
    let r = admin.post_form("/indikatorer", &definition(published)).await;
    assert_eq!(r.status, 303, "{}: {}", r.context, r.body);
    id_in(&r.location())
}

async fn dry_run(c: &mut Client, id: i64, format: &str, name: &str, data: &str) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(&[("format", None, format.as_bytes()), ("file", Some(name), data.as_bytes())]);
    c.send(Method::POST, &format!("/indikatorer/{id}/import/provkorning?csrf={csrf}"), Some(&ct), body).await
}

fn hidden(page: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let at = page.find(&needle).unwrap_or_else(|| panic!("no {name} in the page")) + needle.len();
    let raw = &page[at..at + page[at..].find('"').unwrap()];
    raw.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn kolada_values_dry_run_apply_reimport_and_the_public_page() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = create(&mut admin, "true").await;
        let audit0 = t.count("audit_events").await;

        // Dry run: the real file's 798 values (336 null), nothing written.
        let r = dry_run(&mut admin, id, "kolada", "N00401.json", N00401).await;
        r.assert_status(200).assert_contains("798").assert_contains("336");
        assert_eq!(values(&t).await, 0, "{}", r.context);
        let (format, data, key) =
            (hidden(&r.body, "format"), hidden(&r.body, "data"), hidden(&r.body, "idempotency_key"));
        assert_eq!(data, N00401, "the dry run carries the file unchanged");

        // Apply, twice with the same key: one import.
        for _ in 0..2 {
            let fields = [
                ("format", format.as_str()),
                ("file_name", "N00401.json"),
                ("data", data.as_str()),
                ("idempotency_key", key.as_str()),
            ];
            let r = admin.post_form(&format!("/indikatorer/{id}/import/verkstall"), &fields).await;
            assert_eq!(r.status, 303, "{}: {}", r.context, r.body);
        }
        assert_eq!(values(&t).await, 798);
        assert_eq!(t.count("indicator_imports").await, 1);
        assert_eq!(t.count("audit_events").await, audit0 + 1);

        // The public page: the status of Jönköpings län (4.84 → 3.76 t, target 2.0 in 2030:
        // R ≈ 0.62, acceleration needed), the chart with its table, summary and CSV.
        let mut public = t.client();
        let r = public.get(&format!("/indikatorer/{id}")).await;
        r.assert_status(200)
            .assert_contains("Framsteg, men takten behöver öka")
            .assert_contains("<svg")
            .assert_contains("Jönköpings län")
            .assert_contains("Riket")
            .assert_contains("Källa: Kolada (RKA)");
        assert!(!r.body.contains("style=\""), "no inline style in the chart");
        let r = public.get(&format!("/indikatorer/{id}?omrade=0680")).await;
        r.assert_status(200).assert_contains("Jönköping").assert_contains("3,76");
        let r = public.get(&format!("/indikatorer/{id}/varden.csv?omrade=0680")).await;
        r.assert_status(200)
            .assert_contains("Jönköping (0680)")
            .assert_contains("Jönköpings län (0006)")
            .assert_contains("2022,");
        let r = public.get("/indikatorer").await;
        r.assert_status(200).assert_contains("Utsläpp till luft").assert_contains("status-needs_acceleration");

        // Re-import with one value changed: one update, the old value in the history.
        let changed = N00401.replacen("3.7615341", "3.5", 1);
        assert_ne!(changed, N00401);
        let api = format!("/api/v1/indicators/{id}/imports?format=kolada&file_name=N00401-rev.json");
        let csrf = admin.csrf().await;
        let r = admin
            .send_with(
                Method::POST,
                &format!("{api}&dry_run=true"),
                Some("application/json"),
                changed.clone().into(),
                &[("x-csrf-token", &csrf)],
            )
            .await;
        r.assert_status(200);
        assert_eq!(
            (r.json()["new"].clone(), r.json()["changed"].clone(), r.json()["unchanged"].clone()),
            (json!(0), json!(1), json!(797))
        );
        let r = admin
            .send_with(Method::POST, &api, Some("application/json"), changed.into(), &[("x-csrf-token", &csrf)])
            .await;
        r.assert_status(201);
        assert_eq!(r.json()["updated"], 1);
        assert_eq!(t.count("indicator_value_history").await, 1);
        let r = public.get(&format!("/api/v1/indicators/{id}/values?geography=0006")).await;
        r.assert_status(200);
        let items = r.json()["items"].as_array().unwrap().clone();
        let y2022 = items.iter().find(|v| v["year"] == 2022).unwrap();
        assert_eq!(y2022["value"], json!(3.5));
    }
}

#[tokio::test]
async fn a_file_with_bad_rows_saves_nothing_and_names_each_row() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = create(&mut admin, "true").await;
        // N02267's rows are another KPI: every row refused.
        let r = dry_run(&mut admin, id, "kolada", "N02267.json", N02267).await;
        r.assert_status(422).assert_contains("N02267");
        let r = dry_run(&mut admin, id, "csv", "v.csv", "område;år;kön;värde\n0680;2022;T;1,5\n99;20x;X;abc\n").await;
        r.assert_status(422).assert_contains("<th scope=\"row\">3</th>");
        let r = dry_run(&mut admin, id, "pdf", "v.csv", "x").await;
        r.assert_status(422).assert_contains("f-format-error");
        let csrf = admin.csrf().await;
        let (ct, body) = multipart(&[("format", None, b"csv")]);
        let r = admin
            .send(Method::POST, &format!("/indikatorer/{id}/import/provkorning?csrf={csrf}"), Some(&ct), body)
            .await;
        r.assert_status(422).assert_contains("f-file-error");
        // The apply reads the text again: a bad one is refused there too.
        let fields = [("format", "csv"), ("file_name", "v.csv"), ("data", "område;år;värde\n0680;1800;1\n")];
        admin.post_form(&format!("/indikatorer/{id}/import/verkstall"), &fields).await.assert_status(422);
        let r = admin
            .send_with(
                Method::POST,
                &format!("/api/v1/indicators/{id}/imports?format=scb"),
                Some("application/json"),
                b"{\"id\": 1}".to_vec(),
                &[("x-csrf-token", &csrf)],
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.json()["error"]["code"], "invalid_rows");
        assert_eq!(values(&t).await, 0);
        assert_eq!(t.count("indicator_imports").await, 0);
    }
}

#[tokio::test]
async fn every_bad_field_is_named_and_the_form_keeps_the_values() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let bad = [
            ("title", ""),
            ("unit", ""),
            ("source", "wikipedia"),
            ("kolada_kpi", "N1"),
            ("direction", "up"),
            ("geography", "123"),
            ("baseline_year", "1800"),
            ("baseline_value", "x"),
            ("target_year", ""),
            ("target_value", "fem"),
        ];
        for (field, value) in bad {
            let mut fields = definition("");
            for f in fields.iter_mut() {
                if f.0 == field {
                    f.1 = value;
                }
            }
            let r = admin.post_form("/indikatorer", &fields).await;
            let kept = if field == "title" { "ton/inv" } else { "Utsläpp till luft" };
            r.assert_status(422).assert_contains(&format!("f-{field}-error")).assert_contains(kept);
            let mut body = serde_json::Map::new();
            for (k, v) in &fields {
                body.insert((*k).into(), if *k == "published" { json!(false) } else { json!(v) });
            }
            let r = admin.json(Method::POST, "/api/v1/indicators", &Value::Object(body)).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some(field), "{}", r.body);
        }
        assert_eq!(t.count("indicators").await, 0);
        // The target comes after the baseline; JSON numbers are accepted as numbers.
        let r = admin
            .json(Method::POST, "/api/v1/indicators", &json!({"title": "Invånare totalt, antal", "unit": "antal", "source": "kolada",
                "kolada_kpi": "N01951", "direction": "increase", "geography": "0006", "baseline_year": 2015, "baseline_value": 360000,
                "target_year": 2035, "target_value": 400000, "by_gender": true, "published": true}))
            .await;
        r.assert_status(201);
        assert_eq!(r.json()["target"]["year"], 2035);
        let id = r.json()["id"].as_i64().unwrap();
        let r = admin.json(Method::PUT, &format!("/api/v1/indicators/{id}"), &json!({"title": "Invånare", "unit": "antal", "source": "other",
            "direction": "increase", "geography": "0006", "baseline_year": 2030, "baseline_value": 1, "target_year": 2030, "target_value": 2})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("target_year"));
    }
}

#[tokio::test]
async fn only_owners_write_and_unpublished_indicators_are_hidden() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = create(&mut admin, "").await;
        let mut public = t.client();
        public.get(&format!("/indikatorer/{id}")).await.assert_status(404);
        public.get(&format!("/api/v1/indicators/{id}")).await.assert_status(404);
        public.get("/indikatorer").await.assert_status(200).assert_lacks("Utsläpp till luft");
        admin.get("/indikatorer").await.assert_status(200).assert_contains("Utsläpp till luft");
        let mut member = t.member().await;
        member.post_form("/indikatorer", &definition("true")).await.assert_status(403);
        member.get(&format!("/indikatorer/{id}/import")).await.assert_status(403);
        member.json(Method::POST, "/api/v1/indicators", &json!({"title": "x"})).await.assert_status(403);
        let r = public.post_form("/indikatorer", &definition("true")).await;
        assert!(r.status == 401 || r.status == 303, "{}", r.context);
        assert_eq!(t.count("indicators").await, 1);
        // Publishing through the edit form makes it public; the change is audited.
        let before = t.count("audit_events").await;
        let r = admin.post_form(&format!("/indikatorer/{id}/andra"), &definition("true")).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(t.count("audit_events").await, before + 1);
        public.get(&format!("/indikatorer/{id}")).await.assert_status(200).assert_contains("Inga värden att visa.");
    }
}

#[tokio::test]
async fn the_demo_follows_six_kolada_indicators_for_region_jonkoping() {
    let t = TestApp::sqlite().await;
    demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
    let mut public = t.client();
    let r = public.get("/indikatorer").await;
    r.assert_status(200).assert_contains("Invånare totalt, antal").assert_contains("Jönköpings län");
    let list = public.get("/api/v1/indicators").await.json();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert!(items.iter().all(|i| i["assessment"].is_object()), "every demo indicator has a status: {list}");
    let ghg = items.iter().find(|i| i["indicator"]["kolada_kpi"] == "N00401").unwrap();
    assert_eq!(ghg["assessment"]["progress"], "needs_acceleration");
    let id = ghg["indicator"]["id"].as_i64().unwrap();
    public
        .get(&format!("/indikatorer/{id}"))
        .await
        .assert_status(200)
        .assert_contains("Källa: Kolada (RKA), hämtat 2024-08-30")
        .assert_contains("demonstrationens eget");
}

#[tokio::test]
async fn an_owner_deletes_an_indicator_after_a_page_that_says_what_goes_with_it() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = create(&mut admin, "true").await;
        let r = dry_run(&mut admin, id, "kolada", "N00401.json", N00401).await;
        let fields = [
            ("format", hidden(&r.body, "format")),
            ("file_name", "N00401.json".to_string()),
            ("data", hidden(&r.body, "data")),
            ("idempotency_key", hidden(&r.body, "idempotency_key")),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        admin.post_form(&format!("/indikatorer/{id}/import/verkstall"), &fields).await.assert_status(303);
        let confirm = format!("/indikatorer/{id}/ta-bort");
        admin
            .get(&format!("/indikatorer/{id}"))
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{confirm}\""));
        admin.get(&confirm).await.assert_status(200).assert_contains("Dess 798 värden tas bort.");
        let mut member = t.member().await;
        member.get(&confirm).await.assert_status(403);
        member.post_form(&confirm, &[]).await.assert_status(403);
        member.json_raw(Method::DELETE, &format!("/api/v1/indicators/{id}"), b"").await.assert_status(403);
        assert_eq!(values(&t).await, 798, "{}", t.engine);

        let r = admin.post_form(&confirm, &[]).await;
        r.assert_status(303);
        assert_eq!(r.location(), "/indikatorer?klart=borttaget");
        assert_eq!((t.count("indicators").await, values(&t).await), (0, 0), "{}", t.engine);
        t.client().get(&format!("/indikatorer/{id}")).await.assert_status(404);
        admin.post_form(&confirm, &[]).await.assert_status(404);

        // The API: 204, then 404; each deletion audited once.
        let other = create(&mut admin, "true").await;
        let path = format!("/api/v1/indicators/{other}");
        admin.json_raw(Method::DELETE, &path, b"").await.assert_status(204);
        admin.json_raw(Method::DELETE, &path, b"").await.assert_status(404);
        assert_eq!(t.count("audit_events WHERE action = 'indicator.delete'").await, 2, "{}", t.engine);
    }
}
