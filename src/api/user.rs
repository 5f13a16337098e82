//! Who the factors belong to (v1 and v2 user shapes), and the v2 authentication
//! method types: the only answer that says whether a password or an IdP is set.

use serde::Deserialize;

use super::wire::decode_object;
use super::ApiError;

/// The user whose factors are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserInfo {
    pub id: String,
    pub display_name: Option<String>,
    /// The preferred login name, else the user name.
    pub login_name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WireUser {
    id: String,
    user_id: String,
    user_name: String,
    username: String,
    preferred_login_name: String,
    human: WireHuman,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireHuman {
    profile: WireProfile,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WireProfile {
    display_name: String,
}

#[derive(Deserialize)]
struct UserAnswer {
    #[serde(default)]
    user: WireUser,
}

fn first_non_empty(options: [String; 2]) -> Option<String> {
    options.into_iter().find(|s| !s.is_empty())
}

/// Decodes `{"user": {...}}` in the v1 (`id`, `userName`) or v2 (`userId`, `username`) shape.
pub fn decode_user(status: u16, body: &[u8]) -> Result<UserInfo, ApiError> {
    let user = decode_object::<UserAnswer>(status, body)?.user;
    Ok(UserInfo {
        id: first_non_empty([user.id, user.user_id]).unwrap_or_default(),
        display_name: first_non_empty([user.human.profile.display_name, String::new()]),
        login_name: first_non_empty([
            user.preferred_login_name,
            first_non_empty([user.user_name, user.username]).unwrap_or_default(),
        ]),
    })
}

/// `AuthenticationMethodType`; names the widget does not know decode as `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum AuthMethodType {
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_UNSPECIFIED")]
    Unspecified,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_PASSWORD")]
    Password,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_PASSKEY")]
    Passkey,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_IDP")]
    Idp,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_TOTP")]
    Totp,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_U2F")]
    U2f,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_OTP_SMS")]
    OtpSms,
    #[serde(rename = "AUTHENTICATION_METHOD_TYPE_OTP_EMAIL")]
    OtpEmail,
    #[serde(other)]
    Unknown,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MethodsAnswer {
    #[serde(default)]
    auth_method_types: Vec<AuthMethodType>,
}

/// Decodes `authentication_methods`: `{details, authMethodTypes: [...]}`.
pub fn decode_auth_method_types(status: u16, body: &[u8]) -> Result<Vec<AuthMethodType>, ApiError> {
    decode_object::<MethodsAnswer>(status, body).map(|a| a.auth_method_types)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_user_decodes() {
        let body = br#"{"user":{"id":"1","userName":"alice","preferredLoginName":"alice@acme.example.com",
            "human":{"profile":{"displayName":"Alice Adams"}}},"lastLogin":"2025-10-01T12:00:00Z"}"#;
        assert_eq!(
            decode_user(200, body).unwrap(),
            UserInfo {
                id: "1".into(),
                display_name: Some("Alice Adams".into()),
                login_name: Some("alice@acme.example.com".into()),
            }
        );
    }

    #[test]
    fn v2_user_decodes_and_falls_back_to_the_user_name() {
        let body =
            br#"{"details":{},"user":{"userId":"2","username":"gina","human":{"profile":{}}}}"#;
        let user = decode_user(200, body).unwrap();
        assert_eq!(user.id, "2");
        assert_eq!(user.display_name, None);
        assert_eq!(user.login_name.as_deref(), Some("gina"));
        assert_eq!(decode_user(200, b"{}").unwrap(), UserInfo::default());
    }

    #[test]
    fn auth_method_types_decode_with_unknowns() {
        let body = br#"{"details":{"totalResult":"3"},"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSWORD",
            "AUTHENTICATION_METHOD_TYPE_IDP","AUTHENTICATION_METHOD_TYPE_RETINA"]}"#;
        assert_eq!(
            decode_auth_method_types(200, body).unwrap(),
            [
                AuthMethodType::Password,
                AuthMethodType::Idp,
                AuthMethodType::Unknown
            ]
        );
        assert_eq!(
            decode_auth_method_types(200, br#"{"details":{}}"#).unwrap(),
            []
        );
    }
}
