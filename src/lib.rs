//! A self-service MFA manager for ZITADEL, as a Leptos widget.
//!
//! Layers, arrows one way: [`api`] (pure: types, decoding, errors, routes) ←
//! [`transport`] (the thin `fetch` layer) ← [`components`] (Leptos) ← [`embed`]
//! (what the page and JavaScript see).

pub mod api;
pub mod client;
pub mod components;
pub mod config;
pub mod domain;
pub mod embed;
pub mod i18n;
pub mod page;
pub mod signin;
pub mod transport;

// The unit tests that also run in the browser (`wasm-pack test`) run there, not in Node.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
