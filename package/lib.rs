//! The ES module package (`wasm-pack build --target web`): the widget's JavaScript
//! surface, `mount`, `mountAll`, `defineElement` and `MountHandle`, with its TypeScript
//! declarations. Everything lives in the widget crate; linking it here exports it.

pub use zitadel_mfa_manager::embed::{define_custom_element, mount, mount_all, MountHandle};
