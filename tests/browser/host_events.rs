//! Events to the host page: a vetoed before-remove sends nothing, and one that waits for
//! the page's own question sends only on yes; removed carries the server's details;
//! error carries the typed error and never the token.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    button, calls, calls_to, listen, mount_factor_list, serve, sleep, wait_for, wait_gone, Answer,
};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const U2F: &str = "/auth/v1/users/me/auth_factors/u2f/k1";
const KEYS: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"k1","name":"YubiKey 5C"}},
    {"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;
const DETAILS: &str = r#"{"details":{"sequence":"42","changeDate":"2025-10-01T12:34:56.789012Z","resourceOwner":"69629023906488334"}}"#;

async fn confirm_removal(root: &web_sys::HtmlElement) {
    button(root, "Remove security key “YubiKey 5C”").click();
    let dialog = wait_for(root, "dialog[open]").await;
    button(&dialog, "Remove security key").click();
    wait_gone(root, "dialog").await;
}

#[wasm_bindgen_test]
async fn a_vetoed_before_remove_sends_no_request() {
    serve(&[
        Answer::ok(FACTORS, KEYS),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(U2F, DETAILS),
    ]);
    let root = mount_factor_list("t");
    let before = listen(&root, "zitadel-mfa-before-remove", true);
    wait_for(&root, ".zmm-group").await;
    confirm_removal(&root).await;
    sleep(30).await;
    assert_eq!(calls_to(U2F), 0, "the page vetoed it");
    let seen = before();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["cancelable"], true);
    assert_eq!(seen[0]["bubbles"], true);
    assert_eq!(seen[0]["detail"]["kind"], "u2f");
    assert_eq!(seen[0]["detail"]["id"], "k1");
    assert_eq!(seen[0]["detail"]["name"], "YubiKey 5C");
    // The factor is still there and removable.
    assert!(root
        .query_selector("[aria-label='Remove security key “YubiKey 5C”']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn removed_carries_the_servers_details() {
    serve(&[
        Answer::ok(FACTORS, KEYS),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(U2F, DETAILS),
    ]);
    let root = mount_factor_list("t");
    let before = listen(&root, "zitadel-mfa-before-remove", false);
    let removed = listen(&root, "zitadel-mfa-removed", false);
    wait_for(&root, ".zmm-group").await;
    confirm_removal(&root).await;
    wait_for(&root, ".zmm-result").await;
    assert_eq!(before().len(), 1);
    assert_eq!(calls_to(U2F), 1);
    let seen = removed();
    assert_eq!(seen.len(), 1);
    let detail = &seen[0]["detail"];
    assert_eq!(detail["kind"], "u2f");
    assert_eq!(detail["id"], "k1");
    assert_eq!(detail["details"]["sequence"], 42);
    assert_eq!(
        detail["details"]["changeDate"],
        "2025-10-01T12:34:56.789012Z"
    );
    assert_eq!(detail["details"]["resourceOwner"], "69629023906488334");
}

#[wasm_bindgen_test]
async fn errors_reach_the_page_without_the_token() {
    serve(&[
        Answer::status(
            FACTORS,
            401,
            r#"{"code":16,"message":"Errors.Token.Invalid (AUTH-7fs1e)"}"#,
        ),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let root = mount_factor_list("secret-token-value");
    let errors = listen(&root, "zitadel-mfa-error", false);
    wait_for(&root, "[role=alert]").await;
    sleep(20).await;
    let seen = errors();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let detail = &seen[0]["detail"];
    assert_eq!(detail["doing"], "load");
    assert_eq!(detail["kind"], "Unauthenticated");
    assert_eq!(detail["status"], 401);
    assert_eq!(detail["code"], 16);
    assert_eq!(detail["errorId"], "AUTH-7fs1e");
    assert!(!serde_json::to_string(&seen)
        .unwrap()
        .contains("secret-token-value"));
    // The token did go where it belongs: the Authorization header.
    assert!(calls()
        .iter()
        .all(|c| c.authorization.as_deref() == Some("Bearer secret-token-value")));
}

#[wasm_bindgen(inline_js = r#"
export function answer_with(target, answer, delay) {
  target.addEventListener('zitadel-mfa-before-remove', (event) => {
    event.detail.waitUntil(new Promise((done) => setTimeout(() => done(answer), delay)));
  });
}
"#)]
extern "C" {
    /// Makes the page ask its own question on every removal, answering `answer` after
    /// `delay` ms.
    fn answer_with(target: &web_sys::EventTarget, answer: bool, delay: u32);
}

#[wasm_bindgen_test]
async fn the_page_may_ask_its_own_question_and_then_allow_the_removal() {
    serve(&[
        Answer::ok(FACTORS, KEYS),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(U2F, DETAILS),
    ]);
    let root = mount_factor_list("t");
    answer_with(&root, true, 80);
    wait_for(&root, ".zmm-group").await;
    button(&root, "Remove security key “YubiKey 5C”").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    let confirm = button(&dialog, "Remove security key");
    confirm.click();
    sleep(20).await;
    // Still asking: nothing sent yet, nothing said to be under way, and a second click
    // does nothing.
    assert_eq!(calls_to(U2F), 0);
    assert!(confirm
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    let label = confirm.text_content().unwrap();
    assert!(!label.contains("Removing"), "{label}");
    confirm.click();
    wait_for(&root, ".zmm-result").await;
    assert_eq!(calls_to(U2F), 1, "sent once the page agreed, and once only");
}

// Regression: Cancel and Escape did nothing while the page was asking, so a page whose
// question never answered held the user in the modal dialog for good.
#[wasm_bindgen_test]
async fn cancel_works_while_the_page_is_asking_and_its_late_answer_sends_nothing() {
    serve(&[
        Answer::ok(FACTORS, KEYS),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(U2F, DETAILS),
    ]);
    let root = mount_factor_list("t");
    answer_with(&root, true, 150);
    wait_for(&root, ".zmm-group").await;
    button(&root, "Remove security key “YubiKey 5C”").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    button(&dialog, "Remove security key").click();
    sleep(20).await;
    button(&dialog, "Cancel").click();
    wait_gone(&root, "dialog").await;
    // The page says yes after the user left: nothing is sent, nothing is shown.
    sleep(250).await;
    assert_eq!(calls_to(U2F), 0);
    assert!(root.query_selector(".zmm-result").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_page_that_answers_no_cancels_the_removal() {
    serve(&[
        Answer::ok(FACTORS, KEYS),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(U2F, DETAILS),
    ]);
    let root = mount_factor_list("t");
    answer_with(&root, false, 30);
    wait_for(&root, ".zmm-group").await;
    confirm_removal(&root).await;
    sleep(30).await;
    assert_eq!(calls_to(U2F), 0, "the page said no");
    assert!(root
        .query_selector("[aria-label='Remove security key “YubiKey 5C”']")
        .unwrap()
        .is_some());
}
