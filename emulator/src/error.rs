//! ZITADEL's error answers: a `google.rpc.Status` JSON body with the matching HTTP status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error as ZITADEL sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZitadelError {
    /// gRPC code.
    pub code: i32,
    /// The message key or text, without the ` (ID)` suffix.
    pub message: String,
    /// ZITADEL's error id; `None` for errors raised before ZITADEL's own handlers.
    pub id: Option<&'static str>,
}

impl ZitadelError {
    pub fn new(code: i32, message: impl Into<String>, id: &'static str) -> Self {
        ZitadelError {
            code,
            message: message.into(),
            id: Some(id),
        }
    }

    /// No `Authorization` header at all: the gateway's bare answer.
    pub fn auth_header_missing() -> Self {
        ZitadelError {
            code: 16,
            message: "auth header missing".into(),
            id: None,
        }
    }

    pub fn token_invalid() -> Self {
        Self::new(16, "Errors.Token.Invalid", "AUTH-7fs1e")
    }

    /// The HTTP status grpc-gateway maps the gRPC code to.
    pub fn http_status(&self) -> StatusCode {
        match self.code {
            3 | 9 | 11 => StatusCode::BAD_REQUEST,
            4 => StatusCode::GATEWAY_TIMEOUT,
            5 => StatusCode::NOT_FOUND,
            6 | 10 => StatusCode::CONFLICT,
            7 => StatusCode::FORBIDDEN,
            8 => StatusCode::TOO_MANY_REQUESTS,
            12 => StatusCode::NOT_IMPLEMENTED,
            14 => StatusCode::SERVICE_UNAVAILABLE,
            16 => StatusCode::UNAUTHORIZED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> serde_json::Value {
        match self.id {
            Some(id) => json!({
                "code": self.code,
                "message": format!("{} ({id})", self.message),
                "details": [{
                    "@type": "type.googleapis.com/zitadel.v1.ErrorDetail",
                    "id": id,
                    "message": self.message,
                }],
            }),
            None => json!({"code": self.code, "message": self.message}),
        }
    }
}

impl IntoResponse for ZitadelError {
    fn into_response(self) -> Response {
        let status = self.http_status();
        let mut response = (status, Json(self.body())).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_carries_the_id_in_the_message_and_in_details() {
        let body = ZitadelError::new(5, "Errors.User.NotFound", "COMMAND-x").body();
        assert_eq!(body["message"], "Errors.User.NotFound (COMMAND-x)");
        assert_eq!(body["details"][0]["id"], "COMMAND-x");
    }

    #[test]
    fn missing_header_has_no_details() {
        let err = ZitadelError::auth_header_missing();
        assert_eq!(
            err.body(),
            json!({"code": 16, "message": "auth header missing"})
        );
        assert_eq!(err.http_status(), StatusCode::UNAUTHORIZED);
    }
}
