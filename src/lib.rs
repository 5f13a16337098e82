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
