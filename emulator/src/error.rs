//! ZITADEL's error answers: a `google.rpc.Status` JSON body with the matching HTTP status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::Removal;

/// grpc-gateway's mapping of gRPC codes to HTTP statuses, first match per status being
/// the code an HTTP status stands for (see [`grpc_code_for`]); unlisted codes are 500.
const GRPC_TO_HTTP: [(i32, u16); 13] = [
    (3, 400),
    (9, 400),
    (11, 400),
    (16, 401),
    (7, 403),
    (5, 404),
    (6, 409),
    (10, 409),
    (8, 429),
    (13, 500),
    (12, 501),
    (14, 503),
    (4, 504),
];

/// The gRPC code an HTTP status stands for (2, Unknown, when none does).
pub fn grpc_code_for(status: StatusCode) -> i32 {
    GRPC_TO_HTTP
        .iter()
        .find(|(_, http)| *http == status.as_u16())
        .map_or(2, |(code, _)| *code)
}

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

    /// `Authorization` is not `Bearer <token>` (`internal/api/authz/context.go`).
    pub fn invalid_auth_header() -> Self {
        Self::new(16, "invalid auth header", "AUTH-toLo1")
    }

    /// `x-zitadel-orgid` names no organization (`internal/api/authz/context.go`).
    pub fn org_does_not_exist() -> Self {
        Self::new(7, "Organisation doesn't exist", "AUTH-Bs7Ds")
    }

    /// The token was issued without a second factor where MFA is forced
    /// (`internal/authz/repository/eventsourcing/eventstore/token_verifier.go`).
    pub fn mfa_required() -> Self {
        Self::new(7, "mfa required", "AUTHZ-Kl3p0")
    }

    /// The caller has no membership in the organization acted in
    /// (`internal/api/authz/permissions.go`, `getUserPermissions`).
    pub fn membership_not_found() -> Self {
        Self::new(5, "membership not found", "AUTHZ-cdgFk")
    }

    /// A membership without the permission, as the API interceptor says it
    /// (`internal/api/authz/authorization.go`, `checkUserPermissions`).
    pub fn permission_denied() -> Self {
        Self::new(7, "No matching permissions found", "AUTH-5mWD2")
    }

    /// The same, as the permission checks of the v2 services say it
    /// (`internal/api/authz/permissions.go`, `checkUserResourcePermissions`).
    pub fn permission_denied_v2() -> Self {
        Self::new(7, "No matching permissions found", "AUTH-AWfge")
    }

    pub fn user_not_found() -> Self {
        Self::new(5, "User could not be found", "QUERY-Dfbg2")
    }

    /// `removeUserIDPLink` (`internal/command/user_idp_link.go`): no such link.
    pub fn idp_link_not_found() -> Self {
        Self::new(5, "Errors.User.ExternalIDP.NotFound", "COMMAND-1M9xR")
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
                Self::new(5, "WebAuthN Token could not be found", "COMMAND-DAfb2")
            }
        }
    }

    /// `Errors.Org.LoginPolicy.MFA.NotExisting`: the organization's own settings do
    /// not hold that type (`internal/command/org_policy_login.go`).
    pub fn policy_factor_not_found(multi: bool) -> Self {
        let id = if multi { "Org-3M9df" } else { "Org-3M9od" };
        Self::new(5, "Multifactor not existing", id)
    }

    /// `…_UNSPECIFIED` in the path: `Errors.Org.LoginPolicy.MFA.Unspecified`.
    pub fn unspecified_factor_type(multi: bool) -> Self {
        let id = if multi { "Org-5m9fs" } else { "Org-55n8s" };
        Self::new(3, "Multifactor invalid", id)
    }

    /// A path value that is no name or number of the enum: grpc-gateway refuses it
    /// before any of ZITADEL's code (and before authentication) runs.
    pub fn enum_type_mismatch(parameter: &str, value: &str) -> Self {
        ZitadelError {
            code: 3,
            message: format!("type mismatch, parameter: {parameter}, error: {value} is not valid"),
            id: None,
        }
    }

    /// A body the gateway's protojson cannot read into the request message: 400 before
    /// any of ZITADEL's code (and before authentication) runs.
    pub fn body_syntax(detail: impl std::fmt::Display) -> Self {
        ZitadelError {
            code: 3,
            message: format!("proto: syntax error {detail}"),
            id: None,
        }
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
        GRPC_TO_HTTP
            .iter()
            .find(|(code, _)| *code == self.code)
            .and_then(|(_, http)| StatusCode::from_u16(*http).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
    fn both_directions_of_the_status_mapping_agree() {
        for (status, code) in [
            (400, 3),
            (401, 16),
            (403, 7),
            (404, 5),
            (409, 6),
            (429, 8),
            (500, 13),
            (501, 12),
            (503, 14),
            (504, 4),
            (418, 2),
        ] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(grpc_code_for(status), code, "{status}");
        }
        assert_eq!(
            ZitadelError::new(9, "x", "y").http_status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            ZitadelError::new(2, "x", "y").http_status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
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
