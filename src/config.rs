//! Where the widget sends its calls and with which token.

use std::fmt;

use crate::api::{RetryPolicy, Surface};

/// The API base URL and access token. The token lives in memory only and never
/// appears in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// Origin (and optional path prefix) of the ZITADEL instance, without a trailing
    /// slash. Empty means the page's own origin.
    pub base_url: String,
    /// The bearer access token.
    pub token: String,
    /// Whose factors, through which API.
    pub surface: Surface,
    /// Time limit and retries of each call.
    pub retry: RetryPolicy,
}

impl ApiConfig {
    pub fn new(base_url: &str, token: &str) -> Self {
        ApiConfig {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
            token: token.trim().to_string(),
            surface: Surface::Me,
            retry: RetryPolicy::default(),
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

    #[test]
    fn debug_output_never_shows_the_token() {
        let shown = format!("{:?}", ApiConfig::new("https://a", "secret-token"));
        assert!(!shown.contains("secret-token"), "{shown}");
    }
}
