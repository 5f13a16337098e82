//! ZITADEL's CORS rules: any origin is reflected with credentials, but only a fixed
//! list of request headers passes a preflight.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Request headers ZITADEL's CORS configuration allows, lower case.
pub const ALLOWED_HEADERS: [&str; 12] = [
    "origin",
    "content-type",
    "accept",
    "accept-language",
    "authorization",
    "x-zitadel-orgid",
    "x-user-agent",
    "x-grpc-web",
    "x-requested-with",
    "connect-protocol-version",
    "connect-timeout-ms",
    "grpc-timeout",
];

const ALLOWED_METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// Answers preflights and adds the CORS headers to every answer to a cross-origin request.
pub async fn cors(request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let Some(origin) = origin else {
        return next.run(request).await;
    };
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if is_preflight {
        return preflight(request.headers(), origin);
    }
    let mut response = next.run(request).await;
    allow_origin(response.headers_mut(), origin);
    response
}

fn allow_origin(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}

/// A preflight asking for a method or header outside the lists gets no CORS headers,
/// so the browser refuses the real request, as it does against ZITADEL.
fn preflight(headers: &HeaderMap, origin: HeaderValue) -> Response {
    let method_ok = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|m| m.to_str().ok())
        .is_some_and(|m| ALLOWED_METHODS.contains(&m));
    let requested = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let headers_ok = requested
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .all(|h| ALLOWED_HEADERS.contains(&h.as_str()));
    let mut response = StatusCode::NO_CONTENT.into_response();
    if !(method_ok && headers_ok) {
        return response;
    }
    let out = response.headers_mut();
    allow_origin(out, origin);
    // ZITADEL echoes only the requested method and sends no Max-Age, so browsers
    // preflight every call.
    if let Some(method) = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|m| HeaderValue::from_str(m.to_str().unwrap_or_default()).ok())
    {
        out.insert(header::ACCESS_CONTROL_ALLOW_METHODS, method);
    }
    if let Ok(value) = HeaderValue::from_str(requested) {
        out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, value);
    }
    response
}
