//! The options of one widget, read from attribute-like values: `data-*` attributes,
//! the custom element's attributes, or `mount`'s options object. Pure: tested natively.

use crate::api::{FactorKind, Surface, DISPLAY_ORDER};
use crate::components::{Presentation, Theme};
use crate::config::ApiConfig;
use crate::domain::LoginUi;
use crate::i18n::Locale;

/// What one element asks for, read from its attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub config: ApiConfig,
    /// The organization acted in (`x-zitadel-orgid`), for another user and for the settings.
    pub org_id: Option<String>,
    /// Show the organization's login settings panel.
    pub org_settings: bool,
    /// Which of ZITADEL's logins the organization uses; `None`: a removal's verdict
    /// counts only the ways in that finish with both.
    pub login_ui: Option<LoginUi>,
    /// The language asked for (`de`, `fr-CH`); else the browser's.
    pub locale: Option<String>,
    /// Which kinds to show, the details after a removal, the theme.
    pub presentation: Presentation,
    /// What was wrong with the options, said on the console; the widget still mounts.
    pub warnings: Vec<String>,
    /// The removal to open again after a fresh sign-in (set by the page, not an option).
    pub reopen: Option<String>,
    /// Where the language files are (`<url>/de.json`, relative to the page); else the
    /// `i18n/` folder beside the package.
    pub i18n_base_url: Option<String>,
    /// Why this build does not mount the widget at all (admin options in a self-service
    /// build: it would show the signed-in user's factors as someone else's).
    pub refused: Option<String>,
}

/// Reads the options from attribute values (`attr("data-user-id")` and so on):
/// `data-api-base-url`, `data-access-token`, `data-user-id` (another user: admin mode),
/// `data-org-id`, `data-api` (`management`, the default, or `v2`), `data-org-settings`,
/// `data-locale`, `data-kinds` (`passkey u2f totp otp_sms otp_email`, comma or space
/// separated), `data-show-details` (`false` hides them), `data-theme` (`auto`, `light`,
/// `dark`), `data-timeout-ms` (each call's time limit, 1000 to 120000; 15000 by default),
/// `data-i18n-base-url` (where the language files are), `data-login-ui` (`v1`, the
/// hosted login, or `v2`, Login V2: whose sign-in rules the verdicts follow).
pub fn options_from(attr: &dyn Fn(&str) -> Option<String>) -> Options {
    let non_empty = |name: &str| {
        attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut config = ApiConfig::new(
        &attr("data-api-base-url").unwrap_or_default(),
        &attr("data-access-token").unwrap_or_default(),
    );
    let org_id = non_empty("data-org-id");
    if let Some(user_id) = non_empty("data-user-id") {
        config.surface = match non_empty("data-api").as_deref() {
            Some("v2") => Surface::UserV2 {
                user_id,
                org_id: org_id.clone(),
            },
            _ => Surface::Management {
                user_id,
                org_id: org_id.clone(),
            },
        };
    }
    let org_settings = attr("data-org-settings").is_some_and(|v| v != "false");
    let mut warnings = Vec::new();
    if let Some(raw) = non_empty("data-timeout-ms") {
        match raw.parse::<u32>() {
            Ok(ms) if (1_000..=120_000).contains(&ms) => config.retry.timeout_ms = ms,
            _ => warnings.push(format!(
                "timeoutMs: \"{raw}\" is not a number of milliseconds from 1000 to 120000; {} is used",
                config.retry.timeout_ms
            )),
        }
    }
    if let Some(api) = non_empty("data-api").filter(|api| api != "management" && api != "v2") {
        warnings.push(format!(
            "api: \"{api}\" is not management or v2; management is used"
        ));
    }
    let kinds = non_empty("data-kinds").and_then(|list| {
        let mut kinds = Vec::new();
        for name in list.split([',', ' ']).filter(|n| !n.is_empty()) {
            match DISPLAY_ORDER.into_iter().find(|k| k.name() == name && *k != FactorKind::Unknown) {
                Some(kind) => kinds.push(kind),
                None => warnings.push(format!(
                    "kinds: unknown kind \"{name}\" ignored; use passkey, u2f, totp, otp_sms, otp_email, idp_link"
                )),
            }
        }
        (!kinds.is_empty()).then_some(kinds)
    });
    let theme = match non_empty("data-theme").as_deref() {
        None | Some("auto") => Theme::Auto,
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some(other) => {
            warnings.push(format!(
                "theme: \"{other}\" is not auto, light or dark; auto is used"
            ));
            Theme::Auto
        }
    };
    let login_ui = match non_empty("data-login-ui").as_deref() {
        None => None,
        Some("v1") => Some(LoginUi::V1),
        Some("v2") => Some(LoginUi::V2),
        Some(other) => {
            warnings.push(format!(
                "loginUi: \"{other}\" is not v1 or v2; removals are judged by the rules of both logins"
            ));
            None
        }
    };
    let locale = non_empty("data-locale");
    if let Some(tag) = locale
        .as_deref()
        .filter(|tag| Locale::from_tag(tag).is_none())
    {
        warnings.push(format!(
            "locale: \"{tag}\" is not one of en, de, fr, it, es, ja; the browser's language is used"
        ));
    }
    Options {
        org_id,
        org_settings,
        login_ui,
        locale,
        presentation: Presentation {
            kinds,
            details: attr("data-show-details").is_none_or(|v| v != "false"),
            theme,
        },
        warnings,
        reopen: None,
        i18n_base_url: non_empty("data-i18n-base-url"),
        refused: (!cfg!(feature = "admin") && (config.surface != Surface::Me || org_settings))
            .then(|| crate::api::ADMIN_ONLY.to_string()),
        config,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(pairs: &[(&str, &str)]) -> Options {
        options_from(&|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_time_limit_is_an_option_within_bounds() {
        assert_eq!(options(&[]).config.retry.timeout_ms, 15_000);
        let short = options(&[("data-timeout-ms", "1000")]);
        assert_eq!(short.config.retry.timeout_ms, 1_000);
        for wrong in ["0", "999", "120001", "soon"] {
            let parsed = options(&[("data-timeout-ms", wrong)]);
            assert_eq!(parsed.config.retry.timeout_ms, 15_000, "{wrong}");
            assert!(parsed.warnings[0].contains("timeoutMs"), "{wrong}");
        }
    }

    #[test]
    fn without_a_user_id_it_is_self_service() {
        let got = options(&[
            ("data-access-token", "t"),
            ("data-api-base-url", "https://id.example.com/"),
        ]);
        assert_eq!(got.config.surface, Surface::Me);
        assert_eq!(got.config.url("/x"), "https://id.example.com/x");
        assert!(!got.org_settings);
    }

    #[test]
    fn a_user_id_means_management_by_default_and_v2_on_request() {
        let got = options(&[("data-user-id", "u1"), ("data-org-id", "o1")]);
        assert_eq!(
            got.config.surface,
            Surface::Management {
                user_id: "u1".into(),
                org_id: Some("o1".into())
            }
        );
        let got = options(&[("data-user-id", "u1"), ("data-api", "v2")]);
        assert_eq!(
            got.config.surface,
            Surface::UserV2 {
                user_id: "u1".into(),
                org_id: None
            }
        );
    }

    #[test]
    fn kinds_theme_and_details_are_read_and_mistakes_are_named() {
        let got = options(&[
            ("data-kinds", "passkey, u2f yubikey"),
            ("data-theme", "dark"),
            ("data-show-details", "false"),
            ("data-locale", "de-AT"),
        ]);
        assert_eq!(
            got.presentation.kinds,
            Some(vec![FactorKind::Passkey, FactorKind::U2f])
        );
        assert_eq!(got.presentation.theme, Theme::Dark);
        assert!(!got.presentation.details);
        assert_eq!(got.locale.as_deref(), Some("de-AT"));
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert!(got.warnings[0].contains("\"yubikey\""));

        let got = options(&[
            ("data-theme", "purple"),
            ("data-locale", "pt"),
            ("data-kinds", "sms"),
            ("data-api", "v3"),
        ]);
        assert_eq!(got.presentation, Presentation::default());
        assert_eq!(got.warnings.len(), 4, "{:?}", got.warnings);
    }

    #[test]
    fn org_settings_is_a_flag_and_blank_ids_count_as_absent() {
        let got = options(&[
            ("data-org-settings", ""),
            ("data-user-id", " "),
            ("data-org-id", ""),
        ]);
        assert!(got.org_settings);
        assert_eq!(got.config.surface, Surface::Me);
        assert_eq!(got.org_id, None);
        assert!(!options(&[("data-org-settings", "false")]).org_settings);
    }

    #[test]
    fn the_login_ui_is_v1_v2_or_unnamed() {
        assert_eq!(
            options(&[("data-login-ui", "v1")]).login_ui,
            Some(LoginUi::V1)
        );
        assert_eq!(
            options(&[("data-login-ui", " v2 ")]).login_ui,
            Some(LoginUi::V2)
        );
        assert_eq!(options(&[]).login_ui, None);
        let wrong = options(&[("data-login-ui", "v3")]);
        assert_eq!(wrong.login_ui, None);
        assert!(
            wrong.warnings[0].contains("loginUi: \"v3\" is not v1 or v2"),
            "{:?}",
            wrong.warnings
        );
    }
}
