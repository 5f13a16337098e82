//! Every word the widget shows, in each language it speaks, and how a language is
//! chosen. Pure, so every catalogue is checked natively: a missing key does not
//! compile, and the tests compare each catalogue's placeholders with English.
//!
//! A hand-written catalogue rather than `leptos_i18n`: that crate added 19.4 KB of
//! gzipped wasm for two keys (ICU locale data and leptos-use), this costs only the
//! strings.
//!
//! English is always compiled in. The others are too with the `all-languages` feature
//! (the default: tests, host tools); the release builds leave it out and load a
//! language's texts when a widget needs them, from a JSON file written from these very
//! catalogues (`cargo run --example catalogues`), so no text can be missing from it.

#[cfg(feature = "all-languages")]
mod de;
mod en;
#[cfg(feature = "all-languages")]
mod es;
#[cfg(feature = "all-languages")]
mod fr;
#[cfg(feature = "all-languages")]
mod it;
#[cfg(feature = "all-languages")]
mod ja;
#[cfg(not(target_arch = "wasm32"))]
mod json;
pub mod load;

use std::cell::Cell;

use crate::api::FactorKind;
use crate::domain::Audience;

/// One translated text. `{name}`-style placeholders are filled by [`fill`].
pub type Text = &'static str;

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    De,
    Fr,
    It,
    Es,
    Ja,
}

impl Locale {
    pub const ALL: [Locale; 6] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::It,
        Locale::Es,
        Locale::Ja,
    ];

    /// The language's BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::It => "it",
            Locale::Es => "es",
            Locale::Ja => "ja",
        }
    }

    /// The language of a BCP 47 tag (`de-CH` → German), by its primary subtag.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// This language's catalogue: compiled in or loaded, else English.
    pub fn messages(self) -> &'static Messages {
        self.available().unwrap_or(&en::EN)
    }

    /// This language's catalogue when it is here: compiled in, or loaded already.
    pub fn available(self) -> Option<&'static Messages> {
        self.compiled()
            .or_else(|| LOADED.with(|loaded| loaded.get()[self as usize]))
    }

    /// The catalogue compiled into this build: English always, the others with the
    /// `all-languages` feature.
    pub fn compiled(self) -> Option<&'static Messages> {
        match self {
            Locale::En => Some(&en::EN),
            #[cfg(feature = "all-languages")]
            Locale::De => Some(&de::DE),
            #[cfg(feature = "all-languages")]
            Locale::Fr => Some(&fr::FR),
            #[cfg(feature = "all-languages")]
            Locale::It => Some(&it::IT),
            #[cfg(feature = "all-languages")]
            Locale::Es => Some(&es::ES),
            #[cfg(feature = "all-languages")]
            Locale::Ja => Some(&ja::JA),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

/// English, the language every build has.
pub const ENGLISH: &Messages = &en::EN;

thread_local! {
    /// The catalogues loaded at run time, by [`Locale`] (kept for the page's life).
    static LOADED: Cell<[Option<&'static Messages>; 6]> = const { Cell::new([None; 6]) };
}

/// Keeps a catalogue loaded at run time for every widget of the page.
pub fn install(locale: Locale, messages: Messages) -> &'static Messages {
    let kept: &'static Messages = Box::leak(Box::new(messages));
    LOADED.with(|loaded| {
        let mut all = loaded.get();
        all[locale as usize] = Some(kept);
        loaded.set(all);
    });
    kept
}

/// The language chosen for one widget: its catalogue, and the full tag used to format
/// dates (`de-CH` keeps Swiss dates with German words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Language {
    pub locale: Locale,
    pub tag: String,
}

impl Language {
    /// `requested` (an option) when the widget speaks it, else the first of the
    /// browser's `preferred` languages it speaks, else English.
    pub fn choose<'a>(
        requested: Option<&'a str>,
        preferred: impl IntoIterator<Item = &'a str>,
    ) -> Language {
        let candidates = requested.into_iter().chain(preferred);
        for tag in candidates {
            if let Some(locale) = Locale::from_tag(tag) {
                return Language {
                    locale,
                    tag: tag.trim().to_string(),
                };
            }
        }
        Language::default()
    }

    pub fn messages(&self) -> &'static Messages {
        self.locale.messages()
    }

    /// The `lang` of what is shown: the tag while this language's texts are here, else
    /// English, which stands in when its file did not come (a German `lang` over English
    /// words has screen readers read them with German sounds).
    pub fn shown_tag(&self) -> &str {
        match self.locale.available() {
            Some(_) => &self.tag,
            None => "en",
        }
    }
}

impl Default for Language {
    fn default() -> Self {
        Language {
            locale: Locale::En,
            tag: "en".into(),
        }
    }
}

/// Replaces each `{key}` of `template` with its value, in one pass: a value that
/// itself holds `{key}` (a user's name can) stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let key = &after[..end];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Who reads a sentence: the user about their own account, or an administrator about
/// someone else's. Sentences that differ come as `[self service, admin]`.
pub type ByAudience = [Text; 2];

/// The sentence of a [`ByAudience`] pair that speaks to `audience`.
pub fn for_audience(texts: ByAudience, audience: Audience) -> Text {
    match audience {
        Audience::SelfService => texts[0],
        Audience::Admin => texts[1],
    }
}

/// Per kind of factor, in the order of [`kind_index`].
pub type ByKind = [Text; 7];

/// The position of a kind in a [`ByKind`] table.
pub fn kind_index(kind: FactorKind) -> usize {
    match kind {
        FactorKind::Passkey => 0,
        FactorKind::U2f => 1,
        FactorKind::Totp => 2,
        FactorKind::OtpSms => 3,
        FactorKind::OtpEmail => 4,
        FactorKind::Unknown => 5,
        FactorKind::IdpLink => 6,
    }
}

/// Where the texts of a catalogue loaded at run time come from: a key's text, or the
/// `index`th text of a key's table. Its JSON form is an object of strings and arrays.
pub trait Source {
    fn text(&self, key: &str, index: Option<usize>) -> Option<String>;
}

/// A text kept for the page's life (catalogues are loaded once).
fn keep(text: String) -> Text {
    Box::leak(text.into_boxed_str())
}

/// Visits and reads each text of a catalogue entry (a text, or a table of them).
trait Texts: Sized {
    fn each(&self, key: &'static str, visit: &mut dyn FnMut(String, Text));
    /// The entry from `source`; a text it lacks (or leaves empty) is `english`'s, and
    /// its key goes to `missing`.
    fn read(source: &dyn Source, key: &str, english: &Self, missing: &mut Vec<String>) -> Self;
}

fn read_one(
    source: &dyn Source,
    key: &str,
    index: Option<usize>,
    english: Text,
    missing: &mut Vec<String>,
) -> Text {
    match source.text(key, index).filter(|t| !t.trim().is_empty()) {
        Some(text) => keep(text),
        None => {
            missing.push(match index {
                Some(i) => format!("{key}[{i}]"),
                None => key.to_string(),
            });
            english
        }
    }
}

impl Texts for Text {
    fn each(&self, key: &'static str, visit: &mut dyn FnMut(String, Text)) {
        visit(key.to_string(), self);
    }
    fn read(source: &dyn Source, key: &str, english: &Self, missing: &mut Vec<String>) -> Self {
        read_one(source, key, None, english, missing)
    }
}

impl<const N: usize> Texts for [Text; N] {
    fn each(&self, key: &'static str, visit: &mut dyn FnMut(String, Text)) {
        for (i, text) in self.iter().enumerate() {
            visit(format!("{key}[{i}]"), text);
        }
    }
    fn read(source: &dyn Source, key: &str, english: &Self, missing: &mut Vec<String>) -> Self {
        std::array::from_fn(|i| read_one(source, key, Some(i), english[i], missing))
    }
}

macro_rules! catalogue {
    ($($(#[doc = $doc:literal])* $key:ident: $ty:ty,)*) => {
        /// One language's texts. Every language must give every key.
        #[derive(Debug)]
        pub struct Messages {
            $($(#[doc = $doc])* pub $key: $ty,)*
        }

        impl Messages {
            /// Every text with its key (`kind_title[2]` for tables), for the checks.
            pub fn entries(&self) -> Vec<(String, Text)> {
                let mut all = Vec::new();
                $(Texts::each(&self.$key, stringify!($key), &mut |k, t| all.push((k, t)));)*
                all
            }

            /// A catalogue loaded at run time: every text from `source`, English's
            /// where it has none (those keys go to `missing`).
            pub fn read(source: &dyn Source, missing: &mut Vec<String>) -> Messages {
                Messages {
                    $($key: Texts::read(source, stringify!($key), &en::EN.$key, missing),)*
                }
            }
        }
    };
}

catalogue! {
    // Kinds of factor.
    /// A kind's group heading.
    kind_title: ByKind,
    /// One sentence on what the kind is for.
    kind_description: ByKind,
    /// What an empty group says.
    kind_empty: ByKind,
    /// The shown name of an unnamed key (`Passkey …1234`), capitalized.
    kind_singular: ByKind,
    /// The kind in running text: "Remove {noun}".
    kind_noun: ByKind,
    /// The kind in the plural: "no longer allows {plural}".
    kind_plural: ByKind,
    /// Ready, not ready, removed, unknown.
    state_label: [Text; 4],
    /// A named factor in running text: `{noun}` and the quoted `{name}`.
    named: Text,
    /// A name in quotation marks: `{name}`.
    quote: Text,
    /// A button or action: `{what}`.
    remove_what: Text,
    /// A dialog title: `{what}`.
    remove_question: Text,
    /// Between the last two items of a list.
    list_and: Text,
    /// Between the other items of a list.
    list_comma: Text,
    /// The rest of a long list: `{count}`.
    list_more: Text,

    // The confirmation dialog.
    /// The typed confirmation's label: `{word}`.
    type_to_confirm: Text,
    /// What to type when the factor has no name of its own.
    typed_fallback: Text,
    /// While what a removal would leave is still being loaded (the confirm button waits).
    dialog_checking: Text,
    cancel: Text,
    removing: Text,
    lockout_last_passkey: ByAudience,
    lockout_no_second_factor: ByAudience,
    lockout_other_paths_closed: ByAudience,
    /// The last passkey; the login settings do not offer the account's password or IdP.
    lockout_other_paths_unavailable: ByAudience,
    /// The same when the account has a password only.
    lockout_password_unavailable: ByAudience,
    /// The same when the account has an IdP link only.
    lockout_idp_unavailable: ByAudience,
    /// The last IdP link is the last way in: `{idp}`.
    lockout_last_idp_link: ByAudience,
    /// Hosted login v1 does not sign in through this link's IdP: `{idp}`.
    link_not_offered: ByAudience,
    must_enrol: ByAudience,
    must_enrol_idp: ByAudience,
    must_enrol_any: ByAudience,
    /// `{plural}`.
    cannot_add_back: ByAudience,
    unknown_password_or_idp: ByAudience,
    unknown_login_policy: ByAudience,
    /// Login V2's set-up offer depends on a verified phone or email, not loaded.
    unknown_set_up_offer: ByAudience,
    /// What still signs the user in: `{list}`.
    still_sign_in: ByAudience,
    kept_password: ByAudience,
    kept_idp: ByAudience,
    /// `{names}`.
    kept_passkey: ByAudience,
    /// `{names}`.
    kept_passkeys: ByAudience,
    /// `{factor}`.
    kept_factor: ByAudience,
    /// ZITADEL's hosted login (v1), in a sentence.
    login_v1: Text,
    /// ZITADEL's Login V2, in a sentence.
    login_v2: Text,
    /// The verdict is one login's: `{login}`, `{other}`.
    login_stricter: Text,
    /// Each login is stricter somewhere.
    login_mixed: Text,

    // The list.
    heading: Text,
    lead_self: Text,
    /// `{name}`.
    lead_admin: Text,
    /// `{name}`, `{login}`.
    lead_admin_login: Text,
    /// `{id}`.
    lead_admin_id: Text,
    load_error: ByAudience,
    loading: ByAudience,
    /// Shown once loading has taken longer than one time limit.
    still_trying: Text,
    remove: Text,
    /// An admin who may read but not remove.
    read_only_notice: Text,
    /// Admin mode: the page's organization is not the user's: `{org}`, `{given}`.
    org_not_users: Text,
    /// Admin mode: the user lookup in the page's organization answered 404: `{given}`.
    user_not_in_org: Text,

    // After a removal.
    /// `{what}`.
    removed_announcement: Text,
    /// `{what}`.
    already_gone_announcement: Text,
    /// `{what}`.
    removed_title: Text,
    /// `{what}`.
    already_gone_title: Text,
    already_gone_note: Text,
    /// Removed, but ZITADEL's answer was lost: a fresh list showed it.
    removed_no_answer_note: Text,
    dismiss: Text,
    changed_at: Text,
    organization: Text,
    change_number: Text,

    // Errors.
    retry: Text,
    error_id: Text,
    copy: Text,
    copied: Text,
    err_session_title: Text,
    err_session_step: Text,
    err_origin_title: Text,
    err_origin_step: Text,
    err_mfa_title: &'static str,
    err_mfa_step: &'static str,
    err_membership_step: &'static str,
    err_not_removed_title: &'static str,
    err_not_removed_step: &'static str,
    err_not_removed_org_step: &'static str,
    err_not_removed_unverified_step: &'static str,
    /// An unclear answer (time-out, lost, 5xx) and the list still shows it.
    err_lost_not_removed_step: &'static str,
    /// An unclear answer and the list could not be loaded to check.
    err_unknown_title: &'static str,
    err_unknown_step: &'static str,
    err_not_removed_inherited_step: &'static str,
    /// AddCustomLoginPolicy answered 409 `Org-Dgfb2`: the organization has its own now.
    err_own_settings_step: &'static str,
    /// The org panel's note that the organization follows the instance's default.
    org_default_notice: &'static str,
    err_permission_title: Text,
    err_permission_step: ByAudience,
    err_already_title: Text,
    err_already_step: Text,
    err_not_found_title: Text,
    err_not_found_step: Text,
    err_rate_title: Text,
    err_rate_step: Text,
    err_conflict_title: Text,
    err_conflict_step: Text,
    err_invalid_title: Text,
    err_invalid_step: Text,
    err_server_title: Text,
    err_server_step: Text,
    err_unexpected_title: Text,
    err_unexpected_step: Text,
    err_network_title: Text,
    err_network_step: Text,
    /// The page's Content-Security-Policy blocked the request (connect-src).
    err_page_policy_step: Text,
    /// The page's `getToken()` failed or did not answer.
    err_token_title: Text,
    err_token_step: Text,
    err_timeout_title: Text,
    err_timeout_removing_step: Text,
    err_timeout_step: Text,

    // The organization's login settings.
    org_heading: Text,
    org_lead: Text,
    org_loading: Text,
    /// The stand-alone page's heading (its `<title>` is `heading`, the list's).
    page_heading: Text,
    /// The stand-alone page's sign-in (`{name}` in page_signed_in_as).
    page_sign_in: Text,
    page_sign_out: Text,
    page_signed_in_as: Text,
    page_signed_out: Text,
    page_signin_failed: Text,
    page_start_over: Text,
    page_session_ended: Text,
    /// While the page asks the provider how to sign in.
    page_preparing: Text,
    page_signing_in: Text,
    /// A removal that needs a fresh sign-in (`{minutes}`, `{reason}`).
    reauth_needed: Text,
    reauth_button: Text,
    reauth_unavailable: Text,
    reauth_failed: Text,
    mfa_forced: Text,
    mfa_optional: Text,
    /// MFA after a password sign-in only (`forceMfaLocalOnly`).
    mfa_forced_local: Text,
    /// `forceMfa` with `forceMfaLocalOnly`: the two logins differ after an IdP.
    mfa_forced_local_v2: Text,
    org_second_title: Text,
    org_second_empty: Text,
    org_multi_title: Text,
    org_multi_empty: Text,
    org_load_error: Text,
    /// An admin who may read but not change the settings.
    org_read_only_notice: Text,
    /// `{name}`.
    org_remove_label: Text,
    /// TOTP, U2F, email, SMS, unknown second factor, passkeys, unknown multi-factor.
    policy_name: [Text; 7],
    /// `{name}`.
    policy_title: Text,
    /// `{name}`.
    policy_loses: Text,
    policy_nobody_can_enrol: Text,
    policy_forced_unknown: Text,
    policy_confirm: Text,
    /// The confirm button when the organization gets its own settings.
    policy_confirm_copy: Text,
    /// `{name}`: the organization stops following the instance's default.
    policy_copies_default: Text,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(key, _)| key.to_string()))
            .collect()
    }

    #[test]
    fn every_catalogue_has_every_text_with_the_same_placeholders() {
        let english = Locale::En.messages().entries();
        for locale in Locale::ALL {
            let entries = locale.messages().entries();
            assert_eq!(entries.len(), english.len(), "{locale:?}");
            for ((key, text), (_, en)) in entries.iter().zip(&english) {
                assert!(!text.trim().is_empty(), "{locale:?} {key} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(en),
                    "{locale:?} {key}: {text}"
                );
            }
        }
    }

    /// The file a release build loads gives back every text of the catalogue.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn each_catalogue_read_back_from_its_json_is_the_same() {
        for locale in Locale::ALL {
            let json: serde_json::Value =
                serde_json::from_str(&locale.messages().to_json()).unwrap();
            let mut missing = Vec::new();
            let read = Messages::read(&json, &mut missing);
            assert_eq!(missing, Vec::<String>::new(), "{locale:?}");
            assert_eq!(read.entries(), locale.messages().entries(), "{locale:?}");
        }
    }

    /// A stale or broken file still gives a whole catalogue: English where it has no
    /// text, and says which.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_file_without_some_texts_falls_back_to_english_for_those_and_names_them() {
        let mut json: serde_json::Value =
            serde_json::from_str(&Locale::De.messages().to_json()).unwrap();
        let object = json.as_object_mut().unwrap();
        object.remove("cancel");
        object.insert("retry".into(), serde_json::json!(""));
        object.insert("kind_title".into(), serde_json::json!(["Passkeys", 7]));
        let mut missing = Vec::new();
        let read = Messages::read(&json, &mut missing);
        assert_eq!(
            missing,
            [
                "kind_title[1]",
                "kind_title[2]",
                "kind_title[3]",
                "kind_title[4]",
                "kind_title[5]",
                "kind_title[6]",
                "cancel",
                "retry"
            ]
        );
        assert_eq!(read.cancel, ENGLISH.cancel);
        assert_eq!(read.retry, ENGLISH.retry);
        assert_eq!(read.kind_title[1], ENGLISH.kind_title[1]);
        assert_eq!(read.heading, Locale::De.messages().heading);
        let mut none = Vec::new();
        let empty = Messages::read(&serde_json::json!(null), &mut none);
        assert_eq!(empty.entries(), ENGLISH.entries());
        assert_eq!(none.len(), ENGLISH.entries().len());
    }

    #[test]
    fn other_languages_are_translated_not_copied() {
        let english = Locale::En.messages().entries();
        for locale in Locale::ALL.into_iter().skip(1) {
            let same: Vec<String> = locale
                .messages()
                .entries()
                .into_iter()
                .zip(&english)
                .filter(|((_, text), (_, en))| text == en && text.chars().any(char::is_alphabetic))
                .map(|((key, _), _)| key)
                .collect();
            // Loan words ("Passkey", "SMS", "OK") may match; a copied catalogue would not.
            assert!(same.len() < 12, "{locale:?} copies English: {same:?}");
        }
    }

    #[test]
    fn languages_are_chosen_by_option_then_browser_then_english() {
        assert_eq!(Locale::from_tag("de-CH"), Some(Locale::De));
        assert_eq!(Locale::from_tag("JA_jp"), Some(Locale::Ja));
        assert_eq!(Locale::from_tag("pt-BR"), None);
        assert_eq!(
            Language::choose(None, ["pt", "fr-CA", "de"]).locale,
            Locale::Fr
        );
        let chosen = Language::choose(Some("de-CH"), ["fr"]);
        assert_eq!((chosen.locale, chosen.tag.as_str()), (Locale::De, "de-CH"));
        let chosen = Language::choose(Some("xx"), ["pt-BR", "it-IT"]);
        assert_eq!((chosen.locale, chosen.tag.as_str()), (Locale::It, "it-IT"));
        assert_eq!(Language::choose(None, ["pt"]), Language::default());
    }

    #[test]
    fn fill_replaces_each_placeholder() {
        assert_eq!(
            fill("Remove {what}? {what}!", &[("what", "x")]),
            "Remove x? x!"
        );
        assert_eq!(fill("{a}{b}", &[("a", "{b}"), ("b", "2")]), "{b}2");
        assert_eq!(fill("{x} {", &[("a", "1")]), "{x} {");
    }
}
