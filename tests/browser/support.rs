//! Test helpers: a `fetch` stub with canned answers, mounting, waiting, DOM queries.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use zitadel_mfa_manager::api::Surface;
use zitadel_mfa_manager::components::host_events::provide_host_events;
use zitadel_mfa_manager::components::{
    provide_api_config, provide_language, FactorList, OrgSettings,
};
use zitadel_mfa_manager::config::ApiConfig;
use zitadel_mfa_manager::i18n::Language;

#[wasm_bindgen(inline_js = r#"
export function stub_fetch(answers) {
  globalThis.__stubCalls = [];
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    globalThis.__stubCalls.push({
      method: request.method,
      path,
      authorization: request.headers.get('authorization'),
      orgid: request.headers.get('x-zitadel-orgid'),
      headers: [...request.headers.keys()],
      body: await request.text(),
    });
    // Several answers for one path are served in turn; the last one stays. A user's IdP
    // links are none unless a test says otherwise.
    const queue = answers[path] ?? (/\/(idps|links)\/_search$/.test(path) ? [{ status: 200, body: '{}' }] : undefined);
    if (!queue) return new Response('no stub for ' + path, { status: 599 });
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    if (answer.delay) await new Promise((done) => setTimeout(done, answer.delay));
    if (answer.network) throw new TypeError('Failed to fetch');
    if (answer.hang) {
      return new Promise((_, reject) => request.signal.addEventListener('abort',
        () => reject(new DOMException('The operation was aborted.', 'AbortError'))));
    }
    return new Response(answer.body, { status: answer.status,
      headers: { 'content-type': answer.contentType || 'application/json' } });
  };
}
export function stub_calls() { return JSON.stringify(globalThis.__stubCalls || []); }
export function record_events(target, name, veto) {
  const seen = [];
  target.addEventListener(name, (event) => {
    seen.push(JSON.stringify({ detail: event.detail, cancelable: event.cancelable, bubbles: event.bubbles }));
    if (veto) event.preventDefault();
  });
  return () => JSON.stringify(seen.map((s) => JSON.parse(s)));
}
"#)]
extern "C" {
    fn stub_fetch(answers: JsValue);
    fn stub_calls() -> String;
    fn record_events(target: &web_sys::EventTarget, name: &str, veto: bool) -> js_sys::Function;
}

/// Records the events `name` sent to `target` (vetoing them when `veto`); call the
/// returned recorder to read them as JSON values.
pub fn listen(
    target: &web_sys::EventTarget,
    name: &str,
    veto: bool,
) -> impl Fn() -> Vec<serde_json::Value> {
    let read = record_events(target, name, veto);
    move || {
        let text = read.call0(&JsValue::NULL).unwrap().as_string().unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

/// One canned answer for a path.
pub struct Answer {
    pub path: &'static str,
    pub status: u16,
    pub body: String,
    /// Fail as a network error does.
    pub network: bool,
    /// Never answer (until the request is aborted).
    pub hang: bool,
    /// Answer only after this many milliseconds.
    pub delay: u32,
}

impl Answer {
    pub fn ok(path: &'static str, body: &str) -> Self {
        Answer::status(path, 200, body)
    }

    pub fn status(path: &'static str, status: u16, body: &str) -> Self {
        Answer {
            path,
            status,
            body: body.into(),
            network: false,
            hang: false,
            delay: 0,
        }
    }

    pub fn delayed(path: &'static str, delay: u32, body: &str) -> Self {
        Answer {
            delay,
            ..Answer::ok(path, body)
        }
    }

    pub fn network_failure(path: &'static str) -> Self {
        Answer {
            network: true,
            ..Answer::ok(path, "")
        }
    }

    pub fn hang(path: &'static str) -> Self {
        Answer {
            hang: true,
            ..Answer::ok(path, "")
        }
    }
}

/// Replaces `window.fetch` with a stub that serves `answers` by path; several answers
/// for one path are served in turn.
pub fn serve(answers: &[Answer]) {
    let map = js_sys::Object::new();
    for answer in answers {
        let entry = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            js_sys::Reflect::set(&entry, &key.into(), &value).unwrap();
        };
        set("status", answer.status.into());
        set("body", answer.body.as_str().into());
        set("network", answer.network.into());
        set("hang", answer.hang.into());
        set("delay", answer.delay.into());
        let path: JsValue = answer.path.into();
        let queue = js_sys::Reflect::get(&map, &path).unwrap();
        let queue: js_sys::Array = if queue.is_undefined() {
            js_sys::Array::new()
        } else {
            queue.into()
        };
        queue.push(&entry);
        js_sys::Reflect::set(&map, &path, &queue).unwrap();
    }
    stub_fetch(map.into());
}

/// A request the stub received.
#[derive(Debug, serde::Deserialize)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    /// The `x-zitadel-orgid` sent, if any.
    pub orgid: Option<String>,
    pub headers: Vec<String>,
    pub body: String,
}

pub fn calls() -> Vec<Call> {
    serde_json::from_str(&stub_calls()).unwrap()
}

/// How many requests went to `path`.
pub fn calls_to(path: &str) -> usize {
    calls().iter().filter(|c| c.path == path).count()
}

/// A mounted widget: unmounted (its cleanups run) and removed when dropped, so no test
/// leaves listeners or an open dialog behind for the next one.
pub struct Mounted {
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl std::ops::Deref for Mounted {
    type Target = HtmlElement;

    fn deref(&self) -> &HtmlElement {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// A fresh `<div>` at the end of the page's body, to mount on.
pub fn page_element() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// The `overflow` the page's `<html>` element has inline (the dialog's scroll lock).
pub fn page_overflow() -> String {
    let html: HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap()
        .unchecked_into();
    html.style().get_property_value("overflow").unwrap()
}

/// Mounts `render` in a fresh container with `config` provided.
fn mount_with<V: IntoView + 'static>(
    config: ApiConfig,
    render: impl FnOnce() -> V + 'static,
) -> Mounted {
    let container = page_element();
    // The container hosts the widget's events, as the mount element does on a page.
    let host: web_sys::EventTarget = container.clone().into();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_api_config(config);
        provide_host_events(host);
        render()
    });
    Mounted {
        root: container,
        _handle: Box::new(handle),
    }
}

fn test_config(token: &str) -> ApiConfig {
    let mut config = ApiConfig::new("https://zitadel.test", token);
    config.retry.base_delay_ms = 5;
    config
}

/// Mounts the organization's login settings panel (organization `o2`).
pub fn mount_org_settings() -> Mounted {
    mount_with(
        test_config("admin-token"),
        || view! { <OrgSettings org_id=Some("o2".to_string()) /> },
    )
}

/// Mounts the signed-in user's factor list.
pub fn mount_factor_list(token: &str) -> Mounted {
    mount_with(test_config(token), || view! { <FactorList /> })
}

/// Mounts the signed-in user's factor list in `language`.
pub fn mount_factor_list_in(language: Language) -> Mounted {
    mount_with(test_config("t"), move || {
        provide_language(language);
        view! { <FactorList /> }
    })
}

/// Mounts the signed-in user's factor list with a short time limit per call.
pub fn mount_factor_list_with_timeout(timeout_ms: u32) -> Mounted {
    let mut config = test_config("t");
    config.retry.timeout_ms = timeout_ms;
    mount_with(config, || view! { <FactorList /> })
}

/// Mounts the factor list of user `u2` of organization `o2` (Management API).
pub fn mount_admin_factor_list() -> Mounted {
    let mut config = test_config("admin-token");
    config.surface = Surface::Management {
        user_id: "u2".into(),
        org_id: Some("o2".into()),
    };
    mount_with(config, || view! { <FactorList /> })
}

/// Mounts the factor list of user `u2` through the User service v2, the page acting in
/// organization `org_id`.
pub fn mount_admin_v2_factor_list(org_id: &str) -> Mounted {
    let mut config = test_config("admin-token");
    config.surface = Surface::UserV2 {
        user_id: "u2".into(),
        org_id: Some(org_id.into()),
    };
    mount_with(config, || view! { <FactorList /> })
}

/// What `mount` rendered on `host`: the container in its shadow root (or in the host
/// itself when it cannot have one).
pub fn inside(host: &HtmlElement) -> Element {
    let found = match host.shadow_root() {
        Some(shadow) => shadow.query_selector(".zmm-mount").unwrap(),
        None => host.query_selector(".zmm-mount").unwrap(),
    };
    found.unwrap_or_else(|| host.clone().into())
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to two seconds) until `selector` matches inside `root`.
pub async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(10).await;
    }
    panic!(
        "nothing matched {selector} within 2 s; DOM: {}",
        root.inner_html()
    );
}

/// Waits (up to two seconds) until `condition` holds; the caller asserts afterwards.
pub async fn wait_until(condition: impl Fn() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        sleep(10).await;
    }
}

/// Waits (up to two seconds) until nothing matches `selector` inside `root`.
pub async fn wait_gone(root: &Element, selector: &str) {
    for _ in 0..200 {
        if root.query_selector(selector).unwrap().is_none() {
            return;
        }
        sleep(10).await;
    }
    panic!(
        "{selector} still there after 2 s; DOM: {}",
        root.inner_html()
    );
}

/// The element with focus.
pub fn focused() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// The button whose accessible label (aria-label, else text) is `label`.
pub fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| {
            b.get_attribute("aria-label")
                .or_else(|| b.text_content())
                .as_deref()
                == Some(label)
        })
        .unwrap_or_else(|| panic!("no button labelled {label}; DOM: {}", root.inner_html()))
}

/// The group section whose heading reads `title`.
pub fn group(root: &Element, title: &str) -> Element {
    let groups = root.query_selector_all("section[aria-labelledby]").unwrap();
    (0..groups.length())
        .filter_map(|i| groups.item(i)?.dyn_into::<Element>().ok())
        .find(|section| {
            let id = section.get_attribute("aria-labelledby").unwrap();
            let heading = section.query_selector(&format!("[id='{id}']")).unwrap();
            heading.and_then(|h| h.text_content()).as_deref() == Some(title)
        })
        .unwrap_or_else(|| panic!("no group titled {title}"))
}

/// Texts of the list items' names in a group.
pub fn names_in(group: &Element) -> Vec<String> {
    let items = group.query_selector_all("li .zmm-row__name").unwrap();
    (0..items.length())
        .map(|i| items.item(i).unwrap().text_content().unwrap())
        .collect()
}

/// `mount()`'s options object: the test API and `token`.
pub fn options(token: &str) -> JsValue {
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

/// The widget mounted with `mount()` (shadow root, stylesheet) on a fresh element.
pub fn mounted(token: &str) -> (HtmlElement, zitadel_mfa_manager::embed::MountHandle) {
    let element = page_element();
    let handle = zitadel_mfa_manager::embed::mount(element.clone(), &options(token));
    (element, handle)
}
