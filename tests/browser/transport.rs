//! The fetch layer in a real browser: time limits, retries, headers, bodies.

use wasm_bindgen_test::wasm_bindgen_test;
use zitadel_mfa_manager::api::{ApiError, FactorRef, RetryPolicy, Surface};
use zitadel_mfa_manager::client::{list_factors, remove_factor};
use zitadel_mfa_manager::config::ApiConfig;

use crate::support::{calls, calls_to, serve, Answer};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const TOTP: &str = "/auth/v1/users/me/auth_factors/otp";

fn config(attempts: u32, timeout_ms: u32) -> ApiConfig {
    let mut config = ApiConfig::new("https://zitadel.test", "t");
    config.retry = RetryPolicy {
        attempts,
        base_delay_ms: 5,
        timeout_ms,
    };
    config
}

#[wasm_bindgen_test]
async fn a_list_is_retried_after_a_503_and_then_succeeds() {
    serve(&[
        Answer::status(FACTORS, 503, r#"{"code":14,"message":"unavailable"}"#),
        Answer::ok(
            FACTORS,
            r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#,
        ),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let factors = list_factors(&config(3, 5_000)).await.unwrap();
    assert_eq!(factors.len(), 1);
    assert_eq!(calls_to(FACTORS), 2);
    assert_eq!(calls_to(PASSKEYS), 1);
}

#[wasm_bindgen_test]
async fn a_list_retries_network_failures_a_bounded_number_of_times() {
    serve(&[Answer::network_failure(FACTORS), Answer::ok(PASSKEYS, "{}")]);
    let error = list_factors(&config(3, 5_000)).await.unwrap_err();
    assert!(matches!(error, ApiError::Network(_)), "{error:?}");
    assert_eq!(calls_to(FACTORS), 3);
}

// Guards the rule that one confirmation never sends two DELETEs.
#[wasm_bindgen_test]
async fn a_delete_is_sent_once_whatever_the_failure() {
    for failure in [
        Answer::status(TOTP, 503, r#"{"code":14,"message":"unavailable"}"#),
        Answer::network_failure(TOTP),
        Answer::hang(TOTP),
    ] {
        serve(&[failure]);
        let error = remove_factor(&config(3, 50), FactorRef::Totp)
            .await
            .unwrap_err();
        assert!(error.is_transient(), "{error:?}");
        assert_eq!(calls_to(TOTP), 1);
    }
}

#[wasm_bindgen_test]
async fn a_call_without_an_answer_is_aborted_as_a_timeout() {
    serve(&[Answer::hang(PASSKEYS), Answer::ok(FACTORS, "{}")]);
    let error = list_factors(&config(2, 50)).await.unwrap_err();
    assert_eq!(error, ApiError::Timeout);
    assert_eq!(
        calls_to(PASSKEYS),
        2,
        "a timed-out list is tried again once"
    );
}

#[wasm_bindgen_test]
async fn a_removal_answers_with_its_details() {
    serve(&[Answer::ok(
        TOTP,
        r#"{"details":{"sequence":"42","changeDate":"2025-10-01T12:34:56.789012Z","resourceOwner":"69629023906488334"}}"#,
    )]);
    let details = remove_factor(&config(3, 5_000), FactorRef::Totp)
        .await
        .unwrap();
    assert_eq!(details.sequence, 42);
    assert_eq!(details.resource_owner.as_deref(), Some("69629023906488334"));
    let sent = calls();
    assert_eq!(sent[0].method, "DELETE");
    assert_eq!(sent[0].body, "");
}

#[wasm_bindgen_test]
async fn a_404_on_removal_is_not_found_with_zitadels_id() {
    let body = r#"{"code":5,"message":"Multifactor OTP (OneTimePassword) doesn't exist (COMMAND-Hd9sd)",
        "details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"COMMAND-Hd9sd"}]}"#;
    serve(&[Answer::status(TOTP, 404, body)]);
    let error = remove_factor(&config(3, 5_000), FactorRef::Totp)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.error_id(), Some("COMMAND-Hd9sd"));
}

#[wasm_bindgen_test]
async fn management_calls_send_the_org_header_and_encode_the_user_id() {
    const ADMIN_PASSKEYS: &str = "/management/v1/users/a%2Fb/passwordless/_search";
    const ADMIN_FACTORS: &str = "/management/v1/users/a%2Fb/auth_factors/_search";
    serve(&[
        Answer::ok(ADMIN_PASSKEYS, "{}"),
        Answer::ok(ADMIN_FACTORS, "{}"),
    ]);
    let mut config = config(1, 5_000);
    config.surface = Surface::Management {
        user_id: "a/b".into(),
        org_id: Some("71203958304958201".into()),
    };
    list_factors(&config).await.unwrap();
    let sent = calls();
    // The passkeys, the second factors and the IdP links.
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(sent
        .iter()
        .any(|c| c.path == "/management/v1/users/a%2Fb/idps/_search"));
    for call in sent {
        assert!(
            call.headers.contains(&"x-zitadel-orgid".to_string()),
            "{call:?}"
        );
        const CORS_SAFE: [&str; 4] = ["authorization", "accept", "content-type", "x-zitadel-orgid"];
        assert!(
            call.headers.iter().all(|h| CORS_SAFE.contains(&h.as_str())),
            "{call:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn v2_passkey_search_posts_an_empty_object() {
    const V2_PASSKEYS: &str = "/v2/users/u1/passkeys/_search";
    const V2_FACTORS: &str = "/v2/users/u1/authentication_factors/_search";
    serve(&[
        Answer::ok(
            V2_PASSKEYS,
            r#"{"details":{},"result":[{"id":"p","name":"Key"}]}"#,
        ),
        Answer::ok(V2_FACTORS, "{}"),
    ]);
    let mut config = config(1, 5_000);
    config.surface = Surface::UserV2 {
        user_id: "u1".into(),
        org_id: None,
    };
    let factors = list_factors(&config).await.unwrap();
    assert_eq!(factors[0].name.as_deref(), Some("Key"));
    let passkeys = calls().into_iter().find(|c| c.path == V2_PASSKEYS).unwrap();
    assert_eq!(passkeys.body, "{}");
    assert!(passkeys.headers.contains(&"content-type".to_string()));
    let factors = calls().into_iter().find(|c| c.path == V2_FACTORS).unwrap();
    assert_eq!(factors.body, "");
}

#[wasm_bindgen_test]
async fn an_empty_id_sends_nothing() {
    serve(&[]);
    let error = remove_factor(&config(3, 5_000), FactorRef::U2f(String::new()))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::InvalidInput(_)));
    assert!(calls().is_empty());
}
