//! What the widget tells the page around it: DOM events on the element it is mounted
//! on. `zitadel-mfa-before-remove` (cancelable: the page may veto a removal, or hand a
//! promise to `detail.waitUntil()` while it asks its own question),
//! `zitadel-mfa-removed` (with ZITADEL's details) and `zitadel-mfa-error` (the typed
//! error). They bubble and cross shadow roots. No payload ever holds the token.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use crate::api::{ApiError, ChangeDetails};

pub const BEFORE_REMOVE: &str = "zitadel-mfa-before-remove";
pub const REMOVED: &str = "zitadel-mfa-removed";
pub const ERROR: &str = "zitadel-mfa-error";

/// What is being removed, as events describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    /// `passkey`, `u2f`, `totp`, `otp_sms`, `otp_email`, or for an organization's
    /// settings `second_factor_type` / `multi_factor_type`.
    pub kind: &'static str,
    /// The token id, or the type's enum name; absent for OTP kinds.
    pub id: Option<String>,
    /// The name the list shows.
    pub name: String,
}

impl Subject {
    /// `kind:id`: names a removal across a page reload (back from a fresh sign-in).
    pub fn key(&self) -> String {
        removal_key(self.kind, self.id.as_deref())
    }
}

/// The key of [`Subject::key`], from a factor's kind and id.
pub fn removal_key(kind: &str, id: Option<&str>) -> String {
    format!("{kind}:{}", id.unwrap_or_default())
}

/// The element events go to. Provided by the embedding layer; without it (tests of a
/// single component) no event is sent and nothing is vetoed.
#[derive(Clone)]
pub struct HostEvents(SendWrapper<web_sys::EventTarget>);

pub fn provide_host_events(target: web_sys::EventTarget) {
    provide_context(HostEvents(SendWrapper::new(target)));
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

fn optional(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

fn subject(subject: &Subject) -> Vec<(&'static str, JsValue)> {
    vec![
        ("kind", subject.kind.into()),
        ("id", optional(subject.id.as_deref())),
        ("name", subject.name.as_str().into()),
    ]
}

impl HostEvents {
    /// Sends an event; returns false when a listener called `preventDefault()`.
    fn send(&self, name: &str, detail: JsValue, cancelable: bool) -> bool {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(cancelable);
        init.set_detail(&detail);
        match web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            Ok(event) => self.0.dispatch_event(&event).unwrap_or(true),
            Err(_) => true,
        }
    }
}

/// The host, when the embedding layer provided one. Read it while building a component:
/// event handlers run outside the reactive owner.
pub fn use_host_events() -> Option<HostEvents> {
    use_context::<HostEvents>()
}

/// What the page said to a removal.
pub enum HostDecision {
    Proceed,
    /// A listener called `preventDefault()`.
    Veto,
    /// A listener handed promises to `waitUntil()`: go ahead once all resolve, unless
    /// one resolves to `false` or rejects.
    Ask(js_sys::Promise),
}

/// Asks the page whether the removal may go ahead. `waitUntil` works only while the
/// event is dispatched, as in a service worker's `ExtendableEvent`.
pub fn before_remove(host: Option<&HostEvents>, what: &Subject) -> HostDecision {
    let Some(host) = host else {
        return HostDecision::Proceed;
    };
    let pending = js_sys::Array::new();
    let collect = pending.clone();
    let wait_until =
        wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |promise: JsValue| {
            collect.push(&promise);
        });
    let mut pairs = subject(what);
    pairs.push(("waitUntil", wait_until.as_ref().clone()));
    let proceed = host.send(BEFORE_REMOVE, object(&pairs), true);
    if !proceed {
        HostDecision::Veto
    } else if pending.length() == 0 {
        HostDecision::Proceed
    } else {
        HostDecision::Ask(js_sys::Promise::all(&pending))
    }
}

/// Whether the page's answers (from [`HostDecision::Ask`]) let the removal go ahead.
pub async fn host_agrees(answers: js_sys::Promise) -> bool {
    match wasm_bindgen_futures::JsFuture::from(answers).await {
        Ok(values) => !js_sys::Array::from(&values)
            .iter()
            .any(|v| v.as_bool() == Some(false)),
        Err(_) => false,
    }
}

/// Tells the page a removal succeeded, with ZITADEL's details; `None` when its answer
/// was lost and a fresh list showed the removal (`details: null`).
pub fn removed(host: Option<&HostEvents>, what: &Subject, details: Option<&ChangeDetails>) {
    let Some(host) = host else {
        return;
    };
    let details = details.map_or(JsValue::NULL, |details| {
        object(&[
            ("sequence", JsValue::from_f64(details.sequence as f64)),
            ("changeDate", optional(details.change_date.as_deref())),
            ("resourceOwner", optional(details.resource_owner.as_deref())),
        ])
    });
    let mut pairs = subject(what);
    pairs.push(("details", details));
    host.send(REMOVED, object(&pairs), false);
}

/// Tells the page about an error: what was being done, and the typed error.
pub fn error(host: Option<&HostEvents>, doing: &str, error: &ApiError) {
    let Some(host) = host else {
        return;
    };
    let (code, message) = match error {
        ApiError::Status { code, message, .. } => {
            (JsValue::from(*code), JsValue::from(message.as_str()))
        }
        other => (JsValue::NULL, JsValue::from(other.to_string())),
    };
    let detail = object(&[
        ("doing", doing.into()),
        ("kind", error.kind().name().into()),
        (
            "status",
            error.status().map_or(JsValue::NULL, JsValue::from),
        ),
        ("code", code),
        ("message", message),
        ("errorId", optional(error.error_id())),
    ]);
    host.send(ERROR, detail, false);
}
