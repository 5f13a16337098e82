//! Loads a language's texts when a widget needs them (release builds compile only
//! English in): `i18n/<tag>.json` beside the package, or under the page's `i18nBaseUrl`.
//! A file that does not arrive in time leaves the widget in English and says so on the
//! console; a file without some texts gives English for those.

use wasm_bindgen::prelude::*;

use super::{install, Locale, Messages, Source};

#[wasm_bindgen(inline_js = r#"
export function catalogue_url(tag, base) {
  if (base) return new URL(base.replace(/\/?$/, '/') + tag + '.json', document.baseURI).href;
  // This snippet sits at <package>/snippets/<crate>/inline<N>.js.
  return new URL('../../i18n/' + tag + '.json', import.meta.url).href;
}
"#)]
extern "C" {
    fn catalogue_url(tag: &str, base: Option<String>) -> String;
}

/// A parsed JSON catalogue.
struct JsSource(JsValue);

impl Source for JsSource {
    fn text(&self, key: &str, index: Option<usize>) -> Option<String> {
        let entry = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        match index {
            Some(i) => js_sys::Reflect::get_u32(&entry, i as u32).ok()?.as_string(),
            None => entry.as_string(),
        }
    }
}

/// The catalogue of `locale`: here already, or fetched (within `timeout_ms`) and kept for
/// every widget of the page; English when it cannot be had.
pub async fn load(locale: Locale, base: Option<String>, timeout_ms: u32) -> &'static Messages {
    if let Some(messages) = locale.available() {
        return messages;
    }
    let url = catalogue_url(locale.tag(), base);
    let fetched = crate::transport::fetch_text(&url, timeout_ms)
        .await
        .and_then(|text| js_sys::JSON::parse(&text).map_err(|_| "it is not JSON".to_string()));
    let warn =
        |what: String| web_sys::console::warn_1(&format!("zitadel-mfa-manager: {what}").into());
    match fetched {
        Ok(json) => {
            let mut missing = Vec::new();
            let messages = Messages::read(&JsSource(json), &mut missing);
            if !missing.is_empty() {
                warn(format!(
                    "{url} has no text for {}; English is shown there",
                    missing.join(", ")
                ));
            }
            install(locale, messages)
        }
        Err(reason) => {
            warn(format!(
                "the {} texts did not load from {url} ({reason}); English is shown",
                locale.tag()
            ));
            super::ENGLISH
        }
    }
}
