//! Requests to answers: the page's three files, embedded in the binary, and the JSON
//! endpoints of `api.rs`. Anything else is a clear 4xx: an unknown path 404, a wrong method
//! 405, a body that is too large 413, not JSON 415 or 400, a value the scenario refuses 422, a
//! host other than the server's own 403 (a page of another site cannot drive it); a failure
//! inside a request is a 500 and never ends the server.

use super::api::{self, ApiError};
use super::state::App;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::Read;
use tiny_http::{Header, Method, Request, Response};

/// Largest request body accepted, in bytes: a page's changes are far smaller.
pub const MAX_BODY: usize = 64 * 1024;

/// The page's files: path, content type, contents.
const ASSETS: [(&str, &str, &str); 3] = [
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("page/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_str!("page/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_str!("page/app.css"),
    ),
];

/// The JSON endpoints and their method.
const ENDPOINTS: [(&str, Method); 4] = [
    ("/api/scenario", Method::Get),
    ("/api/simulate", Method::Post),
    ("/api/save", Method::Post),
    ("/api/report", Method::Post),
];

/// What a request gets.
enum Answer {
    /// One of the page's files.
    Asset(&'static str, &'static str),
    /// A JSON body with its status.
    Json(u16, Value),
}

/// Answers `request`; a failure to send the answer (the page went away) is not an error.
pub fn answer(app: &App, mut request: Request) {
    let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        route(app, &mut request)
    }))
    .unwrap_or_else(|_| {
        error(ApiError::new(
            500,
            "payback failed on this request (a bug: please report it with the request); the \
             server goes on",
        ))
    });
    let (status, content_type, body) = match answer {
        Answer::Asset(content_type, text) => (200, content_type, text.as_bytes().to_vec()),
        Answer::Json(status, value) => (
            status,
            "application/json; charset=utf-8",
            value.to_string().into_bytes(),
        ),
    };
    let mut response = Response::from_data(body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

fn error(e: ApiError) -> Answer {
    Answer::Json(e.status, e.body())
}

fn route(app: &App, request: &mut Request) -> Answer {
    if let Err(e) = check_host(app, request) {
        return error(e);
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_string();
    let method = request.method().clone();
    if let Some((_, content_type, text)) = ASSETS.iter().find(|(p, ..)| *p == path) {
        return match method {
            Method::Get | Method::Head => Answer::Asset(content_type, text),
            _ => error(not_allowed(&path, "GET")),
        };
    }
    let Some((_, allowed)) = ENDPOINTS.iter().find(|(p, _)| *p == path) else {
        return error(ApiError::new(
            404,
            format!("no such page or endpoint: {path}; the page is at /"),
        ));
    };
    if method != *allowed {
        return error(not_allowed(&path, allowed.as_str()));
    }
    let result = match path.as_str() {
        "/api/scenario" => Ok(api::scenario(app)),
        "/api/simulate" => body(request).and_then(|r| api::simulate(app, r)),
        "/api/save" => body(request).and_then(|r| api::save(app, r)),
        _ => body(request).and_then(|r| api::report(app, r)),
    };
    match result {
        Ok(value) => Answer::Json(200, value),
        Err(e) => error(e),
    }
}

fn not_allowed(path: &str, allowed: &str) -> ApiError {
    ApiError::new(405, format!("{path} answers {allowed} only"))
}

/// Refuses a request whose `Host` is not the server's own address (or `localhost` at its port)
/// when the server listens on the loopback: a page of another site that makes the browser
/// send it (DNS rebinding) is refused.
fn check_host(app: &App, request: &Request) -> Result<(), ApiError> {
    if !app.addr.ip().is_loopback() {
        return Ok(());
    }
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    let port = app.addr.port();
    let ours = [
        app.addr.to_string(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.1:{port}"),
    ];
    match host {
        Some(h) if ours.contains(&h) => Ok(()),
        other => Err(ApiError::new(
            403,
            format!(
                "this server answers requests for {} only, not for host {}",
                app.addr,
                other.unwrap_or_else(|| "(none)".into())
            ),
        )),
    }
}

/// The request's JSON body as `T`: at most [`MAX_BODY`] bytes, sent as `application/json`.
fn body<T: DeserializeOwned>(request: &mut Request) -> Result<T, ApiError> {
    let json = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .is_some_and(|h| h.value.as_str().starts_with("application/json"));
    if !json {
        return Err(ApiError::new(
            415,
            "send the request body as JSON, with Content-Type: application/json",
        ));
    }
    let too_large = || {
        ApiError::new(
            413,
            format!(
                "the request body is larger than {} bytes",
                crate::numbers::count(MAX_BODY as u64)
            ),
        )
    };
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ApiError::new(400, format!("the request body could not be read: {e}")))?;
    if bytes.len() > MAX_BODY {
        return Err(too_large());
    }
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            400,
            format!("the request body is not JSON of the expected form: {e}"),
        )
    })
}
