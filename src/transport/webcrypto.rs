//! The browser's WebCrypto for signing in: random bytes for PKCE, `state` and `nonce`,
//! and SHA-256 for the PKCE challenge. No crate: the browser has both.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto".to_string())
}

/// 32 bytes from the browser's cryptographic random source.
pub fn random_32() -> Result<[u8; 32], String> {
    let mut bytes = [0u8; 32];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| "no random values".to_string())?;
    Ok(bytes)
}

/// SHA-256 of `text` (`crypto.subtle.digest`, which needs a secure context: HTTPS or
/// loopback).
pub async fn sha256(text: &str) -> Result<Vec<u8>, String> {
    let subtle = crypto()?.subtle();
    let data = js_sys::Uint8Array::from(text.as_bytes());
    let promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", &data)
        .map_err(|_| "SHA-256 is not available (is the page served over HTTPS?)".to_string())?;
    let digest = JsFuture::from(promise)
        .await
        .map_err(|_| "SHA-256 failed".to_string())?;
    let buffer: js_sys::ArrayBuffer = digest.dyn_into().map_err(|_| "no digest".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
