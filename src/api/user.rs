//! Who the factors belong to (v1 and v2 user shapes), and the v2 authentication
//! method types: the only answer that says whether a password or an IdP is set.

use super::wire::{decode_object, Json, Read};
use super::ApiError;

/// The user whose factors are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserInfo {
    pub id: String,
    pub display_name: Option<String>,
    /// The preferred login name, else the user name.
    pub login_name: Option<String>,
    /// The organization the user belongs to (`details.resourceOwner`): its login policy
    /// is the one that signs the user in.
    pub org_id: Option<String>,
    /// Whether phone and email are verified (Login V2 offers SMS and email codes for
    /// set-up only then).
    pub contact: Contact,
}

/// Whether the user's phone and email are verified: v1 `isPhoneVerified` /
/// `isEmailVerified`, v2 `isVerified` (`proto/zitadel/user.proto`,
/// `proto/zitadel/user/v2/phone.proto`, `email.proto`). Absent is not verified, as
/// Login V2 reads it (`humanUser?.phone?.isVerified ?? false`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    pub phone_verified: bool,
    pub email_verified: bool,
}

fn verified(human: Option<&Json>, key: &str, v1_flag: &str) -> Read<bool> {
    let Some(part) = human.map(|h| h.member(key)).transpose()?.flatten() else {
        return Ok(false);
    };
    Ok(part.flag(v1_flag)? || part.flag("isVerified")?)
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn first_non_empty(options: [String; 2]) -> Option<String> {
    options.into_iter().find(|s| !s.is_empty())
}

impl UserInfo {
    /// v1 (`id`, `userName`) or v2 (`userId`, `username`) shape.
    fn read(user: &Json) -> Read<Self> {
        let human = user.member("human")?;
        let display_name = match &human {
            Some(human) => match human.member("profile")? {
                Some(profile) => profile.text("displayName")?,
                None => String::new(),
            },
            None => String::new(),
        };
        let org_id = match user.member("details")? {
            Some(details) => non_empty(details.text("resourceOwner")?),
            None => None,
        };
        let contact = Contact {
            phone_verified: verified(human.as_ref(), "phone", "isPhoneVerified")?,
            email_verified: verified(human.as_ref(), "email", "isEmailVerified")?,
        };
        let user_name = first_non_empty([user.text("userName")?, user.text("username")?]);
        Ok(UserInfo {
            id: first_non_empty([user.text("id")?, user.text("userId")?]).unwrap_or_default(),
            display_name: first_non_empty([display_name, String::new()]),
            login_name: first_non_empty([
                user.text("preferredLoginName")?,
                user_name.unwrap_or_default(),
            ]),
            org_id,
            contact,
        })
    }
}

/// Decodes `{"user": {...}}` in the v1 (`id`, `userName`) or v2 (`userId`, `username`) shape.
pub fn decode_user(status: u16, body: &[u8]) -> Result<UserInfo, ApiError> {
    decode_object(status, body, |answer| match answer.member("user")? {
        Some(user) => UserInfo::read(&user),
        None => Ok(UserInfo::default()),
    })
}

/// `AuthenticationMethodType`; names the widget does not know decode as `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthMethodType {
    Unspecified,
    Password,
    Passkey,
    Idp,
    Totp,
    U2f,
    OtpSms,
    OtpEmail,
    Unknown,
}

impl AuthMethodType {
    fn from_wire(name: &str) -> Self {
        let known = name.strip_prefix("AUTHENTICATION_METHOD_TYPE_");
        match known.unwrap_or_default() {
            "UNSPECIFIED" => AuthMethodType::Unspecified,
            "PASSWORD" => AuthMethodType::Password,
            "PASSKEY" => AuthMethodType::Passkey,
            "IDP" => AuthMethodType::Idp,
            "TOTP" => AuthMethodType::Totp,
            "U2F" => AuthMethodType::U2f,
            "OTP_SMS" => AuthMethodType::OtpSms,
            "OTP_EMAIL" => AuthMethodType::OtpEmail,
            _ => AuthMethodType::Unknown,
        }
    }
}

/// Decodes `authentication_methods`: `{details, authMethodTypes: [...]}`.
pub fn decode_auth_method_types(status: u16, body: &[u8]) -> Result<Vec<AuthMethodType>, ApiError> {
    decode_object(status, body, |answer| answer.texts("authMethodTypes"))
        .map(|names| names.iter().map(|n| AuthMethodType::from_wire(n)).collect())
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
                org_id: None,
                contact: Contact::default(),
            }
        );
    }

    #[test]
    fn the_organization_and_verified_contacts_are_read_in_both_shapes() {
        let v1 = br#"{"user":{"id":"1","details":{"resourceOwner":"o1"},"human":{
            "email":{"email":"a@example.com","isEmailVerified":true},
            "phone":{"phone":"+41","isPhoneVerified":false}}}}"#;
        let user = decode_user(200, v1).unwrap();
        assert_eq!(user.org_id.as_deref(), Some("o1"));
        assert_eq!(
            user.contact,
            Contact {
                phone_verified: false,
                email_verified: true
            }
        );
        let v2 = br#"{"details":{"resourceOwner":"o2"},"user":{"userId":"2","details":{"resourceOwner":"o2"},
            "human":{"phone":{"phone":"+41","isVerified":true},"email":{"email":"g@example.com"}}}}"#;
        let user = decode_user(200, v2).unwrap();
        assert_eq!(user.org_id.as_deref(), Some("o2"));
        assert_eq!(
            user.contact,
            Contact {
                phone_verified: true,
                email_verified: false
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
