//! Server strings that try to break the page: right-to-left overrides, names thousands
//! of characters long, dozens of factors. Mounted with `mount()`, so the widget's own
//! stylesheet applies.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};

use crate::support::{button, inside, mounted, serve, sleep, wait_for, wait_gone, Answer};

const FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";
const PASSKEY: &str = "/auth/v1/users/me/passwordless/p1";
const DETAILS: &str =
    r#"{"details":{"sequence":"9","changeDate":"2025-10-01T12:00:00Z","resourceOwner":"o1"}}"#;

fn passkeys(names: &[String]) -> String {
    let items: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let id = if i == 0 {
                "p1".to_string()
            } else {
                format!("p{}", i + 1)
            };
            serde_json::json!({"id": id, "state": "AUTH_FACTOR_STATE_READY", "name": name})
                .to_string()
        })
        .collect();
    format!(r#"{{"result":[{}]}}"#, items.join(","))
}

fn viewport() -> (f64, f64) {
    let window = web_sys::window().unwrap();
    (
        window.inner_width().unwrap().as_f64().unwrap(),
        window.inner_height().unwrap().as_f64().unwrap(),
    )
}

fn page_width() -> i32 {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap()
        .scroll_width()
}

/// Whether `element` lies inside the viewport.
fn in_view(element: &Element) -> bool {
    let rect = element.get_bounding_client_rect();
    let (width, height) = viewport();
    rect.top() >= 0.0
        && rect.bottom() <= height + 0.5
        && rect.left() >= 0.0
        && rect.right() <= width + 0.5
}

// Regression: an unbroken 5,000-character name pushed the page ~88,000 px wide, and the
// dialog grew past the screen.
#[wasm_bindgen_test]
async fn a_five_thousand_character_name_wraps_and_the_dialog_stays_in_view() {
    let long = "W".repeat(5_000);
    serve(&[
        Answer::ok(FACTORS, "{}"),
        Answer::ok(PASSKEYS, &passkeys(&[long.clone(), "Other".into()])),
        Answer::ok(PASSKEY, DETAILS),
    ]);
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;
    let (width, _) = viewport();
    assert!(
        f64::from(page_width()) <= width + 1.0,
        "page {} px wide",
        page_width()
    );
    button(&root, &format!("Remove passkey “{}…”", &long[..64])).click();
    let dialog = wait_for(&root, "dialog[open]").await;
    sleep(30).await;
    for part in [
        ".zmm-dialog__title",
        ".zmm-button--danger",
        ".zmm-button--quiet",
    ] {
        let found = dialog.query_selector(part).unwrap().unwrap();
        assert!(in_view(&found), "{part} is out of view");
    }
    dialog
        .query_selector(".zmm-button--danger")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    wait_gone(&root, "dialog").await;
    wait_for(&root, ".zmm-result").await;
    assert!(
        f64::from(page_width()) <= width + 1.0,
        "page {} px wide after",
        page_width()
    );
    handle.unmount();
    element.remove();
}

// Regression: an unterminated right-to-left override in a name reversed the rest of the
// sentence around it.
#[wasm_bindgen_test]
async fn a_right_to_left_override_in_a_name_is_isolated() {
    let evil = "evil\u{202E}gpj.exe";
    serve(&[
        Answer::ok(FACTORS, "{}"),
        Answer::ok(PASSKEYS, &passkeys(&[evil.into(), "Other".into()])),
    ]);
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;
    let row = root.query_selector(".zmm-row__name").unwrap().unwrap();
    assert_eq!(row.text_content().unwrap(), evil);
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&row)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("unicode-bidi").unwrap(), "isolate");
    button(&root, &format!("Remove passkey “\u{2068}{evil}\u{2069}”")).click();
    let dialog = wait_for(&root, "dialog[open]").await;
    let title = dialog
        .query_selector(".zmm-dialog__title")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    // Everything after the name is outside the isolate: the "?" stays a question mark
    // at the end, in reading order.
    assert_eq!(title, format!("Remove passkey “\u{2068}{evil}\u{2069}”?"));
    handle.unmount();
    element.remove();
}

// Regression: a dialog that listed every other factor grew to thousands of pixels.
#[wasm_bindgen_test]
async fn many_factors_are_counted_in_the_dialog_and_it_fits_the_screen() {
    let names: Vec<String> = (1..=60).map(|n| format!("Passkey number {n}")).collect();
    let keys: Vec<String> = (1..=40)
        .map(|n| {
            format!(
                r#"{{"state":"AUTH_FACTOR_STATE_READY","u2f":{{"id":"k{n}","name":"Key {n} {}"}}}}"#,
                "x".repeat(200)
            )
        })
        .collect();
    serve(&[
        Answer::ok(FACTORS, &format!(r#"{{"result":[{}]}}"#, keys.join(","))),
        Answer::ok(PASSKEYS, &passkeys(&names)),
    ]);
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-group").await;
    sleep(50).await;
    button(&root, "Remove passkey “Passkey number 1”").click();
    let dialog = wait_for(&root, "dialog[open]").await;
    sleep(30).await;
    let (_, height) = viewport();
    let rect = dialog.get_bounding_client_rect();
    assert!(rect.height() <= height, "dialog {} px tall", rect.height());
    let kept = dialog.query_selector(".zmm-dialog__kept").unwrap().unwrap();
    assert!(kept.text_content().unwrap().contains("more"), "counted");
    for part in [".zmm-dialog__title", ".zmm-button--danger"] {
        assert!(
            in_view(&dialog.query_selector(part).unwrap().unwrap()),
            "{part}"
        );
    }
    handle.unmount();
    element.remove();
}

// Regression: two hundred rows were built in one task (a long task over 50 ms on a slow
// machine). A group now grows a few rows per frame, in order, until all are there.
#[wasm_bindgen_test]
async fn a_long_group_is_built_a_few_rows_per_frame_until_every_row_is_there() {
    let names: Vec<String> = (1..=100).map(|n| format!("Key {n}")).collect();
    serve(&[
        Answer::ok(FACTORS, r#"{"result":[]}"#),
        Answer::ok(PASSKEYS, &passkeys(&names)),
    ]);
    let (element, mut handle) = mounted("t");
    let root = inside(&element);
    wait_for(&root, ".zmm-group[data-kind=passkey] .zmm-row").await;
    let rows = |root: &Element| {
        root.query_selector_all(".zmm-group[data-kind=passkey] .zmm-row")
            .unwrap()
            .length()
    };
    let first = rows(&root);
    assert!(first < 100, "{first} rows built at once");
    let mut waited = 0;
    while rows(&root) < 100 && waited < 3000 {
        sleep(20).await;
        waited += 20;
    }
    assert_eq!(rows(&root), 100);
    let last = root
        .query_selector_all(".zmm-group[data-kind=passkey] .zmm-row__name")
        .unwrap()
        .item(99)
        .unwrap();
    assert_eq!(
        last.text_content().unwrap(),
        "Key 100",
        "in the server's order"
    );
    handle.unmount();
    element.remove();
}
