//! A removal needs a recent sign-in (`maxAuthAge`): an older one sends nothing until the
//! host's `reauthenticate()` hands over a fresh token, which the DELETE then carries.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;
use zitadel_mfa_manager::embed::mount;

use crate::support::{
    button, calls, calls_to, inside, page_element, serve, wait_for, wait_until, Answer,
};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const TOTP: &str = "/auth/v1/users/me/auth_factors/otp";
const ONE_TOTP: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;
const DETAILS: &str =
    r#"{"details":{"sequence":"9","changeDate":"2025-10-01T12:00:00Z","resourceOwner":"o1"}}"#;

fn now_s() -> f64 {
    (js_sys::Date::now() / 1000.0).floor()
}

/// Mounts with `maxAuthAge` 300, a sign-in `age_s` old, and `reauthenticate` (if any).
fn mounted(
    age_s: f64,
    reauthenticate: Option<&str>,
) -> (HtmlElement, zitadel_mfa_manager::embed::MountHandle) {
    let element = page_element();
    let options = js_sys::Object::new();
    let set =
        |key: &str, value: &JsValue| js_sys::Reflect::set(&options, &key.into(), value).unwrap();
    set("apiBaseUrl", &"https://zitadel.test".into());
    set("accessToken", &"old-token".into());
    set("maxAuthAge", &300.into());
    set("authTime", &(now_s() - age_s).into());
    if let Some(body) = reauthenticate {
        set(
            "reauthenticate",
            &js_sys::Function::new_no_args(body).into(),
        );
    }
    let handle = mount(element.clone(), &options.into());
    (element, handle)
}

/// Mounts as [`mounted`], opens the authenticator app's dialog and confirms once.
async fn confirmed_once(
    age_s: f64,
    reauthenticate: Option<&str>,
) -> (HtmlElement, zitadel_mfa_manager::embed::MountHandle) {
    serve(&[
        Answer::ok(FACTORS, ONE_TOTP),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(TOTP, DETAILS),
    ]);
    let (element, handle) = mounted(age_s, reauthenticate);
    wait_for(&inside(&element), ".zmm-group").await;
    button(&inside(&element), "Remove authenticator app").click();
    wait_for(&inside(&element), "dialog[open]").await;
    confirm(&element);
    (element, handle)
}

fn confirm(element: &HtmlElement) {
    inside(element)
        .query_selector("dialog .zmm-button--danger")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn a_stale_sign_in_sends_nothing_until_a_fresh_one_and_the_delete_carries_it() {
    let fresh = "return Promise.resolve({accessToken: 'fresh-token', authTime: Math.floor(Date.now() / 1000)})";
    let (element, mut handle) = confirmed_once(600.0, Some(fresh)).await;
    let notice = wait_for(&inside(&element), ".zmm-reauth").await;
    assert!(notice
        .text_content()
        .unwrap()
        .contains("more than 5 minutes ago"));
    assert_eq!(calls_to(TOTP), 0, "nothing sent with the old sign-in");
    button(&notice, "Sign in again to confirm").click();
    crate::support::wait_gone(&inside(&element), ".zmm-reauth").await;
    assert_eq!(
        calls_to(TOTP),
        0,
        "the fresh sign-in sends nothing by itself"
    );
    confirm(&element);
    wait_until(|| calls_to(TOTP) == 1).await;
    let delete = calls().into_iter().find(|c| c.path == TOTP).unwrap();
    assert_eq!(delete.authorization.as_deref(), Some("Bearer fresh-token"));
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_recent_sign_in_removes_at_once_and_without_reauthenticate_nothing_is_sent() {
    let (element, mut handle) = confirmed_once(10.0, None).await;
    wait_until(|| calls_to(TOTP) == 1).await;
    handle.unmount();
    element.remove();

    let (element, mut handle) = confirmed_once(900.0, None).await;
    let notice = wait_for(&inside(&element), ".zmm-reauth").await;
    assert!(notice
        .text_content()
        .unwrap()
        .contains("Sign in to the page again"));
    assert_eq!(calls_to(TOTP), 0);
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn a_failed_reauthentication_says_why_and_sends_nothing() {
    let rejects = "return Promise.reject(new Error('popup closed'))";
    let (element, mut handle) = confirmed_once(600.0, Some(rejects)).await;
    let notice = wait_for(&inside(&element), ".zmm-reauth").await;
    button(&notice, "Sign in again to confirm").click();
    wait_until(|| {
        inside(&element)
            .query_selector(".zmm-reauth")
            .unwrap()
            .and_then(|n| n.text_content())
            .is_some_and(|t| t.contains("reauthenticate() failed: popup closed"))
    })
    .await;
    assert_eq!(calls_to(TOTP), 0);
    handle.unmount();
    element.remove();
}
