//! The error model: every way a call can fail, as owned plain data.

use serde::Deserialize;

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
    /// A caller-side mistake caught before any request was sent.
    #[error("{0}")]
    InvalidInput(String),
}

#[derive(Deserialize)]
struct RpcStatus {
    #[serde(default)]
    code: i32,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<ErrorDetail>,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    id: String,
}

impl ApiError {
    /// Turns an unsuccessful answer into a typed error, whatever its body holds.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<RpcStatus>(body) {
            Ok(rpc) if !rpc.message.is_empty() || rpc.code != 0 => {
                let id = rpc
                    .details
                    .into_iter()
                    .map(|d| d.id)
                    .find(|id| !id.is_empty())
                    .or_else(|| id_from_message(&rpc.message));
                ApiError::Status {
                    status,
                    code: rpc.code,
                    message: rpc.message,
                    id,
                }
            }
            _ => ApiError::UnexpectedBody { status },
        }
    }

    /// The HTTP status, when the server answered at all.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } | ApiError::UnexpectedBody { status } => Some(*status),
            ApiError::Network(_) | ApiError::InvalidInput(_) => None,
        }
    }
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
    fn parenthesised_words_are_not_taken_for_an_id() {
        assert_eq!(id_from_message("Multifactor OTP (OneTimePassword)"), None);
        assert_eq!(id_from_message("no id here"), None);
    }
}
