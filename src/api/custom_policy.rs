//! The body of AddCustomLoginPolicy, copied from the settings an organization follows.
//!
//! ZITADEL removes a factor type only from an organization's own login settings
//! (`internal/command/org_policy_login.go`: 404 `Org-3M9od` otherwise). An organization
//! on the instance's default gets its own with `POST /management/v1/policies/login`,
//! whose body (`AddCustomLoginPolicyRequest`, `proto/zitadel/management.proto`) is the
//! whole policy. One request, so no organization is ever left half-changed.

use super::wire::{Json, Read};
use super::ApiError;
use super::{MultiFactorType, SecondFactorType};

/// Every field `AddCustomLoginPolicyRequest` takes, as the GET answer (`LoginPolicy`,
/// `proto/zitadel/policy.proto`) had it. Enum names and durations are kept verbatim, so
/// a type or value this widget does not know survives the copy unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyCopy {
    pub(super) allow_username_password: bool,
    pub(super) allow_register: bool,
    pub(super) allow_external_idp: bool,
    pub(super) force_mfa: bool,
    pub(super) passwordless_type: Option<String>,
    pub(super) hide_password_reset: bool,
    pub(super) ignore_unknown_usernames: bool,
    pub(super) default_redirect_uri: String,
    pub(super) password_check_lifetime: Option<String>,
    pub(super) external_login_check_lifetime: Option<String>,
    pub(super) mfa_init_skip_lifetime: Option<String>,
    pub(super) second_factor_check_lifetime: Option<String>,
    pub(super) multi_factor_check_lifetime: Option<String>,
    pub(super) second_factors: Vec<String>,
    pub(super) multi_factors: Vec<String>,
    pub(super) idps: Vec<IdpRef>,
    pub(super) allow_domain_discovery: bool,
    pub(super) disable_login_with_email: bool,
    pub(super) disable_login_with_phone: bool,
    pub(super) force_mfa_local_only: bool,
    /// Read, never sent: whether these are the instance's default.
    pub(super) is_default: bool,
}

/// An IdP of the policy: the GET names it (`idpId`, `idpName`, `idpType`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdpRef {
    pub(super) idp_id: String,
    /// Shown in sentences ("with Google"); never sent back (AddCustomLoginPolicy takes
    /// the id and the owner type only).
    pub(super) idp_name: String,
}

impl PolicyCopy {
    /// Reads `LoginPolicy` (`proto/zitadel/policy.proto`) as ZITADEL sent it.
    pub(super) fn read(json: &Json) -> Read<Self> {
        Ok(PolicyCopy {
            allow_username_password: json.flag("allowUsernamePassword")?,
            allow_register: json.flag("allowRegister")?,
            allow_external_idp: json.flag("allowExternalIdp")?,
            force_mfa: json.flag("forceMfa")?,
            passwordless_type: json.opt_text("passwordlessType")?,
            hide_password_reset: json.flag("hidePasswordReset")?,
            ignore_unknown_usernames: json.flag("ignoreUnknownUsernames")?,
            default_redirect_uri: json.text("defaultRedirectUri")?,
            password_check_lifetime: json.opt_text("passwordCheckLifetime")?,
            external_login_check_lifetime: json.opt_text("externalLoginCheckLifetime")?,
            mfa_init_skip_lifetime: json.opt_text("mfaInitSkipLifetime")?,
            second_factor_check_lifetime: json.opt_text("secondFactorCheckLifetime")?,
            multi_factor_check_lifetime: json.opt_text("multiFactorCheckLifetime")?,
            second_factors: json.texts("secondFactors")?,
            multi_factors: json.texts("multiFactors")?,
            idps: json
                .objects("idps")?
                .iter()
                .map(|idp| {
                    Ok(IdpRef {
                        idp_id: idp.text("idpId")?,
                        idp_name: idp.text("idpName")?,
                    })
                })
                .collect::<Read<_>>()?,
            allow_domain_discovery: json.flag("allowDomainDiscovery")?,
            disable_login_with_email: json.flag("disableLoginWithEmail")?,
            disable_login_with_phone: json.flag("disableLoginWithPhone")?,
            force_mfa_local_only: json.flag("forceMfaLocalOnly")?,
            is_default: json.flag("isDefault")?,
        })
    }

    /// The request body: these settings without one second-factor type.
    pub fn without_second_factor(&self, kind: SecondFactorType) -> Result<String, ApiError> {
        let name = kind.removable_name().ok_or_else(unnamed)?;
        let mut copy = self.clone();
        copy.second_factors.retain(|k| k != name);
        Ok(copy.to_body())
    }

    /// The request body: these settings without one multi-factor type.
    pub fn without_multi_factor(&self, kind: MultiFactorType) -> Result<String, ApiError> {
        let name = kind.removable_name().ok_or_else(unnamed)?;
        let mut copy = self.clone();
        copy.multi_factors.retain(|k| k != name);
        Ok(copy.to_body())
    }

    /// The JSON body, written by hand: serde's serializer would cost ~10 KB of wasm
    /// for this one body. Absent values stay absent (their zero value in ZITADEL).
    fn to_body(&self) -> String {
        let mut body = JsonObject::default();
        body.bool("allowUsernamePassword", self.allow_username_password);
        body.bool("allowRegister", self.allow_register);
        body.bool("allowExternalIdp", self.allow_external_idp);
        body.bool("forceMfa", self.force_mfa);
        body.text("passwordlessType", self.passwordless_type.as_deref());
        body.bool("hidePasswordReset", self.hide_password_reset);
        body.bool("ignoreUnknownUsernames", self.ignore_unknown_usernames);
        body.text("defaultRedirectUri", Some(&self.default_redirect_uri));
        for (key, value) in [
            ("passwordCheckLifetime", &self.password_check_lifetime),
            (
                "externalLoginCheckLifetime",
                &self.external_login_check_lifetime,
            ),
            ("mfaInitSkipLifetime", &self.mfa_init_skip_lifetime),
            (
                "secondFactorCheckLifetime",
                &self.second_factor_check_lifetime,
            ),
            (
                "multiFactorCheckLifetime",
                &self.multi_factor_check_lifetime,
            ),
        ] {
            body.text(key, value.as_deref());
        }
        body.list(
            "secondFactors",
            self.second_factors.iter().map(|t| quoted(t)),
        );
        body.list("multiFactors", self.multi_factors.iter().map(|t| quoted(t)));
        // The instance's default can only list instance IdPs
        // (`internal/command/instance_policy_login.go`), so their owner is the system.
        body.list(
            "idps",
            self.idps.iter().map(|idp| {
                format!(
                    r#"{{"idpId":{},"ownerType":"IDP_OWNER_TYPE_SYSTEM"}}"#,
                    quoted(&idp.idp_id)
                )
            }),
        );
        body.bool("allowDomainDiscovery", self.allow_domain_discovery);
        body.bool("disableLoginWithEmail", self.disable_login_with_email);
        body.bool("disableLoginWithPhone", self.disable_login_with_phone);
        body.bool("forceMfaLocalOnly", self.force_mfa_local_only);
        body.done()
    }
}

/// A JSON object written member by member.
#[derive(Default)]
struct JsonObject(String);

impl JsonObject {
    fn member(&mut self, key: &str, value: &str) {
        self.0.push(if self.0.is_empty() { '{' } else { ',' });
        self.0.push_str(&quoted(key));
        self.0.push(':');
        self.0.push_str(value);
    }

    fn bool(&mut self, key: &str, value: bool) {
        self.member(key, if value { "true" } else { "false" });
    }

    fn text(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.member(key, &quoted(value));
        }
    }

    fn list(&mut self, key: &str, items: impl Iterator<Item = String>) {
        let items: Vec<String> = items.collect();
        self.member(key, &format!("[{}]", items.join(",")));
    }

    fn done(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// A JSON string (RFC 8259, section 7): quote, backslash and control characters escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn unnamed() -> ApiError {
    ApiError::InvalidInput("this type cannot be removed from here".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::decode_login_policy;
    use serde_json::{json, Value};

    /// A GET answer as ZITADEL sends it for an organization on the default settings.
    fn default_answer() -> Value {
        json!({
            "policy": {
                "details": {"sequence": "12", "resourceOwner": "instance-1"},
                "allowUsernamePassword": true,
                "allowRegister": true,
                "allowExternalIdp": true,
                "forceMfa": true,
                "passwordlessType": "PASSWORDLESS_TYPE_ALLOWED",
                "isDefault": true,
                "hidePasswordReset": true,
                "ignoreUnknownUsernames": true,
                "defaultRedirectUri": "https://portal.example/\"home\"",
                "passwordCheckLifetime": "864000s",
                "externalLoginCheckLifetime": "864000s",
                "mfaInitSkipLifetime": "2592000s",
                "secondFactorCheckLifetime": "64800s",
                "multiFactorCheckLifetime": "43200s",
                "secondFactors": ["SECOND_FACTOR_TYPE_OTP", "SECOND_FACTOR_TYPE_U2F",
                                  "SECOND_FACTOR_TYPE_FUTURE"],
                "multiFactors": ["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"],
                "idps": [{"idpId": "idp-1", "idpName": "Google", "idpType": "IDP_TYPE_OIDC"}],
                "allowDomainDiscovery": true,
                "disableLoginWithEmail": true,
                "disableLoginWithPhone": true,
                "forceMfaLocalOnly": true
            },
            "isDefault": true
        })
    }

    fn copy_of(answer: &Value) -> PolicyCopy {
        decode_login_policy(200, answer.to_string().as_bytes())
            .unwrap()
            .copy
    }

    fn body(text: String) -> Value {
        serde_json::from_str(&text).unwrap()
    }

    /// The request's fields, from `AddCustomLoginPolicyRequest` in management.proto.
    const REQUEST_FIELDS: [&str; 20] = [
        "allowUsernamePassword",
        "allowRegister",
        "allowExternalIdp",
        "forceMfa",
        "passwordlessType",
        "hidePasswordReset",
        "ignoreUnknownUsernames",
        "defaultRedirectUri",
        "passwordCheckLifetime",
        "externalLoginCheckLifetime",
        "mfaInitSkipLifetime",
        "secondFactorCheckLifetime",
        "multiFactorCheckLifetime",
        "secondFactors",
        "multiFactors",
        "idps",
        "allowDomainDiscovery",
        "disableLoginWithEmail",
        "disableLoginWithPhone",
        "forceMfaLocalOnly",
    ];

    #[test]
    fn every_value_is_kept_but_the_removed_type() {
        let answer = default_answer();
        let sent = body(
            copy_of(&answer)
                .without_second_factor(SecondFactorType::Otp)
                .unwrap(),
        );
        let policy = &answer["policy"];
        for field in REQUEST_FIELDS {
            match field {
                "secondFactors" => assert_eq!(
                    sent[field],
                    json!(["SECOND_FACTOR_TYPE_U2F", "SECOND_FACTOR_TYPE_FUTURE"])
                ),
                "idps" => assert_eq!(
                    sent[field],
                    json!([{"idpId": "idp-1", "ownerType": "IDP_OWNER_TYPE_SYSTEM"}])
                ),
                _ => assert_eq!(sent[field], policy[field], "{field}"),
            }
        }
        let names: Vec<&String> = sent.as_object().unwrap().keys().collect();
        assert_eq!(
            names.len(),
            REQUEST_FIELDS.len(),
            "only the request's fields: {names:?}"
        );
    }

    #[test]
    fn a_multi_factor_type_is_removed_from_its_own_list() {
        let sent = body(
            copy_of(&default_answer())
                .without_multi_factor(MultiFactorType::U2fWithVerification)
                .unwrap(),
        );
        assert_eq!(sent["multiFactors"], json!([]));
        assert_eq!(sent["secondFactors"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn omitted_values_stay_omitted_or_zero() {
        // An answer without defaults (ZITADEL omits zero values other than durations).
        let sent = body(
            copy_of(&json!({"policy": {"secondFactors": ["SECOND_FACTOR_TYPE_OTP_SMS"]}}))
                .without_second_factor(SecondFactorType::OtpSms)
                .unwrap(),
        );
        assert_eq!(sent["forceMfa"], json!(false));
        assert_eq!(sent["secondFactors"], json!([]));
        for absent in [
            "passwordlessType",
            "passwordCheckLifetime",
            "multiFactorCheckLifetime",
        ] {
            assert!(sent.get(absent).is_none(), "{absent}");
        }
    }

    #[test]
    fn strings_are_escaped_as_json_requires() {
        for text in [
            "plain",
            "a\"b",
            "back\\slash",
            "line\nbreak\u{1}",
            "ü → 🔑",
            "",
        ] {
            let parsed: String = serde_json::from_str(&quoted(text)).unwrap();
            assert_eq!(parsed, text);
        }
        assert_eq!(quoted("\u{7}"), r#""\u0007""#);
    }

    #[test]
    fn types_without_a_name_cannot_be_removed() {
        let copy = copy_of(&default_answer());
        assert!(copy
            .without_second_factor(SecondFactorType::Unknown)
            .is_err());
        assert!(copy
            .without_multi_factor(MultiFactorType::Unspecified)
            .is_err());
    }
}
