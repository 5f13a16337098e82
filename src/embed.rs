//! What the page sees: mounting the widget on an element configured by data attributes.

mod options;
mod typescript;

pub use options::{options_from, Options};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::host_events::provide_host_events;
use crate::components::{
    provide_api_config, provide_language, provide_login_ui, provide_presentation, provide_refresh,
    FactorList, ListLoads, Refresh,
};
#[cfg(feature = "admin")]
use crate::components::{OrgLoad, OrgSettings};
use crate::config::{Renew, Token};
use crate::i18n::Language;
use futures::FutureExt;
use std::sync::Arc;

/// The attribute that marks the elements the widget mounts on.
pub const MOUNT_SELECTOR: &str = "[data-zitadel-mfa-manager]";

/// A mounted widget, as JavaScript holds it: `unmount()` removes it with all its
/// listeners; `refresh()` loads its data again.
#[wasm_bindgen]
pub struct MountHandle {
    mounted: Option<Box<dyn std::any::Any>>,
    refresh: Refresh,
    /// The stylesheet and container the mount added; removed on unmount.
    added: Added,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget from its element; later calls do nothing.
    pub fn unmount(&mut self) {
        // Dropping Leptos' handle unmounts the view and runs every cleanup.
        self.mounted.take();
        self.added.remove();
    }

    /// Loads the factors (and the organization's settings) again.
    pub fn refresh(&self) {
        if self.mounted.is_some() {
            self.refresh.0.notify();
        }
    }
}

/// The widget's stylesheet, shipped inside the module so embedding needs no CSS file.
pub const WIDGET_CSS: &str = include_str!("../style/widget.css");

/// Where the widget renders: a fresh `<div>` in the element's open shadow root (attached
/// now, or the one it already has), styled by a constructed stylesheet adopted by that
/// root, so a page whose Content-Security-Policy forbids inline styles (`style-src
/// 'self'`) needs nothing for them. Where constructed stylesheets are missing, and in an
/// element that cannot host a shadow root (`<li>`, `<td>`, …), a `<style>` goes beside
/// the container instead; the widget's selectors still stay inside.
fn render_target(element: &web_sys::HtmlElement) -> Option<(web_sys::HtmlElement, Added)> {
    let document = element.owner_document()?;
    let shadow = element.shadow_root().or_else(|| {
        element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .ok()
    });
    let root: web_sys::Node = match &shadow {
        Some(root) => root.clone().into(),
        None => element.clone().into(),
    };
    let mut added = Added::default();
    match shadow.as_ref().and_then(adopt_stylesheet) {
        Some(adopted) => added.adopted = Some(adopted),
        None => {
            let style = document.create_element("style").ok()?;
            style.set_text_content(Some(WIDGET_CSS));
            root.append_child(&style).ok()?;
            added.elements.push(style);
        }
    }
    let container: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    container.set_class_name("zmm-mount");
    root.append_child(&container).ok()?;
    added.elements.push(container.clone().into());
    Some((container, added))
}

/// The list's frame without words while the language's texts are on their way (never
/// blank): the title's and lead's lines and three rows, grey, as tall as the list's own
/// loading state. Built once with the DOM, not a view: it costs no view type.
fn frame_without_words(
    parent: &web_sys::HtmlElement,
    lang: &str,
    theme: &str,
) -> Option<web_sys::Element> {
    let document = parent.owner_document()?;
    let frame = document.create_element("section").ok()?;
    for (name, value) in [
        ("class", "zmm"),
        ("part", "root"),
        ("data-theme", theme),
        ("lang", lang),
        ("aria-busy", "true"),
    ] {
        frame.set_attribute(name, value).ok()?;
    }
    // Elements, not `innerHTML`: a page that enforces Trusted Types refuses the latter.
    let add = |to: &web_sys::Element, class: &str| {
        let div = document.create_element("div").ok()?;
        div.set_class_name(class);
        to.append_child(&div).ok().map(|_| div)
    };
    add(&frame, "zmm-skeleton__line zmm-skeleton__line--title")?;
    add(&frame, "zmm-skeleton__line")?;
    let rows = add(&frame, "zmm-skeleton")?;
    for _ in 0..3 {
        add(&rows, "zmm-skeleton__row")?;
    }
    parent.append_child(&frame).ok()?;
    Some(frame)
}

/// What a mount added to the page, taken away again on unmount.
#[derive(Default)]
struct Added {
    elements: Vec<web_sys::Element>,
    /// The shadow root that adopted the widget's stylesheet.
    adopted: Option<web_sys::ShadowRoot>,
}

impl Added {
    fn remove(&mut self) {
        for element in self.elements.drain(..) {
            element.remove();
        }
        if let Some(root) = self.adopted.take() {
            let sheet: JsValue = WIDGET_SHEET
                .with(|s| s.clone())
                .map_or(JsValue::UNDEFINED, JsValue::from);
            let kept = root
                .adopted_style_sheets()
                .filter(&mut |s, _, _| s != sheet);
            root.set_adopted_style_sheets(&kept);
        }
    }
}

thread_local! {
    /// One constructed stylesheet for every widget of the page (`None` where the
    /// browser cannot construct one).
    static WIDGET_SHEET: Option<web_sys::CssStyleSheet> = {
        let sheet = web_sys::CssStyleSheet::new().ok();
        sheet.filter(|s| s.replace_sync(WIDGET_CSS).is_ok())
    };
}

/// Adds the widget's stylesheet to `root`'s adopted sheets; `None` when the browser has
/// no constructed stylesheets.
fn adopt_stylesheet(root: &web_sys::ShadowRoot) -> Option<web_sys::ShadowRoot> {
    if !js_sys::Reflect::has(root, &"adoptedStyleSheets".into()).unwrap_or(false) {
        return None;
    }
    let sheet = WIDGET_SHEET.with(|s| s.clone())?;
    let sheets = root.adopted_style_sheets();
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
    }
    root.set_adopted_style_sheets(&sheets);
    Some(root.clone())
}

/// Whether a widget is mounted on `element` already (its container is there).
fn already_mounted(element: &web_sys::HtmlElement) -> bool {
    let mine = |found: Result<Option<web_sys::Element>, JsValue>| matches!(found, Ok(Some(_)));
    match element.shadow_root() {
        // `:scope` matches nothing in a shadow root; its own widget is the only container.
        Some(root) => mine(root.query_selector(".zmm-mount")),
        None => mine(element.query_selector(":scope > .zmm-mount")),
    }
}

/// Mounts the widget on `element` with `options`. An element that has one already keeps
/// it: a second widget would stack in the same root; the console says so.
pub fn mount_with(element: web_sys::HtmlElement, options: Options) -> MountHandle {
    let refresh = Refresh::default();
    if let Some(reason) = &options.refused {
        web_sys::console::error_1(&format!("zitadel-mfa-manager: {reason}").into());
        return MountHandle {
            mounted: None,
            refresh,
            added: Added::default(),
        };
    }
    if already_mounted(&element) {
        web_sys::console::error_1(
            &"zitadel-mfa-manager: this element already has a widget; call unmount() on its \
              handle before mounting again"
                .into(),
        );
        return MountHandle {
            mounted: None,
            refresh,
            added: Added::default(),
        };
    }
    let host: web_sys::EventTarget = element.clone().into();
    let provided = refresh.clone();
    let (target, added) = render_target(&element).unwrap_or_else(|| (element, Added::default()));
    let parent = target.clone();
    let handle = leptos::mount::mount_to(target, move || {
        let Options {
            config,
            org_id,
            org_settings,
            login_ui,
            locale,
            presentation,
            warnings,
            reopen,
            i18n_base_url,
            refused: _,
        } = options;
        for warning in warnings {
            web_sys::console::warn_1(&format!("zitadel-mfa-manager: {warning}").into());
        }
        let language = Language::choose(
            locale.as_deref(),
            browser_languages().iter().map(String::as_str),
        );
        // The widget's words appear once its language's texts are here (release builds
        // fetch all but English), never in English first; meanwhile its frame, grey.
        let ready = RwSignal::new(language.locale.available().is_some());
        if !ready.get_untracked() {
            let frame = frame_without_words(&parent, &language.tag, presentation.theme.name());
            let (locale, timeout_ms) = (language.locale, config.retry.timeout_ms);
            wasm_bindgen_futures::spawn_local(async move {
                crate::i18n::load::load(locale, i18n_base_url, timeout_ms).await;
                ready.try_set(true);
                // (Unmounting removes it with its container.)
                frame.iter().for_each(|f| f.remove());
            });
        }
        // The list is asked for now, while the language file may still be on its way:
        // right after this mount, so a mount replaced at once (the custom element gets
        // its token after it was connected) sends nothing.
        let loads = ListLoads::new(&config);
        // The organization panel's too (admin builds only; the others refuse it earlier).
        #[cfg(feature = "admin")]
        let org_load = org_settings.then(|| OrgLoad::new(&config, org_id.clone()));
        #[cfg(feature = "admin")]
        if let Some(load) = org_load {
            provide_context(load);
        }
        leptos::task::spawn_local(async move {
            loads.start();
            #[cfg(feature = "admin")]
            if let Some(load) = org_load {
                load.start();
            }
        });
        provide_context(loads);
        provide_api_config(config);
        provide_presentation(presentation);
        provide_login_ui(login_ui);
        provide_language(language);
        provide_host_events(host);
        provide_refresh(provided);
        provide_context(crate::components::Reopen(reopen));
        move || {
            ready.get().then(|| {
                #[cfg(feature = "admin")]
                let org_panel = org_settings.then(|| {
                    let org_id = org_id.clone();
                    view! { <OrgSettings org_id /> }
                });
                // Not in the self-service builds (refused before mounting).
                #[cfg(not(feature = "admin"))]
                let org_panel: Option<()> = {
                    let _ = (org_settings, &org_id);
                    None
                };
                view! {
                    <FactorList />
                    {org_panel}
                }
            })
        }
    });
    MountHandle {
        mounted: Some(Box::new(handle)),
        refresh,
        added,
    }
}

/// JavaScript: `mount(element, {apiBaseUrl, accessToken, getToken, userId, orgId, api,
/// orgSettings})`. Returns a handle with `unmount()` and `refresh()`.
#[wasm_bindgen]
pub fn mount(
    element: web_sys::HtmlElement,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: &JsValue,
) -> MountHandle {
    let read = |name: &str| {
        let key = match name {
            "data-api-base-url" => "apiBaseUrl",
            "data-access-token" => "accessToken",
            "data-user-id" => "userId",
            "data-org-id" => "orgId",
            "data-api" => "api",
            "data-org-settings" => "orgSettings",
            "data-locale" => "locale",
            "data-kinds" => "kinds",
            "data-show-details" => "showDetails",
            "data-theme" => "theme",
            "data-timeout-ms" => "timeoutMs",
            "data-i18n-base-url" => "i18nBaseUrl",
            "data-login-ui" => "loginUi",
            _ => return None,
        };
        let value = js_sys::Reflect::get(options, &key.into()).ok()?;
        if let Some(list) = value.dyn_ref::<js_sys::Array>() {
            return Some(list.join(",").into());
        }
        match value.as_bool() {
            Some(true) => Some("true".into()),
            Some(false) => Some("false".into()),
            // A number as JavaScript writes it (Rust's float formatting would add its
            // tables to the wasm for one option).
            None => value.as_string().or_else(|| {
                let number = value.dyn_ref::<js_sys::Number>()?;
                number.to_string_with_radix(10).ok().map(String::from)
            }),
        }
    };
    let mut parsed = options_from(&read);
    let get_token = js_sys::Reflect::get(options, &"getToken".into()).ok();
    if let Some(get_token) = get_token.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let initial = read("data-access-token").unwrap_or_default();
        parsed.config.token = Token::renewable(&initial, renew_with(get_token));
    }
    parsed.config.recent = recent_sign_in(options);
    mount_with(element, parsed)
}

/// `maxAuthAge` (seconds), `authTime` (when the current sign-in happened, seconds since
/// 1970) and `reauthenticate()` (a promise of `{accessToken, authTime}` after a fresh
/// sign-in): a removal then needs a sign-in no older than `maxAuthAge`.
fn recent_sign_in(options: &JsValue) -> Option<crate::config::RecentSignIn> {
    let number = |key: &str| {
        js_sys::Reflect::get(options, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| n as u64)
    };
    let max_age = number("maxAuthAge")?;
    let reauthenticate = js_sys::Reflect::get(options, &"reauthenticate".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(reauthenticate_with);
    Some(crate::config::RecentSignIn::new(
        max_age,
        number("authTime"),
        reauthenticate,
    ))
}

/// Turns the host's `reauthenticate()` into a [`crate::config::Reauthenticate`].
fn reauthenticate_with(reauthenticate: js_sys::Function) -> crate::config::Reauthenticate {
    let reauthenticate = send_wrapper::SendWrapper::new(reauthenticate);
    Arc::new(move |_asked_by: String| {
        let returned = reauthenticate.call0(&JsValue::UNDEFINED);
        Box::pin(async move {
            let value = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
                &returned.map_err(|e| js_reason("reauthenticate()", &e))?,
            ))
            .await
            .map_err(|e| js_reason("reauthenticate()", &e))?;
            let field = |key: &str| js_sys::Reflect::get(&value, &key.into()).ok();
            let token = field("accessToken")
                .and_then(|t| t.as_string())
                .filter(|t| !t.trim().is_empty())
                .ok_or("reauthenticate() gave no accessToken")?;
            let auth_time = field("authTime")
                .and_then(|t| t.as_f64())
                .ok_or("reauthenticate() gave no authTime")? as u64;
            Ok((token, auth_time))
        })
    })
}

/// Turns the host's `getToken()` (returning a token or a promise of one) into a
/// [`Renew`]. Its failure reason is kept for the error panel; a token never is.
fn renew_with(get_token: js_sys::Function) -> Renew {
    let get_token = send_wrapper::SendWrapper::new(get_token);
    Arc::new(move || {
        let returned = get_token.call0(&JsValue::UNDEFINED);
        Box::pin(
            async move {
                let value =
                    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&returned?))
                        .await?;
                Ok(value)
            }
            .map(|outcome: Result<JsValue, JsValue>| match outcome {
                Ok(value) => value
                    .as_string()
                    .filter(|token| !token.trim().is_empty())
                    .ok_or_else(|| "getToken() did not return a token".to_string()),
                Err(error) => Err(js_reason("getToken()", &error)),
            }),
        )
    })
}

/// A value `what` (a host function) threw, as words: an Error's message, a string, or
/// a generic reason.
fn js_reason(what: &str, error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .map_or_else(
            || format!("{what} failed"),
            |m| format!("{what} failed: {m}"),
        )
}

/// The browser's preferred languages, most preferred first.
pub(crate) fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut all: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    if all.is_empty() {
        all.extend(navigator.language());
    }
    all
}

/// Mounts the widget on an element configured by its data attributes. The token
/// attribute is removed once read, so it does not stay in the DOM.
pub fn mount_on(element: web_sys::HtmlElement) -> MountHandle {
    let options = options_from(&|name| element.get_attribute(name));
    let _ = element.remove_attribute("data-access-token");
    mount_with(element, options)
}

/// The custom element's tag.
pub const ELEMENT_TAG: &str = "zitadel-mfa-manager";

// The custom element: its attributes map to the options of `mount`; it mounts when it
// is connected, mounts again when an attribute or the token changes, and unmounts when
// it is removed. The token is a property (`element.accessToken = ...`, or a function as
// `element.getToken = ...`), so it need not be in the DOM; an `access-token` attribute
// is read once and removed.
#[wasm_bindgen(inline_js = r#"
const ATTRIBUTES = ['api-base-url', 'access-token', 'user-id', 'org-id', 'api', 'org-settings',
  'locale', 'kinds', 'show-details', 'theme', 'timeout-ms', 'i18n-base-url', 'login-ui'];
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
export function define_element(tag, mount) {
  if (customElements.get(tag)) return;
  customElements.define(tag, class extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }
    #handle = null;
    #token = null;
    #getToken = null;
    get accessToken() { return undefined; }
    set accessToken(token) { this.#token = token; this.#render(); }
    get getToken() { return this.#getToken; }
    set getToken(fn) { this.#getToken = typeof fn === 'function' ? fn : null; this.#render(); }
    connectedCallback() { this.#render(); }
    disconnectedCallback() { this.#handle?.unmount(); this.#handle = null; }
    attributeChangedCallback(name, _old, value) {
      // A token attribute is read once and removed, so it does not stay in the DOM.
      if (name === 'access-token') {
        if (value === null) return;
        this.#token = value;
        this.removeAttribute(name);
      }
      this.#render();
    }
    refresh() { this.#handle?.refresh(); }
    #render() {
      if (!this.isConnected) return;
      this.#handle?.unmount();
      const options = {};
      for (const name of ATTRIBUTES) {
        if (!this.hasAttribute(name)) continue;
        const value = this.getAttribute(name);
        options[camel(name)] = value;
      }
      if (this.#token !== null) options.accessToken = this.#token;
      if (this.#getToken) options.getToken = this.#getToken;
      this.#handle = mount(this, options);
    }
  });
}
"#)]
extern "C" {
    fn define_element(tag: &str, mount: &js_sys::Function);
}

/// Defines `<zitadel-mfa-manager>` (once per page).
#[wasm_bindgen(js_name = defineElement)]
pub fn define_custom_element() {
    let mount_fn = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> JsValue>::new(
        |element: web_sys::HtmlElement, options: JsValue| JsValue::from(mount(element, &options)),
    );
    define_element(ELEMENT_TAG, mount_fn.as_ref().unchecked_ref());
    // The element class calls it for as long as the page lives.
    mount_fn.forget();
}

/// Mounts the widget on every element of the page that carries `data-zitadel-mfa-manager`.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(found) = document.query_selector_all(MOUNT_SELECTOR) else {
        return;
    };
    for index in 0..found.length() {
        if let Some(element) = found.item(index).and_then(|n| n.dyn_into().ok()) {
            // A page-level mount lives as long as the page.
            std::mem::forget(mount_on(element));
        }
    }
}
