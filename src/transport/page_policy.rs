//! Requests the host page's Content-Security-Policy blocked. The browser reports them
//! as `securitypolicyviolation` events on the document (CSP 3, section 5.3); a blocked
//! `fetch` itself only fails as a network error, so the reports are kept here to tell
//! the two apart.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::origin_of;

thread_local! {
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// Origins whose `connect-src` violations were reported, newest last.
    static BLOCKED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Starts listening for the page's reports, once per page.
pub fn watch() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_report = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let field = |name: &str| {
            js_sys::Reflect::get(&event, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        if field("effectiveDirective") == "connect-src" {
            let origin = origin_of(&field("blockedURI")).to_string();
            BLOCKED.with(|b| {
                let mut blocked = b.borrow_mut();
                if !blocked.contains(&origin) {
                    blocked.push(origin);
                }
            });
        }
    });
    let _ = document.add_event_listener_with_callback(
        "securitypolicyviolation",
        on_report.as_ref().unchecked_ref(),
    );
    // Listens for as long as the page lives.
    on_report.forget();
}

/// Whether the page's policy blocked requests to `origin`.
pub fn blocked(origin: &str) -> bool {
    BLOCKED.with(|b| b.borrow().iter().any(|o| o == origin))
}
