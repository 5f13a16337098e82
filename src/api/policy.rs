//! The login policy (the fields that decide lockout) and the organization's allowed
//! second- and multi-factor types.

use serde::Deserialize;

use super::wire::decode_object;
use super::ApiError;

/// `SecondFactorType`; names the widget does not know decode as `Unknown`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
pub enum SecondFactorType {
    #[default]
    #[serde(rename = "SECOND_FACTOR_TYPE_UNSPECIFIED")]
    Unspecified,
    /// An authenticator app (TOTP).
    #[serde(rename = "SECOND_FACTOR_TYPE_OTP")]
    Otp,
    #[serde(rename = "SECOND_FACTOR_TYPE_U2F")]
    U2f,
    #[serde(rename = "SECOND_FACTOR_TYPE_OTP_EMAIL")]
    OtpEmail,
    #[serde(rename = "SECOND_FACTOR_TYPE_OTP_SMS")]
    OtpSms,
    #[serde(other)]
    Unknown,
}

impl SecondFactorType {
    /// The enum name for a path, for the types that can be named.
    pub fn wire_name(self) -> Option<&'static str> {
        match self {
            SecondFactorType::Otp => Some("SECOND_FACTOR_TYPE_OTP"),
            SecondFactorType::U2f => Some("SECOND_FACTOR_TYPE_U2F"),
            SecondFactorType::OtpEmail => Some("SECOND_FACTOR_TYPE_OTP_EMAIL"),
            SecondFactorType::OtpSms => Some("SECOND_FACTOR_TYPE_OTP_SMS"),
            SecondFactorType::Unspecified | SecondFactorType::Unknown => None,
        }
    }
}

/// `MultiFactorType`; names the widget does not know decode as `Unknown`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
pub enum MultiFactorType {
    #[default]
    #[serde(rename = "MULTI_FACTOR_TYPE_UNSPECIFIED")]
    Unspecified,
    /// Passkeys (U2F with user verification).
    #[serde(rename = "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION")]
    U2fWithVerification,
    #[serde(other)]
    Unknown,
}

impl MultiFactorType {
    pub fn wire_name(self) -> Option<&'static str> {
        match self {
            MultiFactorType::U2fWithVerification => Some("MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"),
            MultiFactorType::Unspecified | MultiFactorType::Unknown => None,
        }
    }
}

/// `PasswordlessType`: whether passkeys may be used to sign in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum PasswordlessType {
    #[default]
    #[serde(rename = "PASSWORDLESS_TYPE_NOT_ALLOWED")]
    NotAllowed,
    #[serde(rename = "PASSWORDLESS_TYPE_ALLOWED")]
    Allowed,
    #[serde(other)]
    Unknown,
}

/// An identity provider the policy offers at sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IdpLink {
    pub idp_id: String,
    pub idp_name: String,
}

/// The login policy fields that decide whether a removal can lock someone out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoginPolicy {
    pub allow_username_password: bool,
    pub allow_external_idp: bool,
    pub force_mfa: bool,
    pub force_mfa_local_only: bool,
    pub passwordless_type: PasswordlessType,
    pub second_factors: Vec<SecondFactorType>,
    pub multi_factors: Vec<MultiFactorType>,
    pub idps: Vec<IdpLink>,
    /// Whether the organization uses the instance's default policy.
    pub is_default: bool,
}

#[derive(Deserialize)]
struct PolicyAnswer {
    #[serde(default)]
    policy: LoginPolicy,
    /// Management v1 repeats `isDefault` next to the policy (deprecated there).
    #[serde(default, rename = "isDefault")]
    is_default: bool,
}

/// Decodes `{"policy": {...}}` (Auth v1) or `{"policy": {...}, "isDefault": ...}`
/// (Management v1).
pub fn decode_login_policy(status: u16, body: &[u8]) -> Result<LoginPolicy, ApiError> {
    let answer: PolicyAnswer = decode_object(status, body)?;
    let mut policy = answer.policy;
    policy.is_default |= answer.is_default;
    Ok(policy)
}

#[derive(Deserialize)]
struct TypeList<T> {
    #[serde(default = "Vec::new")]
    result: Vec<T>,
}

/// Decodes `second_factors/_search`: `{details, result: ["SECOND_FACTOR_TYPE_OTP", ...]}`.
pub fn decode_second_factor_types(
    status: u16,
    body: &[u8],
) -> Result<Vec<SecondFactorType>, ApiError> {
    decode_object::<TypeList<SecondFactorType>>(status, body).map(|l| l.result)
}

/// Decodes the multi-factor list (`auth_factors/_search` of the policy).
pub fn decode_multi_factor_types(
    status: u16,
    body: &[u8],
) -> Result<Vec<MultiFactorType>, ApiError> {
    decode_object::<TypeList<MultiFactorType>>(status, body).map(|l| l.result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_policy_decodes() {
        let body = br#"{"policy":{"allowUsernamePassword":true,"forceMfa":true,"forceMfaLocalOnly":false,
            "passwordlessType":"PASSWORDLESS_TYPE_ALLOWED","secondFactors":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_U2F"],
            "multiFactors":["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"],"allowExternalIdp":true,
            "idps":[{"idpId":"1","idpName":"Google","idpType":"IDP_TYPE_OIDC"}],
            "secondFactorCheckLifetime":"64800s","isDefault":true,"details":{"sequence":"3"}}}"#;
        let policy = decode_login_policy(200, body).unwrap();
        assert!(policy.allow_username_password && policy.force_mfa && policy.allow_external_idp);
        assert_eq!(policy.passwordless_type, PasswordlessType::Allowed);
        assert_eq!(
            policy.second_factors,
            [SecondFactorType::Otp, SecondFactorType::U2f]
        );
        assert_eq!(policy.multi_factors, [MultiFactorType::U2fWithVerification]);
        assert_eq!(policy.idps[0].idp_name, "Google");
        assert!(policy.is_default);
    }

    #[test]
    fn omitted_fields_are_defaults() {
        let policy = decode_login_policy(200, br#"{"policy":{}}"#).unwrap();
        assert_eq!(policy, LoginPolicy::default());
        assert!(!policy.allow_username_password);
        assert_eq!(policy.passwordless_type, PasswordlessType::NotAllowed);
        assert_eq!(
            decode_login_policy(200, b"{}").unwrap(),
            LoginPolicy::default()
        );
    }

    #[test]
    fn management_is_default_beside_the_policy_counts() {
        let policy =
            decode_login_policy(200, br#"{"policy":{"forceMfa":true},"isDefault":true}"#).unwrap();
        assert!(policy.is_default);
    }

    #[test]
    fn unknown_enum_names_are_tolerated() {
        let body = br#"{"policy":{"passwordlessType":"PASSWORDLESS_TYPE_MAYBE",
            "secondFactors":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_QUANTUM"]}}"#;
        let policy = decode_login_policy(200, body).unwrap();
        assert_eq!(policy.passwordless_type, PasswordlessType::Unknown);
        assert_eq!(
            policy.second_factors,
            [SecondFactorType::Otp, SecondFactorType::Unknown]
        );
    }

    #[test]
    fn type_lists_decode_with_and_without_results() {
        let body = br#"{"details":{"totalResult":"2","viewTimestamp":"2025-10-01T12:00:00Z"},
            "result":["SECOND_FACTOR_TYPE_OTP_SMS","SECOND_FACTOR_TYPE_OTP_EMAIL"]}"#;
        assert_eq!(
            decode_second_factor_types(200, body).unwrap(),
            [SecondFactorType::OtpSms, SecondFactorType::OtpEmail]
        );
        assert_eq!(
            decode_second_factor_types(200, br#"{"details":{}}"#).unwrap(),
            []
        );
        let multi = decode_multi_factor_types(
            200,
            br#"{"result":["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"]}"#,
        );
        assert_eq!(multi.unwrap(), [MultiFactorType::U2fWithVerification]);
    }

    #[test]
    fn wire_names_round_trip() {
        for kind in [
            SecondFactorType::Otp,
            SecondFactorType::U2f,
            SecondFactorType::OtpEmail,
            SecondFactorType::OtpSms,
        ] {
            let json = format!(r#"{{"result":["{}"]}}"#, kind.wire_name().unwrap());
            assert_eq!(
                decode_second_factor_types(200, json.as_bytes()).unwrap(),
                [kind]
            );
        }
        assert_eq!(SecondFactorType::Unknown.wire_name(), None);
    }
}
