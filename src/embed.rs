//! What the page sees: mounting the widget on an element configured by data attributes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{provide_api_config, FactorList};
use crate::config::ApiConfig;

/// The attribute that marks the elements the widget mounts on.
pub const MOUNT_SELECTOR: &str = "[data-zitadel-mfa-manager]";

/// Mounts the widget on an element, configured by its `data-api-base-url` and
/// `data-access-token` attributes. The token attribute is removed once read, so it
/// does not stay in the DOM.
pub fn mount_on(element: web_sys::HtmlElement) {
    let config = ApiConfig::new(
        &element
            .get_attribute("data-api-base-url")
            .unwrap_or_default(),
        &element
            .get_attribute("data-access-token")
            .unwrap_or_default(),
    );
    let _ = element.remove_attribute("data-access-token");
    let handle = leptos::mount::mount_to(element, move || {
        provide_api_config(config);
        view! { <FactorList /> }
    });
    handle.forget();
}

/// Mounts the widget on every element of the page that carries `data-zitadel-mfa-manager`.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(found) = document.query_selector_all(MOUNT_SELECTOR) else {
        return;
    };
    for index in 0..found.length() {
        if let Some(element) = found.item(index).and_then(|n| n.dyn_into().ok()) {
            mount_on(element);
        }
    }
}
