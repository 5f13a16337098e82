//! Signing in with the browser's WebCrypto: the PKCE challenge of RFC 7636's example,
//! and random values that differ.

use wasm_bindgen_test::wasm_bindgen_test;
use zitadel_mfa_manager::signin::{pkce_challenge, random_text};
use zitadel_mfa_manager::transport::webcrypto::{random_32, sha256};

/// RFC 7636, appendix B, through `crypto.subtle.digest`.
#[wasm_bindgen_test]
async fn webcrypto_gives_the_rfc_challenge() {
    let digest = sha256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        .await
        .unwrap();
    assert_eq!(
        pkce_challenge(&digest),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[wasm_bindgen_test]
fn random_values_are_43_characters_and_differ() {
    let first = random_text(&random_32().unwrap());
    let second = random_text(&random_32().unwrap());
    assert_eq!(first.len(), 43);
    assert_ne!(first, second);
    assert!(first
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
}
