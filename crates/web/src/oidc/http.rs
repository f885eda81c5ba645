//! The HTTP client of the sign-in protocol: discovery, the key set and the token request, and
//! nothing else (ADR 29). hyper's HTTP/1.1 client over a TCP connection, with TLS from rustls
//! (ring, the operating system's roots) as for mail; plain HTTP only to the machine itself. No
//! redirects are followed, answers are capped at 1 MiB and the whole exchange at 10 seconds.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode, Uri, header};
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};

const TIMEOUT: Duration = Duration::from_secs(10);
const MAX_BODY: usize = 1 << 20;

/// An answer: its status and body.
pub struct Answer {
    pub status: StatusCode,
    pub body: Bytes,
}

/// GET `url`, asking for JSON.
pub async fn get(url: &str) -> Result<Answer, String> {
    send(Method::GET, url, None, Bytes::new()).await
}

/// POST a form to `url` with the `Authorization` header given.
pub async fn post_form(url: &str, authorization: &str, form: String) -> Result<Answer, String> {
    send(Method::POST, url, Some(authorization), Bytes::from(form)).await
}

async fn send(method: Method, url: &str, authorization: Option<&str>, body: Bytes) -> Result<Answer, String> {
    tokio::time::timeout(TIMEOUT, send_now(method, url, authorization, body))
        .await
        .map_err(|_| format!("{url}: no answer within {} seconds", TIMEOUT.as_secs()))?
}

async fn send_now(method: Method, url: &str, authorization: Option<&str>, body: Bytes) -> Result<Answer, String> {
    let uri: Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let host = uri.host().ok_or_else(|| format!("{url}: no host"))?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let https = match uri.scheme_str() {
        Some("https") => true,
        Some("http") if matches!(bare, "127.0.0.1" | "::1" | "localhost") => false,
        _ => return Err(format!("{url}: only https (http on the machine itself)")),
    };
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    let mut request = Request::builder()
        .method(method.clone())
        .uri(uri.path_and_query().map_or("/", |p| p.as_str()))
        .header(header::HOST, uri.authority().map_or(host, |a| a.as_str()))
        .header(header::USER_AGENT, concat!("samverkan/", env!("CARGO_PKG_VERSION")))
        .header(header::ACCEPT, "application/json");
    if method == Method::POST {
        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    if let Some(a) = authorization {
        request = request.header(header::AUTHORIZATION, a);
    }
    let request = request.body(Full::new(body)).map_err(|e| e.to_string())?;
    let tcp = TcpStream::connect((bare, port)).await.map_err(|e| format!("{url}: {e}"))?;
    if https {
        let name = ServerName::try_from(bare.to_string()).map_err(|e| format!("{url}: {e}"))?;
        let tls = connector().connect(name, tcp).await.map_err(|e| format!("{url}: {e}"))?;
        exchange(TokioIo::new(tls), request).await
    } else {
        exchange(TokioIo::new(tcp), request).await
    }
}

async fn exchange<I>(io: I, request: Request<Full<Bytes>>) -> Result<Answer, String>
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io).await.map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        // The connection ends with the exchange; its error is the request's, reported below.
        let _ = connection.await;
    });
    let response = sender.send_request(request).await.map_err(|e| e.to_string())?;
    let status = response.status();
    let body = Limited::new(response.into_body(), MAX_BODY).collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok(Answer { status, body })
}

/// TLS with the operating system's certificate authorities, made once. ring, as for mail:
/// rustls marks its provider deprecated for lacking post-quantum key exchange, which only the
/// aws-lc-rs provider (a large C build) has; classical key exchange is what identity providers
/// offer today, and the choice is ADR 29's to revisit.
#[allow(deprecated)]
fn connector() -> TlsConnector {
    static CONNECTOR: OnceLock<TlsConnector> = OnceLock::new();
    CONNECTOR
        .get_or_init(|| {
            let mut roots = RootCertStore::empty();
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
            let config = ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .expect("ring supports the default TLS versions")
                .with_root_certificates(roots)
                .with_no_client_auth();
            TlsConnector::from(Arc::new(config))
        })
        .clone()
}
