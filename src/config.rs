//! Where the widget sends its calls and with which token.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures::future::{FutureExt, Shared};
use send_wrapper::SendWrapper;

use crate::api::{RetryPolicy, Surface};

/// Asks the host for a fresh token: a JavaScript `getToken()`, or a test's closure.
pub type Renew = Arc<dyn Fn() -> RenewFuture + Send + Sync>;
/// The host's answer: the token, or why there is none.
pub type RenewFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;
type InFlight = SendWrapper<Shared<RenewFuture>>;

/// The bearer token: a fixed one, or one the host hands out through `renew` (asked
/// first when there is none yet, and again when ZITADEL answers 401). Concurrent
/// calls share one request to the host. The token lives in memory only.
#[derive(Clone, Default)]
pub struct Token {
    current: Arc<Mutex<String>>,
    renew: Option<Renew>,
    in_flight: Arc<Mutex<Option<InFlight>>>,
}

impl Token {
    pub fn fixed(token: &str) -> Self {
        Token {
            current: Arc::new(Mutex::new(token.trim().to_string())),
            ..Token::default()
        }
    }

    /// A token the host hands out; `initial` (possibly empty) is used until then.
    pub fn renewable(initial: &str, renew: Renew) -> Self {
        Token {
            renew: Some(renew),
            ..Token::fixed(initial)
        }
    }

    pub fn can_renew(&self) -> bool {
        self.renew.is_some()
    }

    /// The token to send: the current one, else (when there is none yet) the host's.
    pub async fn get(&self) -> Result<String, String> {
        let current = self.current();
        if current.is_empty() && self.renew.is_some() {
            return self.renew_after(&current).await;
        }
        Ok(current)
    }

    /// A fresh token after `stale` was refused. When another call already replaced
    /// `stale`, that newer token is used and the host is not asked again.
    pub async fn renew_after(&self, stale: &str) -> Result<String, String> {
        let current = self.current();
        if current != stale {
            return Ok(current);
        }
        let Some(renew) = self.renew.clone() else {
            return Err("no way to renew the token".into());
        };
        let shared = {
            let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
            in_flight
                .get_or_insert_with(|| SendWrapper::new(renew().shared()))
                .clone()
        };
        let outcome = shared.take().await;
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        in_flight.take();
        if let Ok(token) = &outcome {
            *self.current.lock().unwrap_or_else(|e| e.into_inner()) = token.trim().to_string();
        }
        outcome.map(|token| token.trim().to_string())
    }

    /// Takes a token the host handed over after a fresh sign-in.
    pub fn replace(&self, token: &str) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = token.trim().to_string();
    }

    fn current(&self) -> String {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

// Two configurations are the same when they share the token source.
impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.current, &other.current)
    }
}

impl Eq for Token {}

/// Asks the host for a fresh sign-in: a new token and when that sign-in happened
/// (seconds since 1970). It is told which removal asked (`kind:id`), so that a page
/// that leaves for the sign-in can open the same confirmation when it comes back.
pub type Reauthenticate = Arc<
    dyn Fn(String) -> Pin<Box<dyn Future<Output = Result<(String, u64), String>>>> + Send + Sync,
>;

/// Removals need a sign-in no older than `max_age_s` (OWASP ASVS 5.0 V7.5.1: full
/// re-authentication before changing MFA settings).
#[derive(Clone)]
pub struct RecentSignIn {
    pub max_age_s: u64,
    auth_time: Arc<Mutex<Option<u64>>>,
    /// The host's way to a fresh sign-in; without it the user is told to sign in again.
    pub reauthenticate: Option<Reauthenticate>,
}

impl RecentSignIn {
    pub fn new(
        max_age_s: u64,
        auth_time: Option<u64>,
        reauthenticate: Option<Reauthenticate>,
    ) -> Self {
        RecentSignIn {
            max_age_s,
            auth_time: Arc::new(Mutex::new(auth_time)),
            reauthenticate,
        }
    }

    /// When the current sign-in happened, if known.
    pub fn auth_time(&self) -> Option<u64> {
        *self.auth_time.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_auth_time(&self, auth_time: u64) {
        *self.auth_time.lock().unwrap_or_else(|e| e.into_inner()) = Some(auth_time);
    }
}

impl PartialEq for RecentSignIn {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.auth_time, &other.auth_time)
    }
}

impl Eq for RecentSignIn {}

/// The API base URL and access token. The token lives in memory only and never
/// appears in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// Origin (and optional path prefix) of the ZITADEL instance, without a trailing
    /// slash. Empty means the page's own origin.
    pub base_url: String,
    /// The bearer access token, or where to get it.
    pub token: Token,
    /// Whose factors, through which API.
    pub surface: Surface,
    /// Time limit and retries of each call.
    pub retry: RetryPolicy,
    /// When set, a removal needs a recent sign-in.
    pub recent: Option<RecentSignIn>,
}

impl ApiConfig {
    pub fn new(base_url: &str, token: &str) -> Self {
        ApiConfig {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
            token: Token::fixed(token),
            surface: Surface::Me,
            retry: RetryPolicy::default(),
            recent: None,
        }
    }

    /// The absolute (or origin-relative) URL of an API path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

impl fmt::Debug for ApiConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiConfig")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("surface", &self.surface)
            .field("retry", &self.retry)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_loses_its_trailing_slash() {
        let config = ApiConfig::new("https://id.example.com/ ", "t");
        assert_eq!(
            config.url("/auth/v1/users/me"),
            "https://id.example.com/auth/v1/users/me"
        );
        assert_eq!(ApiConfig::new("", "t").url("/x"), "/x");
    }

    fn counting_renew(tokens: &'static [&'static str]) -> (Renew, Arc<Mutex<usize>>) {
        let asked = Arc::new(Mutex::new(0));
        let counter = asked.clone();
        let renew: Renew = Arc::new(move || {
            let mut n = counter.lock().unwrap();
            let token = tokens.get(*n).copied().ok_or("no more tokens");
            *n += 1;
            async move { token.map(str::to_string).map_err(str::to_string) }.boxed_local()
        });
        (renew, asked)
    }

    #[test]
    fn a_fixed_token_is_sent_as_given_and_cannot_be_renewed() {
        let token = Token::fixed(" abc ");
        assert_eq!(futures::executor::block_on(token.get()), Ok("abc".into()));
        assert!(futures::executor::block_on(token.renew_after("abc")).is_err());
    }

    #[test]
    fn the_host_is_asked_first_when_there_is_no_token_then_once_per_refusal() {
        let (renew, asked) = counting_renew(&["first", "second"]);
        let token = Token::renewable("", renew);
        assert_eq!(futures::executor::block_on(token.get()), Ok("first".into()));
        assert_eq!(futures::executor::block_on(token.get()), Ok("first".into()));
        assert_eq!(*asked.lock().unwrap(), 1);
        assert_eq!(
            futures::executor::block_on(token.renew_after("first")),
            Ok("second".into())
        );
        // A call that was refused with the old token takes the new one as it is.
        assert_eq!(
            futures::executor::block_on(token.renew_after("first")),
            Ok("second".into())
        );
        assert_eq!(*asked.lock().unwrap(), 2);
    }

    #[test]
    fn concurrent_refusals_share_one_request_to_the_host() {
        let (renew, asked) = counting_renew(&["fresh"]);
        let token = Token::renewable("old", renew);
        let (a, b) = futures::executor::block_on(futures::future::join(
            token.renew_after("old"),
            token.renew_after("old"),
        ));
        assert_eq!((a, b), (Ok("fresh".into()), Ok("fresh".into())));
        assert_eq!(*asked.lock().unwrap(), 1);
    }

    #[test]
    fn a_failed_renewal_keeps_the_old_token_and_can_be_tried_again() {
        let (renew, asked) = counting_renew(&[]);
        let token = Token::renewable("old", renew);
        assert!(futures::executor::block_on(token.renew_after("old")).is_err());
        assert_eq!(futures::executor::block_on(token.get()), Ok("old".into()));
        assert!(futures::executor::block_on(token.renew_after("old")).is_err());
        assert_eq!(*asked.lock().unwrap(), 2);
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let shown = format!("{:?}", ApiConfig::new("https://a", "secret-token"));
        assert!(!shown.contains("secret-token"), "{shown}");
    }
}
