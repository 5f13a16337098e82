//! Answers in ZITADEL's JSON: lowerCamelCase, enum names, int64 as strings, defaults
//! omitted (an empty list, `false`, `""` and enum value 0 do not appear).

use serde_json::{json, Map, Value};

use crate::error::ZitadelError;
use crate::store::{
    now_rfc3339, Details, FactorState, LoginPolicy, Org, Store, User, WebAuthnToken, INSTANCE_ID,
    SEED_DATE,
};

pub fn state_name(state: FactorState) -> &'static str {
    match state {
        FactorState::Ready => "AUTH_FACTOR_STATE_READY",
        FactorState::NotReady => "AUTH_FACTOR_STATE_NOT_READY",
    }
}

/// Builds an object, leaving out default values as grpc-gateway does.
#[derive(Default)]
pub struct Obj(Map<String, Value>);

impl Obj {
    pub fn new() -> Self {
        Obj::default()
    }

    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
        let value = value.into();
        let is_default = match &value {
            Value::Null => true,
            Value::Bool(b) => !b,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Number(n) => n.as_f64() == Some(0.0),
            Value::Object(_) => false,
        };
        if !is_default {
            self.0.insert(key.to_string(), value);
        }
        self
    }

    /// An int64/uint64 field: a JSON string, omitted when zero.
    pub fn int64(self, key: &str, value: u64) -> Self {
        let text = if value == 0 {
            String::new()
        } else {
            value.to_string()
        };
        self.field(key, text)
    }

    pub fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// `{"result": [...]}`, or `{}` for an empty list.
pub fn list(items: Vec<Value>) -> Value {
    Obj::new().field("result", items).done()
}

/// A list answer that also carries list `details` (management v1: `viewTimestamp`;
/// v2: `timestamp`).
pub fn list_with_details(items: Vec<Value>, timestamp_key: &str) -> Value {
    let details = Obj::new()
        .int64("totalResult", items.len() as u64)
        .field(timestamp_key, now_rfc3339())
        .done();
    Obj::new()
        .field("details", details)
        .field("result", items)
        .done()
}

/// `{"details": {...}}` of a command.
pub fn details(d: &Details) -> Value {
    json!({"details": {
        "sequence": d.sequence.to_string(),
        "changeDate": d.change_date,
        "resourceOwner": d.resource_owner,
    }})
}

/// `{"details": {...}}` of a command that adds (`object.AddToDetailsPb`): the date is
/// `creationDate`.
pub fn added_details(d: &Details) -> Value {
    json!({"details": {
        "sequence": d.sequence.to_string(),
        "creationDate": d.change_date,
        "resourceOwner": d.resource_owner,
    }})
}

/// A WebAuthn token as `{id, state, name}`, without an empty name.
pub fn token(t: &WebAuthnToken) -> Value {
    Obj::new()
        .field("id", t.id.as_str())
        .field("state", state_name(t.state))
        .field("name", t.name.as_str())
        .done()
}

/// Passkeys or U2F keys as lists show them: READY ones only
/// (`internal/api/grpc/management/user.go` queries `MFAStateReady`).
pub fn ready_tokens(tokens: &[WebAuthnToken]) -> Vec<Value> {
    tokens
        .iter()
        .filter(|t| t.state == FactorState::Ready)
        .map(token)
        .collect()
}

/// The user's second factors in ZITADEL's order: TOTP, U2F keys, SMS, email;
/// READY ones only unless `states` asks for others.
pub fn auth_factors(user: &User, states: &[FactorState]) -> Vec<Value> {
    let wanted = |s: FactorState| states.contains(&s);
    let mut out = Vec::new();
    if let Some(state) = user.otp.filter(|s| wanted(*s)) {
        out.push(json!({"state": state_name(state), "otp": {}}));
    }
    for key in user.u2f.iter().filter(|k| wanted(k.state)) {
        let u2f = Obj::new()
            .field("id", key.id.as_str())
            .field("name", key.name.as_str())
            .done();
        out.push(json!({"state": state_name(key.state), "u2f": u2f}));
    }
    if let Some(state) = user.otp_sms.filter(|s| wanted(*s)) {
        out.push(json!({"state": state_name(state), "otpSms": {}}));
    }
    if let Some(state) = user.otp_email.filter(|s| wanted(*s)) {
        out.push(json!({"state": state_name(state), "otpEmail": {}}));
    }
    out
}

/// v2 `authMethodTypes`: the only answer that says whether a password or an IdP is set.
pub fn auth_method_types(user: &User) -> Vec<Value> {
    let ready_token =
        |tokens: &[WebAuthnToken]| tokens.iter().any(|t| t.state == FactorState::Ready);
    let ready = |s: Option<FactorState>| s == Some(FactorState::Ready);
    [
        (user.password, "AUTHENTICATION_METHOD_TYPE_PASSWORD"),
        (
            ready_token(&user.passkeys),
            "AUTHENTICATION_METHOD_TYPE_PASSKEY",
        ),
        (!user.idp_links.is_empty(), "AUTHENTICATION_METHOD_TYPE_IDP"),
        (ready(user.otp), "AUTHENTICATION_METHOD_TYPE_TOTP"),
        (ready_token(&user.u2f), "AUTHENTICATION_METHOD_TYPE_U2F"),
        (ready(user.otp_sms), "AUTHENTICATION_METHOD_TYPE_OTP_SMS"),
        (
            ready(user.otp_email),
            "AUTHENTICATION_METHOD_TYPE_OTP_EMAIL",
        ),
    ]
    .into_iter()
    .filter(|(has, _)| *has)
    .map(|(_, name)| json!(name))
    .collect()
}

/// The user's IdP links in the v1 shape (`IDPUserLink`, `proto/zitadel/idp.proto`;
/// `internal/api/grpc/idp/converter.go` `IDPUserLinkToPb`).
pub fn idp_links_v1(store: &Store, user: &User) -> Vec<Value> {
    user.idp_links
        .iter()
        .map(|link| {
            let idp = store.idp(&link.idp_id);
            Obj::new()
                .field("userId", user.id.as_str())
                .field("idpId", link.idp_id.as_str())
                .field("idpName", idp.map_or("", |i| i.idp_name.as_str()))
                .field("providedUserId", link.user_id.as_str())
                .field("providedUserName", link.user_name.as_str())
                .field("idpType", idp.map_or("", |i| i.idp_type.as_str()))
                .done()
        })
        .collect()
}

/// The user's IdP links in the v2 shape (`IDPLink`, `proto/zitadel/user/v2/idp.proto`:
/// the IdP's id and the user's id and name there, no IdP name).
pub fn idp_links_v2(user: &User) -> Vec<Value> {
    user.idp_links
        .iter()
        .map(|link| {
            Obj::new()
                .field("idpId", link.idp_id.as_str())
                .field("userId", link.user_id.as_str())
                .field("userName", link.user_name.as_str())
                .done()
        })
        .collect()
}

fn object_details(sequence: u64, change_date: &str, owner: &str) -> Value {
    Obj::new()
        .int64("sequence", sequence)
        .field("creationDate", SEED_DATE)
        .field("changeDate", change_date)
        .field("resourceOwner", owner)
        .done()
}

fn names(user: &User) -> (String, String) {
    let mut parts = user.display_name.splitn(2, ' ');
    let first = parts.next().unwrap_or_default().to_string();
    (first, parts.next().unwrap_or_default().to_string())
}

/// A user in the v1 shape (`GET /auth/v1/users/me`, `GET /management/v1/users/{id}`).
pub fn user_v1(user: &User, org: &Org, sequence: u64) -> Value {
    let login_name = format!("{}@{}", user.user_name, org.domain);
    let (first, last) = names(user);
    let profile = Obj::new()
        .field("firstName", first)
        .field("lastName", last)
        .field("displayName", user.display_name.as_str())
        .field("preferredLanguage", "en")
        .done();
    let email = Obj::new()
        .field("email", login_name.as_str())
        .field("isEmailVerified", true)
        .done();
    Obj::new()
        .field("id", user.id.as_str())
        .field(
            "details",
            object_details(sequence, change_date(user), &user.org_id),
        )
        .field("state", "USER_STATE_ACTIVE")
        .field("userName", user.user_name.as_str())
        .field("loginNames", vec![json!(login_name)])
        .field("preferredLoginName", login_name.as_str())
        .field("human", json!({"profile": profile, "email": email}))
        .done()
}

/// A user in the v2 shape (`GET /v2/users/{userId}`).
pub fn user_v2(user: &User, org: &Org, sequence: u64) -> Value {
    let login_name = format!("{}@{}", user.user_name, org.domain);
    let (given, family) = names(user);
    let profile = Obj::new()
        .field("givenName", given)
        .field("familyName", family)
        .field("displayName", user.display_name.as_str())
        .field("preferredLanguage", "en")
        .done();
    let details = object_details(sequence, change_date(user), &user.org_id);
    let human = json!({
        "profile": profile,
        "email": {"email": login_name, "isVerified": true},
    });
    let body = Obj::new()
        .field("userId", user.id.as_str())
        .field("details", details.clone())
        .field("state", "USER_STATE_ACTIVE")
        .field("username", user.user_name.as_str())
        .field("loginNames", vec![json!(login_name)])
        .field("preferredLoginName", login_name.as_str())
        .field("human", human)
        .done();
    json!({"details": details, "user": body})
}

/// An enum's name, or nothing when it is the enum's zero value.
fn enum_name<'a>(name: &'a str, zero: &str) -> &'a str {
    if name == zero {
        ""
    } else {
        name
    }
}

fn change_date(user: &User) -> &str {
    user.change_date.as_deref().unwrap_or(SEED_DATE)
}

/// The login settings that apply in `org_id` as GET answers show them (owned by the
/// instance when they are its default), and whether they are the default.
pub fn login_policy(store: &Store, org_id: &str) -> Result<(Value, bool), ZitadelError> {
    let (p, is_default) = store.login_policy(org_id)?;
    let owner = if is_default { INSTANCE_ID } else { org_id };
    Ok((
        policy(p, is_default, owner, store.sequence_of(owner)),
        is_default,
    ))
}

/// A login policy with its `details`; defaults omitted, but durations always there
/// (ZITADEL's answers carry `"0s"`). `owner` is the organization, or the instance for
/// the default.
fn policy(p: &LoginPolicy, is_default: bool, owner: &str, sequence: u64) -> Value {
    let idps: Vec<Value> = p
        .idps
        .iter()
        .map(|i| json!({"idpId": i.idp_id, "idpName": i.idp_name, "idpType": i.idp_type}))
        .collect();
    let names = |list: &[String]| list.iter().map(|s| json!(s)).collect::<Vec<_>>();
    let duration = |d: &str| json!(if d.is_empty() { "0s" } else { d });
    Obj::new()
        .field("details", object_details(sequence, SEED_DATE, owner))
        .field("allowUsernamePassword", p.allow_username_password)
        .field("allowRegister", p.allow_register)
        .field("allowExternalIdp", p.allow_external_idp)
        .field("forceMfa", p.force_mfa)
        .field(
            "passwordlessType",
            enum_name(&p.passwordless_type, "PASSWORDLESS_TYPE_NOT_ALLOWED"),
        )
        .field("hidePasswordReset", p.hide_password_reset)
        .field("ignoreUnknownUsernames", p.ignore_unknown_usernames)
        .field("defaultRedirectUri", p.default_redirect_uri.as_str())
        .field(
            "passwordCheckLifetime",
            duration(&p.password_check_lifetime),
        )
        .field(
            "externalLoginCheckLifetime",
            duration(&p.external_login_check_lifetime),
        )
        .field("mfaInitSkipLifetime", duration(&p.mfa_init_skip_lifetime))
        .field(
            "secondFactorCheckLifetime",
            duration(&p.second_factor_check_lifetime),
        )
        .field(
            "multiFactorCheckLifetime",
            duration(&p.multi_factor_check_lifetime),
        )
        .field("secondFactors", names(&p.second_factors))
        .field("multiFactors", names(&p.multi_factors))
        .field("idps", idps)
        .field("allowDomainDiscovery", p.allow_domain_discovery)
        .field("disableLoginWithEmail", p.disable_login_with_email)
        .field("disableLoginWithPhone", p.disable_login_with_phone)
        .field("isDefault", is_default)
        .field("forceMfaLocalOnly", p.force_mfa_local_only)
        .done()
}

/// Reads a request body as grpc-gateway does for `body: "*"`: empty is the empty message,
/// anything else must be a JSON object. Unknown fields are dropped, as ZITADEL's
/// gateway (`internal/api/grpc/server/gateway.go`, `DiscardUnknown: true`) drops them:
/// a misspelled field is silently its zero value there, which is why the suite checks
/// every body strictly against ZITADEL's types (`tests/proto/`).
pub fn request_message<T: serde::de::DeserializeOwned + Default>(
    body: &[u8],
) -> Result<T, ZitadelError> {
    if body.trim_ascii().is_empty() {
        return Ok(T::default());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(value @ Value::Object(_)) => serde_json::from_value(value)
            .map_err(|e| ZitadelError::body_syntax(format!("(invalid value): {e}"))),
        Ok(other) => {
            let token = other.to_string().chars().next().unwrap_or(' ');
            Err(ZitadelError::body_syntax(format!(
                "(line 1:1): unexpected token {token}"
            )))
        }
        Err(e) => Err(ZitadelError::body_syntax(format!(
            "(line {}:{}): invalid JSON",
            e.line(),
            e.column()
        ))),
    }
}
