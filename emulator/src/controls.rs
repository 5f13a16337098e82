//! Test controls, off ZITADEL's paths under `/__emulator/` and for loopback callers
//! only: reset to the seed, fault injection, list lag, and the log of received requests.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::AppState;

pub const PREFIX: &str = "/__emulator";
const KEPT_REQUESTS: usize = 1000;

/// What an injected fault does to the next matching requests.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// Only requests with this method (any when absent).
    pub method: Option<String>,
    /// Only requests whose path starts with this (any when absent).
    pub path: Option<String>,
    /// How many matching requests it hits.
    #[serde(default = "one")]
    pub times: u32,
    /// Answer with this status (and a `google.rpc.Status` body unless `body` says otherwise).
    pub status: Option<u16>,
    /// Wait this long first; alone, the request is then handled normally.
    #[serde(default)]
    pub delay_ms: u64,
    /// Answer with a body that is not ZITADEL's.
    pub body: Option<FaultBody>,
    /// Close the connection without an answer.
    #[serde(default)]
    pub drop: bool,
    /// Let the request do its work first, then apply the fault to the answer: the
    /// change happened, but the client hears a delay, a dropped connection or another
    /// answer ("removed, but the answer was lost").
    #[serde(default)]
    pub after: bool,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultBody {
    /// An HTML error page, as a proxy sends it.
    Html,
    /// JSON cut off in the middle.
    Malformed,
    /// No body at all.
    Empty,
}

impl Fault {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.starts_with(p))
    }
}

/// A request the emulator received, without its token.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// Whether an `Authorization` header was sent; its value is never kept.
    pub authorization: bool,
    pub org_id: Option<String>,
    pub origin: Option<String>,
    /// Every header name sent, lower case.
    pub headers: Vec<String>,
    /// The status answered; absent while the request is still being handled, and for
    /// good when the client went away first.
    pub status: Option<u16>,
    /// Counts the requests received, so that a finished one finds its entry.
    #[serde(skip)]
    pub number: u64,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{PREFIX}/reset"), post(reset))
        .route(
            &format!("{PREFIX}/faults"),
            post(add_fault).delete(clear_faults),
        )
        .route(&format!("{PREFIX}/lag"), put(set_lag))
        .route(&format!("{PREFIX}/tokens"), post(accept_token))
        .route(
            &format!("{PREFIX}/requests"),
            axum::routing::get(requests).delete(clear_requests),
        )
}

/// Admits only callers on this machine: the controls change every user's state.
pub struct Loopback;

impl<S: Send + Sync> FromRequestParts<S> for Loopback {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .map_err(|_| (StatusCode::FORBIDDEN, "caller unknown"))?;
        is_loopback(peer).then_some(Loopback).ok_or((
            StatusCode::FORBIDDEN,
            "test controls answer loopback callers only",
        ))
    }
}

fn is_loopback(peer: SocketAddr) -> bool {
    peer.ip().is_loopback()
}

async fn reset(State(state): State<AppState>, _: Loopback) -> Response {
    state.faults.lock().expect("faults lock").clear();
    state.requests.lock().expect("requests lock").clear();
    let result = state.mutate(|store| {
        store.reset();
        Ok(json!({"sequence": store.sequence.to_string()}))
    });
    result.into_response()
}

async fn add_fault(
    State(state): State<AppState>,
    _: Loopback,
    Json(fault): Json<Fault>,
) -> Response {
    state.faults.lock().expect("faults lock").push(fault);
    StatusCode::NO_CONTENT.into_response()
}

async fn clear_faults(State(state): State<AppState>, _: Loopback) -> Response {
    state.faults.lock().expect("faults lock").clear();
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct Lag {
    ms: u64,
}

async fn set_lag(State(state): State<AppState>, _: Loopback, Json(lag): Json<Lag>) -> Response {
    state.store.lock().expect("store lock").list_lag = Duration::from_millis(lag.ms);
    StatusCode::NO_CONTENT.into_response()
}

/// An access token issued by a provider other than the emulator's own, for a seeded user.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OutsideToken {
    token: String,
    user_name: String,
}

/// Makes the API accept a token from another OpenID provider (the end-to-end suite
/// signs in through npm `oidc-provider`); 404 for a user the seed does not have.
async fn accept_token(
    State(state): State<AppState>,
    _: Loopback,
    Json(outside): Json<OutsideToken>,
) -> Response {
    let user_id = {
        let store = state.store.lock().expect("store lock");
        let found = store.users().find(|u| u.user_name == outside.user_name);
        found.map(|u| u.id.clone())
    };
    let Some(user_id) = user_id else {
        return (StatusCode::NOT_FOUND, "no such user in the seed").into_response();
    };
    let mut oidc = state.oidc.lock().expect("oidc lock");
    oidc.accept(outside.token, user_id);
    StatusCode::NO_CONTENT.into_response()
}

async fn requests(State(state): State<AppState>, _: Loopback) -> Response {
    let log: Vec<Received> = state
        .requests
        .lock()
        .expect("requests lock")
        .iter()
        .cloned()
        .collect();
    Json(log).into_response()
}

async fn clear_requests(State(state): State<AppState>, _: Loopback) -> Response {
    state.requests.lock().expect("requests lock").clear();
    StatusCode::NO_CONTENT.into_response()
}

/// Applies the first matching injected fault, if any, to an API request.
pub async fn inject_faults(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with(PREFIX) || request.method() == axum::http::Method::OPTIONS {
        return next.run(request).await;
    }
    let fault = {
        let mut faults = state.faults.lock().expect("faults lock");
        let method = request.method().as_str();
        let found = faults
            .iter()
            .position(|f| f.times > 0 && f.matches(method, path));
        found.map(|i| {
            faults[i].times -= 1;
            let fault = faults[i].clone();
            if faults[i].times == 0 {
                faults.remove(i);
            }
            fault
        })
    };
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if fault.after {
        // The handler runs to its end (the change is made), then the answer is lost.
        let answered = next.run(request).await;
        return apply(&fault, || async move { answered }).await;
    }
    apply(&fault, || next.run(request)).await
}

/// What a fault does, given how to get the normal answer.
async fn apply<F: std::future::Future<Output = Response>>(
    fault: &Fault,
    normal: impl FnOnce() -> F,
) -> Response {
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop {
        return dropped_connection();
    }
    if fault.status.is_none() && fault.body.is_none() {
        return normal().await;
    }
    let status = StatusCode::from_u16(fault.status.unwrap_or(200))
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match fault.body {
        Some(FaultBody::Html) => (
            status,
            [(header::CONTENT_TYPE, "text/html")],
            format!("<html><body><h1>{status}</h1><p>upstream proxy error</p></body></html>"),
        )
            .into_response(),
        Some(FaultBody::Malformed) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"result":[{"state":"#,
        )
            .into_response(),
        Some(FaultBody::Empty) => status.into_response(),
        None => (status, Json(status_body(status))).into_response(),
    }
}

/// A `google.rpc.Status` for an injected HTTP status, with the gRPC code grpc-gateway
/// would have mapped to it.
fn status_body(status: StatusCode) -> Value {
    let code = crate::error::grpc_code_for(status);
    json!({"code": code, "message": format!("injected fault (HTTP {})", status.as_u16())})
}

/// A response whose body fails at once: the server closes the connection mid-answer.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("dropped"))
    });
    Response::new(Body::from_stream(failing))
}

/// Keeps a record of every API request: method, path, org header, origin, header names.
pub async fn record_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with(PREFIX) {
        return next.run(request).await;
    }
    let headers: &HeaderMap = request.headers();
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let number = state
        .received
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let received = Received {
        method: request.method().to_string(),
        path,
        query: request.uri().query().map(str::to_string),
        authorization: headers.contains_key(header::AUTHORIZATION),
        org_id: text("x-zitadel-orgid"),
        origin: text("origin"),
        headers: headers.keys().map(|k| k.as_str().to_string()).collect(),
        status: None,
        number,
    };
    // Logged on arrival: a request the client gave up on is in the log too.
    {
        let mut log = state.requests.lock().expect("requests lock");
        if log.len() == KEPT_REQUESTS {
            log.pop_front();
        }
        log.push_back(received);
    }
    let response = next.run(request).await;
    let mut log = state.requests.lock().expect("requests lock");
    if let Some(entry) = log.iter_mut().rev().find(|r| r.number == number) {
        entry.status = Some(response.status().as_u16());
    }
    response
}

/// The kept log, for [`AppState`].
pub type RequestLog = VecDeque<Received>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_peers_may_use_the_controls() {
        for peer in ["127.0.0.1:5000", "127.8.9.1:1", "[::1]:5000"] {
            assert!(is_loopback(peer.parse().unwrap()), "{peer}");
        }
        for peer in ["192.0.2.7:5000", "[2001:db8::1]:5000", "0.0.0.0:1"] {
            assert!(!is_loopback(peer.parse().unwrap()), "{peer}");
        }
    }
}
