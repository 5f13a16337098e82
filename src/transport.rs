//! The thin `fetch` layer: sends a [`Route`] with the bearer token and hands the raw
//! answer back to the pure decoders in [`crate::api`].

use gloo_net::http::Request;

use crate::api::{ApiError, Method, Route};
use crate::config::ApiConfig;

/// A raw answer: HTTP status and body bytes.
pub struct RawResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends one request. Only headers in ZITADEL's CORS allow-list are set.
pub async fn send(config: &ApiConfig, route: &Route) -> Result<RawResponse, ApiError> {
    let url = config.url(&route.path);
    let builder = match route.method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Delete => Request::delete(&url),
    };
    let response = builder
        .header("authorization", &format!("Bearer {}", config.token))
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(network_reason(&e)))?;
    let status = response.status();
    let body = response
        .binary()
        .await
        .map_err(|e| ApiError::Network(network_reason(&e)))?;
    Ok(RawResponse { status, body })
}

/// Sends a request and decodes a successful answer with `decode`; any other answer
/// becomes a typed [`ApiError`].
pub async fn call<T>(
    config: &ApiConfig,
    route: Route,
    decode: impl FnOnce(u16, &[u8]) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let raw = send(config, &route).await?;
    if raw.is_success() {
        decode(raw.status, &raw.body)
    } else {
        Err(ApiError::from_response(raw.status, &raw.body))
    }
}

// The browser's message for a failed fetch says nothing useful and never holds the
// token; keep it short.
fn network_reason(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message.clone(),
        other => other.to_string(),
    }
}
