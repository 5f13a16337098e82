//! An optional file of every API exchange (method, path, request body, status, answer
//! body), one JSON line each, so that the test suite can check both directions against
//! ZITADEL's published message types (`tests/proto/`). Injected faults act outside this
//! layer and are not recorded: their bodies are deliberately not ZITADEL's.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::controls::PREFIX;
use crate::error::ZitadelError;
use crate::AppState;

/// A test that sends a request ZITADEL's types do not allow on purpose says so with
/// this header; the answer is still checked.
pub const INVALID_REQUEST: &str = "x-emulator-invalid-request";

/// Bodies above this are not ZITADEL's (its largest answers here are a few KB).
const MAX_BODY: usize = 4 * 1024 * 1024;

/// Where exchanges are appended.
#[derive(Clone)]
pub struct ExchangeLog(Arc<Mutex<File>>);

impl ExchangeLog {
    /// Appends to `path` (created when missing), so several servers of one test run can
    /// share a file.
    pub fn open(path: &Path) -> Result<Self, String> {
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map(|file| ExchangeLog(Arc::new(Mutex::new(file))))
            .map_err(|e| format!("cannot open exchange log {}: {e}", path.display()))
    }

    fn append(&self, line: &str) {
        // One write per line: O_APPEND keeps lines of parallel servers whole.
        let mut file = self.0.lock().expect("exchange log lock");
        if let Err(e) = file.write_all(format!("{line}\n").as_bytes()) {
            eprintln!("cannot write the exchange log: {e}");
        }
    }
}

/// Records the exchange when the state has a log; passes everything through otherwise.
pub async fn record_exchanges(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(log) = state.exchanges.clone() else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_string();
    if path.starts_with(PREFIX) {
        return next.run(request).await;
    }
    let method = request.method().to_string();
    let invalid_request = request.headers().contains_key(INVALID_REQUEST);
    let query = request.uri().query().map(str::to_string);
    let (parts, body) = request.into_parts();
    let Ok(sent) = to_bytes(body, MAX_BODY).await else {
        return ZitadelError::new(3, "request body too large", "EMULATOR-size").into_response();
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(sent.clone())))
        .await;
    let (parts, body) = response.into_parts();
    let Ok(answered) = to_bytes(body, MAX_BODY).await else {
        return ZitadelError::new(13, "answer too large", "EMULATOR-size").into_response();
    };
    let line = json!({
        "method": method,
        "path": path,
        "query": query,
        "invalidRequest": invalid_request,
        "requestBody": String::from_utf8_lossy(&sent),
        "status": parts.status.as_u16(),
        "responseBody": String::from_utf8_lossy(&answered),
    });
    log.append(&line.to_string());
    Response::from_parts(parts, Body::from(answered))
}
