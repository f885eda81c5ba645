//! Public pages and feeds, fast and never stale (ADR 21): validators (`ETag`,
//! `Last-Modified`), conditional requests answered with `304`, `Cache-Control`, and a cache of
//! rendered responses for anonymous visitors.
//!
//! A layer inside the context layer, for the routes in `PUBLIC` only. For an anonymous `GET` it
//! looks up the rendered response by language, path and query; an entry is served only while
//! the store's data version (moved by every committed write, in every process — see
//! `store::version`) and the day are those it was rendered at. Otherwise the handler renders
//! the page again, with a placeholder where the visitor's CSRF token goes; the placeholder is
//! replaced by each visitor's own token when the entry is served, so one entry serves everyone
//! without anyone seeing another's token. Signed-in callers pass straight through (the context
//! layer marks their responses `private, no-store`).
//!
//! Pages that carry a CSRF token are `private, no-cache` (a browser may keep them and must
//! revalidate; a shared proxy must not hand one visitor's token to another), and their `ETag`
//! includes a digest of the token. Pages without one (Atom, iCalendar, OParl) are
//! `public, no-cache` and set no cookie: a proxy may keep them and revalidates every time, so
//! nothing it serves is older than the origin's answer.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};

use crate::App;
use crate::context::{CSRF_COOKIE, Ctx, cookie};
use crate::error::AppError;

/// The routes whose anonymous `GET` is public and cached (as axum matched them); every route
/// under OParl's prefix too. A page here must depend only on the database, the day, the
/// language, the path and the query — nothing else of the visitor's.
const PUBLIC: &[&str] = &[
    "/anslagstavla",
    "/anslagstavla.atom",
    "/anslagstavla/arkiv",
    "/anslagstavla/{id}",
    "/moten/{id}/protokoll",
    "/organ/{id}",
    "/organ/{id}/kalender.ics",
    "/personer/{id}/kalender.ics",
];

/// The memory the cache may hold in bodies (least recently used entries go first).
pub const DEFAULT_CAPACITY: usize = 32 << 20;
/// A larger response is served but not kept.
const LARGEST_ENTRY: usize = 4 << 20;

/// What a response that must not set the CSRF cookie carries (the context layer reads it).
#[derive(Clone, Copy, Debug)]
pub(crate) struct NoCsrfCookie;

/// Rendered in place of the visitor's CSRF token: random per process, so no page content can
/// guess it.
static PLACEHOLDER: LazyLock<String> = LazyLock::new(crate::secrets::new_secret);

fn is_public(route: &str) -> bool {
    route.starts_with(crate::oparl::PREFIX) || PUBLIC.contains(&route)
}

/// One rendered response.
struct Entry {
    version: u64,
    day: Date,
    status: StatusCode,
    headers: HeaderMap,
    /// The body split at the placeholder: one part for a page without a CSRF token.
    parts: Vec<Bytes>,
    size: usize,
    /// A digest of the body as rendered (placeholder included).
    digest: String,
    last_modified: OffsetDateTime,
    last_modified_header: HeaderValue,
    used: AtomicU64,
}

impl Entry {
    fn has_token(&self) -> bool {
        self.parts.len() > 1
    }

    fn etag(&self, csrf: &str) -> String {
        if self.has_token() {
            let t = Sha256::digest(csrf.as_bytes());
            format!("\"{}-{}\"", self.digest, crate::secrets::hex(&t[..4]))
        } else {
            format!("\"{}\"", self.digest)
        }
    }

    fn body(&self, csrf: &str) -> Bytes {
        if let [one] = self.parts.as_slice() {
            return one.clone();
        }
        let mut out = Vec::with_capacity(self.size + self.parts.len() * csrf.len());
        for (i, p) in self.parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(csrf.as_bytes());
            }
            out.extend_from_slice(p);
        }
        Bytes::from(out)
    }
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, Arc<Entry>>,
    bytes: usize,
}

/// The cache of one process, bounded by the bytes of its bodies.
pub struct PageCache {
    inner: RwLock<Inner>,
    capacity: usize,
    tick: AtomicU64,
    hits: AtomicU64,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").field("capacity", &self.capacity).finish_non_exhaustive()
    }
}

impl PageCache {
    pub fn new(capacity: usize) -> PageCache {
        PageCache { inner: RwLock::default(), capacity, tick: AtomicU64::new(0), hits: AtomicU64::new(0) }
    }

    /// How many requests were answered from the cache.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// The bytes held now.
    pub fn bytes(&self) -> usize {
        self.inner.read().map(|i| i.bytes).unwrap_or(0)
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let inner = self.inner.read().ok()?;
        let e = inner.map.get(key)?.clone();
        e.used.store(self.tick.fetch_add(1, Ordering::Relaxed), Ordering::Relaxed);
        Some(e)
    }

    fn insert(&self, key: String, entry: Arc<Entry>, current: u64) {
        let Ok(mut inner) = self.inner.write() else { return };
        if let Some(old) = inner.map.remove(&key) {
            inner.bytes -= old.size;
        }
        inner.bytes += entry.size;
        inner.map.insert(key, entry);
        if inner.bytes <= self.capacity {
            return;
        }
        // Over the bound: entries of an old version first, then the least recently used.
        let stale: Vec<String> =
            inner.map.iter().filter(|(_, e)| e.version != current).map(|(k, _)| k.clone()).collect();
        for k in stale {
            if let Some(e) = inner.map.remove(&k) {
                inner.bytes -= e.size;
            }
        }
        while inner.bytes > self.capacity {
            let Some(k) = inner.map.iter().min_by_key(|(_, e)| e.used.load(Ordering::Relaxed)).map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(e) = inner.map.remove(&k) {
                inner.bytes -= e.size;
            }
        }
    }
}

/// The layer: see the module's documentation.
pub async fn layer(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let public = req.method() == Method::GET
        && req.extensions().get::<MatchedPath>().is_some_and(|m| is_public(m.as_str()))
        && req.extensions().get::<Ctx>().is_some_and(|c| !c.signed_in());
    if !public {
        return next.run(req).await;
    }
    let Some(ctx) = req.extensions().get::<Ctx>().cloned() else { return next.run(req).await };
    let has_cookie = cookie(req.headers(), CSRF_COOKIE).is_some_and(|c| c == ctx.csrf);
    let conditions = Conditions::of(req.headers());
    let key = format!("{}{}?{}", ctx.lang.code(), ctx.path, ctx.query);
    // Read before rendering: a write committed while the page renders makes the entry stale.
    let version = app.store.data_version();
    let day = app.store.today();
    // On PostgreSQL, while this process does not listen for others' writes (starting up, or
    // its connection lost), nothing is served from the cache nor kept in it.
    let usable = app.store.hears_other_processes();
    let cached = app.cache.get(&key).filter(|e| usable && e.version == version && e.day == day);
    let (entry, hit) = match cached {
        Some(e) => {
            app.cache.hits.fetch_add(1, Ordering::Relaxed);
            (e, true)
        }
        None => {
            if let Some(c) = req.extensions_mut().get_mut::<Ctx>() {
                c.csrf = PLACEHOLDER.clone();
            }
            let response = next.run(req).await;
            let cacheable = response.status() == StatusCode::OK
                && response.extensions().get::<AppError>().is_none()
                && !response.headers().contains_key(header::SET_COOKIE);
            let (parts, body) = response.into_parts();
            let bytes = match to_bytes(body, usize::MAX).await {
                Ok(b) => b,
                Err(_) => return AppError::Internal("reading a rendered page".into()).into_response(),
            };
            if !cacheable || bytes.len() > LARGEST_ENTRY {
                // Served as rendered, with the visitor's token in place of the placeholder.
                let mut r = Response::from_parts(parts, Body::from(replace(&bytes, &ctx.csrf)));
                r.headers_mut().remove(header::CONTENT_LENGTH);
                return r;
            }
            let entry = Arc::new(new_entry(&app, &key, version, day, parts.status, parts.headers, bytes));
            if usable {
                app.cache.insert(key, entry.clone(), version);
            }
            (entry, false)
        }
    };
    respond(&entry, &ctx.csrf, has_cookie, &conditions, hit)
}

fn replace(body: &Bytes, csrf: &str) -> Bytes {
    let parts = split(body);
    if parts.len() == 1 {
        return body.clone();
    }
    let mut out = Vec::with_capacity(body.len());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(csrf.as_bytes());
        }
        out.extend_from_slice(p);
    }
    Bytes::from(out)
}

/// The body cut at each placeholder.
fn split(body: &Bytes) -> Vec<Bytes> {
    let needle = PLACEHOLDER.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + needle.len() <= body.len() {
        if &body[i..i + needle.len()] == needle {
            parts.push(body.slice(start..i));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(body.slice(start..));
    parts
}

fn new_entry(
    app: &App,
    key: &str,
    version: u64,
    day: Date,
    status: StatusCode,
    mut headers: HeaderMap,
    body: Bytes,
) -> Entry {
    headers.remove(header::CONTENT_LENGTH);
    let digest = crate::secrets::hex(&Sha256::digest(&body)[..12]);
    // Last-Modified: when this body was first seen, rounded up to the second; the same body
    // keeps its date, and a new body of the same key is dated at least a second after the old
    // one, so a client's If-Modified-Since never matches a body it has not seen.
    let now = app.store.now();
    let mut last_modified = now.replace_nanosecond(0).unwrap_or(now) + time::Duration::SECOND;
    if let Some(old) = app.cache.inner.read().ok().and_then(|i| i.map.get(key).cloned()) {
        if old.digest == digest {
            last_modified = old.last_modified;
        } else if last_modified <= old.last_modified {
            last_modified = old.last_modified + time::Duration::SECOND;
        }
    }
    let last_modified_header =
        HeaderValue::from_str(&http_date(last_modified)).unwrap_or_else(|_| HeaderValue::from_static(""));
    let size = body.len();
    Entry {
        version,
        day,
        status,
        headers,
        parts: split(&body),
        size,
        digest,
        last_modified,
        last_modified_header,
        used: AtomicU64::new(app.cache.tick.fetch_add(1, Ordering::Relaxed)),
    }
}

/// The validators a request sent.
struct Conditions {
    if_none_match: Option<String>,
    if_modified_since: Option<OffsetDateTime>,
}

impl Conditions {
    fn of(h: &HeaderMap) -> Conditions {
        Conditions {
            if_none_match: h.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_string),
            if_modified_since: h.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()).and_then(parse_http_date),
        }
    }

    /// Whether the client's copy is current (RFC 9110 § 13.2.2: If-None-Match, when sent,
    /// decides alone, compared weakly).
    fn not_modified(&self, e: &Entry, etag: &str, has_cookie: bool) -> bool {
        if let Some(inm) = &self.if_none_match {
            return inm.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == etag);
        }
        // A page with a token is current for a client only if it still has that token's cookie.
        match self.if_modified_since {
            Some(since) => (!e.has_token() || has_cookie) && e.last_modified <= since,
            None => false,
        }
    }
}

fn respond(e: &Entry, csrf: &str, has_cookie: bool, c: &Conditions, hit: bool) -> Response {
    let etag = e.etag(csrf);
    let mut r = if c.not_modified(e, &etag, has_cookie) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(e.body(csrf)));
        *r.status_mut() = e.status;
        *r.headers_mut() = e.headers.clone();
        r
    };
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::LAST_MODIFIED, e.last_modified_header.clone());
    h.insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    h.insert("x-cache", HeaderValue::from_static(if hit { "hit" } else { "miss" }));
    if e.has_token() {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    } else {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
        r.extensions_mut().insert(NoCsrfCookie);
    }
    r
}

const HTTP_DATE: &[time::format_description::FormatItem<'static>] = time::macros::format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

fn http_date(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC).format(HTTP_DATE).unwrap_or_default()
}

fn parse_http_date(s: &str) -> Option<OffsetDateTime> {
    time::PrimitiveDateTime::parse(s.trim(), HTTP_DATE).ok().map(|t| t.assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip() {
        let t = time::macros::datetime!(2026-11-16 09:00:01 UTC);
        assert_eq!(http_date(t), "Mon, 16 Nov 2026 09:00:01 GMT");
        assert_eq!(parse_http_date("Mon, 16 Nov 2026 09:00:01 GMT"), Some(t));
    }

    #[test]
    fn the_placeholder_is_cut_out_and_put_back() {
        let body = Bytes::from(format!("a{}b{}c", *PLACEHOLDER, *PLACEHOLDER));
        assert_eq!(split(&body).len(), 3);
        assert_eq!(replace(&body, "T"), Bytes::from("aTbTc"));
        assert_eq!(split(&Bytes::from("plain")).len(), 1);
    }
}
