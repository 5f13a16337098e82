//! The JavaScript-facing `mount(element, options)`: refresh, unmount that leaves no
//! nodes or listeners behind, and several instances on one page.

use std::collections::HashSet;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;
use zitadel_mfa_manager::embed::mount;

use crate::support::{
    button, calls, calls_to, focused, inside, mounted, options, page_element, page_overflow, serve,
    sleep, wait_for, wait_gone, wait_until, Answer,
};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const ONE_TOTP: &str = r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#;

#[wasm_bindgen_test]
async fn mount_takes_an_options_object_and_refresh_loads_again() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut handle) = mounted("js-token");
    wait_for(&inside(&element), ".zmm-group").await;
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
    wait_for(&inside(&element), ".zmm-group").await;
    button(&inside(&element), "Remove authenticator app").click();
    wait_for(&inside(&element), "dialog[open]").await;
    handle.unmount();
    sleep(20).await;
    assert_eq!(element.child_element_count(), 0, "{}", element.inner_html());
    let shadow = element.shadow_root().unwrap();
    assert_eq!(shadow.child_element_count(), 0, "{}", shadow.inner_html());
    assert_eq!(page_overflow(), "", "scrolling is unlocked");
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
    wait_for(&inside(&first), ".zmm-group").await;
    wait_for(&inside(&second), ".zmm-group").await;
    // Element ids are unique across both.
    let mut seen = HashSet::new();
    for root in [inside(&first), inside(&second)] {
        let with_ids = root.query_selector_all("[id]").unwrap();
        for i in 0..with_ids.length() {
            let id = with_ids
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .id();
            assert!(seen.insert(id.clone()), "duplicate id {id}");
        }
    }
    // A dialog in one leaves the other alone.
    button(&inside(&first), "Remove authenticator app").click();
    wait_for(&inside(&first), "dialog[open]").await;
    assert!(inside(&second).query_selector("dialog").unwrap().is_none());
    button(&inside(&first), "Cancel").click();
    wait_gone(&inside(&first), "dialog").await;
    first_handle.unmount();
    assert!(
        inside(&second)
            .query_selector(".zmm-group")
            .unwrap()
            .is_some(),
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
    wait_for(&inside(&element), ".zmm-group").await;
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
        element
            .shadow_root()
            .unwrap()
            .query_selector_all("section.zmm")
            .unwrap()
            .length(),
        1,
        "one widget, not two"
    );

    // Removed from the page: unmounted, nothing left inside, nothing loads any more.
    element.remove();
    sleep(20).await;
    assert_eq!(element.child_element_count(), 0);
    assert_eq!(element.shadow_root().unwrap().child_element_count(), 0);
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
    let element = page_element();
    let options = options("t");
    js_sys::Reflect::set(&options, &"orgSettings".into(), &true.into()).unwrap();
    let mut handle = mount(element.clone(), &options);
    let removed = crate::support::listen(&element, "zitadel-mfa-removed", false);
    wait_for(&inside(&element), ".zmm-org .zmm-group").await;
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
        &inside(&element),
        "Remove Security key (U2F) from the login settings",
    )
    .click();
    let dialog = wait_for(&inside(&element), "dialog[open]").await;
    button(&dialog, "Remove from login settings").click();
    wait_gone(&inside(&element), "dialog").await;
    wait_until(|| !removed().is_empty()).await;
    let detail = &removed()[0]["detail"];
    assert_eq!(detail["kind"], "second_factor_type");
    assert_eq!(detail["id"], "SECOND_FACTOR_TYPE_U2F");
    assert_eq!(detail["details"]["sequence"], 9);
    handle.unmount();
    element.remove();
}

/// Adds a stylesheet to the page; removed when dropped.
struct PageStyle(web_sys::Element);

impl PageStyle {
    fn add(css: &str) -> PageStyle {
        let document = web_sys::window().unwrap().document().unwrap();
        let style = document.create_element("style").unwrap();
        style.set_text_content(Some(css));
        document.head().unwrap().append_child(&style).unwrap();
        PageStyle(style)
    }
}

impl Drop for PageStyle {
    fn drop(&mut self) {
        self.0.remove();
    }
}

fn computed(element: &web_sys::Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(element)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap()
}

fn set(options: &JsValue, key: &str, value: &JsValue) {
    js_sys::Reflect::set(options, &key.into(), value).unwrap();
}

#[wasm_bindgen_test]
async fn page_styles_stay_out_widget_styles_stay_in_and_the_theme_contract_holds() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    // A hostile page: global rules that would hide or repaint the widget's parts.
    let _page = PageStyle::add(
        "button { display: none !important; } .zmm-row { visibility: hidden !important; } \
         * { font-family: monospace !important; } \
         .themed { --zmm-bg: rgb(1, 2, 3); } .themed::part(name) { color: rgb(4, 5, 6); }",
    );
    let element = page_element();
    element.set_class_name("themed");
    let options = options("t");
    set(&options, "theme", &"dark".into());
    let mut handle = mount(element.clone(), &options);
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;

    let remove = root.query_selector(".zmm-row__remove").unwrap().unwrap();
    assert_ne!(computed(&remove, "display"), "none", "page rules stay out");
    let row = root.query_selector(".zmm-row").unwrap().unwrap();
    assert_eq!(computed(&row, "visibility"), "visible");
    // The page's custom property and ::part rule reach in, as documented.
    let section = root.query_selector("section.zmm").unwrap().unwrap();
    assert_eq!(computed(&section, "background-color"), "rgb(1, 2, 3)");
    let name = root.query_selector("[part=name]").unwrap().unwrap();
    assert_eq!(computed(&name, "color"), "rgb(4, 5, 6)");
    // Forced dark: the dark text colour, whatever the system prefers.
    assert_eq!(section.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(computed(&section, "color"), "rgb(236, 238, 242)");

    // The widget's rules do not reach the page: a page element with its class names.
    let document = web_sys::window().unwrap().document().unwrap();
    let outside = document.create_element("section").unwrap();
    outside.set_class_name("zmm");
    document.body().unwrap().append_child(&outside).unwrap();
    assert_eq!(computed(&outside, "border-top-style"), "none");
    outside.remove();
    handle.unmount();

    // Forced light, on the same element mounted again.
    set(&options, "theme", &"light".into());
    let mut handle = mount(element.clone(), &options);
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;
    let section = root.query_selector("section.zmm").unwrap().unwrap();
    assert_eq!(computed(&section, "color"), "rgb(22, 24, 29)");
    handle.unmount();
    element.remove();
}

#[wasm_bindgen_test]
async fn kinds_limit_the_groups_and_details_can_be_left_out() {
    const TOTP: &str = "/auth/v1/users/me/auth_factors/otp";
    serve(&[
        Answer::ok(FACTORS, ONE_TOTP),
        Answer::ok(PASSKEYS, "{}"),
        Answer::ok(TOTP, r#"{"details":{"sequence":"5","resourceOwner":"o1"}}"#),
    ]);
    let element = page_element();
    let options = options("t");
    set(
        &options,
        "kinds",
        &js_sys::Array::of2(&"totp".into(), &"otp_sms".into()),
    );
    set(&options, "showDetails", &false.into());
    let mut handle = mount(element.clone(), &options);
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;
    let groups = root.query_selector_all(".zmm-group").unwrap();
    let kinds: Vec<String> = (0..groups.length())
        .map(|i| {
            groups
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-kind")
                .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["totp", "otp_sms"]);

    button(&root, "Remove authenticator app").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    button(&dialog, "Remove authenticator app").click();
    wait_for(&root, ".zmm-result").await;
    assert!(root.query_selector(".zmm-details").unwrap().is_none());
    handle.unmount();
    element.remove();
}

// Inside a shadow root the window sees focus events retargeted to the host; the dialog's
// focus guard must not take a move inside the dialog for an escape.
#[wasm_bindgen_test]
async fn focus_moves_freely_inside_the_dialog_in_a_shadow_root() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;
    button(&root, "Remove authenticator app").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    let confirm = button(&dialog, "Remove authenticator app");
    confirm.focus().unwrap();
    sleep(20).await;
    let shadow = element.shadow_root().unwrap();
    assert_eq!(
        shadow.active_element().as_ref(),
        Some(confirm.unchecked_ref::<web_sys::Element>()),
        "focus stays on the confirm button"
    );
    // Focus cannot escape to the page behind the modal dialog.
    let document = web_sys::window().unwrap().document().unwrap();
    let outside: HtmlElement = document.create_element("input").unwrap().unchecked_into();
    document.body().unwrap().append_child(&outside).unwrap();
    outside.focus().unwrap();
    sleep(20).await;
    let active = shadow.active_element().unwrap();
    assert!(dialog.contains(Some(&active)), "focus stays in the dialog");
    assert_eq!(
        document.active_element().as_ref(),
        Some(element.unchecked_ref::<web_sys::Element>())
    );
    outside.remove();
    button(&dialog, "Cancel").click();
    wait_gone(&root, "dialog").await;
    handle.unmount();
    element.remove();
}

const TOTP: &str = "/auth/v1/users/me/auth_factors/otp";
const DETAILS: &str =
    r#"{"details":{"sequence":"9","changeDate":"2025-10-01T12:00:00Z","resourceOwner":"o1"}}"#;

fn confirm_in(element: &HtmlElement) -> web_sys::HtmlButtonElement {
    inside(element)
        .query_selector("dialog .zmm-button--danger")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

// Regression: a refresh while a DELETE was pending rebuilt the dialog, lost its busy
// state, and a second confirmation sent a second DELETE.
#[wasm_bindgen_test]
async fn a_refresh_while_a_removal_is_pending_keeps_one_dialog_and_one_delete() {
    serve(&[
        Answer::ok(FACTORS, ONE_TOTP),
        Answer::ok(PASSKEYS, "{}"),
        Answer::delayed(TOTP, 300, DETAILS),
    ]);
    let (element, mut handle) = mounted("t");
    wait_for(&inside(&element), ".zmm-group").await;
    button(&inside(&element), "Remove authenticator app").click();
    let dialog = wait_for(&inside(&element), "dialog[open]").await;
    confirm_in(&element).click();
    let loads = calls_to(FACTORS);
    handle.refresh();
    wait_until(|| calls_to(FACTORS) > loads).await;
    sleep(30).await;
    assert!(dialog.is_connected(), "the same dialog stays");
    assert_eq!(dialog.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(confirm_in(&element).disabled());
    confirm_in(&element).click();
    wait_gone(&inside(&element), "dialog").await;
    let result = wait_for(&inside(&element), ".zmm-result").await;
    assert!(result.text_content().unwrap().contains("removed"));
    assert_eq!(calls_to(TOTP), 1);
    handle.unmount();
    element.remove();
}

// Regression: unmounted while a DELETE was pending, the server removed the factor and
// the page never heard of it.
#[wasm_bindgen_test]
async fn a_removal_that_ends_after_unmount_still_reaches_the_page() {
    for (answer, event) in [
        (Answer::delayed(TOTP, 200, DETAILS), "zitadel-mfa-removed"),
        (
            Answer {
                delay: 200,
                ..Answer::status(TOTP, 403, r#"{"code":7,"message":"denied (AUTH-5mWD2)"}"#)
            },
            "zitadel-mfa-error",
        ),
    ] {
        serve(&[
            Answer::ok(FACTORS, ONE_TOTP),
            Answer::ok(PASSKEYS, "{}"),
            answer,
        ]);
        let (element, mut handle) = mounted("t");
        let heard = crate::support::listen(&element, event, false);
        wait_for(&inside(&element), ".zmm-group").await;
        button(&inside(&element), "Remove authenticator app").click();
        wait_for(&inside(&element), "dialog[open]").await;
        confirm_in(&element).click();
        sleep(20).await;
        handle.unmount();
        wait_until(|| !heard().is_empty()).await;
        let events = heard();
        assert_eq!(events.len(), 1, "{event}");
        if event == "zitadel-mfa-removed" {
            assert_eq!(events[0]["detail"]["details"]["sequence"], 9.0);
        } else {
            assert_eq!(events[0]["detail"]["doing"], "remove");
        }
        element.remove();
    }
}

// Regression: the element's `access-token` attribute stayed in the DOM after mounting.
#[wasm_bindgen_test]
async fn an_access_token_attribute_is_read_once_and_removed() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let element = custom_element();
    element
        .set_attribute("access-token", "attribute-token")
        .unwrap();
    add_to_page(&element);
    wait_for(&inside(&element), ".zmm-group").await;
    assert_eq!(element.get_attribute("access-token"), None);
    assert!(!element.outer_html().contains("attribute-token"));
    assert!(calls()
        .iter()
        .all(|c| c.authorization.as_deref() == Some("Bearer attribute-token")));
    // A later attribute change mounts again with the token kept in memory.
    element.set_attribute("theme", "dark").unwrap();
    sleep(50).await;
    assert!(calls()
        .iter()
        .all(|c| c.authorization.as_deref() == Some("Bearer attribute-token")));
    element.remove();
}

// Regression: mounting twice on one element stacked two widgets in one shadow root.
#[wasm_bindgen_test]
async fn a_second_mount_on_one_element_is_refused_and_said_so() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut first) = mounted("t");
    wait_for(&inside(&element), ".zmm-group").await;
    let mut second = mount(element.clone(), &options("t"));
    sleep(30).await;
    let shadow = element.shadow_root().unwrap();
    assert_eq!(shadow.query_selector_all(".zmm-mount").unwrap().length(), 1);
    // The refused handle does nothing; the first still works and unmounts cleanly.
    second.unmount();
    assert_eq!(
        shadow.query_selector_all("section.zmm").unwrap().length(),
        1
    );
    first.unmount();
    assert_eq!(shadow.child_element_count(), 0);
    // Once unmounted, the element takes a widget again.
    let mut again = mount(element.clone(), &options("t"));
    wait_for(&inside(&element), ".zmm-group").await;
    again.unmount();
    element.remove();
}

// Regression: with `style-src 'self'` the widget's `<style>` was blocked and it rendered
// unstyled; a constructed, adopted stylesheet needs no inline style.
#[wasm_bindgen_test]
async fn the_stylesheet_is_adopted_not_inlined_and_leaves_with_the_widget() {
    serve(&[Answer::ok(FACTORS, ONE_TOTP), Answer::ok(PASSKEYS, "{}")]);
    let (element, mut handle) = mounted("t");
    wait_for(&inside(&element), ".zmm-group").await;
    let shadow = element.shadow_root().unwrap();
    assert!(shadow.query_selector("style").unwrap().is_none());
    assert_eq!(shadow.adopted_style_sheets().length(), 1);
    let section = shadow.query_selector("section.zmm").unwrap().unwrap();
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&section)
        .unwrap()
        .unwrap();
    assert_eq!(
        style.get_property_value("border-top-style").unwrap(),
        "solid"
    );
    handle.unmount();
    assert_eq!(shadow.adopted_style_sheets().length(), 0);
    element.remove();
}

// An attribute change mounts the element again: a removal in flight still ends once,
// and the page hears how.
#[wasm_bindgen_test]
async fn an_attribute_change_while_a_removal_is_pending_still_reports_it_once() {
    serve(&[
        Answer::ok(FACTORS, ONE_TOTP),
        Answer::ok(PASSKEYS, "{}"),
        Answer::delayed(TOTP, 200, DETAILS),
    ]);
    let element = custom_element();
    js_sys::Reflect::set(&element, &"accessToken".into(), &"t".into()).unwrap();
    let heard = crate::support::listen(&element, "zitadel-mfa-removed", false);
    add_to_page(&element);
    wait_for(&inside(&element), ".zmm-group").await;
    button(&inside(&element), "Remove authenticator app").click();
    wait_for(&inside(&element), "dialog[open]").await;
    confirm_in(&element).click();
    element.set_attribute("theme", "dark").unwrap();
    wait_until(|| !heard().is_empty()).await;
    sleep(250).await;
    assert_eq!(heard().len(), 1);
    assert_eq!(calls_to(TOTP), 1);
    element.remove();
}

/// A `<zitadel-mfa-manager>` (the element defined) with the test API, not yet in the page.
fn custom_element() -> HtmlElement {
    zitadel_mfa_manager::embed::define_custom_element();
    let element: HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("zitadel-mfa-manager")
        .unwrap()
        .unchecked_into();
    element
        .set_attribute("api-base-url", "https://zitadel.test")
        .unwrap();
    element
}

fn add_to_page(element: &HtmlElement) {
    let document = web_sys::window().unwrap().document().unwrap();
    document.body().unwrap().append_child(element).unwrap();
}
