//! The thin `fetch` layer: sends a [`Route`] with the bearer token, aborts it after the
//! time limit, repeats read calls on transient failures as [`RetryPolicy`] says, and
//! hands the raw answer to the pure decoders in [`crate::api`].

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::AbortController;

mod page_policy;
pub mod webcrypto;

use crate::api::{origin_of, ApiError, Method, Route};
use crate::config::ApiConfig;

/// Sends a request and decodes a successful answer with `decode`; any other answer
/// becomes a typed [`ApiError`]. Read calls are repeated on transient failures; a
/// DELETE is sent exactly once, or twice when the first was refused with 401 and the
/// host handed out a new token (a refused request changed nothing).
pub async fn call<T>(
    config: &ApiConfig,
    route: Route,
    decode: impl Fn(u16, &[u8]) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let (status, body) = exchange(config, &route).await?;
    // A body that is not ZITADEL's is never transient (`ApiError::is_transient`), so
    // decoding after the retries changes nothing, and the retry loop below is compiled
    // once instead of once per answer type.
    decode(status, &body)
}

/// The retry loop of [`call`]: the status and body of a 2xx answer, or the error.
async fn exchange(config: &ApiConfig, route: &Route) -> Result<(u16, Vec<u8>), ApiError> {
    let policy = config.retry;
    let mut attempt = 1;
    page_policy::watch();
    let mut token = token_in_time(config, policy.timeout_ms).await?;
    let mut renewed = !config.token.can_renew();
    loop {
        let mut outcome = send_once(config, route, &token, policy.timeout_ms).await;
        if !renewed && matches!(outcome, Ok((401, _))) {
            renewed = true;
            if let Ok(fresh) = config.token.renew_after(&token).await {
                token = fresh;
                outcome = send_once(config, route, &token, policy.timeout_ms).await;
            }
        }
        let outcome = outcome.and_then(|(status, body)| {
            if (200..300).contains(&status) {
                Ok((status, body))
            } else {
                Err(ApiError::from_response(status, &body))
            }
        });
        match outcome {
            Err(error) => match policy.next_delay_ms(route, attempt, &error) {
                Some(delay) => {
                    sleep(delay).await;
                    attempt += 1;
                }
                None => return Err(error),
            },
            done => return done,
        }
    }
}

/// The token, asking the page's `getToken()` when there is none; a `getToken()` that
/// does not settle within the time limit is an error the user can retry, not a skeleton
/// that stays forever.
async fn token_in_time(config: &ApiConfig, timeout_ms: u32) -> Result<String, ApiError> {
    use futures::future::{select, Either};
    let asked = Box::pin(config.token.get());
    let deadline = Box::pin(sleep(timeout_ms));
    match select(asked, deadline).await {
        Either::Left((Ok(token), _)) => Ok(token),
        Either::Left((Err(reason), _)) => Err(ApiError::NoToken(reason)),
        Either::Right(_) => Err(ApiError::NoToken(format!(
            "getToken() did not answer within {} s",
            timeout_ms.div_ceil(1000)
        ))),
    }
}

/// One attempt: status and body, or a network error or timeout. Only headers in
/// ZITADEL's CORS allow-list are set (authorization, accept, content-type, the route's
/// own such as x-zitadel-orgid).
async fn send_once(
    config: &ApiConfig,
    route: &Route,
    token: &str,
    timeout_ms: u32,
) -> Result<(u16, Vec<u8>), ApiError> {
    let method = match route.method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Delete => HttpMethod::DELETE,
    };
    let url = config.url(&route.path);
    let mut builder = RequestBuilder::new(&url)
        .method(method)
        .header("authorization", &format!("Bearer {token}"))
        .header("accept", "application/json");
    for (name, value) in &route.headers {
        builder = builder.header(name, value);
    }
    if route.body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    match send_within(builder, route.body.clone(), timeout_ms).await {
        Ok(answer) => Ok(answer),
        Err(Failure::Timeout) => Err(ApiError::Timeout),
        // Only a request that got no answer can have been blocked by the page's policy.
        Err(Failure::NoAnswer(reason)) => Err(network_failure(&url, reason).await),
        Err(Failure::Network(reason)) => Err(ApiError::Network(reason)),
    }
}

/// Why a request got no answer.
enum Failure {
    /// None within the time limit (the request was aborted).
    Timeout,
    /// The browser's `fetch` failed: the browser's reason.
    NoAnswer(String),
    /// Before sending or while reading the body: the browser's reason.
    Network(String),
}

/// Sends `request` (with `body`), aborted after `timeout_ms`: the status and body.
async fn send_within(
    request: RequestBuilder,
    body: Option<String>,
    timeout_ms: u32,
) -> Result<(u16, Vec<u8>), Failure> {
    let controller = AbortController::new()
        .map_err(|_| Failure::Network("fetch cannot be aborted here".into()))?;
    let _deadline = Deadline::start(&controller, timeout_ms);
    let failed = |error: gloo_net::Error| {
        if controller.signal().aborted() {
            Failure::Timeout
        } else {
            Failure::Network(network_reason(&error))
        }
    };
    let request = request.abort_signal(Some(&controller.signal()));
    let request = match body {
        Some(body) => request.body(body),
        None => request.build(),
    }
    .map_err(failed)?;
    let response = request.send().await.map_err(|error| match failed(error) {
        Failure::Network(reason) => Failure::NoAnswer(reason),
        other => other,
    })?;
    let status = response.status();
    let body = response.binary().await.map_err(failed)?;
    Ok((status, body))
}

/// A request outside ZITADEL's API (a language's texts, the page's sign-in with its
/// provider) within `timeout_ms`: its status and body, or why not. Without the limit a
/// provider that never answers would leave the page blank or "signing in" for good.
pub async fn fetch_plain(
    request: RequestBuilder,
    body: Option<String>,
    timeout_ms: u32,
) -> Result<(u16, Vec<u8>), String> {
    send_within(request, body, timeout_ms)
        .await
        .map_err(|failure| match failure {
            Failure::Timeout => format!("no answer within {} s", timeout_ms.div_ceil(1000)),
            Failure::NoAnswer(reason) | Failure::Network(reason) => reason,
        })
}

/// A plain GET of a text (a language's catalogue) within `timeout_ms`: the text, or why not.
pub async fn fetch_text(url: &str, timeout_ms: u32) -> Result<String, String> {
    let (status, body) = fetch_plain(RequestBuilder::new(url), None, timeout_ms).await?;
    if !(200..300).contains(&status) {
        return Err(format!("HTTP {status}"));
    }
    String::from_utf8(body).map_err(|_| "not UTF-8 text".to_string())
}

/// A failed fetch: the page's policy when it reported blocking that origin (its report
/// may arrive just after the failure), else the browser's reason.
async fn network_failure(url: &str, reason: String) -> ApiError {
    let origin = match origin_of(url) {
        "" => web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default(),
        origin => origin.to_string(),
    };
    for wait in [0, 50] {
        sleep(wait).await;
        if page_policy::blocked(&origin) {
            return ApiError::blocked_by_page_policy(&origin);
        }
    }
    ApiError::Network(reason)
}

/// Aborts the request when the time limit passes; dropping it clears the timer.
struct Deadline {
    handle: i32,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(controller: &AbortController, timeout_ms: u32) -> Option<Deadline> {
        let controller = controller.clone();
        let on_timeout = Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                i32::try_from(timeout_ms).unwrap_or(i32::MAX),
            )
            .ok()?;
        Some(Deadline {
            handle,
            _on_timeout: on_timeout,
        })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}

pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

// The browser's message for a failed fetch says little and never holds the token.
fn network_reason(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message.clone(),
        other => other.to_string(),
    }
}
