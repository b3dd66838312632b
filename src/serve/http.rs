//! Requests to answers, on axum: the page's three files, embedded in the binary, and the JSON
//! endpoints of `api.rs`, whose work runs on tokio's blocking threads. Anything else is a clear
//! 4xx with a JSON message: an unknown path 404, a wrong method 405 (with `Allow`), a body over
//! [`MAX_BODY`] 413 (refused from its `Content-Length`, or as it streams in), not JSON 415 or
//! 400, a value the scenario refuses 422, a request without the server's key or for another
//! host 403; a failure inside a request is a 500 and never ends the server.

use super::api::{self, ApiError};
use super::state::App;
use axum::Router;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Largest request body accepted, in bytes: a page's changes are far smaller.
pub const MAX_BODY: usize = 64 * 1024;

/// The header that carries the server's key on every request of the page.
pub const KEY_HEADER: &str = "x-payback-key";

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// The page's policy: its own files only, never framed by another site.
const SECURITY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/// The server's routes over `app`.
pub fn router(app: Arc<App>) -> Router {
    let api = Router::new()
        .route("/api/scenario", only_get(get(scenario)))
        .route(
            "/api/simulate",
            only_post(post(|State(app), r| with_body(app, r, api::simulate))),
        )
        .route(
            "/api/save",
            only_post(post(|State(app), r| with_body(app, r, api::save))),
        )
        .route(
            "/api/report",
            only_post(post(|State(app), r| with_body(app, r, api::report))),
        )
        .route_layer(middleware::from_fn_with_state(Arc::clone(&app), check_key));
    Router::new()
        .route("/", only_get(get(index)))
        .route(
            "/app.js",
            only_get(get(|| async {
                asset("text/javascript; charset=utf-8", SCRIPT)
            })),
        )
        .route(
            "/app.css",
            only_get(get(|| async { asset("text/css; charset=utf-8", STYLE) })),
        )
        .merge(api)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), check_host))
        .layer(middleware::map_response(secure))
        .with_state(app)
}

fn only_get(route: MethodRouter<Arc<App>>) -> MethodRouter<Arc<App>> {
    route.fallback(|| async { not_allowed("GET, HEAD") })
}

fn only_post(route: MethodRouter<Arc<App>>) -> MethodRouter<Arc<App>> {
    route.fallback(|| async { not_allowed("POST") })
}

fn error(e: ApiError) -> Response {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut answer = (status, json_headers(), e.body().to_string()).into_response();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The body was not read: the connection cannot carry another request.
        answer
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    answer
}

fn json_headers() -> [(header::HeaderName, &'static str); 1] {
    [(header::CONTENT_TYPE, "application/json; charset=utf-8")]
}

fn not_allowed(allowed: &'static str) -> Response {
    let mut answer = error(ApiError::new(
        405,
        format!("this path answers {allowed} only"),
    ));
    answer
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allowed));
    answer
}

async fn not_found(request: Request) -> Response {
    error(ApiError::new(
        404,
        format!(
            "no such page or endpoint: {}; the page is at the address payback serve printed",
            request.uri().path()
        ),
    ))
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// The page, for a request that carries the server's key in its address (`/?key=…`).
async fn index(
    State(app): State<Arc<App>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if query.get("key").is_some_and(|k| app.key_is(k)) {
        asset("text/html; charset=utf-8", INDEX)
    } else {
        error(ApiError::new(
            403,
            "open the address payback serve printed: it carries the page's key",
        ))
    }
}

/// No cache, no sniffing, and the page's policy, on every answer.
async fn secure(mut answer: Response) -> Response {
    let headers = answer.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SECURITY),
    );
    answer
}

/// Refuses an endpoint request without the server's key: the page sends it on every request,
/// and another user of the machine, or a page of another site, does not have it.
async fn check_key(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let key = request
        .headers()
        .get(KEY_HEADER)
        .and_then(|v| v.to_str().ok());
    if key.is_some_and(|k| app.key_is(k)) {
        next.run(request).await
    } else {
        error(ApiError::new(
            403,
            format!("send the server's key in the {KEY_HEADER} header, as the page does"),
        ))
    }
}

/// Refuses a request whose `Host` is not the server's own address (or `localhost` at its port)
/// when the server listens on the loopback: a page of another site that makes the browser
/// send it (DNS rebinding) is refused.
async fn check_host(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if !app.addr.ip().is_loopback() {
        return next.run(request).await;
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let port = app.addr.port();
    let mut ours = vec![
        app.addr.to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ];
    if port == 80 {
        ours.extend(["localhost".into(), "127.0.0.1".into(), "[::1]".into()]);
    }
    match host {
        Some(h) if ours.contains(&h) => next.run(request).await,
        other => error(ApiError::new(
            403,
            format!(
                "this server answers requests for {} only, not for host {}",
                app.addr,
                other.unwrap_or_else(|| "(none)".into())
            ),
        )),
    }
}

/// The request's JSON body as `T`: at most [`MAX_BODY`] bytes (a larger `Content-Length` is
/// refused before any of the body is read), sent as `application/json`.
async fn json_body<T: DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    let headers = request.headers();
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
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
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    let limited = http_body_util::Limited::new(request.into_body(), MAX_BODY);
    let bytes = http_body_util::BodyExt::collect(limited)
        .await
        .map_err(|e| {
            if e.is::<http_body_util::LengthLimitError>() {
                too_large()
            } else {
                ApiError::new(400, format!("the request body could not be read: {e}"))
            }
        })?
        .to_bytes();
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            400,
            format!("the request body is not JSON of the expected form: {e}"),
        )
    })
}

/// Runs `work` on a blocking thread and answers with its JSON, or its error.
async fn answer(work: impl FnOnce() -> Result<Value, ApiError> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => (StatusCode::OK, json_headers(), value.to_string()).into_response(),
        Ok(Err(e)) => error(e),
        Err(_) => error(ApiError::new(
            500,
            "payback failed on this request (a bug: please report it with the request); the \
             server goes on",
        )),
    }
}

async fn scenario(State(app): State<Arc<App>>) -> Response {
    answer(move || Ok(api::scenario(&app))).await
}

/// An endpoint that takes a JSON body: the body read as `T`, then `work` on it.
async fn with_body<T: DeserializeOwned + Send + 'static>(
    app: Arc<App>,
    request: Request,
    work: fn(&App, T) -> Result<Value, ApiError>,
) -> Response {
    match json_body(request).await {
        Ok(body) => answer(move || work(&app, body)).await,
        Err(e) => error(e),
    }
}
