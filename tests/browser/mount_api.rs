//! The JavaScript-facing `mount(element, options)`: refresh, unmount that leaves no
//! nodes or listeners behind, and several instances on one page.

use std::collections::HashSet;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;
use zitadel_mfa_manager::embed::{mount, MountHandle};

use crate::support::{
    button, calls, calls_to, focused, serve, sleep, wait_for, wait_gone, wait_until, Answer,
};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const ONE_TOTP: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;

fn element() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

fn options(token: &str) -> JsValue {
    let object = js_sys::Object::new();
    js_sys::Reflect::set(
        &object,
        &"apiBaseUrl".into(),
        &"https://zitadel.test".into(),
    )
    .unwrap();
    js_sys::Reflect::set(&object, &"accessToken".into(), &token.into()).unwrap();
    object.into()
}

fn mounted(token: &str) -> (HtmlElement, MountHandle) {
    let element = element();
    let handle = mount(element.clone(), &options(token));
    (element, handle)
}

#[wasm_bindgen_test]
async fn mount_takes_an_options_object_and_refresh_loads_again() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut handle) = mounted("js-token");
    wait_for(&element, ".zmm-group").await;
    assert!(calls()
        .iter()
        .all(|c| c.authorization.as_deref() == Some("Bearer js-token")));
    let before = calls_to(FACTORS);
    handle.refresh();
    wait_until(|| calls_to(FACTORS) > before).await;
    assert_eq!(calls_to(FACTORS), before + 1);
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn unmount_leaves_no_nodes_and_no_listeners_even_with_an_open_dialog() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut handle) = mounted("t");
    wait_for(&element, ".zmm-group").await;
    button(&element, "Remove authenticator app").click();
    wait_for(&element, "dialog[open]").await;
    handle.unmount();
    sleep(20).await;
    assert_eq!(element.child_element_count(), 0, "{}", element.inner_html());
    let root: HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        root.style().get_property_value("overflow").unwrap(),
        "",
        "scrolling is unlocked"
    );
    // The dialog's focus guard is gone: focus placed elsewhere stays there.
    let outside: HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("input")
        .unwrap()
        .unchecked_into();
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
        .append_child(&outside)
        .unwrap();
    outside.focus().unwrap();
    sleep(20).await;
    assert_eq!(focused().as_ref(), Some(outside.unchecked_ref()));
    // Calls after unmount do nothing.
    let loads = calls_to(FACTORS);
    handle.refresh();
    handle.unmount();
    sleep(30).await;
    assert_eq!(calls_to(FACTORS), loads);
    outside.remove();
    element.remove();
}

#[wasm_bindgen_test]
async fn two_instances_do_not_interfere() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (first, mut first_handle) = mounted("t");
    let (second, mut second_handle) = mounted("t");
    wait_for(&first, ".zmm-group").await;
    wait_for(&second, ".zmm-group").await;
    // Element ids are unique across both.
    let document = web_sys::window().unwrap().document().unwrap();
    let with_ids = document
        .query_selector_all("[data-zitadel-test] [id], .zmm [id]")
        .unwrap();
    let mut seen = HashSet::new();
    for i in 0..with_ids.length() {
        let id = with_ids
            .item(i)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
            .id();
        assert!(seen.insert(id.clone()), "duplicate id {id}");
    }
    // A dialog in one leaves the other alone.
    button(&first, "Remove authenticator app").click();
    wait_for(&first, "dialog[open]").await;
    assert!(second.query_selector("dialog").unwrap().is_none());
    button(&first, "Cancel").click();
    wait_gone(&first, "dialog").await;
    first_handle.unmount();
    assert!(
        second.query_selector(".zmm-group").unwrap().is_some(),
        "the other instance stays"
    );
    second_handle.unmount();
    first.remove();
    second.remove();
}

#[wasm_bindgen_test]
async fn the_custom_element_mounts_remounts_on_attribute_changes_and_cleans_up() {
    const ADMIN_FACTORS: &str = "/management/v1/users/u9/auth_factors/_search";
    serve(&[
        Answer::ok(FACTORS, ONE_TOTP),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(ADMIN_FACTORS, "{}"),
        Answer::ok("/management/v1/users/u9/passwordless/_search", "{}"),
    ]);
    zitadel_mfa_manager::embed::define_custom_element();
    zitadel_mfa_manager::embed::define_custom_element(); // a second call is harmless
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document
        .create_element("zitadel-mfa-manager")
        .unwrap()
        .unchecked_into();
    element
        .set_attribute("api-base-url", "https://zitadel.test")
        .unwrap();
    js_sys::Reflect::set(&element, &"accessToken".into(), &"element-token".into()).unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    wait_for(&element, ".zmm-group").await;
    assert!(
        element.get_attribute("access-token").is_none(),
        "the token is not in the DOM"
    );
    assert!(calls()
        .iter()
        .all(|c| c.authorization.as_deref() == Some("Bearer element-token")));

    // An attribute change mounts again with the new options.
    element.set_attribute("user-id", "u9").unwrap();
    wait_until(|| calls_to(ADMIN_FACTORS) > 0).await;
    assert_eq!(calls_to(ADMIN_FACTORS), 1);
    sleep(20).await;
    assert_eq!(
        element.query_selector_all("section.zmm").unwrap().length(),
        1,
        "one widget, not two"
    );

    // Removed from the page: unmounted, nothing left inside, nothing loads any more.
    element.remove();
    sleep(20).await;
    assert_eq!(element.child_element_count(), 0);
    let loads = calls_to(ADMIN_FACTORS);
    let refresh = js_sys::Reflect::get(&element, &"refresh".into()).unwrap();
    refresh
        .unchecked_into::<js_sys::Function>()
        .call0(&element)
        .unwrap();
    sleep(30).await;
    assert_eq!(calls_to(ADMIN_FACTORS), loads);
}

#[wasm_bindgen_test]
async fn refresh_reloads_the_org_settings_and_their_removals_reach_the_page() {
    const POLICY: &str = "/management/v1/policies/login";
    const SECOND: &str = "/management/v1/policies/login/second_factors/_search";
    const REMOVE_U2F: &str = "/management/v1/policies/login/second_factors/SECOND_FACTOR_TYPE_U2F";
    serve(&[
        Answer::ok(FACTORS, ONE_TOTP),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(POLICY, r#"{"policy":{"allowUsernamePassword":true}}"#),
        Answer::ok(
            SECOND,
            r#"{"result":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_U2F"]}"#,
        ),
        Answer::ok("/management/v1/policies/login/auth_factors/_search", "{}"),
        Answer::ok(
            REMOVE_U2F,
            r#"{"details":{"sequence":"9","resourceOwner":"o1"}}"#,
        ),
    ]);
    let element = element();
    let options = options("t");
    js_sys::Reflect::set(&options, &"orgSettings".into(), &true.into()).unwrap();
    let mut handle = mount(element.clone(), &options);
    let removed = crate::support::listen(&element, "zitadel-mfa-removed", false);
    wait_for(&element, ".zmm-org .zmm-group").await;
    // Without an organization id the caller's own is meant: no x-zitadel-orgid is sent.
    let org_calls: Vec<_> = calls()
        .into_iter()
        .filter(|c| c.path.starts_with("/management/"))
        .collect();
    assert!(!org_calls.is_empty());
    assert!(
        org_calls
            .iter()
            .all(|c| !c.headers.contains(&"x-zitadel-orgid".to_string())),
        "{org_calls:?}"
    );
    let loads = calls_to(SECOND);
    handle.refresh();
    wait_until(|| calls_to(SECOND) > loads).await;
    assert_eq!(calls_to(SECOND), loads + 1);

    button(
        &element,
        "Remove Security key (U2F) from the login settings",
    )
    .click();
    let dialog = wait_for(&element, "dialog[open]").await;
    button(&dialog, "Remove from login settings").click();
    wait_gone(&element, "dialog").await;
    wait_until(|| !removed().is_empty()).await;
    let detail = &removed()[0]["detail"];
    assert_eq!(detail["kind"], "second_factor_type");
    assert_eq!(detail["id"], "SECOND_FACTOR_TYPE_U2F");
    assert_eq!(detail["details"]["sequence"], 9);
    handle.unmount();
    element.remove();
}
