//! `getToken()`: asked when there is no token, asked again once on a 401, and the
//! refused call sent once more with the new token; concurrent refusals ask once.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;
use zitadel_mfa_manager::embed::mount;

use crate::support::{
    button, calls, inside, page_element, serve, sleep, wait_for, wait_gone, Answer,
};

/// Waits up to four seconds for `selector` (past a one-second time limit).
async fn wait_for_long(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..400 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(10).await;
    }
    panic!("{selector} did not appear");
}

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const U2F: &str = "/auth/v1/users/me/auth_factors/u2f/k1";
const KEY: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"k1","name":"YubiKey 5C"}},
    {"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;
const EXPIRED: &str = r#"{"code":16,"message":"Errors.Token.Invalid (AUTH-7fs1e)"}"#;
const DETAILS: &str =
    r#"{"details":{"sequence":"7","changeDate":"2025-10-01T12:00:00Z","resourceOwner":"o1"}}"#;

/// A `getToken` that hands out `tokens` in turn (the last one stays) and counts calls
/// in `globalThis.__tokenCalls`.
fn get_token(tokens: &[&str]) -> js_sys::Function {
    let list = serde_json::to_string(tokens).unwrap();
    js_sys::Function::new_no_args(&format!(
        "const tokens = {list}; const n = globalThis.__tokenCalls = (globalThis.__tokenCalls || 0) + 1; \
         return new Promise((done) => setTimeout(() => done(tokens[Math.min(n, tokens.length) - 1]), 5));"
    ))
}

fn token_calls() -> u32 {
    js_sys::Reflect::get(&js_sys::global(), &"__tokenCalls".into())
        .unwrap()
        .as_f64()
        .unwrap_or(0.0) as u32
}

fn mount_with_get_token(
    token: Option<&str>,
    get_token: js_sys::Function,
) -> (HtmlElement, zitadel_mfa_manager::embed::MountHandle) {
    mount_with_get_token_and(token, get_token, &[])
}

/// As [`mount_with_get_token`], with more options.
fn mount_with_get_token_and(
    token: Option<&str>,
    get_token: js_sys::Function,
    more: &[(&str, JsValue)],
) -> (HtmlElement, zitadel_mfa_manager::embed::MountHandle) {
    js_sys::Reflect::set(&js_sys::global(), &"__tokenCalls".into(), &0.into()).unwrap();
    let element = page_element();
    let options = js_sys::Object::new();
    let set =
        |key: &str, value: &JsValue| js_sys::Reflect::set(&options, &key.into(), value).unwrap();
    set("apiBaseUrl", &"https://zitadel.test".into());
    if let Some(token) = token {
        set("accessToken", &token.into());
    }
    set("getToken", &get_token.into());
    for (key, value) in more {
        set(key, value);
    }
    let handle = mount(element.clone(), &options.into());
    (element, handle)
}

fn bearer_of(path: &str) -> Vec<String> {
    calls()
        .into_iter()
        .filter(|c| c.path == path)
        .map(|c| c.authorization.unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_401_asks_for_a_new_token_once_and_the_list_then_loads() {
    serve(&[
        Answer::status(FACTORS, 401, EXPIRED),
        Answer::ok(FACTORS, KEY),
        Answer::status(PASSKEYS, 401, EXPIRED),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let (element, mut handle) = mount_with_get_token(None, get_token(&["old", "new"]));
    wait_for(&inside(&element), ".zmm-group").await;
    assert_eq!(bearer_of(FACTORS), ["Bearer old", "Bearer new"]);
    assert_eq!(bearer_of(PASSKEYS), ["Bearer old", "Bearer new"]);
    // Once for the first token, once for both refused calls together.
    assert_eq!(token_calls(), 2);
    assert!(inside(&element)
        .query_selector(".zmm-load-error")
        .unwrap()
        .is_none());
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_refused_removal_is_sent_once_more_with_the_new_token() {
    serve(&[
        Answer::ok(FACTORS, KEY),
        Answer::ok(PASSKEYS, "{}"),
        Answer::status(U2F, 401, EXPIRED),
        Answer::ok(U2F, DETAILS),
    ]);
    let (element, mut handle) = mount_with_get_token(Some("static"), get_token(&["fresh"]));
    wait_for(&inside(&element), ".zmm-group").await;
    assert_eq!(token_calls(), 0, "a given token is used first");
    button(&inside(&element), "Remove security key “YubiKey 5C”").click();
    let dialog = wait_for(&inside(&element), "dialog[open]").await;
    button(&dialog, "Remove security key").click();
    wait_gone(&inside(&element), "dialog").await;
    wait_for(&inside(&element), ".zmm-result").await;
    assert_eq!(bearer_of(U2F), ["Bearer static", "Bearer fresh"]);
    assert_eq!(token_calls(), 1);
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_second_401_is_shown_and_not_retried_again() {
    serve(&[
        Answer::status(FACTORS, 401, EXPIRED),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let (element, mut handle) = mount_with_get_token(Some("old"), get_token(&["still-bad"]));
    let error = wait_for(&inside(&element), ".zmm-load-error").await;
    assert!(
        error
            .text_content()
            .unwrap()
            .contains("Your session has expired"),
        "{}",
        error.text_content().unwrap()
    );
    assert_eq!(bearer_of(FACTORS), ["Bearer old", "Bearer still-bad"]);
    assert_eq!(token_calls(), 1);
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_get_token_that_fails_says_why_and_sends_nothing_unauthorized() {
    serve(&[Answer::ok(FACTORS, KEY), Answer::ok(PASSKEYS, "{}")]);
    js_sys::Reflect::set(&js_sys::global(), &"__portalToken".into(), &JsValue::NULL).unwrap();
    let (element, mut handle) = mount_with_get_token(
        None,
        js_sys::Function::new_no_args(
            "return globalThis.__portalToken ? Promise.resolve(globalThis.__portalToken) \
             : Promise.reject(new Error('portal session ended'))",
        ),
    );
    let error = wait_for(&inside(&element), ".zmm-load-error").await;
    let text = error.text_content().unwrap();
    assert!(text.contains("No sign-in token from the page"), "{text}");
    assert!(!text.contains("session has expired"), "{text}");
    assert!(text.contains("portal session ended"), "{text}");
    assert!(
        calls().iter().all(|c| c.path != FACTORS),
        "nothing sent without a token"
    );
    // Retry asks again; this time the page has a token.
    js_sys::Reflect::set(&js_sys::global(), &"__portalToken".into(), &"fresh".into()).unwrap();
    button(&error, "Retry").click();
    wait_for(&inside(&element), ".zmm-group").await;
    assert_eq!(bearer_of(FACTORS), ["Bearer fresh"]);
    handle.unmount();
    element.remove();
}

// Regression: a getToken that never settled left the skeleton forever.
#[wasm_bindgen_test]
async fn a_get_token_that_never_answers_is_an_error_with_retry() {
    serve(&[Answer::ok(FACTORS, KEY), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut handle) = mount_with_get_token_and(
        None,
        js_sys::Function::new_no_args("return new Promise(() => {})"),
        &[("timeoutMs", 1000.into())],
    );
    let error = wait_for_long(&inside(&element), ".zmm-load-error").await;
    let text = error.text_content().unwrap();
    assert!(text.contains("did not answer within 1 s"), "{text}");
    assert!(button(&error, "Retry").is_connected());
    assert!(calls().iter().all(|c| c.path != FACTORS));
    handle.unmount();
    element.remove();
}

// A 401 on the list with getToken: Retry is offered, and works.
#[wasm_bindgen_test]
async fn a_401_on_the_list_offers_retry_when_the_page_hands_out_tokens() {
    // The refused call is sent once more with a new token and refused again; Retry then
    // loads (the server has come round).
    serve(&[
        Answer::status(FACTORS, 401, EXPIRED),
        Answer::status(FACTORS, 401, EXPIRED),
        Answer::ok(FACTORS, KEY),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let (element, mut handle) = mount_with_get_token(Some("old"), get_token(&["also-old", "good"]));
    let error = wait_for(&inside(&element), ".zmm-load-error").await;
    assert!(error.text_content().unwrap().contains("Sign in again"));
    button(&error, "Retry").click();
    wait_for(&inside(&element), ".zmm-group").await;
    handle.unmount();
    element.remove();
}
