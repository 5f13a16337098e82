//! Answers in ZITADEL's JSON: lowerCamelCase, enum names, defaults omitted.

use serde_json::{json, Map, Value};

use crate::store::{FactorState, User, WebAuthnToken};

pub fn state_name(state: FactorState) -> &'static str {
    match state {
        FactorState::Ready => "AUTH_FACTOR_STATE_READY",
        FactorState::NotReady => "AUTH_FACTOR_STATE_NOT_READY",
    }
}

/// `{"result": [...]}`, or `{}` for an empty list (empty lists are omitted).
pub fn list(items: Vec<Value>) -> Value {
    let mut answer = Map::new();
    if !items.is_empty() {
        answer.insert("result".into(), Value::Array(items));
    }
    Value::Object(answer)
}

/// A WebAuthn token as `{id, state, name}`, without an empty name.
pub fn token(t: &WebAuthnToken) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(t.id));
    out.insert("state".into(), json!(state_name(t.state)));
    if !t.name.is_empty() {
        out.insert("name".into(), json!(t.name));
    }
    Value::Object(out)
}

/// The user's ready second factors in ZITADEL's order: TOTP, U2F keys, SMS, email.
pub fn auth_factors(user: &User) -> Vec<Value> {
    let ready = |s: Option<FactorState>| s == Some(FactorState::Ready);
    let mut out = Vec::new();
    if ready(user.otp) {
        out.push(json!({"state": state_name(FactorState::Ready), "otp": {}}));
    }
    for key in user.u2f.iter().filter(|k| k.state == FactorState::Ready) {
        let mut u2f = Map::new();
        u2f.insert("id".into(), json!(key.id));
        if !key.name.is_empty() {
            u2f.insert("name".into(), json!(key.name));
        }
        out.push(json!({"state": state_name(key.state), "u2f": u2f}));
    }
    if ready(user.otp_sms) {
        out.push(json!({"state": state_name(FactorState::Ready), "otpSms": {}}));
    }
    if ready(user.otp_email) {
        out.push(json!({"state": state_name(FactorState::Ready), "otpEmail": {}}));
    }
    out
}
