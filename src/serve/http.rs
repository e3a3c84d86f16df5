//! The HTTP side of `serve`: answers from the in-memory site, streams
//! updates to open pages, and refuses what a local development server must
//! refuse: paths that climb out or are encoded to, foreign `Host` headers
//! (DNS rebinding), and requests another site's page makes (a
//! `<script src>` reading the drafts through `search-index.js`): a
//! `Sec-Fetch-Site` of `cross-site` or `same-site` outside a top-level
//! navigation, or an `Origin` or `Referer` naming another host. No CORS
//! header is ever sent.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use futures_util::stream::{self, Stream};

use super::inject;
use super::state::{State, Update};

/// Who may talk to the server.
#[derive(Clone)]
pub struct Access {
    /// Any host name is accepted (the server was bound to a public address).
    pub any_host: bool,
    /// The address the server is bound to, accepted as a host name as well
    /// as the loopback names (`--bind 127.0.0.2` prints that address).
    pub bound: std::net::IpAddr,
}

#[derive(Clone)]
struct App {
    state: Arc<State>,
    access: Access,
}

/// The path of the update stream.
pub const EVENTS: &str = "/__glossator/events";

/// The router of the development server.
pub fn router(state: Arc<State>, access: Access) -> Router {
    let app = App { state, access };
    Router::new()
        .route(EVENTS, get(events))
        .fallback(file)
        .layer(middleware::from_fn(check_site))
        .layer(middleware::from_fn_with_state(app.clone(), check_host))
        .with_state(app)
}

async fn check_host(AxumState(app): AxumState<App>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().map(str::to_string));
    match host {
        Some(Ok(h))
            if valid_host(&h)
                && !app.access.any_host
                && !is_loopback_host(&h)
                && !is_bound_host(&h, app.access.bound) =>
        {
            return plain(
                StatusCode::FORBIDDEN,
                "This development server answers only to localhost.\n",
            );
        }
        Some(Ok(h)) if valid_host(&h) => {}
        Some(_) => return plain(StatusCode::BAD_REQUEST, "Bad Host header.\n"),
        None => {}
    }
    next.run(request).await
}

/// Refuses what another site's page asks for: only the served pages
/// themselves (same origin) and the reader (typing the address, following a
/// link, a bookmark) may read the drafts.
async fn check_site(request: Request, next: Next) -> Response {
    if let Some(why) = foreign_request(request.headers()) {
        return plain(StatusCode::FORBIDDEN, why);
    }
    next.run(request).await
}

/// Why a request comes from another site's page, if it does.
///
/// A top-level navigation (`Sec-Fetch-Mode: navigate` to a document) is the
/// reader's own: its answer is shown, never handed to the page that linked.
/// Anything else (a script, a stylesheet, an image, a fetch, a frame) must
/// come from the served site: `Sec-Fetch-Site` is `same-origin` or `none`,
/// and an `Origin` or `Referer` names the very host the request is sent to.
pub fn foreign_request(headers: &HeaderMap) -> Option<&'static str> {
    let get = |name: &str| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));
    let navigation = get("sec-fetch-mode") == Some("navigate")
        && get("sec-fetch-dest").is_none_or(|d| d == "document");
    if navigation {
        return None;
    }
    if let Some(site) = get("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return Some("Requests from other sites are refused.\n");
    }
    let host = get(header::HOST.as_str()).map(str::to_ascii_lowercase);
    let same_host = |url: &str| {
        let Some(rest) = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
        else {
            return false;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.as_deref() == Some(authority.to_ascii_lowercase().as_str())
    };
    if let Some(origin) = get(header::ORIGIN.as_str())
        && !same_host(origin)
    {
        return Some("Foreign origin.\n");
    }
    if let Some(referer) = get(header::REFERER.as_str())
        && !same_host(referer)
    {
        return Some("Foreign referrer.\n");
    }
    None
}

async fn events(AxumState(app): AxumState<App>) -> Response {
    let first = match app.state.error() {
        Some(text) => Update::Failed(text),
        None => Update::Changed(Vec::new()),
    };
    let version = app.state.version();
    let hello = stream::once(async move { Ok::<Event, Infallible>(hello_event(version, &first)) });
    let rx = app.state.subscribe();
    let updates = stream::unfold((rx, app.state.clone()), |(mut rx, state)| async move {
        let update = match rx.recv().await {
            Ok(update) => update,
            // Too many updates missed: the page reloads whatever it shows.
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                Update::Changed(vec!["*".into()])
            }
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(event(state.version(), &update)), (rx, state)))
    });
    let stream: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(futures_util::StreamExt::chain(hello, updates));
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn hello_event(version: u64, state: &Update) -> Event {
    let error = match state {
        Update::Failed(text) => serde_json::Value::String(text.clone()),
        Update::Changed(_) => serde_json::Value::Null,
    };
    Event::default()
        .event("hello")
        .data(serde_json::json!({ "version": version, "error": error }).to_string())
}

fn event(version: u64, update: &Update) -> Event {
    match update {
        Update::Changed(paths) => Event::default()
            .event("changed")
            .data(serde_json::json!({ "version": version, "paths": paths }).to_string()),
        Update::Failed(text) => Event::default()
            .event("failed")
            .data(serde_json::json!({ "version": version, "error": text }).to_string()),
    }
}

async fn file(AxumState(app): AxumState<App>, method: Method, request: Request) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD.\n");
    }
    let key = match site_key(request.uri().path()) {
        Ok(k) => k,
        Err(BadPath) => return plain(StatusCode::BAD_REQUEST, "Bad path.\n"),
    };
    let site = app.state.site();
    let found = [
        key.clone(),
        format!("{key}/index.html"),
        format!("{key}.html"),
    ]
    .into_iter()
    .map(|k| k.trim_start_matches('/').to_string())
    .find(|k| site.files.contains_key(k));
    let Some(path) = found else {
        let body = match site.files.get("404.html") {
            // Shown at any depth, it finds its styles from its `<base>`:
            // the preview's root, not the published site's.
            Some(page) => inject::into_html(&inject::at_root(page), app.state.version()),
            None => inject::into_html(b"<!DOCTYPE html><html lang=\"en\"><title>Not found</title><body><h1>Not found</h1></body></html>", app.state.version()),
        };
        return with_type(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            body.into(),
        );
    };
    let bytes = &site.files[&path];
    let content_type = content_type(&path);
    let body = if content_type.starts_with("text/html") {
        inject::into_html(bytes, app.state.version()).into()
    } else {
        bytes.clone()
    };
    with_type(StatusCode::OK, content_type, body)
}

/// A request path that is malformed or tries to leave the site.
#[derive(Debug, PartialEq, Eq)]
pub struct BadPath;

/// The site path a request path names, or `Err` for any path that is
/// malformed or tries to leave the site: `..` in any encoding, backslashes,
/// NUL, drive letters, doubled slashes.
pub fn site_key(raw: &str) -> Result<String, BadPath> {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%5c") || lower.contains("%00") || raw.contains('\0') {
        return Err(BadPath);
    }
    let decoded = crate::load::summary::percent_decode(raw);
    let twice = crate::load::summary::percent_decode(&decoded);
    if twice != decoded
        || decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.contains('\u{fffd}')
    {
        return Err(BadPath);
    }
    let path = decoded.strip_prefix('/').ok_or(BadPath)?;
    let mut parts = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "" if i + 1 == segments.len() => parts.push("index.html"),
            "" | "." | ".." => return Err(BadPath),
            s if s.contains(':') => return Err(BadPath),
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        parts.push("index.html");
    }
    Ok(parts.join("/"))
}

fn valid_host(host: &str) -> bool {
    !host.is_empty() && host.len() < 256 && split_host(host).is_some()
}

/// The host name of a `Host` header (`localhost:3000`, `[::1]:3000`).
fn split_host(host: &str) -> Option<&str> {
    if let Some(rest) = host.strip_prefix('[') {
        let end = rest.find(']')?;
        let after = &rest[end + 1..];
        if !(after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|p| p.parse::<u16>().is_ok()))
        {
            return None;
        }
        return Some(&rest[..end]);
    }
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (host, None),
    };
    if port.is_some_and(|p| p.parse::<u16>().is_err()) || name.is_empty() {
        return None;
    }
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        .then_some(name)
}

fn is_loopback_host(host: &str) -> bool {
    matches!(split_host(host), Some(name) if name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "::1")
}

/// True when `host` names the address the server is bound to.
fn is_bound_host(host: &str, bound: std::net::IpAddr) -> bool {
    split_host(host)
        .and_then(|name| name.parse::<std::net::IpAddr>().ok())
        .is_some_and(|ip| ip == bound)
}

/// The media type of a served file, by its extension (mime_guess's table,
/// from the IANA registry and the browsers' own), text declared UTF-8 as
/// glossator writes it. Markdown is served as plain text: a browser shows it
/// rather than offering it as a download.
fn content_type(path: &str) -> &'static str {
    let guess = match mime_guess::from_path(path).first_raw() {
        Some("text/markdown" | "text/x-markdown") => "text/plain",
        Some(mime) => mime,
        None => return "application/octet-stream",
    };
    match guess {
        "text/html" => "text/html; charset=utf-8",
        "text/css" => "text/css; charset=utf-8",
        "text/javascript" | "application/javascript" => "text/javascript; charset=utf-8",
        "text/plain" => "text/plain; charset=utf-8",
        other => other,
    }
}

fn with_type(status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    with_type(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(text.as_bytes()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_forms_are_refused() {
        for bad in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%252e%252e/etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/.%2e/x",
            "/..\\..\\x",
            "/%5c..%5cx",
            "/c:/windows/win.ini",
            "//etc/passwd",
            "/x%00.html",
            "/a/./b.html",
        ] {
            assert!(site_key(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn ordinary_paths_map_to_site_files() {
        assert_eq!(site_key("/").unwrap(), "index.html");
        assert_eq!(site_key("/instruments/").unwrap(), "instruments/index.html");
        assert_eq!(site_key("/a%20b.html").unwrap(), "a b.html");
        assert_eq!(
            site_key("/theme/glossator.css").unwrap(),
            "theme/glossator.css"
        );
    }

    #[test]
    fn files_are_served_as_their_media_type() {
        for (path, mime) in [
            ("index.html", "text/html; charset=utf-8"),
            ("theme/glossator.css", "text/css; charset=utf-8"),
            ("search-index.js", "text/javascript; charset=utf-8"),
            ("references.json", "application/json"),
            ("img/Map.PNG", "image/png"),
            ("theme/favicon.svg", "image/svg+xml"),
            ("fonts/a.woff2", "font/woff2"),
            ("chapter.md", "text/plain; charset=utf-8"),
            ("data.unheard-of", "application/octet-stream"),
            ("no-extension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), mime, "{path}");
        }
    }

    #[test]
    fn hosts() {
        assert!(is_loopback_host("localhost:3000"));
        assert!(is_loopback_host("127.0.0.1:3000"));
        assert!(is_loopback_host("[::1]:3000"));
        assert!(!is_loopback_host("evil.example"));
        assert!(!is_loopback_host("127.0.0.1.evil.example"));
        assert!(!valid_host("[::1"));
        assert!(!valid_host("%%"));
        assert!(!valid_host("a:b:c"));
        let bound = "127.0.0.2".parse().unwrap();
        assert!(is_bound_host("127.0.0.2:3000", bound));
        assert!(!is_bound_host("127.0.0.3:3000", bound));
        assert!(is_bound_host("[::2]:80", "::2".parse().unwrap()));
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn other_sites_may_not_read_the_drafts() {
        let host = ("host", "127.0.0.1:3000");
        for foreign in [
            vec![
                host,
                ("sec-fetch-site", "cross-site"),
                ("sec-fetch-mode", "no-cors"),
            ],
            vec![
                host,
                ("sec-fetch-site", "same-site"),
                ("sec-fetch-dest", "script"),
            ],
            vec![
                host,
                ("sec-fetch-site", "cross-site"),
                ("sec-fetch-mode", "navigate"),
                ("sec-fetch-dest", "iframe"),
            ],
            vec![host, ("origin", "http://evil.example")],
            vec![host, ("origin", "null")],
            vec![host, ("origin", "http://127.0.0.1:3001")],
            vec![host, ("referer", "http://evil.example/page.html")],
            vec![host, ("referer", "http://127.0.0.1:3000.evil.example/")],
        ] {
            assert!(foreign_request(&headers(&foreign)).is_some(), "{foreign:?}");
        }
        for own in [
            vec![host],
            vec![
                host,
                ("sec-fetch-site", "same-origin"),
                ("sec-fetch-mode", "no-cors"),
            ],
            vec![
                host,
                ("sec-fetch-site", "none"),
                ("sec-fetch-mode", "navigate"),
            ],
            vec![
                host,
                ("sec-fetch-site", "cross-site"),
                ("sec-fetch-mode", "navigate"),
                ("sec-fetch-dest", "document"),
                ("referer", "https://mail.example/"),
            ],
            vec![host, ("origin", "http://127.0.0.1:3000")],
            vec![host, ("referer", "http://127.0.0.1:3000/one.html#x")],
        ] {
            assert!(foreign_request(&headers(&own)).is_none(), "{own:?}");
        }
    }
}
