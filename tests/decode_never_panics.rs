//! Decoding arbitrary bytes, or arbitrary JSON, never panics: every answer becomes a
//! value or an `ApiError`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use zitadel_mfa_manager::api::{
    decode_auth_factors, decode_auth_method_types, decode_details, decode_login_policy,
    decode_multi_factor_types, decode_passkeys, decode_second_factor_types, decode_user, ApiError,
};

fn decode_everything(status: u16, body: &[u8]) {
    let _ = decode_auth_factors(status, body);
    let _ = decode_passkeys(status, body);
    let _ = decode_details(status, body);
    let _ = decode_login_policy(status, body);
    let _ = decode_second_factor_types(status, body);
    let _ = decode_multi_factor_types(status, body);
    let _ = decode_user(status, body);
    let _ = decode_auth_method_types(status, body);
    let error = ApiError::from_response(status, body);
    let _ = (error.to_string(), error.kind(), error.is_transient());
}

/// JSON values that use ZITADEL's field names, so the decoders get past the top level.
fn zitadel_json() -> impl Strategy<Value = Value> {
    let key = prop::sample::select(vec![
        "result",
        "details",
        "state",
        "otp",
        "u2f",
        "otpSms",
        "otpEmail",
        "id",
        "name",
        "sequence",
        "changeDate",
        "resourceOwner",
        "policy",
        "forceMfa",
        "secondFactors",
        "passwordlessType",
        "isDefault",
        "user",
        "userId",
        "human",
        "profile",
        "code",
        "message",
        "authMethodTypes",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::from),
        Just(json!("AUTH_FACTOR_STATE_READY")),
        Just(json!("SECOND_FACTOR_TYPE_OTP")),
        Just(json!("18446744073709551616")),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(key.clone(), inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_everything(status, &body);
    }

    #[test]
    fn arbitrary_zitadel_shaped_json_never_panics(status in 100u16..600, value in zitadel_json()) {
        decode_everything(status, value.to_string().as_bytes());
    }
}
