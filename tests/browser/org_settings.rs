//! The organization's login settings panel: its dialogs and their severities.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

use crate::support::{
    button, calls, calls_to, mount_admin_factor_list, mount_admin_v2_factor_list,
    mount_org_settings, serve, sleep, wait_for, wait_gone, wait_until, Answer, Mounted,
};

const POLICY: &str = "/management/v1/policies/login";
const SECOND: &str = "/management/v1/policies/login/second_factors/_search";
const MULTI: &str = "/management/v1/policies/login/auth_factors/_search";
const REMOVE_OTP: &str = "/management/v1/policies/login/second_factors/SECOND_FACTOR_TYPE_OTP";
const REMOVE_MULTI: &str =
    "/management/v1/policies/login/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION";
const DETAILS: &str =
    r#"{"details":{"sequence":"7","changeDate":"2025-10-01T12:34:56Z","resourceOwner":"o2"}}"#;
const FORCED: &str = r#"{"policy":{"forceMfa":true,"allowUsernamePassword":true}}"#;
const TWO_TYPES: &str = r#"{"result":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_U2F"]}"#;
const ONE_TYPE: &str = r#"{"result":["SECOND_FACTOR_TYPE_OTP"]}"#;
const PASSKEYS_AS_MFA: &str = r#"{"result":["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"]}"#;

async fn open(second: &str, removal: Answer, label: &str) -> (Mounted, Element) {
    open_serving(FORCED, second, vec![removal], label).await
}

/// Serves the panel with `policy` and `second`, then `more` (removals, later lists).
async fn open_serving(
    policy: &str,
    second: &str,
    more: Vec<Answer>,
    label: &str,
) -> (Mounted, Element) {
    let mut answers = vec![
        Answer::ok(POLICY, policy),
        Answer::ok(SECOND, second),
        Answer::ok(MULTI, PASSKEYS_AS_MFA),
    ];
    answers.extend(more);
    serve(&answers);
    let root = mount_org_settings();
    wait_for(&root, ".zmm-group").await;
    button(&root, label).click();
    let dialog = wait_for(&root, "dialog[open]").await;
    (root, dialog)
}

fn confirm(dialog: &Element) -> HtmlButtonElement {
    dialog
        .query_selector(".zmm-button--danger")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_panel_lists_both_kinds_of_type_and_sends_the_org_header() {
    serve(&[
        Answer::ok(POLICY, FORCED),
        Answer::ok(SECOND, TWO_TYPES),
        Answer::ok(MULTI, PASSKEYS_AS_MFA),
    ]);
    let root = mount_org_settings();
    wait_for(&root, ".zmm-group").await;
    let text = root.text_content().unwrap();
    for expected in [
        "Authenticator app (TOTP)",
        "Security key (U2F)",
        "Passkeys (U2F with user verification)",
        "required for every user",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    for call in calls() {
        assert!(
            call.headers.contains(&"x-zitadel-orgid".to_string()),
            "{call:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn removing_a_type_while_others_remain_is_a_warning() {
    let (root, dialog) = open(
        TWO_TYPES,
        Answer::ok(REMOVE_OTP, DETAILS),
        "Remove Authenticator app (TOTP) from the login settings",
    )
    .await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("warning")
    );
    assert!(dialog
        .text_content()
        .unwrap()
        .contains("Every user of the organization loses “Authenticator app (TOTP)”"));
    assert!(dialog.query_selector("input").unwrap().is_none());
    confirm(&dialog).click();
    wait_gone(&root, "dialog").await;
    let result = wait_for(&root, ".zmm-result").await.text_content().unwrap();
    assert!(
        result.contains("Authenticator app (TOTP) removed"),
        "{result}"
    );
    assert_eq!(calls_to(REMOVE_OTP), 1);
}

#[wasm_bindgen_test]
async fn the_last_type_under_forced_mfa_is_a_danger_dialog_with_a_typed_word() {
    let (root, dialog) = open(
        ONE_TYPE,
        Answer::ok(REMOVE_OTP, DETAILS),
        "Remove Authenticator app (TOTP) from the login settings",
    )
    .await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("danger")
    );
    assert!(dialog
        .text_content()
        .unwrap()
        .contains("nobody can set up a second factor any more"));
    let button = confirm(&dialog);
    assert!(button.disabled());
    let input: HtmlInputElement = dialog
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("remove");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    sleep(10).await;
    assert!(!button.disabled());
    button.click();
    wait_gone(&root, "dialog").await;
    assert_eq!(calls_to(REMOVE_OTP), 1);
}

#[wasm_bindgen_test]
async fn removing_the_multi_factor_type_is_a_warning() {
    let (_root, dialog) = open(
        TWO_TYPES,
        Answer::ok(REMOVE_MULTI, DETAILS),
        "Remove Passkeys (U2F with user verification) from the login settings",
    )
    .await;
    assert_eq!(
        dialog.get_attribute("data-severity").as_deref(),
        Some("warning")
    );
}

#[wasm_bindgen_test]
async fn a_404_is_already_gone_only_when_the_panel_loaded_again_agrees() {
    let gone = r#"{"code":5,"message":"Multifactor not existing (Org-3M9od)"}"#;
    let u2f_only = r#"{"result":["SECOND_FACTOR_TYPE_U2F"]}"#;
    let (root, dialog) = open_serving(
        FORCED,
        TWO_TYPES,
        vec![
            Answer::status(REMOVE_OTP, 404, gone),
            Answer::ok(SECOND, u2f_only),
        ],
        "Remove Authenticator app (TOTP) from the login settings",
    )
    .await;
    let loads = calls_to(SECOND);
    confirm(&dialog).click();
    wait_gone(&root, "dialog").await;
    let result = wait_for(&root, ".zmm-result").await.text_content().unwrap();
    assert!(result.contains("already removed"), "{result}");
    sleep(50).await;
    assert!(calls_to(SECOND) > loads, "the panel was loaded again");
}

/// An organization on the instance's default, as ZITADEL's GET answers it (durations
/// always present, an instance IdP named but not its owner).
const INHERITED: &str = r#"{"policy":{"details":{"sequence":"4","resourceOwner":"instance"},
    "forceMfa":true,"allowUsernamePassword":true,"allowExternalIdp":true,"isDefault":true,
    "passwordlessType":"PASSWORDLESS_TYPE_ALLOWED","passwordCheckLifetime":"864000s",
    "externalLoginCheckLifetime":"864000s","mfaInitSkipLifetime":"2592000s",
    "secondFactorCheckLifetime":"64800s","multiFactorCheckLifetime":"43200s",
    "secondFactors":["SECOND_FACTOR_TYPE_OTP","SECOND_FACTOR_TYPE_U2F"],
    "multiFactors":["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"],
    "idps":[{"idpId":"idp-1","idpName":"Google","idpType":"IDP_TYPE_OIDC"}]},"isDefault":true}"#;
const REMOVE_OTP_LABEL: &str = "Remove Authenticator app (TOTP) from the login settings";

/// The requests the panel sent with `method` to `path`.
fn sent(method: &str, path: &str) -> Vec<crate::support::Call> {
    calls()
        .into_iter()
        .filter(|c| c.method == method && c.path == path)
        .collect()
}

// internal/command/org_policy_login.go removes a type from the organization's own
// settings only; AddCustomLoginPolicy gives it its own, in one request.
#[wasm_bindgen_test]
async fn an_org_on_the_default_gets_its_own_settings_without_the_type() {
    let own = r#"{"policy":{"forceMfa":true,"allowUsernamePassword":true,
        "secondFactors":["SECOND_FACTOR_TYPE_U2F"]},"isDefault":false}"#;
    let (root, dialog) = open_serving(
        INHERITED,
        TWO_TYPES,
        vec![
            Answer::ok(POLICY, DETAILS),
            Answer::ok(POLICY, own),
            Answer::ok(SECOND, r#"{"result":["SECOND_FACTOR_TYPE_U2F"]}"#),
        ],
        REMOVE_OTP_LABEL,
    )
    .await;
    let notice = wait_for(&root, ".zmm-org__default")
        .await
        .text_content()
        .unwrap();
    assert!(
        notice.contains("follows the instance's default"),
        "{notice}"
    );
    let words = dialog.text_content().unwrap();
    assert!(
        words.contains("no longer apply to this organization"),
        "{words}"
    );
    assert_eq!(
        confirm(&dialog).text_content().unwrap().trim(),
        "Remove and use own settings"
    );
    confirm(&dialog).click();
    wait_gone(&root, "dialog").await;
    let result = wait_for(&root, ".zmm-result").await.text_content().unwrap();
    assert!(
        result.contains("Authenticator app (TOTP) removed"),
        "{result}"
    );
    let posts = sent("POST", POLICY);
    assert_eq!(posts.len(), 1, "one request creates the settings");
    assert_eq!(calls_to(REMOVE_OTP), 0, "no DELETE on inherited settings");
    let body: serde_json::Value = serde_json::from_str(&posts[0].body).unwrap();
    let expected = serde_json::json!({
        "allowUsernamePassword": true, "allowRegister": false, "allowExternalIdp": true,
        "forceMfa": true, "passwordlessType": "PASSWORDLESS_TYPE_ALLOWED",
        "hidePasswordReset": false, "ignoreUnknownUsernames": false, "defaultRedirectUri": "",
        "passwordCheckLifetime": "864000s", "externalLoginCheckLifetime": "864000s",
        "mfaInitSkipLifetime": "2592000s", "secondFactorCheckLifetime": "64800s",
        "multiFactorCheckLifetime": "43200s",
        "secondFactors": ["SECOND_FACTOR_TYPE_U2F"],
        "multiFactors": ["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"],
        "idps": [{"idpId": "idp-1", "ownerType": "IDP_OWNER_TYPE_SYSTEM"}],
        "allowDomainDiscovery": false, "disableLoginWithEmail": false,
        "disableLoginWithPhone": false, "forceMfaLocalOnly": false
    });
    assert_eq!(body, expected);
    assert!(posts[0].headers.contains(&"x-zitadel-orgid".to_string()));
    wait_gone(&root, ".zmm-org__default").await;
}

#[wasm_bindgen_test]
async fn own_settings_made_meanwhile_are_a_409_that_changes_nothing() {
    let exists = r#"{"code":6,"message":"Login Policy already exists (Org-Dgfb2)"}"#;
    let (root, dialog) = open_serving(
        INHERITED,
        TWO_TYPES,
        vec![
            Answer::status(POLICY, 409, exists),
            Answer::ok(POLICY, FORCED),
        ],
        REMOVE_OTP_LABEL,
    )
    .await;
    confirm(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("Not removed"), "{alert}");
    assert!(alert.contains("nothing was changed"), "{alert}");
    assert!(confirm(&dialog).disabled(), "sending it again cannot help");
    assert!(root.query_selector(".zmm-result").unwrap().is_none());
    let loads = sent("GET", POLICY).len();
    button(&dialog, "Cancel").click();
    wait_gone(&root, "dialog").await;
    wait_gone(&root, ".zmm-org__default").await;
    assert!(
        sent("GET", POLICY).len() > loads,
        "the settings were loaded again"
    );
    assert_eq!(sent("POST", POLICY).len(), 1);
}

// An organization reset to the default after the panel loaded: the DELETE is 404
// `Org-3M9od` and the type is still allowed (inherited).
#[wasm_bindgen_test]
async fn an_inherited_type_is_said_so_and_its_404_is_no_success() {
    let missing = r#"{"code":5,"message":"Multifactor not existing (Org-3M9od)"}"#;
    let (root, dialog) = open_serving(
        FORCED,
        TWO_TYPES,
        vec![
            Answer::status(REMOVE_OTP, 404, missing),
            Answer::ok(POLICY, INHERITED),
        ],
        REMOVE_OTP_LABEL,
    )
    .await;
    confirm(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("Not removed"), "{alert}");
    assert!(alert.contains("the type is still allowed"), "{alert}");
    assert!(root.query_selector(".zmm-result").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_403_is_explained_and_the_actions_disappear() {
    let denied = r#"{"code":7,"message":"No matching permissions found (AUTH-5mWD2)"}"#;
    let (root, dialog) = open(
        TWO_TYPES,
        Answer::status(REMOVE_OTP, 403, denied),
        "Remove Authenticator app (TOTP) from the login settings",
    )
    .await;
    confirm(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("Permission denied"), "{alert}");
    assert!(
        confirm(&dialog).disabled(),
        "retrying a refusal is pointless"
    );
    let cancel: HtmlElement = button(&dialog, "Cancel");
    cancel.click();
    wait_gone(&root, "dialog").await;
    sleep(20).await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("needs the policy.write permission"));
    assert!(root
        .query_selector("[aria-label$='from the login settings']")
        .unwrap()
        .is_none());
    assert_eq!(calls_to(REMOVE_OTP), 1);
}

#[wasm_bindgen_test]
async fn an_admin_without_user_write_is_told_and_loses_the_remove_buttons() {
    const BASE: &str = "/management/v1/users/u2";
    let denied = r#"{"code":7,"message":"No matching permissions found (AUTH-5mWD2)"}"#;
    serve(&[
        Answer::ok(
            "/management/v1/users/u2/auth_factors/_search",
            r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#,
        ),
        Answer::ok("/management/v1/users/u2/passwordless/_search", "{}"),
        Answer::ok(
            BASE,
            r#"{"user":{"id":"u2","userName":"gina","human":{"profile":{"displayName":"Gina Globex"}}}}"#,
        ),
        Answer::status("/management/v1/users/u2/auth_factors/otp", 403, denied),
    ]);
    let root = mount_admin_factor_list();
    wait_for(&root, ".zmm-group").await;
    wait_until(|| root.text_content().unwrap().contains("Gina Globex")).await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("Passkeys and second factors of Gina Globex (gina)."));
    button(&root, "Remove authenticator app").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    confirm(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("user.write"), "{alert}");
    button(&dialog, "Cancel").click();
    wait_gone(&root, "dialog").await;
    sleep(20).await;
    assert!(root.text_content().unwrap().contains("but not remove them"));
    assert!(root.query_selector(".zmm-row__remove").unwrap().is_none());
    // The factor is still listed: nothing pretends it was removed.
    assert!(root.text_content().unwrap().contains("Authenticator app"));
    assert!(root.query_selector(".zmm-result").unwrap().is_none());
}

// Regression: an origin refusal (AUTH-DZG21) was taken for a missing policy.write, so
// the panel hid its actions and blamed a permission.
#[wasm_bindgen_test]
async fn an_origin_refusal_is_not_blamed_on_policy_write() {
    let refused = r#"{"code":7,"message":"Errors.OriginNotAllowed (AUTH-DZG21)"}"#;
    let (root, dialog) = open(
        TWO_TYPES,
        Answer::status(REMOVE_OTP, 403, refused),
        "Remove Authenticator app (TOTP) from the login settings",
    )
    .await;
    confirm(&dialog).click();
    let alert = wait_for(&dialog, "[role=alert]")
        .await
        .text_content()
        .unwrap();
    assert!(alert.contains("allowed origins"), "{alert}");
    button(&dialog, "Cancel").click();
    wait_gone(&root, "dialog").await;
    sleep(20).await;
    assert!(!root.text_content().unwrap().contains("policy.write"));
    assert!(root
        .query_selector("[aria-label$='from the login settings']")
        .unwrap()
        .is_some());
}

// Regression: an admin looking at another user read "Loading your sign-in methods…" and
// "Your sign-in methods could not be loaded."
#[wasm_bindgen_test]
async fn an_admin_is_told_about_this_users_methods_not_their_own() {
    let denied = r#"{"code":7,"message":"No matching permissions found (AUTH-5mWD2)"}"#;
    serve(&[
        // Held a moment, so the skeleton can be read first.
        Answer {
            delay: 300,
            ..Answer::status("/management/v1/users/u2/auth_factors/_search", 403, denied)
        },
        Answer::ok("/management/v1/users/u2/passwordless/_search", "{}"),
        Answer::status("/management/v1/users/u2", 403, denied),
    ]);
    let root = mount_admin_factor_list();
    let skeleton = wait_for(&root, ".zmm-skeleton").await;
    assert_eq!(
        skeleton.text_content().unwrap(),
        "Loading this user's sign-in methods…"
    );
    let error = wait_for(&root, ".zmm-load-error__lead").await;
    assert_eq!(
        error.text_content().unwrap(),
        "This user's sign-in methods could not be loaded."
    );
    assert!(!root
        .text_content()
        .unwrap()
        .contains("Your sign-in methods"));
}

// Regression: with the User service v2 and a page organization that is not the user's,
// the guard weighed the page's policy (quinn's only passkey, Initech forcing MFA with no
// type allowed, was a one-click removal). The policy is asked for in the user's own
// organization (details.resourceOwner), and the page is told it acts elsewhere.
#[wasm_bindgen_test]
async fn admin_mode_weighs_the_policy_of_the_users_own_organization() {
    serve(&[
        Answer::ok("/v2/users/u2/authentication_factors/_search", "{}"),
        Answer::ok(
            "/v2/users/u2/passkeys/_search",
            r#"{"result":[{"id":"pk1","state":"AUTH_FACTOR_STATE_READY","name":"ThinkPad"}]}"#,
        ),
        Answer::ok(
            "/v2/users/u2",
            r#"{"details":{"resourceOwner":"o-user"},"user":{"userId":"u2","username":"quinn",
                "details":{"resourceOwner":"o-user"},"human":{"profile":{"displayName":"Quinn"}}}}"#,
        ),
        Answer::ok(
            "/v2/users/u2/authentication_methods",
            r#"{"authMethodTypes":["AUTHENTICATION_METHOD_TYPE_PASSWORD","AUTHENTICATION_METHOD_TYPE_PASSKEY"]}"#,
        ),
        Answer::ok("/v2/users/u2/links/_search", "{}"),
        Answer::ok(
            "/management/v1/policies/login",
            r#"{"policy":{"allowUsernamePassword":true,"forceMfa":true,"passwordlessType":"PASSWORDLESS_TYPE_ALLOWED"}}"#,
        ),
    ]);
    let root = mount_admin_v2_factor_list("o-page");
    wait_until(|| root.text_content().unwrap().contains("Quinn")).await;
    let notice = wait_for(&root, ".zmm-org-notice").await;
    assert_eq!(
        notice.text_content().unwrap(),
        "This user belongs to organization o-user, not o-page, where this page acts; \
         the warnings follow the login settings of the user's own organization."
    );
    let policy_calls: Vec<_> = calls()
        .into_iter()
        .filter(|c| c.path == "/management/v1/policies/login")
        .collect();
    assert_eq!(policy_calls.len(), 1, "{policy_calls:?}");
    assert_eq!(policy_calls[0].orgid.as_deref(), Some("o-user"));
    button(&root, "Remove passkey “ThinkPad”").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    wait_until(|| dialog.get_attribute("data-severity").as_deref() == Some("danger")).await;
    assert!(calls().iter().all(|c| c.method != "DELETE"));
}

// Management v1 looks another user up in the organization acted in only (getUserByID,
// MANAG-fpo4B): a 404 there means removals there will be refused too, and the page says
// so before any removal; no policy is weighed for a user whose organization is unknown.
#[wasm_bindgen_test]
async fn admin_mode_says_when_the_user_is_not_in_the_organization_acted_in() {
    let not_found = r#"{"code":5,"message":"Errors.User.NotFound (MANAG-fpo4B)"}"#;
    serve(&[
        Answer::ok(
            "/management/v1/users/u2/auth_factors/_search",
            r#"{"result":[{"state":"AUTH_FACTOR_STATE_READY","otp":{}}]}"#,
        ),
        Answer::ok("/management/v1/users/u2/passwordless/_search", "{}"),
        Answer::status("/management/v1/users/u2", 404, not_found),
    ]);
    let root = mount_admin_factor_list();
    let notice = wait_for(&root, ".zmm-org-notice").await;
    assert_eq!(
        notice.text_content().unwrap(),
        "This user was not found in organization o2, where this page acts: ZITADEL refuses \
         removals there, and the user's login settings could not be checked."
    );
    assert_eq!(
        calls_to(POLICY),
        0,
        "no policy of another organization is weighed"
    );
}
