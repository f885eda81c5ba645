//! A real OpenID Connect provider for the identity tests: the `oidc-provider` package run by
//! `tests/support/oidc/provider.mjs` (its packages installed with `npm ci` there by
//! `scripts/test`), on a free port, with its clock set to the app's; and a browser that signs
//! in at it (cookies kept, redirects followed) until it is sent back to the app.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::json;

use super::TestApp;

/// The client the provider knows the app as.
pub const CLIENT_ID: &str = "samverkan";
pub const CLIENT_SECRET: &str = "en-hemlighet-bara-testerna-kanner";
/// Where the app's site is in the tests (`common::config`): the provider sends answers there.
pub const SITE: &str = "http://localhost";

/// The provider process of one test, stopped when dropped.
pub struct OidcProvider {
    child: Child,
    pub issuer: String,
}

impl OidcProvider {
    /// A provider whose clock agrees with the app's.
    pub fn start(t: &TestApp) -> OidcProvider {
        OidcProvider::start_with(t.store().now().unix_timestamp(), &[])
    }

    /// A provider whose clock reads `clock` (Unix seconds) now, with more of the script's
    /// settings (`JWKS_MISMATCH`, `ID_TOKEN_TTL`).
    pub fn start_with(clock: i64, env: &[(&str, &str)]) -> OidcProvider {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/oidc");
        assert!(
            std::path::Path::new(dir).join("node_modules/oidc-provider").is_dir(),
            "the test provider is not installed: run `npm ci` in {dir} (scripts/test does)"
        );
        let clients = json!([{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                              "redirect_uris": [format!("{SITE}{}", "/logga-in/oidc/svar")],
                              "post_logout_redirect_uris": [format!("{SITE}{}", "/?klart=utloggad")]}]);
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(dir)
            .env("CLIENTS", clients.to_string())
            .env("CLOCK_START", clock.to_string())
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let issuer = line.trim().strip_prefix("issuer ").expect("the provider prints its issuer").to_string();
        OidcProvider { child, issuer }
    }

    /// The provider as the app is configured with it: number `n`, its button's label.
    pub fn config(&self, n: u32, label: &str, organisation: Option<i64>) -> domain::identity::Provider {
        domain::identity::Provider {
            number: n,
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            label: label.into(),
            organisation_id: organisation,
        }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser at the provider: keeps its cookies (by name; the provider's are per flow).
#[derive(Default)]
pub struct Browser {
    cookies: HashMap<String, String>,
}

impl Browser {
    /// Follows `url` (the app's redirect to the provider) through the provider's login page,
    /// signing in as `login`, until the provider sends the browser back to the app; answers the
    /// path and query there (`/logga-in/oidc/svar?code=…&state=…`).
    pub async fn sign_in(&mut self, url: &str, login: &str) -> String {
        let mut url = url.to_string();
        for _ in 0..20 {
            if let Some(back) = url.strip_prefix(SITE) {
                return back.to_string();
            }
            let (status, location, body) = self.send(Method::GET, &url, None).await;
            let (status, location, body) = if status == StatusCode::OK && body.contains("/login\"") {
                let form = format!("login={}&password=x", super::enc(login));
                self.send(Method::POST, &format!("{url}/login"), Some(form)).await
            } else if status == StatusCode::OK && body.contains("document.forms[0].submit()") {
                // A form the page's script submits at once (the provider ending the session of
                // the account signed in before): submitted as the browser would.
                let (action, form) = auto_form(&body);
                let action = if action.starts_with('/') { format!("{}{action}", origin(&url)) } else { action };
                self.send(Method::POST, &action, Some(form)).await
            } else {
                (status, location, body)
            };
            assert!(status.is_redirection(), "the provider answered {status} at {url}: {body}");
            url = if location.starts_with('/') { format!("{}{location}", origin(&url)) } else { location };
        }
        panic!("the provider never sent the browser back");
    }

    /// Follows `url` (the app's redirect to the provider's end-session endpoint), confirms
    /// signing out on the provider's page as a person would, and answers the path and query
    /// where the provider sends the browser back to the app.
    pub async fn sign_out(&mut self, url: &str) -> String {
        let (status, _, body) = self.send(Method::GET, url, None).await;
        assert_eq!(status, StatusCode::OK, "the provider's sign-out page at {url}: {body}");
        let (action, form) = auto_form(&body);
        let action = if action.starts_with('/') { format!("{}{action}", origin(url)) } else { action };
        let (status, location, body) = self.send(Method::POST, &action, Some(format!("{form}&logout=yes"))).await;
        assert!(status.is_redirection(), "the provider answered {status} to signing out: {body}");
        let back = if location.starts_with('/') { format!("{}{location}", origin(url)) } else { location };
        back.strip_prefix(SITE).unwrap_or_else(|| panic!("the provider sent the browser to {back}")).to_string()
    }

    async fn send(&mut self, method: Method, url: &str, form: Option<String>) -> (StatusCode, String, String) {
        let uri: axum::http::Uri = url.parse().unwrap();
        let authority = uri.authority().unwrap().to_string();
        let mut req = Request::builder()
            .method(method)
            .uri(uri.path_and_query().unwrap().as_str())
            .header(header::HOST, &authority);
        if !self.cookies.is_empty() {
            let c: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(header::COOKIE, c.join("; "));
        }
        if form.is_some() {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let req = req.body(Full::new(Bytes::from(form.unwrap_or_default()))).unwrap();
        let tcp = tokio::net::TcpStream::connect(&authority).await.unwrap();
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp)).await.unwrap();
        tokio::spawn(conn);
        let resp = sender.send_request(req).await.unwrap();
        for v in resp.headers().get_all(header::SET_COOKIE) {
            let first = v.to_str().unwrap().split(';').next().unwrap();
            if let Some((k, v)) = first.split_once('=') {
                self.cookies.insert(k.trim().to_string(), v.to_string());
            }
        }
        let status = resp.status();
        let location =
            resp.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        let body = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned();
        (status, location, body)
    }
}

fn origin(url: &str) -> String {
    let uri: axum::http::Uri = url.parse().unwrap();
    format!("{}://{}", uri.scheme_str().unwrap(), uri.authority().unwrap())
}

/// The action and the urlencoded hidden inputs of the first form of `html`.
fn auto_form(html: &str) -> (String, String) {
    let attr = |tag: &str, name: &str| -> String {
        let key = format!("{name}=\"");
        tag.split(&key).nth(1).and_then(|r| r.split('"').next()).unwrap_or("").replace("&amp;", "&")
    };
    let form_tag = html.split("<form").nth(1).and_then(|r| r.split('>').next()).unwrap_or("");
    let fields: Vec<String> = html
        .split("<input")
        .skip(1)
        .map(|r| r.split('>').next().unwrap_or(""))
        .map(|tag| format!("{}={}", super::enc(&attr(tag, "name")), super::enc(&attr(tag, "value"))))
        .collect();
    (attr(form_tag, "action"), fields.join("&"))
}
