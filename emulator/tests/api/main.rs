//! The emulator over real HTTP on 127.0.0.1: every endpoint, every error, the controls.

mod auth_v1;
mod browser_rules;
mod controls;
mod load;
mod management_v1;
mod oidc;
mod support;
mod user_v2;
