//! Components mounted in headless Chromium (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod dialog;
mod factor_list;
mod get_token;
mod host_events;
mod hostile;
mod locales;
mod mount_api;
mod org_settings;
mod recent_sign_in;
mod signin;
mod support;
mod transport;
