//! Decoding arbitrary bytes, or arbitrary JSON, never panics: every answer becomes a
//! value or an `ApiError`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use zitadel_mfa_manager::api::{
    decode_auth_factors, decode_auth_method_types, decode_details, decode_idp_links,
    decode_login_policy, decode_multi_factor_types, decode_passkeys, decode_second_factor_types,
    decode_user, ApiError, MultiFactorType, SecondFactorType,
};
use zitadel_mfa_manager::signin;

fn decode_everything(status: u16, body: &[u8]) {
    let _ = decode_auth_factors(status, body);
    let _ = decode_passkeys(status, body);
    let _ = decode_details(status, body);
    if let Ok(policy) = decode_login_policy(status, body) {
        let _ = policy.copy.without_second_factor(SecondFactorType::Otp);
        let _ = policy
            .copy
            .without_multi_factor(MultiFactorType::U2fWithVerification);
    }
    let _ = decode_second_factor_types(status, body);
    let _ = decode_multi_factor_types(status, body);
    let _ = decode_user(status, body);
    let _ = decode_auth_method_types(status, body);
    let _ = decode_idp_links(status, body);
    let error = ApiError::from_response(status, body);
    let _ = (error.to_string(), error.kind(), error.is_transient());
    decode_sign_in(status, body);
}

/// The sign-in's decoders: what the provider, the address bar and the ID token bring.
fn decode_sign_in(status: u16, body: &[u8]) {
    let _ = signin::decode_discovery(body, "https://id.example.com");
    let _ = signin::decode_tokens(status, body);
    let _ = signin::userinfo_name(body, "1");
    let text = String::from_utf8_lossy(body);
    let _ = signin::parse_callback(&text, Some("st"));
    let _ = signin::check_id_token(&text, "mfa-manager", "n");
    let jwt = format!("h.{}.s", signin::base64url::encode(body));
    if let Ok(claims) = signin::check_id_token(&jwt, "mfa-manager", "n") {
        let _ = claims.display_name();
    }
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
        "creationDate",
        "idpId",
        "idpName",
        "providedUserId",
        "providedUserName",
        "userName",
        "phone",
        "email",
        "isVerified",
        "isPhoneVerified",
        "idps",
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
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "access_token",
        "id_token",
        "error",
        "sub",
        "aud",
        "nonce",
        "auth_time",
        "preferred_username",
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

/// How many cases each of the two properties runs: `DECODE_CASES`, else 5000
/// (`make fuzz` runs half a million each).
fn cases() -> u32 {
    std::env::var("DECODE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// Arbitrary bytes, then ZITADEL-shaped JSON, through every decoder; prints how many
/// cases ran (`-- --nocapture`).
#[test]
fn decoding_fuzz() {
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let ran = std::cell::Cell::new(0u64);
    let bytes = (100u16..600, prop::collection::vec(any::<u8>(), 0..512));
    TestRunner::new(config.clone())
        .run(&bytes, |(status, body)| {
            decode_everything(status, &body);
            ran.set(ran.get() + 1);
            Ok(())
        })
        .unwrap();
    let shaped = (100u16..600, zitadel_json());
    TestRunner::new(config)
        .run(&shaped, |(status, value)| {
            decode_everything(status, value.to_string().as_bytes());
            ran.set(ran.get() + 1);
            Ok(())
        })
        .unwrap();
    println!(
        "decoding fuzz: {} cases (arbitrary bytes, ZITADEL-shaped JSON), no panic",
        ran.get()
    );
}
