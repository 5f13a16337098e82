//! The Leptos components of the widget, and the pure texts they show.

mod confirm_dialog;
mod error_panel;
pub mod error_text;
mod factor_list;
mod factor_row;
pub mod host_events;
mod icons;
mod kind_text;
mod loader;
pub mod name_text;
mod org_settings;
pub mod policy_text;
mod remove_trigger;
mod result_panel;
pub mod risk_text;

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::api::FactorKind;
use crate::config::ApiConfig;
use crate::domain::LoginUi;
use crate::i18n::{Language, Messages};

pub use factor_list::{FactorList, ListLoads};
pub use kind_text::{display_name, kind_description, kind_title, state_label};
pub use org_settings::{OrgLoad, OrgSettings};

/// Provides the API configuration to the components below.
pub fn provide_api_config(config: ApiConfig) {
    provide_context(config);
}

/// The API configuration provided by [`provide_api_config`].
pub fn use_api_config() -> ApiConfig {
    use_context::<ApiConfig>().expect("provide_api_config was not called above this component")
}

/// Provides the widget's language to the components below.
pub fn provide_language(language: Language) {
    provide_context(language);
}

/// The widget's language: the provided one, else English.
pub fn use_language() -> Language {
    use_context::<Language>().unwrap_or_default()
}

/// The texts of the widget's language.
fn use_messages() -> &'static Messages {
    use_language().messages()
}

/// Light or dark: following the user's system setting, or forced by the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The `data-theme` value the stylesheet reads.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How the embedding page wants the widget to look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presentation {
    /// The kinds shown; `None` shows all. The risk of a removal still counts every kind.
    pub kinds: Option<Vec<FactorKind>>,
    /// Show the server's details (change number, date, organization) after a removal.
    pub details: bool,
    pub theme: Theme,
}

impl Default for Presentation {
    fn default() -> Self {
        Presentation {
            kinds: None,
            details: true,
            theme: Theme::Auto,
        }
    }
}

impl Presentation {
    pub fn shows(&self, kind: FactorKind) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&kind))
    }
}

/// Provides the page's presentation options to the components below.
pub fn provide_presentation(presentation: Presentation) {
    provide_context(presentation);
}

/// The page's presentation options, or the defaults.
pub fn use_presentation() -> Presentation {
    use_context::<Presentation>().unwrap_or_default()
}

/// Which of ZITADEL's logins the organization uses (the page's `loginUi`), for the
/// removals' verdicts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct LoginChoice(Option<LoginUi>);

/// Provides the page's `loginUi` option to the components below.
pub fn provide_login_ui(login: Option<LoginUi>) {
    provide_context(LoginChoice(login));
}

/// The page's `loginUi` option: `None` when it named no login.
pub(crate) fn use_login_ui() -> Option<LoginUi> {
    use_context::<LoginChoice>().unwrap_or_default().0
}

/// Loads everything again when notified (the page's `refresh()`).
#[derive(Clone, Default)]
pub struct Refresh(pub ArcTrigger);

/// The removal to open once the list has loaded (`kind:id`): the page came back from a
/// fresh sign-in that this confirmation asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reopen(pub Option<String>);

/// Provides the trigger that reloads the widget's data.
pub fn provide_refresh(refresh: Refresh) {
    provide_context(refresh);
}

/// Runs `load` again whenever the page calls refresh(), and once now unless the mount
/// has `started` it already (the list's and the organization panel's loads).
fn reload_on_refresh(started: bool, load: impl Fn() + 'static) {
    let refresh = use_context::<Refresh>();
    Effect::new(move |before: Option<()>| {
        if let Some(refresh) = &refresh {
            refresh.0.track();
        }
        if before.is_some() || !started {
            load();
        }
    });
}

/// Focuses the first of `ids` that is inside `scope` (the panel's root), once the
/// current update is done (after a dialog has left and a removed row is gone). Looked
/// up within the panel, so it works inside a shadow root too.
fn focus_soon(scope: NodeRef<leptos::html::Section>, ids: Vec<String>) {
    set_timeout(
        move || {
            let Some(scope) = scope.get_untracked() else {
                return;
            };
            let target = ids
                .iter()
                .find_map(|id| scope.query_selector(&format!("[id='{id}']")).ok().flatten());
            if let Some(element) =
                target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = element.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// A prefix that makes element ids unique per widget instance on one page.
pub fn next_id_prefix() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("zmm{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
