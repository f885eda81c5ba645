//! The installation's own look (issue 9): an administrator sets the name, accent colour and
//! logo; they show in the header, the title, the notice board and the PDFs, at once for
//! anonymous visitors too (the page cache follows the write); a colour that breaks WCAG AA
//! contrast and a scripted SVG are refused at their fields, with what was typed kept.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

const LOGO_SVG: &[u8] =
    br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#fff"/></svg>"##;

async fn post_branding(c: &mut Client, parts: &[(&str, Option<&str>, &[u8])]) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(parts);
    c.send(Method::POST, &format!("/admin/utseende?csrf={csrf}"), Some(&ct), body).await
}

fn pdf_text(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("samverkan-brand-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_images(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("samverkan-img-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, bytes).unwrap();
    let out =
        std::process::Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages (poppler-utils)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn the_regions_name_colour_and_logo_show_everywhere_at_once() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting().create(&t).await;
        let mut anon = t.client();
        // Cached for anonymous visitors before the change.
        anon.get("/anslagstavla").await.assert_status(200).assert_contains("<title>Anslagstavla – Samverkan</title>");
        anon.get("/anslagstavla").await.assert_lacks("Region Jönköpings län");
        let mut admin = t.admin().await;
        admin.get("/admin").await.assert_contains("href=\"/admin/utseende\"");
        admin.get("/admin/utseende").await.assert_status(200).assert_contains("value=\"Samverkan\"");
        let r = post_branding(
            &mut admin,
            &[
                ("name", None, "Region Jönköpings län – Samverkan".as_bytes()),
                ("accent", None, b"#00573F"),
                ("logo", Some("logga.svg"), LOGO_SVG),
            ],
        )
        .await;
        r.assert_status(303);
        assert_eq!(r.location(), "/admin/utseende?klart=sparat");
        // The header, the title and the notice board's heading, for anonymous visitors at once.
        let board = anon.get("/anslagstavla").await;
        board
            .assert_status(200)
            .assert_contains("<title>Anslagstavla – Region Jönköpings län – Samverkan</title>")
            .assert_contains("<span class=\"brand-name\">Region Jönköpings län – Samverkan</span>")
            .assert_contains("<p class=\"board-mark\">Region Jönköpings län – Samverkan · ");
        let css_href = board.body.split("<link rel=\"stylesheet\" href=\"").nth(2).unwrap().split('"').next().unwrap();
        assert!(css_href.starts_with("/varumarke.css?v=00573f"), "{css_href}");
        let css = anon.get(css_href).await;
        css.assert_status(200).assert_contains("--brand: #00573f;");
        assert!(css.headers["cache-control"].to_str().unwrap().contains("immutable"));
        let logo_href = board.body.split("<img src=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let logo = anon.get(&logo_href).await;
        logo.assert_status(200);
        assert_eq!(logo.headers["content-type"], "image/svg+xml");
        assert_eq!(logo.bytes, LOGO_SVG);
        // Opened on its own, the SVG may run nothing.
        assert!(logo.headers["content-security-policy"].to_str().unwrap().contains("sandbox"));
        // The PDFs carry the name on every page.
        let pdf = anon.get(&format!("/moten/{}/kallelse.pdf", m.id.0)).await;
        pdf.assert_status(200);
        check_pdf(&pdf.bytes);
        assert!(
            pdf_text(&pdf.bytes).contains("Region Jönköpings län – Samverkan · Sida 1 av 1"),
            "{}",
            pdf_text(&pdf.bytes)
        );
        // OParl's system names the installation.
        assert_eq!(anon.get("/oparl/v1.1/system").await.json()["name"], "Region Jönköpings län – Samverkan");
        // Audited in words an administrator can follow.
        let events = t.store().audit_events(&Default::default(), 50).await.unwrap().items;
        let e = events.iter().find(|e| e.action == "branding.update").expect("audited");
        assert_eq!(e.changes["name"]["to"], "Region Jönköpings län – Samverkan", "{}", e.changes);
        assert_eq!(e.changes["logo"]["type"], "image/svg+xml");
        // Saved again without a file: the logo stays; asked to remove it, it goes.
        post_branding(
            &mut admin,
            &[("name", None, "Region Jönköpings län – Samverkan".as_bytes()), ("accent", None, b"")],
        )
        .await
        .assert_status(303);
        let page = anon.get("/").await;
        page.assert_contains("<img src=\"/varumarke/logo?v=").assert_lacks("/varumarke.css");
        post_branding(&mut admin, &[("name", None, b"Samverkan"), ("accent", None, b""), ("remove_logo", None, b"1")])
            .await
            .assert_status(303);
        anon.get("/").await.assert_lacks("/varumarke/logo");
        anon.get(&logo_href).await.assert_status(404);
    }
}

#[tokio::test]
async fn a_colour_that_breaks_contrast_and_a_scripted_logo_are_refused_at_their_fields() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let r = post_branding(
            &mut admin,
            &[
                ("name", None, "Region Kalmar län".as_bytes()),
                ("accent", None, b"#ffdd00"),
                ("logo", Some("x.svg"), br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#),
            ],
        )
        .await;
        r.assert_status(422)
            .assert_contains("WCAG 2.1 AA kräver minst 4,5:1")
            .assert_contains("id=\"f-accent-error\"")
            .assert_contains("id=\"f-logo-error\"")
            .assert_contains("skript eller händelsehanterare")
            // What was typed is shown again.
            .assert_contains("value=\"Region Kalmar län\"")
            .assert_contains("value=\"#ffdd00\"");
        // Nothing was stored.
        t.client().get("/").await.assert_contains("<span class=\"brand-name\">Samverkan</span>");
        // A member is not an administrator.
        let mut member = t.member().await;
        member.get("/admin/utseende").await.assert_status(403);
        let csrf = member.csrf().await;
        let (ct, body) = multipart(&[("name", None, b"Kapat")]);
        member.send(Method::POST, &format!("/admin/utseende?csrf={csrf}"), Some(&ct), body).await.assert_status(403);
        t.client().get("/").await.assert_lacks("Kapat");
    }
}

#[tokio::test]
async fn the_api_sets_the_look_and_the_logo_with_errors_in_both_languages() {
    for t in TestApp::each_engine().await {
        let mut api = t.token_client("api-admin@test.se", true).await;
        let r = api
            .json(Method::PUT, "/api/v1/admin/branding", &json!({"name": "Region Östergötland", "accent": "#767676"}))
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["accent"], "#767676");
        // #777777 is just below 4.5:1.
        let r = api
            .json(Method::PUT, "/api/v1/admin/branding", &json!({"name": "Region Östergötland", "accent": "#777777"}))
            .await;
        r.assert_status(422);
        let (code, field) = r.error();
        assert_eq!((code.as_str(), field.as_deref()), ("accent_contrast", Some("accent")));
        // A real 1×1 RGBA PNG.
        let png = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01\x80\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82".to_vec();
        let r = api.send(Method::PUT, "/api/v1/admin/branding/logo", Some("image/png"), png.clone()).await;
        r.assert_status(200);
        let href = r.json()["logo_url"].as_str().unwrap().to_string();
        assert_eq!(t.client().get(&href).await.bytes, png);
        // A PNG logo is drawn in the PDFs' header, with its transparency as a soft mask.
        let m = Fake::meeting().create(&t).await;
        let pdf = t.client().get(&format!("/moten/{}/kallelse.pdf", m.id.0)).await;
        check_pdf(&pdf.bytes);
        let images = pdf_images(&pdf.bytes);
        assert!(images.contains(" image ") && images.contains(" smask "), "{images}");
        // The declared type must be what the bytes are.
        api.send(Method::PUT, "/api/v1/admin/branding/logo", Some("image/svg+xml"), png).await.assert_status(422);
        api.send(Method::DELETE, "/api/v1/admin/branding/logo", None, vec![]).await.assert_status(204);
        assert!(api.get("/api/v1/admin/branding").await.json()["logo_url"].is_null());
        let mut user = t.token_client("api-user@test.se", false).await;
        user.get("/api/v1/admin/branding").await.assert_status(403);
    }
}
