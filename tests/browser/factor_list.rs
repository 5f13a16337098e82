use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::{calls, group, mount_factor_list, names_in, serve, wait_for, Answer};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";

#[wasm_bindgen_test]
async fn lists_every_kind_in_its_group_with_fallback_names_and_states() {
    serve(&[
        Answer::ok(
            FACTORS,
            r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}},
            {"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"283746529384756123","name":"YubiKey 5C"}},
            {"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"283746529384751234"}},
            {"state":"AUTH_FACTOR_STATE_READY","otpEmail":{}}]}"#,
        ),
        Answer::ok(
            PASSKEYS,
            r#"{"result":[{"id":"1","state":"AUTH_FACTOR_STATE_READY","name":"MacBook Touch ID"},
            {"id":"2","state":"AUTH_FACTOR_STATE_NOT_READY","name":"Pixel"}]}"#,
        ),
    ]);
    let root = mount_factor_list("token-1");
    wait_for(&root, ".zmm-group").await;

    let passkeys = group(&root, "Passkeys");
    assert_eq!(names_in(&passkeys), ["MacBook Touch ID", "Pixel"]);
    let states = passkeys.query_selector_all(".zmm-badge").unwrap();
    assert_eq!(states.item(1).unwrap().text_content().unwrap(), "Not ready");

    let keys = group(&root, "Security keys");
    assert_eq!(names_in(&keys), ["YubiKey 5C", "Security key …1234"]);
    // The list is labelled by its group heading.
    let list = keys.query_selector("ul").unwrap().unwrap();
    let heading_id = list.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        root.query_selector(&format!("[id='{heading_id}']"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Security keys"
    );

    assert_eq!(
        names_in(&group(&root, "Authenticator app")),
        ["Authenticator app"]
    );
    let sms = group(&root, "SMS codes");
    assert!(names_in(&sms).is_empty());
    assert_eq!(
        sms.query_selector(".zmm-empty")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "SMS codes are not set up."
    );

    let sent = calls();
    // The two factor lists, and the IdP links for the verdicts (ListMyLinkedIDPs).
    let lists: Vec<_> = sent
        .iter()
        .filter(|c| c.method == "POST")
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(lists.len(), 3, "{sent:?}");
    assert!(
        lists.contains(&FACTORS)
            && lists.contains(&PASSKEYS)
            && lists.contains(&"/auth/v1/users/me/idps/_search"),
        "{sent:?}"
    );
    for call in &sent {
        assert_eq!(call.authorization.as_deref(), Some("Bearer token-1"));
        const CORS_SAFE: [&str; 3] = ["authorization", "accept", "content-type"];
        assert!(
            call.headers.iter().all(|h| CORS_SAFE.contains(&h.as_str())),
            "{call:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn an_empty_answer_shows_every_group_as_empty() {
    serve(&[Answer::ok(FACTORS, "{}"), Answer::ok(PASSKEYS, "{}")]);
    let root = mount_factor_list("t");
    wait_for(&root, ".zmm-group").await;
    assert_eq!(root.query_selector_all("li").unwrap().length(), 0);
    // Five kinds of factor and the linked accounts.
    assert_eq!(root.query_selector_all(".zmm-empty").unwrap().length(), 6);
}

#[wasm_bindgen_test]
async fn names_with_markup_render_as_text() {
    let evil = r#"<img src=x onerror=alert(1)>"#;
    serve(&[
        Answer::ok(FACTORS, "{}"),
        Answer::ok(
            PASSKEYS,
            &format!(
                r#"{{"result":[{{"id":"1","name":"{}"}}]}}"#,
                evil.replace('"', "\\\"")
            ),
        ),
    ]);
    let root = mount_factor_list("t");
    wait_for(&root, ".zmm-group").await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(names_in(&group(&root, "Passkeys")), [evil]);
}

#[wasm_bindgen_test]
async fn an_expired_session_says_sign_in_again_without_a_pointless_retry() {
    serve(&[
        Answer::status(
            FACTORS,
            401,
            r#"{"code":16,"message":"Errors.Token.Invalid (AUTH-7fs1e)"}"#,
        ),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let root = mount_factor_list("expired");
    let alert = wait_for(&root, "[role=alert]").await;
    let text = alert.text_content().unwrap();
    assert!(text.contains("Your session has expired"), "{text}");
    assert!(text.contains("Sign in again"), "{text}");
    assert!(text.contains("Errors.Token.Invalid"), "{text}");
    assert!(text.contains("HTTP 401"), "{text}");
    assert!(text.contains("AUTH-7fs1e"), "{text}");
    assert!(alert
        .query_selector(".zmm-button:not(.zmm-button--small)")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_failed_load_shows_the_error_and_retry_recovers() {
    serve(&[
        Answer::status(FACTORS, 500, r#"{"code":13,"message":"Errors.Internal"}"#),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let root = mount_factor_list("t");
    let alert = wait_for(&root, "[role=alert]").await;
    let text = alert.text_content().unwrap();
    assert!(
        text.contains("ZITADEL could not complete the request"),
        "{text}"
    );
    assert!(text.contains("HTTP 500"), "{text}");

    serve(&[Answer::ok(FACTORS, "{}"), Answer::ok(PASSKEYS, "{}")]);
    let retry: HtmlElement = alert
        .query_selector("button:not(.zmm-button--small)")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Retry");
    assert_eq!(retry.get_attribute("type").as_deref(), Some("button"));
    retry.click();
    wait_for(&root, ".zmm-group").await;
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_html_answer_is_reported_as_unexpected_with_its_status() {
    serve(&[
        Answer::status(FACTORS, 502, "<html><body>Bad Gateway</body></html>"),
        Answer::ok(PASSKEYS, "{}"),
    ]);
    let root = mount_factor_list("t");
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(alert
        .text_content()
        .unwrap()
        .contains("Unexpected answer from the server"));
    assert!(alert.text_content().unwrap().contains("HTTP 502"));
}

// Regression: a list that timed out showed the skeleton for ~46 s (3 × 15 s) before any
// word. Now it says "still trying" after one time limit and gives up after two.
#[wasm_bindgen_test]
async fn a_list_that_times_out_says_still_trying_then_gives_up_after_two_tries() {
    serve(&[Answer::hang(FACTORS), Answer::ok(PASSKEYS, "{}")]);
    let root = crate::support::mount_factor_list_with_timeout(300);
    let trying = wait_for(&root, ".zmm-still-trying").await;
    assert!(trying
        .text_content()
        .unwrap()
        .contains("ZITADEL has not answered yet; still trying"));
    let error = wait_for(&root, ".zmm-load-error").await;
    assert!(error
        .text_content()
        .unwrap()
        .contains("did not answer in time"));
    assert!(root.query_selector(".zmm-still-trying").unwrap().is_none());
    let tries = calls().iter().filter(|c| c.path == FACTORS).count();
    assert_eq!(tries, 2, "one retry after a time-out, not two");
}
