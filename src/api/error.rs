//! The error model: every way a call can fail, as owned plain data.

use super::wire::{Json, Read};

/// Why an API call failed. Plain data (`Clone + Send + Sync`) so it can live in signals.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a `google.rpc.Status` body.
    #[error("{message} (HTTP {status})")]
    Status {
        /// HTTP status code.
        status: u16,
        /// gRPC code from the body (16 = unauthenticated, 5 = not found, ...).
        code: i32,
        /// The server's (localized) message, as sent.
        message: String,
        /// ZITADEL's error id such as `COMMAND-Hd9sd`, when the answer carries one.
        id: Option<String>,
    },
    /// The body was not what ZITADEL sends: an HTML page from a proxy, an empty body, or
    /// JSON of the wrong shape.
    #[error("unexpected answer from the server (status {status})")]
    UnexpectedBody {
        /// HTTP status code.
        status: u16,
    },
    /// The request never got an answer (offline, DNS, CORS refusal, connection reset).
    #[error("the server could not be reached: {0}")]
    Network(String),
    /// No answer within the time limit; the request was aborted.
    #[error("the server did not answer in time")]
    Timeout,
    /// A caller-side mistake caught before any request was sent.
    #[error("{0}")]
    InvalidInput(String),
    /// The page's `getToken()` failed or did not answer in time; nothing was sent.
    #[error("{0}")]
    NoToken(String),
}

/// The failure classes the UI distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: the session is over; sign in again.
    Unauthenticated,
    /// 403: a permission or the page's origin is not allowed; also ZITADEL's 404
    /// "membership not found" (`AUTHZ-cdgFk`), which is a missing role, not a missing thing.
    PermissionDenied,
    /// 403 `AUTHZ-Kl3p0`: the organization forces MFA and this sign-in had none.
    MfaRequired,
    /// 404: already gone.
    NotFound,
    /// 429: too many requests.
    RateLimited,
    /// 400 or a local check: the request itself was wrong.
    InvalidInput,
    /// 409.
    Conflict,
    /// 5xx and anything else from the server.
    Server,
    /// The body was not ZITADEL's.
    UnexpectedBody,
    Network,
    Timeout,
    /// The page's `getToken()` gave no token.
    NoToken,
}

impl ErrorKind {
    /// The name the page's `zitadel-mfa-error` event carries as `kind`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Unauthenticated => "Unauthenticated",
            ErrorKind::PermissionDenied => "PermissionDenied",
            ErrorKind::MfaRequired => "MfaRequired",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::RateLimited => "RateLimited",
            ErrorKind::InvalidInput => "InvalidInput",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::Server => "Server",
            ErrorKind::UnexpectedBody => "UnexpectedBody",
            ErrorKind::Network => "Network",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::NoToken => "NoToken",
        }
    }
}

impl ApiError {
    /// The host page could not hand out a token: as good as a 401, since nothing can
    /// be sent without one.
    /// Turns an unsuccessful answer into a typed error, whatever its body holds.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        // `google.rpc.Status` with `zitadel.v1.ErrorDetail`s: code, message, details[].id.
        let read = |rpc: &Json| -> Read<(i32, String, Option<String>)> {
            let message = rpc.text("message")?;
            let mut id = None;
            for detail in rpc.objects("details")? {
                id = id.or(Some(detail.text("id")?).filter(|id| !id.is_empty()));
            }
            Ok((rpc.number("code")? as i32, message, id))
        };
        match Json::object(body).and_then(|rpc| read(&rpc)) {
            Ok((code, message, id)) if !message.is_empty() || code != 0 => ApiError::Status {
                status,
                code,
                id: id.or_else(|| id_from_message(&message)),
                message,
            },
            _ => ApiError::UnexpectedBody { status },
        }
    }

    /// The HTTP status, when the server answered at all.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } | ApiError::UnexpectedBody { status } => Some(*status),
            ApiError::Network(_)
            | ApiError::Timeout
            | ApiError::InvalidInput(_)
            | ApiError::NoToken(_) => None,
        }
    }

    /// ZITADEL's error id, when the answer carried one.
    pub fn error_id(&self) -> Option<&str> {
        match self {
            ApiError::Status { id, .. } => id.as_deref(),
            _ => None,
        }
    }

    /// A request the host page's Content-Security-Policy (`connect-src`) blocked.
    pub fn blocked_by_page_policy(origin: &str) -> Self {
        ApiError::Network(format!("{PAGE_POLICY} {origin}"))
    }

    /// Whether the host page's policy blocked the request.
    pub fn is_blocked_by_page_policy(&self) -> bool {
        matches!(self, ApiError::Network(reason) if reason.starts_with(PAGE_POLICY))
    }

    /// Whether ZITADEL refused the page's origin (`Errors.OriginNotAllowed`, AUTH-DZG21):
    /// a 403 no permission can fix.
    pub fn is_origin_refused(&self) -> bool {
        match self {
            ApiError::Status { message, id, .. } => {
                id.as_deref() == Some("AUTH-DZG21") || message.contains("OriginNotAllowed")
            }
            _ => false,
        }
    }

    /// A 403 that a permission would fix (not an origin refusal).
    pub fn is_missing_permission(&self) -> bool {
        self.kind() == ErrorKind::PermissionDenied && !self.is_origin_refused()
    }

    /// ZITADEL's "membership not found": the caller has no role at all in the
    /// organization acted in (`internal/api/authz/permissions.go`).
    pub fn is_no_membership(&self) -> bool {
        self.error_id() == Some("AUTHZ-cdgFk")
    }

    /// What kind of failure this is, which decides what the user is told to do next.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Network(_) => ErrorKind::Network,
            ApiError::Timeout => ErrorKind::Timeout,
            ApiError::InvalidInput(_) => ErrorKind::InvalidInput,
            ApiError::NoToken(_) => ErrorKind::NoToken,
            ApiError::UnexpectedBody { .. } => ErrorKind::UnexpectedBody,
            // Ids whose HTTP status misleads come first (internal/api/authz/).
            ApiError::Status { id: Some(id), .. } if id == "AUTHZ-cdgFk" => {
                ErrorKind::PermissionDenied
            }
            ApiError::Status { id: Some(id), .. } if id == "AUTHZ-Kl3p0" => ErrorKind::MfaRequired,
            ApiError::Status { status, code, .. } => match (*status, *code) {
                (401, _) | (_, 16) => ErrorKind::Unauthenticated,
                (403, _) | (_, 7) => ErrorKind::PermissionDenied,
                (404, _) | (_, 5) => ErrorKind::NotFound,
                (429, _) | (_, 8) => ErrorKind::RateLimited,
                (400, _) | (_, 3 | 9 | 11) => ErrorKind::InvalidInput,
                (409, _) | (_, 6 | 10) => ErrorKind::Conflict,
                _ => ErrorKind::Server,
            },
        }
    }

    /// Whether the same request may succeed if sent again later.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout => true,
            ApiError::Status { status, .. } | ApiError::UnexpectedBody { status } => {
                matches!(status, 502..=504)
            }
            ApiError::InvalidInput(_) | ApiError::NoToken(_) => false,
        }
    }
}

/// How a network error blocked by the page's policy begins.
const PAGE_POLICY: &str = "the page's Content-Security-Policy (connect-src) does not allow";

/// The origin of a URL (`https://id.example.com:8443` of `https://id.example.com:8443/x`);
/// a relative URL's origin is the page's, written as the empty string.
pub fn origin_of(url: &str) -> &str {
    let Some(scheme_end) = url.find("://") else {
        return "";
    };
    let rest = &url[scheme_end + 3..];
    let end = rest
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + 3 + i);
    &url[..end]
}

/// ZITADEL appends the error id to its messages: `"... doesn't exist (COMMAND-Hd9sd)"`.
fn id_from_message(message: &str) -> Option<String> {
    let inner = message.strip_suffix(')')?;
    let start = inner.rfind(" (")?;
    let id = &inner[start + 2..];
    let looks_like_id = id.contains('-')
        && !id.contains(' ')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    looks_like_id.then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port() {
        for (url, origin) in [
            (
                "https://id.example.com/auth/v1/users/me",
                "https://id.example.com",
            ),
            ("http://127.0.0.1:8080/x?y#z", "http://127.0.0.1:8080"),
            ("https://id.example.com", "https://id.example.com"),
            ("https://a.example?q=1", "https://a.example"),
            ("/auth/v1/users/me", ""),
        ] {
            assert_eq!(origin_of(url), origin, "{url}");
        }
        let blocked = ApiError::blocked_by_page_policy("https://id.example.com");
        assert!(blocked.is_blocked_by_page_policy());
        assert_eq!(blocked.kind(), ErrorKind::Network);
        assert!(!ApiError::Network("Failed to fetch".into()).is_blocked_by_page_policy());
    }

    #[test]
    fn status_body_with_details_gives_code_message_and_id() {
        let body = br#"{"code":5,"message":"Multifactor OTP (OneTimePassword) doesn't exist (COMMAND-Hd9sd)",
            "details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"COMMAND-Hd9sd",
            "message":"Multifactor OTP (OneTimePassword) doesn't exist"}]}"#;
        assert_eq!(
            ApiError::from_response(404, body),
            ApiError::Status {
                status: 404,
                code: 5,
                message: "Multifactor OTP (OneTimePassword) doesn't exist (COMMAND-Hd9sd)".into(),
                id: Some("COMMAND-Hd9sd".into()),
            }
        );
    }

    #[test]
    fn raw_message_without_details_takes_the_id_from_its_suffix() {
        let body = br#"{"code":16,"message":"Errors.Token.Invalid (AUTH-7fs1e)"}"#;
        let err = ApiError::from_response(401, body);
        assert!(
            matches!(err, ApiError::Status { code: 16, id: Some(ref id), .. } if id == "AUTH-7fs1e")
        );
    }

    #[test]
    fn missing_header_message_has_no_id() {
        let err = ApiError::from_response(401, br#"{"code":16,"message":"auth header missing"}"#);
        assert!(matches!(
            err,
            ApiError::Status {
                status: 401,
                id: None,
                ..
            }
        ));
    }

    #[test]
    fn html_and_empty_bodies_are_unexpected_with_their_status() {
        let html = b"<html><body>502 Bad Gateway</body></html>";
        assert_eq!(
            ApiError::from_response(502, html),
            ApiError::UnexpectedBody { status: 502 }
        );
        assert_eq!(
            ApiError::from_response(500, b""),
            ApiError::UnexpectedBody { status: 500 }
        );
        assert_eq!(
            ApiError::from_response(500, b"{}"),
            ApiError::UnexpectedBody { status: 500 }
        );
        assert_eq!(
            ApiError::UnexpectedBody { status: 502 }.to_string(),
            "unexpected answer from the server (status 502)"
        );
    }

    #[test]
    fn kinds_follow_status_and_grpc_code() {
        let status = |status, code| ApiError::Status {
            status,
            code,
            message: String::new(),
            id: None,
        };
        assert_eq!(status(401, 16).kind(), ErrorKind::Unauthenticated);
        assert_eq!(status(403, 7).kind(), ErrorKind::PermissionDenied);
        assert_eq!(status(404, 5).kind(), ErrorKind::NotFound);
        assert_eq!(status(429, 8).kind(), ErrorKind::RateLimited);
        assert_eq!(status(400, 3).kind(), ErrorKind::InvalidInput);
        assert_eq!(status(409, 6).kind(), ErrorKind::Conflict);
        assert_eq!(status(500, 13).kind(), ErrorKind::Server);
        assert_eq!(status(503, 14).kind(), ErrorKind::Server);
        assert_eq!(
            ApiError::UnexpectedBody { status: 502 }.kind(),
            ErrorKind::UnexpectedBody
        );
        assert_eq!(ApiError::Timeout.kind(), ErrorKind::Timeout);
        assert_eq!(ApiError::Network("x".into()).kind(), ErrorKind::Network);
    }

    #[test]
    fn only_network_failures_timeouts_and_gateway_errors_are_transient() {
        assert!(ApiError::Network("reset".into()).is_transient());
        assert!(ApiError::Timeout.is_transient());
        assert!(ApiError::UnexpectedBody { status: 502 }.is_transient());
        assert!(
            ApiError::from_response(503, br#"{"code":14,"message":"unavailable"}"#).is_transient()
        );
        assert!(ApiError::from_response(504, b"").is_transient());
        assert!(!ApiError::from_response(500, br#"{"code":13,"message":"x"}"#).is_transient());
        assert!(!ApiError::from_response(404, br#"{"code":5,"message":"x"}"#).is_transient());
        assert!(!ApiError::InvalidInput("x".into()).is_transient());
    }

    #[test]
    fn an_origin_refusal_is_told_apart_from_a_missing_permission() {
        let by_id = ApiError::from_response(403, br#"{"code":7,"message":"x (AUTH-DZG21)"}"#);
        let by_key =
            ApiError::from_response(403, br#"{"code":7,"message":"Errors.OriginNotAllowed"}"#);
        let permission = ApiError::from_response(
            403,
            br#"{"code":7,"message":"No matching permissions found (AUTH-5mWD2)"}"#,
        );
        assert!(by_id.is_origin_refused() && by_key.is_origin_refused());
        assert!(!permission.is_origin_refused());
        assert!(permission.is_missing_permission());
        assert!(!by_id.is_missing_permission() && !by_key.is_missing_permission());
    }

    #[test]
    fn zitadel_ids_decide_where_the_status_misleads() {
        // internal/api/authz/permissions.go: no membership is a NotFound (404).
        let membership = ApiError::from_response(
            404,
            br#"{"code":5,"message":"membership not found (AUTHZ-cdgFk)"}"#,
        );
        assert_eq!(membership.kind(), ErrorKind::PermissionDenied);
        assert!(membership.is_missing_permission() && membership.is_no_membership());
        // token_verifier.go: a token without MFA where MFA is forced.
        let mfa =
            ApiError::from_response(403, br#"{"code":7,"message":"mfa required (AUTHZ-Kl3p0)"}"#);
        assert_eq!(mfa.kind(), ErrorKind::MfaRequired);
        assert!(!mfa.is_missing_permission());
        let factor = ApiError::from_response(
            404,
            br#"{"code":5,"message":"WebAuthN Token could not be found (COMMAND-DAfb2)"}"#,
        );
        assert_eq!(factor.kind(), ErrorKind::NotFound);
    }

    #[test]
    fn parenthesised_words_are_not_taken_for_an_id() {
        assert_eq!(id_from_message("Multifactor OTP (OneTimePassword)"), None);
        assert_eq!(id_from_message("no id here"), None);
    }

    /// The event's `kind` is the README's names, which were the Debug names.
    #[test]
    fn kind_names_are_the_documented_ones() {
        use ErrorKind::*;
        for kind in [
            Unauthenticated,
            PermissionDenied,
            MfaRequired,
            NotFound,
            RateLimited,
            InvalidInput,
            Conflict,
            Server,
            UnexpectedBody,
            Network,
            Timeout,
            NoToken,
        ] {
            assert_eq!(kind.name(), format!("{kind:?}"));
        }
    }
}
