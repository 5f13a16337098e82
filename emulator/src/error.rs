//! ZITADEL's error answers: a `google.rpc.Status` JSON body with the matching HTTP status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::Removal;

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

    /// Raised before translation, so the message is the raw key.
    pub fn token_invalid() -> Self {
        Self::new(16, "Errors.Token.Invalid", "AUTH-7fs1e")
    }

    /// The token's app does not allow the request's `Origin` (raw key, as ZITADEL sends it).
    pub fn origin_not_allowed() -> Self {
        Self::new(7, "Errors.OriginNotAllowed", "AUTH-DZG21")
    }

    /// The caller lacks a permission in the organization it acts in.
    pub fn permission_denied() -> Self {
        Self::new(7, "No matching permissions found", "AUTH-5mWD2")
    }

    pub fn user_not_found() -> Self {
        Self::new(5, "User could not be found", "QUERY-Dfbg2")
    }

    pub fn org_not_found() -> Self {
        Self::new(5, "Organisation not found", "QUERY-iTTGJ")
    }

    /// The factor a removal names is not (or no longer) there, with the id of the
    /// command that raised it in ZITADEL.
    pub fn factor_not_found(removal: &Removal) -> Self {
        const OTP: &str = "Multifactor OTP (OneTimePassword) doesn't exist";
        match removal {
            Removal::Totp => Self::new(5, OTP, "COMMAND-Hd9sd"),
            Removal::OtpSms => Self::new(5, OTP, "COMMAND-Sr3h3"),
            Removal::OtpEmail => Self::new(5, OTP, "COMMAND-b312D"),
            Removal::U2f(_) | Removal::Passkey(_) => {
                Self::new(5, "WebAuthN Token not found", "COMMAND-DAfb2")
            }
        }
    }

    /// `Errors.Org.LoginPolicy.MFA.NotExisting`: the policy does not hold that type.
    pub fn policy_factor_not_found() -> Self {
        Self::new(5, "Multifactor doesn't exist", "Org-3M9od")
    }

    /// A second- or multi-factor type that is unspecified or not a known name or number.
    pub fn invalid_factor_type() -> Self {
        Self::new(3, "Multifactor invalid", "Org-5M9ds")
    }

    /// grpc-gateway's answer to a path no method is bound to.
    pub fn route_not_found() -> Self {
        ZitadelError {
            code: 5,
            message: "Not Found".into(),
            id: None,
        }
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
