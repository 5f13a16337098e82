//! The login policy (the fields that decide lockout) and the organization's allowed
//! second- and multi-factor types.
//!
//! All of it is read through one decoder, [`PolicyCopy`], which keeps every value as
//! ZITADEL sent it; the typed view here is computed from it. Enum names are matched by
//! hand rather than by derived visitors: that keeps one decoder in the wasm, not two.

use super::custom_policy::PolicyCopy;
use super::wire::decode_object;
use super::ApiError;

/// `SecondFactorType`; names the widget does not know read as `Unknown`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SecondFactorType {
    #[default]
    Unspecified,
    /// An authenticator app (TOTP).
    Otp,
    U2f,
    OtpEmail,
    OtpSms,
    Unknown,
}

impl SecondFactorType {
    const NAMED: [SecondFactorType; 5] = [
        SecondFactorType::Unspecified,
        SecondFactorType::Otp,
        SecondFactorType::U2f,
        SecondFactorType::OtpEmail,
        SecondFactorType::OtpSms,
    ];

    /// The enum name, for the types that have one.
    pub fn wire_name(self) -> Option<&'static str> {
        match self {
            SecondFactorType::Unspecified => Some("SECOND_FACTOR_TYPE_UNSPECIFIED"),
            SecondFactorType::Otp => Some("SECOND_FACTOR_TYPE_OTP"),
            SecondFactorType::U2f => Some("SECOND_FACTOR_TYPE_U2F"),
            SecondFactorType::OtpEmail => Some("SECOND_FACTOR_TYPE_OTP_EMAIL"),
            SecondFactorType::OtpSms => Some("SECOND_FACTOR_TYPE_OTP_SMS"),
            SecondFactorType::Unknown => None,
        }
    }

    /// The name a removal can send: not the zero value, which ZITADEL refuses.
    pub fn removable_name(self) -> Option<&'static str> {
        self.wire_name()
            .filter(|_| self != SecondFactorType::Unspecified)
    }

    pub fn from_wire(name: &str) -> Self {
        Self::NAMED
            .into_iter()
            .find(|t| t.wire_name() == Some(name))
            .unwrap_or(SecondFactorType::Unknown)
    }
}

/// `MultiFactorType`; names the widget does not know read as `Unknown`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MultiFactorType {
    #[default]
    Unspecified,
    /// Passkeys (U2F with user verification).
    U2fWithVerification,
    Unknown,
}

impl MultiFactorType {
    pub fn wire_name(self) -> Option<&'static str> {
        match self {
            MultiFactorType::Unspecified => Some("MULTI_FACTOR_TYPE_UNSPECIFIED"),
            MultiFactorType::U2fWithVerification => Some("MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"),
            MultiFactorType::Unknown => None,
        }
    }

    /// The name a removal can send: not the zero value, which ZITADEL refuses.
    pub fn removable_name(self) -> Option<&'static str> {
        self.wire_name()
            .filter(|_| self != MultiFactorType::Unspecified)
    }

    pub fn from_wire(name: &str) -> Self {
        [
            MultiFactorType::Unspecified,
            MultiFactorType::U2fWithVerification,
        ]
        .into_iter()
        .find(|t| t.wire_name() == Some(name))
        .unwrap_or(MultiFactorType::Unknown)
    }
}

/// `PasswordlessType`: whether passkeys may be used to sign in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PasswordlessType {
    #[default]
    NotAllowed,
    Allowed,
    Unknown,
}

impl PasswordlessType {
    /// An omitted value is the zero value, `NOT_ALLOWED`.
    pub fn from_wire(name: Option<&str>) -> Self {
        match name {
            None | Some("PASSWORDLESS_TYPE_NOT_ALLOWED") => PasswordlessType::NotAllowed,
            Some("PASSWORDLESS_TYPE_ALLOWED") => PasswordlessType::Allowed,
            Some(_) => PasswordlessType::Unknown,
        }
    }
}

/// An identity provider the login policy lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyIdp {
    pub id: String,
    pub name: String,
}

/// The login policy fields that decide whether a removal can lock someone out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoginPolicy {
    pub allow_username_password: bool,
    pub allow_external_idp: bool,
    pub force_mfa: bool,
    pub force_mfa_local_only: bool,
    pub passwordless_type: PasswordlessType,
    pub second_factors: Vec<SecondFactorType>,
    pub multi_factors: Vec<MultiFactorType>,
    /// The identity providers the login offers (hosted login v1 signs in only through
    /// these: `checkForAllowedIDPs` in
    /// `internal/auth/repository/eventsourcing/eventstore/auth_request.go`).
    pub idps: Vec<PolicyIdp>,
    /// Whether the organization uses the instance's default policy.
    pub is_default: bool,
    /// Every value as ZITADEL sent it, for AddCustomLoginPolicy.
    pub copy: PolicyCopy,
}

impl LoginPolicy {
    fn from_copy(copy: PolicyCopy) -> Self {
        LoginPolicy {
            allow_username_password: copy.allow_username_password,
            allow_external_idp: copy.allow_external_idp,
            force_mfa: copy.force_mfa,
            force_mfa_local_only: copy.force_mfa_local_only,
            passwordless_type: PasswordlessType::from_wire(copy.passwordless_type.as_deref()),
            second_factors: copy
                .second_factors
                .iter()
                .map(|n| SecondFactorType::from_wire(n))
                .collect(),
            multi_factors: copy
                .multi_factors
                .iter()
                .map(|n| MultiFactorType::from_wire(n))
                .collect(),
            idps: copy
                .idps
                .iter()
                .map(|idp| PolicyIdp {
                    id: idp.idp_id.clone(),
                    name: idp.idp_name.clone(),
                })
                .collect(),
            is_default: copy.is_default,
            copy,
        }
    }
}

/// Decodes `{"policy": {...}}` (Auth v1) or `{"policy": {...}, "isDefault": ...}`
/// (Management v1, where `isDefault` next to the policy is deprecated).
pub fn decode_login_policy(status: u16, body: &[u8]) -> Result<LoginPolicy, ApiError> {
    decode_object(status, body, |answer| {
        let copy = match answer.member("policy")? {
            Some(policy) => PolicyCopy::read(&policy)?,
            None => PolicyCopy::default(),
        };
        let mut policy = LoginPolicy::from_copy(copy);
        policy.is_default |= answer.flag("isDefault")?;
        Ok(policy)
    })
}

/// Decodes `second_factors/_search`: `{details, result: ["SECOND_FACTOR_TYPE_OTP", ...]}`.
pub fn decode_second_factor_types(
    status: u16,
    body: &[u8],
) -> Result<Vec<SecondFactorType>, ApiError> {
    decode_object(status, body, |list| list.texts("result")).map(|names| {
        names
            .iter()
            .map(|n| SecondFactorType::from_wire(n))
            .collect()
    })
}

/// Decodes the multi-factor list (`auth_factors/_search` of the policy).
pub fn decode_multi_factor_types(
    status: u16,
    body: &[u8],
) -> Result<Vec<MultiFactorType>, ApiError> {
    decode_object(status, body, |list| list.texts("result")).map(|names| {
        names
            .iter()
            .map(|n| MultiFactorType::from_wire(n))
            .collect()
    })
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
        assert_eq!(SecondFactorType::Unspecified.removable_name(), None);
        assert_eq!(MultiFactorType::Unspecified.removable_name(), None);
        assert_eq!(
            MultiFactorType::from_wire("MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"),
            MultiFactorType::U2fWithVerification
        );
        assert_eq!(
            SecondFactorType::from_wire("SECOND_FACTOR_TYPE_UNSPECIFIED"),
            SecondFactorType::Unspecified
        );
    }
}
