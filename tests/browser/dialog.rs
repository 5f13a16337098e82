//! The confirmation dialog: the alert-dialog contract, friction per risk level, one
//! DELETE per confirmation, and every error kind.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::support::{
    button, calls_to, focused, inside, listen, mount_factor_list, mounted, page_overflow, serve,
    sleep, wait_for, wait_gone, wait_until, Answer, Mounted,
};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const ME: &str = "/auth/v1/users/me";
const POLICY: &str = "/auth/v1/policies/login";
const METHODS: &str = "/v2/users/u1/authentication_methods";
const TOTP: &str = "/auth/v1/users/me/auth_factors/otp";
const U2F: &str = "/auth/v1/users/me/auth_factors/u2f/k1";
const PASSKEY: &str = "/auth/v1/users/me/passwordless/p1";
const DETAILS: &str = r#"{"details":{"sequence":"42","changeDate":"2025-10-01T12:34:56.789012Z","resourceOwner":"69629023906488334"}}"#;

/// A user with the given factors, policy and v2 methods; removals answer `removal`.
fn account(factors: &str, passkeys: &str, policy: &str, methods: &str, removals: Vec<Answer>) {
    let mut answers = vec![
        Answer::ok(FACTORS, factors),
        Answer::ok(PASSKEYS, passkeys),
        Answer::ok(ME, r#"{"user":{"id":"u1","userName":"alice"}}"#),
        Answer::ok(POLICY, policy),
        Answer::ok(METHODS, methods),
    ];
    answers.extend(removals);
    serve(&answers);
}

const OPEN_POLICY: &str = r#"{"policy":{"allowUsernamePassword":true,"allowExternalIdp":true,
    "passwordlessType":"PASSWORDLESS_TYPE_ALLOWED","secondFactors":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_U2F"]}}"#;
const FORCED_POLICY: &str = r#"{"policy":{"allowUsernamePassword":true,"forceMfa":true,
    "passwordlessType":"PASSWORDLESS_TYPE_ALLOWED","secondFactors":["SECOND_FACTOR_TYPE_OTP"]}}"#;
const TOTP_AND_KEY: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}},
    {"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"k1","name":"YubiKey 5C"}}]}"#;
const ONLY_TOTP: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;
const ONE_PASSKEY: &str =
    r#"{"result":[{"id":"p1","state":"AUTH_FACTOR_STATE_READY","name":"iPhone 15"}]}"#;
const WITH_PASSWORD: &str = r#"{"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSWORD","AUTHENTICATION_METHOD_TYPE_TOTP"]}"#;
const PASSKEY_ONLY: &str = r#"{"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSKEY"]}"#;

/// Mounts, waits for the list and for the account context, and opens the dialog of `label`.
async fn open_dialog(label: &str) -> (Mounted, Element) {
    open_dialog_in(mount_factor_list("t"), label).await
}

/// As [`open_dialog`], on a widget already mounted.
async fn open_dialog_in(root: Mounted, label: &str) -> (Mounted, Element) {
    wait_for(&root, ".zmm-group").await;
    // Let the account context (policy, methods) arrive before asking.
    wait_until(|| calls_to(METHODS) > 0 && calls_to(POLICY) > 0).await;
    sleep(20).await;
    button(&root, label).click();
    let dialog = wait_for(&root, "dialog[open]").await;
    (root, dialog)
}

fn text_of(element: &Element, selector: &str) -> String {
    element
        .query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap())
        .unwrap_or_default()
}

fn confirm_button(dialog: &Element) -> HtmlElement {
    dialog
        .query_selector(".zmm-button--danger")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn key(target: &Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_dialog_meets_the_alert_dialog_contract() {
    account(TOTP_AND_KEY, "{}", OPEN_POLICY, WITH_PASSWORD, vec![]);
    let (root, dialog) = open_dialog("Remove security key “YubiKey 5C”").await;

    // 1. Role, modality, label and description point at visible text.
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("alertdialog"));
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    let body_id = dialog.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        text_of(&dialog, &format!("[id='{title_id}']")),
        "Remove security key “YubiKey 5C”?"
    );
    assert!(text_of(&dialog, &format!("[id='{body_id}']"))
        .contains("You can still sign in with your password"));
    assert_eq!(dialog.get_attribute("data-state").as_deref(), Some("open"));
    // 6. Modal: the rest of the page is inert (the top layer), scrolling locked.
    let modal: web_sys::HtmlDialogElement = dialog.clone().unchecked_into();
    assert!(modal.open());
    assert!(modal.matches(":modal").unwrap());
    assert_eq!(page_overflow(), "hidden");

    // 2. Focus starts on Cancel.
    assert_eq!(focused().unwrap().text_content().as_deref(), Some("Cancel"));
    // 7. The trigger says it opened a dialog and that it is expanded.
    let trigger = button(&root, "Remove security key “YubiKey 5C”");
    assert_eq!(
        trigger.get_attribute("aria-haspopup").as_deref(),
        Some("dialog")
    );
    assert_eq!(
        trigger.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    // 8. Buttons are type=button; the confirm button names the action.
    let buttons = dialog.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let b: Element = buttons.item(i).unwrap().unchecked_into();
        assert_eq!(b.get_attribute("type").as_deref(), Some("button"));
    }
    let confirm = confirm_button(&dialog);
    assert_eq!(
        confirm.text_content().as_deref(),
        Some("Remove security key")
    );

    // 3. Tab from the last control wraps to the first, Shift+Tab from the first to the last.
    confirm.focus().unwrap();
    key(&confirm, "Tab", false);
    assert_eq!(focused().unwrap().text_content().as_deref(), Some("Cancel"));
    let cancel = focused().unwrap();
    key(&cancel, "Tab", true);
    assert_eq!(
        focused().unwrap().text_content().as_deref(),
        Some("Remove security key")
    );
    // Focus that escapes is pulled back.
    trigger.focus().unwrap();
    sleep(10).await;
    assert!(modal.contains(focused().as_ref().map(|e| e.unchecked_ref())));

    // 4. Escape (the dialog's cancel event) cancels; 5. focus returns to the trigger.
    let cancel_event = web_sys::Event::new_with_event_init_dict("cancel", &{
        let init = web_sys::EventInit::new();
        init.set_cancelable(true);
        init
    })
    .unwrap();
    dialog.dispatch_event(&cancel_event).unwrap();
    wait_gone(&root, "dialog").await;
    sleep(50).await;
    assert_eq!(
        focused().unwrap().get_attribute("aria-label").as_deref(),
        Some("Remove security key “YubiKey 5C”")
    );
    assert_eq!(
        trigger.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(page_overflow(), "");
    assert_eq!(calls_to(U2F), 0, "cancelling sends nothing");
}

#[wasm_bindgen_test]
async fn info_is_one_click_and_the_row_leaves_with_details_shown() {
    account(
        TOTP_AND_KEY,
        "{}",
        OPEN_POLICY,
        WITH_PASSWORD,
        vec![Answer::ok(U2F, DETAILS)],
    );
    let (root, dialog) = open_dialog("Remove security key “YubiKey 5C”").await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("info")
    );
    assert!(dialog.query_selector("input").unwrap().is_none());
    assert!(dialog
        .query_selector(".zmm-dialog__consequence strong")
        .unwrap()
        .is_none());
    confirm_button(&dialog).click();
    wait_gone(&root, "dialog").await;
    let result = wait_for(&root, ".zmm-result").await.text_content().unwrap();
    assert!(
        result.contains("Security key “YubiKey 5C” removed"),
        "{result}"
    );
    assert!(result.contains("42"), "{result}");
    assert!(result.contains("69629023906488334"), "{result}");
    // The change date in the browser's locale and time zone, with the exact time kept.
    let time = root.query_selector(".zmm-details time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2025-10-01T12:34:56.789012Z")
    );
    let shown = time.text_content().unwrap();
    assert!(shown.contains("2025") && !shown.contains('T'), "{shown}");
    assert!(text_of(&root, "[role=status][aria-live=polite]")
        .contains("Removed security key “YubiKey 5C”."));
    // The list still returns it (a lagging projection): it stays hidden.
    assert!(!root
        .text_content()
        .unwrap()
        .contains("Remove security key “YubiKey 5C”"));
    assert!(root
        .query_selector("[aria-label='Remove security key “YubiKey 5C”']")
        .unwrap()
        .is_none());
    // Focus went to the list heading, since the row is gone.
    sleep(50).await;
    assert_eq!(
        focused().unwrap().text_content().as_deref(),
        Some("Sign-in methods")
    );
}

/// The forced-MFA warning: severity "warning", the consequence in bold.
fn assert_last_second_factor_warning(dialog: &Element) {
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("warning")
    );
    let bold = text_of(dialog, ".zmm-dialog__consequence strong");
    assert!(
        bold.contains("requires a second factor and this is the last one"),
        "{bold}"
    );
}

#[wasm_bindgen_test]
async fn forced_mfa_is_a_warning_in_bold() {
    account(ONLY_TOTP, "{}", FORCED_POLICY, WITH_PASSWORD, vec![]);
    let (_, dialog) = open_dialog("Remove authenticator app").await;
    assert_last_second_factor_warning(&dialog);
    assert!(dialog.query_selector("input").unwrap().is_none());
    assert!(!confirm_button(&dialog)
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
}

#[wasm_bindgen_test]
async fn an_unknown_password_state_is_a_warning_that_says_so() {
    serve(&[
        Answer::ok(FACTORS, "{}"),
        Answer::ok(PASSKEYS, ONE_PASSKEY),
        Answer::status(ME, 503, r#"{"code":14,"message":"unavailable"}"#),
        Answer::ok(POLICY, OPEN_POLICY),
    ]);
    let (_, dialog) = open_dialog("Remove passkey “iPhone 15”").await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("warning")
    );
    assert!(text_of(&dialog, ".zmm-dialog__consequence")
        .contains("We could not check whether your account has a password"));
}

// Guards the moment before the account context answers: the dialog said "We could not
// check whether your account has a password…" and one click removed a last passkey that
// the answer, a moment later, showed to be a lockout needing the name typed.
#[wasm_bindgen_test]
async fn before_the_account_context_answers_the_dialog_says_it_is_checking_and_waits() {
    serve(&[
        Answer::ok(FACTORS, "{}"),
        Answer::ok(PASSKEYS, ONE_PASSKEY),
        Answer::delayed(ME, 400, r#"{"user":{"id":"u1","userName":"alice"}}"#),
        Answer::ok(POLICY, OPEN_POLICY),
        Answer::ok(METHODS, PASSKEY_ONLY),
        Answer::ok(PASSKEY, DETAILS),
    ]);
    let root = mount_factor_list("t");
    wait_for(&root, ".zmm-group").await;
    button(&root, "Remove passkey “iPhone 15”").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    let body = dialog.query_selector(".zmm-dialog__body").unwrap().unwrap();
    assert_eq!(
        text_of(&dialog, ".zmm-dialog__consequence"),
        "Checking what removing it would leave. One moment…"
    );
    let confirm = confirm_button(&dialog);
    let disabled = || {
        confirm
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    };
    assert!(disabled(), "confirm waits for the account context");
    confirm.click();
    sleep(20).await;
    assert_eq!(calls_to(PASSKEY), 0, "nothing is sent while checking");

    wait_until(|| dialog.get_attribute("data-severity").as_deref() == Some("danger")).await;
    assert!(text_of(&dialog, ".zmm-dialog__consequence strong")
        .contains("will not be able to sign in at all"));
    assert_eq!(body.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(
        dialog.query_selector("input").unwrap().is_some(),
        "the name to type"
    );
    assert!(disabled(), "still waits for the name");
}

#[wasm_bindgen_test]
async fn lockout_needs_the_name_typed_before_the_button_works() {
    account(
        "{}",
        ONE_PASSKEY,
        OPEN_POLICY,
        PASSKEY_ONLY,
        vec![Answer::ok(PASSKEY, DETAILS)],
    );
    let (root, dialog) = open_dialog("Remove passkey “iPhone 15”").await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("danger")
    );
    assert!(text_of(&dialog, ".zmm-dialog__consequence strong")
        .contains("will not be able to sign in at all"));
    let confirm = confirm_button(&dialog);
    let disabled = || {
        confirm
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    };
    assert!(disabled());
    let input: HtmlInputElement = dialog
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let label = text_of(&dialog, &format!("label[for='{}']", input.id()));
    assert_eq!(label, "To confirm, type iPhone 15");
    let type_text = |text: &str| {
        input.set_value(text);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    type_text("iPhone");
    sleep(10).await;
    assert!(disabled());
    confirm.click();
    key(&input, "Enter", false);
    sleep(20).await;
    assert_eq!(
        calls_to(PASSKEY),
        0,
        "nothing is sent before the name matches"
    );
    type_text("iPhone 15");
    sleep(10).await;
    assert!(!disabled());
    key(&input, "Enter", false);
    wait_gone(&root, "dialog").await;
    assert_eq!(calls_to(PASSKEY), 1);
}

// Guards "two DELETEs from one confirmation": double click, and Enter + click.
#[wasm_bindgen_test]
async fn double_activation_sends_one_delete() {
    account(
        TOTP_AND_KEY,
        "{}",
        OPEN_POLICY,
        WITH_PASSWORD,
        vec![Answer::delayed(TOTP, 150, DETAILS)],
    );
    let (root, dialog) = open_dialog("Remove authenticator app").await;
    let confirm = confirm_button(&dialog);
    confirm.click();
    confirm.click();
    key(&confirm, "Enter", false);
    confirm.click();
    sleep(20).await;
    // While the request runs: busy, confirm disabled and saying so, repeat clicks ignored.
    assert_eq!(dialog.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(confirm
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    assert_eq!(confirm.text_content().as_deref(), Some("Removing…"));
    confirm.click();
    wait_gone(&root, "dialog").await;
    sleep(50).await;
    assert_eq!(calls_to(TOTP), 1);
}

/// Each error kind of a removal: its words inside the dialog, and the list stays usable.
#[wasm_bindgen_test]
async fn every_removal_error_shows_its_next_step_and_keeps_the_list() {
    let cases: Vec<(Answer, &str, bool)> = vec![
        (
            Answer::status(
                TOTP,
                401,
                r#"{"code":16,"message":"Errors.Token.Invalid (AUTH-7fs1e)"}"#,
            ),
            "Sign in again",
            false,
        ),
        (
            Answer::status(
                TOTP,
                403,
                r#"{"code":7,"message":"Errors.OriginNotAllowed (AUTH-DZG21)"}"#,
            ),
            "allowed origins",
            false,
        ),
        (
            Answer::status(
                TOTP,
                403,
                r#"{"code":7,"message":"No matching permissions found (AUTH-5mWD2)"}"#,
            ),
            "administrator",
            false,
        ),
        (
            Answer::status(TOTP, 429, r#"{"code":8,"message":"too many"}"#),
            "Wait a moment",
            true,
        ),
        // Answers that leave open whether it happened: the list loaded again decides.
        (
            Answer::status(TOTP, 500, r#"{"code":13,"message":"Errors.Internal"}"#),
            "still shows it: it was not removed",
            true,
        ),
        (
            Answer::status(TOTP, 502, "<html>Bad Gateway</html>"),
            "still shows it: it was not removed",
            true,
        ),
        (
            Answer::network_failure(TOTP),
            "still shows it: it was not removed",
            true,
        ),
    ];
    for (failure, expected, retry) in cases {
        account(
            TOTP_AND_KEY,
            "{}",
            OPEN_POLICY,
            WITH_PASSWORD,
            vec![failure],
        );
        let (root, dialog) = open_dialog("Remove authenticator app").await;
        confirm_button(&dialog).click();
        let alert = wait_for(&dialog, "[role=alert]").await;
        let text = alert.text_content().unwrap();
        assert!(text.contains(expected), "{expected}: {text}");
        let confirm = confirm_button(&dialog);
        assert_eq!(
            !confirm
                .unchecked_ref::<web_sys::HtmlButtonElement>()
                .disabled(),
            retry,
            "{expected}"
        );
        assert_eq!(dialog.get_attribute("aria-busy").as_deref(), Some("false"));
        // Cancel still works and the list is intact.
        button(&dialog, "Cancel").click();
        wait_gone(&root, "dialog").await;
        assert!(root
            .query_selector("[aria-label='Remove authenticator app']")
            .unwrap()
            .is_some());
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn a_404_is_already_removed_only_when_the_list_loaded_again_agrees() {
    let gone =
        r#"{"code":5,"message":"Multifactor OTP (OneTimePassword) doesn't exist (COMMAND-Hd9sd)"}"#;
    let key_only =
        r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"k1","name":"YubiKey 5C"}}]}"#;
    account(
        TOTP_AND_KEY,
        "{}",
        OPEN_POLICY,
        WITH_PASSWORD,
        vec![
            Answer::status(TOTP, 404, gone),
            Answer::ok(FACTORS, key_only),
        ],
    );
    let lists_before = calls_to(FACTORS);
    let (root, dialog) = open_dialog("Remove authenticator app").await;
    confirm_button(&dialog).click();
    wait_gone(&root, "dialog").await;
    let result = wait_for(&root, ".zmm-result").await.text_content().unwrap();
    assert!(
        result.contains("Authenticator app was already removed"),
        "{result}"
    );
    assert!(root
        .query_selector("[aria-label='Remove authenticator app']")
        .unwrap()
        .is_none());
    sleep(50).await;
    assert!(
        calls_to(FACTORS) > lists_before + 1,
        "the list was loaded again"
    );
}

#[wasm_bindgen_test]
async fn a_404_for_a_factor_still_listed_is_no_success() {
    // ZITADEL's management removals look the factor up in the organization acted in:
    // a wrong org id gives the factor's 404 while the list still has it.
    let missing =
        r#"{"code":5,"message":"Multifactor OTP (OneTimePassword) doesn't exist (COMMAND-Hd9sd)"}"#;
    account(
        TOTP_AND_KEY,
        "{}",
        OPEN_POLICY,
        WITH_PASSWORD,
        vec![Answer::status(TOTP, 404, missing)],
    );
    let (root, dialog) = open_dialog("Remove authenticator app").await;
    let lists_before = calls_to(FACTORS);
    confirm_button(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("Not removed"), "{alert}");
    assert!(alert.contains("still shows it"), "{alert}");
    assert!(
        calls_to(FACTORS) > lists_before,
        "the list was loaded again to check"
    );
    assert!(
        root.query_selector(".zmm-result").unwrap().is_none(),
        "no success shown"
    );
    assert!(root
        .query_selector("[aria-label='Remove authenticator app']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn markup_in_a_name_stays_text_in_the_dialog() {
    let evil = r#"<img src=x onerror=alert(1)>"#;
    let passkeys = format!(
        r#"{{"result":[{{"id":"p1","state":"AUTH_FACTOR_STATE_READY","name":"{evil}"}},{{"id":"p2","name":"B"}}]}}"#
    );
    account("{}", &passkeys, OPEN_POLICY, WITH_PASSWORD, vec![]);
    let (root, dialog) = open_dialog(&format!("Remove passkey “{evil}”")).await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(dialog.text_content().unwrap().contains(evil));
}

const KEY_ONLY: &str =
    r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"k1","name":"YubiKey 5C"}}]}"#;

/// A time-out, a network failure, a 502 or a 200 that is not ZITADEL's JSON after the
/// server did remove: the list loaded again shows it gone, and the user is told so.
#[wasm_bindgen_test]
async fn a_removal_whose_answer_is_lost_is_removed_when_the_list_agrees() {
    let lost = [
        Answer::hang(TOTP),
        Answer::network_failure(TOTP),
        Answer::status(TOTP, 502, "<html>Bad Gateway</html>"),
        Answer::status(TOTP, 200, "<html>proxy login</html>"),
    ];
    for failure in lost {
        let what = format!("{}/{}/{}", failure.status, failure.hang, failure.network);
        account(
            TOTP_AND_KEY,
            "{}",
            OPEN_POLICY,
            WITH_PASSWORD,
            vec![failure, Answer::ok(FACTORS, KEY_ONLY)],
        );
        let root = crate::support::mount_factor_list_with_timeout(300);
        let removed = crate::support::listen(&root, "zitadel-mfa-removed", false);
        let (root, dialog) = open_dialog_in(root, "Remove authenticator app").await;
        confirm_button(&dialog).click();
        wait_gone(&root, "dialog").await;
        let result = wait_for(&root, ".zmm-result").await.text_content().unwrap();
        assert!(
            result.contains("Authenticator app removed"),
            "{what}: {result}"
        );
        assert!(result.contains("answer did not arrive"), "{what}: {result}");
        assert!(root
            .query_selector("[aria-label='Remove authenticator app']")
            .unwrap()
            .is_none());
        assert_eq!(calls_to(TOTP), 1, "{what}: one DELETE");
        let events = removed();
        assert_eq!(events.len(), 1, "{what}");
        assert_eq!(events[0]["detail"]["details"], serde_json::Value::Null);
        assert_eq!(events[0]["detail"]["kind"], "totp");
    }
}

#[wasm_bindgen_test]
async fn a_removal_that_times_out_and_is_still_listed_says_it_was_not_removed() {
    account(
        TOTP_AND_KEY,
        "{}",
        OPEN_POLICY,
        WITH_PASSWORD,
        vec![Answer::hang(TOTP)],
    );
    let root = crate::support::mount_factor_list_with_timeout(300);
    let (_root, dialog) = open_dialog_in(root, "Remove authenticator app").await;
    let lists = calls_to(FACTORS);
    confirm_button(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("Not removed"), "{alert}");
    assert!(alert.contains("still shows it"), "{alert}");
    assert!(calls_to(FACTORS) > lists, "the list was loaded again");
    assert_eq!(calls_to(TOTP), 1, "a timed-out DELETE is not repeated");
    // The same dialog, still open and usable: trying again sends one more DELETE.
    assert!(dialog.is_connected());
    confirm_button(&dialog).click();
    wait_until(|| calls_to(TOTP) == 2).await;
}

#[wasm_bindgen_test]
async fn an_unclear_answer_whose_check_fails_says_it_is_not_known() {
    account(
        TOTP_AND_KEY,
        "{}",
        OPEN_POLICY,
        WITH_PASSWORD,
        vec![
            Answer::status(TOTP, 503, r#"{"code":14,"message":"unavailable"}"#),
            Answer::status(FACTORS, 503, r#"{"code":14,"message":"unavailable"}"#),
        ],
    );
    let (root, dialog) = open_dialog("Remove authenticator app").await;
    confirm_button(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(
        alert.contains("Not known whether it was removed"),
        "{alert}"
    );
    assert!(root.query_selector(".zmm-result").unwrap().is_none());
}

/// A user under forced MFA whose only second factor is a security key: not ready at the
/// first list, set up (ready, named) at the next.
fn key_set_up_meanwhile() {
    let pending = r#"{"result":[{"state":"AUTH_FACTOR_STATE_NOT_READY","u2f":{"id":"k1"}}]}"#;
    let ready =
        r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"k1","name":"YubiKey 5C"}}]}"#;
    let forced_u2f = r#"{"policy":{"allowUsernamePassword":true,"forceMfa":true,
        "passwordlessType":"PASSWORDLESS_TYPE_ALLOWED","secondFactors":["SECOND_FACTOR_TYPE_U2F"]}}"#;
    let methods = r#"{"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSWORD","AUTHENTICATION_METHOD_TYPE_U2F"]}"#;
    serve(&[
        Answer::ok(FACTORS, pending),
        Answer::ok(FACTORS, ready),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(ME, r#"{"user":{"id":"u1","userName":"alice"}}"#),
        Answer::ok(POLICY, forced_u2f),
        Answer::ok(METHODS, methods),
        Answer::ok(U2F, DETAILS),
    ]);
}

// Regression: rows were keyed by kind and token id only, so a list answer in which a
// factor had changed kept the old row. ZITADEL keeps the token id when a key's setup is
// finished (`HumanVerifyU2FSetup` pushes `HumanU2FVerifiedEvent` with the same
// `WebauthNTokenID` and the name given then, `internal/command/user_human_webauthn.go`;
// the projection sets it READY, `internal/query/projection/user_auth_method.go`): after
// a refresh the row still said "Not ready" without the name, and its dialog weighed a
// factor that signs nobody in, so removing the last second factor under forced MFA
// went without a warning.
#[wasm_bindgen_test]
async fn a_key_set_up_meanwhile_shows_ready_after_a_refresh_and_its_dialog_warns() {
    key_set_up_meanwhile();
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-row").await;
    assert_eq!(text_of(&root, ".zmm-row .zmm-badge"), "Not ready");
    handle.refresh();
    wait_until(|| text_of(&root, ".zmm-row__name") == "YubiKey 5C").await;
    assert_eq!(text_of(&root, ".zmm-row__name"), "YubiKey 5C");
    assert_eq!(text_of(&root, ".zmm-row .zmm-badge"), "Ready");
    wait_until(|| calls_to(METHODS) > 1 && calls_to(POLICY) > 1).await;
    sleep(20).await;
    button(&root, "Remove security key “YubiKey 5C”").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    assert_last_second_factor_warning(&dialog);
    handle.unmount();
    element.remove();
}

// The same, with the dialog open when the fresh list arrives: its words follow the
// factor as the latest list has it.
#[wasm_bindgen_test]
async fn an_open_dialog_weighs_the_factor_as_the_latest_list_has_it() {
    key_set_up_meanwhile();
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-row").await;
    wait_until(|| calls_to(METHODS) > 0 && calls_to(POLICY) > 0).await;
    sleep(20).await;
    button(&root, "Remove security key …k1").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("info")
    );
    handle.refresh();
    wait_until(|| dialog.get_attribute("data-severity").as_deref() == Some("warning")).await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("warning")
    );
    assert!(text_of(&dialog, ".zmm-dialog__title").contains("YubiKey 5C"));
    // What follows speaks of it by its name now too: the result and the page's event.
    let removed = listen(&element, "zitadel-mfa-removed", false);
    confirm_button(&dialog).click();
    let result = wait_for(&root, ".zmm-result").await;
    assert!(
        result.text_content().unwrap().contains("YubiKey 5C"),
        "{}",
        result.text_content().unwrap()
    );
    let seen = removed();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["detail"]["name"], "YubiKey 5C");
    handle.unmount();
    element.remove();
}
