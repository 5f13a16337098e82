//! Every language renders the list and the dialog from its own catalogue: no
//! placeholder left unfilled, no English left over, the `lang` attribute set.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};
use zitadel_mfa_manager::i18n::{fill, Language, Locale, Messages};

use crate::support::{
    calls_to, mount_factor_list_in, serve, sleep, wait_for, wait_gone, wait_until, Answer,
};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const ME: &str = "/auth/v1/users/me";
const POLICY: &str = "/auth/v1/policies/login";
const METHODS: &str = "/v2/users/u1/authentication_methods";
const POLICY_BODY: &str = r#"{"policy":{"allowUsernamePassword":true,"allowExternalIdp":true,
    "passwordlessType":"PASSWORDLESS_TYPE_ALLOWED","secondFactors":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_U2F"]}}"#;
const ONE_PASSKEY: &str =
    r#"{"result":[{"id":"p1","state":"AUTH_FACTOR_STATE_READY","name":"iPhone 15"}]}"#;
const ONLY_TOTP: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;
const PASSKEY_ONLY: &str = r#"{"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSKEY"]}"#;
const WITH_PASSWORD: &str = r#"{"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSWORD"]}"#;

fn account(factors: &str, passkeys: &str, methods: &str) {
    serve(&[
        Answer::ok(FACTORS, factors),
        Answer::ok(PASSKEYS, passkeys),
        Answer::ok(ME, r#"{"user":{"id":"u1","userName":"alice"}}"#),
        Answer::ok(POLICY, POLICY_BODY),
        Answer::ok(METHODS, methods),
    ]);
}

fn text(element: &Element, selector: &str) -> String {
    element
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// Opens the dialog of the only removable row, once the account context is in.
async fn open_only_dialog(root: &HtmlElement) -> Element {
    wait_for(root, ".zmm-group").await;
    wait_until(|| calls_to(METHODS) > 0 && calls_to(POLICY) > 0).await;
    sleep(20).await;
    let remove: HtmlElement = root
        .query_selector(".zmm-row__remove")
        .unwrap()
        .unwrap()
        .unchecked_into();
    remove.click();
    wait_for(root, "dialog[open]").await
}

/// Closes the dialog with its Cancel button.
async fn cancel(root: &HtmlElement, dialog: &Element) {
    let cancel: HtmlElement = dialog
        .query_selector(".zmm-button--quiet")
        .unwrap()
        .unwrap()
        .unchecked_into();
    cancel.click();
    wait_gone(root, "dialog").await;
}

/// Nothing unfilled, and (for other languages) none of the English texts shown.
fn assert_translated(locale: Locale, shown: &str) {
    assert!(
        !shown.contains('{') && !shown.contains('}'),
        "{locale:?}: {shown}"
    );
    if locale == Locale::En {
        return;
    }
    let english = Locale::En.messages().entries();
    for (key, en) in english {
        // Texts with placeholders are checked by what they render; loan words such as
        // "Passkey" may stay as they are.
        if en.contains('{') || en.len() < 12 {
            continue;
        }
        assert!(!shown.contains(en), "{locale:?} shows English {key}: {en}");
    }
}

async fn lockout_dialog_in(locale: Locale) {
    let t: &Messages = locale.messages();
    account("{}", ONE_PASSKEY, PASSKEY_ONLY);
    let root = mount_factor_list_in(Language {
        locale,
        tag: locale.tag().into(),
    });
    let dialog = open_only_dialog(&root).await;
    let section = root.query_selector("section.zmm").unwrap().unwrap();
    assert_eq!(section.get_attribute("lang").as_deref(), Some(locale.tag()));
    assert_eq!(text(&root, ".zmm-title"), t.heading);
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("danger")
    );

    let name = fill(t.quote, &[("name", "iPhone 15")]);
    let what = fill(t.named, &[("noun", t.kind_noun[0]), ("name", &name)]);
    assert_eq!(
        text(&dialog, ".zmm-dialog__title"),
        fill(t.remove_question, &[("what", &what)])
    );
    assert_eq!(
        text(&dialog, ".zmm-dialog__consequence"),
        t.lockout_last_passkey[0]
    );
    assert_eq!(
        text(&dialog, ".zmm-typed__label").trim(),
        fill(t.type_to_confirm, &[("word", "iPhone 15")]).trim()
    );
    assert_eq!(text(&dialog, ".zmm-button--quiet").trim(), t.cancel);
    assert_eq!(
        text(&dialog, ".zmm-button--danger").trim(),
        fill(t.remove_what, &[("what", t.kind_noun[0])])
    );
    assert_translated(locale, &root.text_content().unwrap());
    cancel(&root, &dialog).await;
}

async fn info_dialog_in(locale: Locale) {
    let t: &Messages = locale.messages();
    account(ONLY_TOTP, "{}", WITH_PASSWORD);
    let root = mount_factor_list_in(Language {
        locale,
        tag: locale.tag().into(),
    });
    let dialog = open_only_dialog(&root).await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("info")
    );
    let kept = fill(t.still_sign_in[0], &[("list", t.kept_password[0])]);
    assert_eq!(text(&dialog, ".zmm-dialog__kept"), kept);
    assert_eq!(text(&root, ".zmm-group__title"), t.kind_title[0]);
    assert_translated(locale, &root.text_content().unwrap());
    cancel(&root, &dialog).await;
}

#[wasm_bindgen_test]
async fn every_language_renders_the_lockout_dialog_from_its_catalogue() {
    for locale in Locale::ALL {
        lockout_dialog_in(locale).await;
    }
}

#[wasm_bindgen_test]
async fn every_language_says_what_still_signs_the_user_in() {
    for locale in Locale::ALL {
        info_dialog_in(locale).await;
    }
}
