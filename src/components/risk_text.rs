//! The confirmation dialog's words, from a [`Risk`]. Pure, so every sentence is tested
//! natively.

use super::name_text::in_sentence;
use crate::api::{Factor, FactorKind};
use crate::domain::{
    Audience, Consequence, Kept, LoginDifference, LoginUi, Risk, Severity, SignInPath, Unknown,
};
use crate::i18n::{fill, for_audience, kind_index, ByAudience, Messages};

/// Everything the dialog says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogText {
    pub title: String,
    /// The consequences, most serious first (shown in bold for warning and danger).
    pub consequences: Vec<String>,
    /// What still signs the user in, when anything does.
    pub kept: Option<String>,
    /// The confirm button: names the action.
    pub confirm: String,
    /// For danger: the text to type before the confirm button works.
    pub typed_word: Option<String>,
    /// How much friction the confirmation needs.
    pub severity: Severity,
    /// What the removal would leave is still being loaded: the dialog says so and the
    /// confirm button waits (an unknown is only worded as one once the answer is in).
    pub checking: bool,
}

/// "passkey", "security key", ... as in "Remove passkey".
pub fn kind_noun(t: &Messages, kind: FactorKind) -> &'static str {
    t.kind_noun[kind_index(kind)]
}

/// The factor as a phrase: `passkey “MacBook”`; `security key …1234` for an unnamed
/// key (its fallback name already says what it is); `authenticator app` for OTP kinds.
pub fn factor_phrase(t: &Messages, kind: FactorKind, name: &str) -> String {
    let noun = kind_noun(t, kind);
    match kind {
        FactorKind::Passkey | FactorKind::U2f | FactorKind::IdpLink | FactorKind::Unknown => {
            let singular = t.kind_singular[kind_index(kind)];
            match name.strip_prefix(singular) {
                Some(rest) if rest.is_empty() || rest.starts_with(" …") => {
                    format!("{noun}{rest}")
                }
                _ => fill(t.named, &[("noun", noun), ("name", &quoted(t, name))]),
            }
        }
        _ => noun.to_string(),
    }
}

/// A name in the language's quotation marks.
fn quoted(t: &Messages, name: &str) -> String {
    fill(t.quote, &[("name", &in_sentence(name))])
}

/// The label of a row's Remove button: names the factor.
pub fn remove_label(t: &Messages, factor: &Factor, name: &str) -> String {
    fill(
        t.remove_what,
        &[("what", &factor_phrase(t, factor.kind, name))],
    )
}

/// The sentence for the password path, the IdP path, or both, as `paths` names them.
fn by_paths(
    paths: &[SignInPath],
    password: ByAudience,
    idp: ByAudience,
    both: ByAudience,
) -> ByAudience {
    match (
        paths.contains(&SignInPath::Password),
        paths.contains(&SignInPath::IdentityProvider),
    ) {
        (true, true) => both,
        (false, true) => idp,
        _ => password,
    }
}

fn consequence_text(
    t: &Messages,
    consequence: &Consequence,
    factor: &Factor,
    a: Audience,
) -> Option<String> {
    let kind = factor.kind;
    // An IdP link's IdP, by name.
    let idp = || {
        let name = factor.name.as_deref().filter(|n| !n.trim().is_empty());
        in_sentence(name.unwrap_or(t.kind_singular[kind_index(kind)]))
    };
    Some(match consequence {
        Consequence::LockoutLastPasskey => for_audience(t.lockout_last_passkey, a).to_string(),
        Consequence::LockoutOtherPathsClosed => {
            for_audience(t.lockout_other_paths_closed, a).to_string()
        }
        Consequence::LockoutOtherPathsUnavailable(paths) => for_audience(
            by_paths(
                paths,
                t.lockout_password_unavailable,
                t.lockout_idp_unavailable,
                t.lockout_other_paths_unavailable,
            ),
            a,
        )
        .to_string(),
        Consequence::LockoutNoSecondFactorAllowed => {
            for_audience(t.lockout_no_second_factor, a).to_string()
        }
        Consequence::MustEnrolSecondFactor(paths) => for_audience(
            by_paths(paths, t.must_enrol, t.must_enrol_idp, t.must_enrol_any),
            a,
        )
        .to_string(),
        Consequence::LockoutLastIdpLink => {
            fill(for_audience(t.lockout_last_idp_link, a), &[("idp", &idp())])
        }
        Consequence::LinkNotOffered => {
            fill(for_audience(t.link_not_offered, a), &[("idp", &idp())])
        }
        Consequence::CannotAddBack => fill(
            for_audience(t.cannot_add_back, a),
            &[("plural", t.kind_plural[kind_index(kind)])],
        ),
        Consequence::Unknown(unknowns) => unknowns
            .iter()
            .map(|unknown| match unknown {
                Unknown::PasswordOrIdp => for_audience(t.unknown_password_or_idp, a),
                Unknown::LoginPolicy => for_audience(t.unknown_login_policy, a),
                Unknown::SetUpOffer => for_audience(t.unknown_set_up_offer, a),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Consequence::OthersRemain => return None,
    })
}

/// "a, b and c", in the language's words.
fn join_and(t: &Messages, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{}{last}", init.join(t.list_comma), t.list_and),
    }
}

fn kept_text(t: &Messages, kept: &[Kept], a: Audience) -> Option<String> {
    let mut items = Vec::new();
    for item in kept {
        match item {
            Kept::Password => items.push(for_audience(t.kept_password, a).to_string()),
            Kept::IdentityProviders(names) if names.is_empty() => {
                items.push(for_audience(t.kept_idp, a).to_string())
            }
            Kept::IdentityProviders(names) => {
                items.extend(names.iter().map(|n| in_sentence(n)));
            }
            Kept::Passkeys(names) => {
                let quoted: Vec<String> = names.iter().take(2).map(|n| quoted(t, n)).collect();
                let more = names.len().saturating_sub(2);
                let list = if more > 0 {
                    let rest = fill(t.list_more, &[("count", &more.to_string())]);
                    format!("{}{}{rest}", quoted.join(t.list_comma), t.list_and)
                } else {
                    join_and(t, &quoted)
                };
                let template = if names.len() == 1 {
                    for_audience(t.kept_passkey, a)
                } else {
                    for_audience(t.kept_passkeys, a)
                };
                items.push(fill(template, &[("names", &list)]));
            }
            Kept::SecondFactors(factors) => {
                for (kind, name) in factors {
                    let factor = factor_phrase(t, *kind, name);
                    items.push(fill(for_audience(t.kept_factor, a), &[("factor", &factor)]));
                }
            }
        }
    }
    if items.is_empty() {
        return None;
    }
    // Beyond a few, the rest are counted: the dialog stays short with many factors.
    if items.len() > KEPT_NAMED {
        let more = fill(
            t.list_more,
            &[("count", &(items.len() - KEPT_NAMED + 1).to_string())],
        );
        items.truncate(KEPT_NAMED - 1);
        items.push(more);
    }
    Some(fill(
        for_audience(t.still_sign_in, a),
        &[("list", &join_and(t, &items))],
    ))
}

/// How many ways to sign in the dialog names before it counts the rest.
const KEPT_NAMED: usize = 4;

/// The login's name in a sentence.
fn login_name(t: &Messages, login: LoginUi) -> &'static str {
    match login {
        LoginUi::V1 => t.login_v1,
        LoginUi::V2 => t.login_v2,
    }
}

/// Said after the consequences when ZITADEL's two logins judge the removal differently
/// and the page did not say which one its organization uses.
fn login_difference_text(t: &Messages, difference: LoginDifference) -> String {
    match difference {
        LoginDifference::Stricter(login) => fill(
            t.login_stricter,
            &[
                ("login", login_name(t, login)),
                ("other", login_name(t, login.other())),
            ],
        ),
        LoginDifference::Mixed => t.login_mixed.to_string(),
    }
}

/// The dialog's words for removing `factor` (shown as `name`) with `risk`.
pub fn dialog_text(
    t: &Messages,
    factor: &Factor,
    name: &str,
    risk: &Risk,
    audience: Audience,
) -> DialogText {
    let mut consequences: Vec<String> = risk
        .consequences
        .iter()
        .filter_map(|c| consequence_text(t, c, factor, audience))
        .collect();
    consequences.extend(risk.login_difference.map(|d| login_difference_text(t, d)));
    // The user's own name for the factor is what they type; else a shown word.
    let typed_word = (risk.severity == Severity::Danger).then(|| {
        factor
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(t.typed_fallback)
            .to_string()
    });
    let (title, confirm) = title_and_action(t, factor, name);
    DialogText {
        title,
        consequences,
        kept: kept_text(t, &risk.kept, audience),
        confirm,
        typed_word,
        severity: risk.severity,
        checking: false,
    }
}

/// The dialog's words for removing `factor` (shown as `name`) while what it would leave
/// is still being loaded: the title, the action, and a line saying it is being checked.
pub fn checking_text(t: &Messages, factor: &Factor, name: &str) -> DialogText {
    let (title, confirm) = title_and_action(t, factor, name);
    DialogText {
        title,
        consequences: vec![t.dialog_checking.to_string()],
        kept: None,
        confirm,
        typed_word: None,
        severity: Severity::Info,
        checking: true,
    }
}

/// "Remove passkey “MacBook”?" and "Remove passkey".
fn title_and_action(t: &Messages, factor: &Factor, name: &str) -> (String, String) {
    let what = factor_phrase(t, factor.kind, name);
    (
        fill(t.remove_question, &[("what", &what)]),
        fill(t.remove_what, &[("what", kind_noun(t, factor.kind))]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FactorState;

    const EN: &Messages = crate::i18n::ENGLISH;

    fn dialog_text(factor: &Factor, name: &str, risk: &Risk, audience: Audience) -> DialogText {
        super::dialog_text(EN, factor, name, risk, audience)
    }

    fn factor_phrase(kind: FactorKind, name: &str) -> String {
        super::factor_phrase(EN, kind, name)
    }

    fn remove_label(factor: &Factor, name: &str) -> String {
        super::remove_label(EN, factor, name)
    }

    fn factor(kind: FactorKind, name: Option<&str>) -> Factor {
        Factor {
            kind,
            id: Some("1".into()),
            name: name.map(Into::into),
            state: FactorState::Ready,
            link: None,
        }
    }

    fn risk(severity: Severity, consequences: Vec<Consequence>, kept: Vec<Kept>) -> Risk {
        Risk {
            severity,
            consequences,
            kept,
            login_difference: None,
        }
    }

    #[test]
    fn info_says_what_the_user_keeps() {
        let passkey = factor(FactorKind::Passkey, Some("iPhone"));
        let kept = vec![Kept::Password, Kept::Passkeys(vec!["MacBook".into()])];
        let text = dialog_text(
            &passkey,
            "iPhone",
            &risk(Severity::Info, vec![Consequence::OthersRemain], kept),
            Audience::SelfService,
        );
        assert_eq!(text.title, "Remove passkey “iPhone”?");
        assert!(text.consequences.is_empty());
        assert_eq!(
            text.kept.as_deref(),
            Some("You can still sign in with your password and your passkey “MacBook”.")
        );
        assert_eq!(text.confirm, "Remove passkey");
        assert_eq!(text.typed_word, None);
    }

    #[test]
    fn many_kept_factors_are_counted_beyond_a_few() {
        let keys: Vec<(FactorKind, String)> = (1..=40)
            .map(|n| (FactorKind::U2f, format!("Key {n}")))
            .collect();
        let kept = vec![Kept::Password, Kept::SecondFactors(keys)];
        let text = dialog_text(
            &factor(FactorKind::Totp, None),
            "Authenticator app",
            &risk(Severity::Info, vec![Consequence::OthersRemain], kept),
            Audience::SelfService,
        );
        let kept = text.kept.unwrap();
        assert!(kept.contains("your password"), "{kept}");
        assert!(kept.contains("“Key 2”"), "{kept}");
        assert!(!kept.contains("“Key 3”"), "{kept}");
        assert!(kept.contains("and 38 more"), "{kept}");
    }

    #[test]
    fn names_in_sentences_are_cut_and_isolated() {
        let long = "\u{202E}".to_string() + &"x".repeat(5_000);
        let text = dialog_text(
            &factor(FactorKind::Passkey, Some(&long)),
            &long,
            &risk(Severity::Info, vec![Consequence::OthersRemain], vec![]),
            Audience::SelfService,
        );
        assert!(text.title.chars().count() < 120, "{}", text.title);
        assert!(text.title.contains("\u{2068}\u{202E}x"), "{}", text.title);
        assert!(text.title.contains("…\u{2069}"), "{}", text.title);
    }

    #[test]
    fn kept_lists_read_naturally() {
        let kept = vec![
            Kept::Password,
            Kept::Passkeys(vec!["A".into(), "B".into(), "C".into()]),
            Kept::SecondFactors(vec![
                (FactorKind::U2f, "YubiKey".into()),
                (FactorKind::Totp, "Authenticator app".into()),
            ]),
        ];
        let text = dialog_text(
            &factor(FactorKind::OtpSms, None),
            "SMS codes",
            &risk(Severity::Info, vec![Consequence::OthersRemain], kept),
            Audience::SelfService,
        );
        assert_eq!(
            text.kept.as_deref(),
            Some(
                "You can still sign in with your password, your passkeys “A”, “B” and 1 more, \
                 your security key “YubiKey” and your authenticator app."
            )
        );
        assert_eq!(text.title, "Remove SMS codes?");
        assert_eq!(text.confirm, "Remove SMS codes");
    }

    #[test]
    fn danger_asks_to_type_the_name_or_a_shown_word() {
        let lockout = risk(
            Severity::Danger,
            vec![Consequence::LockoutLastPasskey],
            vec![],
        );
        let named = dialog_text(
            &factor(FactorKind::Passkey, Some(" iPhone 15 ")),
            "iPhone 15",
            &lockout,
            Audience::SelfService,
        );
        assert_eq!(named.typed_word.as_deref(), Some("iPhone 15"));
        assert_eq!(
            named.consequences,
            [
                "This is the last passkey of your account, which has no password and no linked \
              identity provider. After removing it, you will not be able to sign in at all."
            ]
        );
        assert_eq!(named.kept, None);
        let unnamed = dialog_text(
            &factor(FactorKind::Passkey, None),
            "Passkey …0001",
            &lockout,
            Audience::SelfService,
        );
        assert_eq!(unnamed.typed_word.as_deref(), Some("remove"));
    }

    #[test]
    fn admins_are_told_about_the_user() {
        let lockout = risk(
            Severity::Danger,
            vec![Consequence::LockoutLastPasskey],
            vec![],
        );
        let text = dialog_text(
            &factor(FactorKind::Passkey, Some("iPhone")),
            "iPhone",
            &lockout,
            Audience::Admin,
        );
        assert!(
            text.consequences[0].contains("this user will not be able to sign in"),
            "{:?}",
            text.consequences
        );
        let kept = dialog_text(
            &factor(FactorKind::Totp, None),
            "Authenticator app",
            &risk(
                Severity::Info,
                vec![Consequence::OthersRemain],
                vec![Kept::Password],
            ),
            Audience::Admin,
        );
        assert_eq!(
            kept.kept.as_deref(),
            Some("This user can still sign in with their password.")
        );
    }

    #[test]
    fn every_consequence_has_its_sentence() {
        let totp = factor(FactorKind::Totp, None);
        let cases = [
            (
                Consequence::MustEnrolSecondFactor(vec![SignInPath::Password]),
                "at your next sign-in with a password, you will have to set up a new one",
            ),
            (
                Consequence::MustEnrolSecondFactor(vec![SignInPath::IdentityProvider]),
                "at your next sign-in with your identity provider, you will have to set up",
            ),
            (
                Consequence::MustEnrolSecondFactor(vec![
                    SignInPath::Password,
                    SignInPath::IdentityProvider,
                ]),
                "with a password or your identity provider",
            ),
            (
                Consequence::LockoutOtherPathsClosed,
                "allows none to be set up, so those cannot finish",
            ),
            (
                Consequence::LockoutNoSecondFactorAllowed,
                "allows none to be set up",
            ),
            (
                Consequence::CannotAddBack,
                "no longer allows authenticator apps, so this one cannot be added back",
            ),
            (
                Consequence::Unknown(vec![Unknown::LoginPolicy]),
                "could not load the organization's login settings",
            ),
            (
                Consequence::Unknown(vec![Unknown::PasswordOrIdp]),
                "has a password or a linked identity provider",
            ),
            (
                Consequence::LockoutOtherPathsUnavailable(vec![
                    SignInPath::Password,
                    SignInPath::IdentityProvider,
                ]),
                "login settings do not let you sign in with your password or identity provider",
            ),
            (
                Consequence::LockoutOtherPathsUnavailable(vec![SignInPath::Password]),
                "login settings do not let you sign in with your password, so",
            ),
            (
                Consequence::LockoutOtherPathsUnavailable(vec![SignInPath::IdentityProvider]),
                "login settings do not offer your identity provider",
            ),
            (
                Consequence::Unknown(vec![Unknown::SetUpOffer]),
                "phone and email are verified",
            ),
        ];
        for (consequence, expected) in cases {
            let text = dialog_text(
                &totp,
                "Authenticator app",
                &risk(Severity::Warning, vec![consequence], vec![]),
                Audience::SelfService,
            );
            assert!(
                text.consequences[0].contains(expected),
                "{:?}",
                text.consequences
            );
        }
    }

    #[test]
    fn unnamed_keys_are_not_quoted_twice() {
        assert_eq!(
            factor_phrase(FactorKind::U2f, "Security key …1234"),
            "security key …1234"
        );
        assert_eq!(factor_phrase(FactorKind::Passkey, "Passkey"), "passkey");
        assert_eq!(
            factor_phrase(FactorKind::Passkey, "Passkey of Ada"),
            "passkey “Passkey of Ada”"
        );
        assert_eq!(factor_phrase(FactorKind::U2f, "ü"), "security key “ü”");
    }

    #[test]
    fn remove_labels_name_the_factor() {
        assert_eq!(
            remove_label(&factor(FactorKind::U2f, Some("YubiKey 5C")), "YubiKey 5C"),
            "Remove security key “YubiKey 5C”"
        );
        assert_eq!(
            remove_label(&factor(FactorKind::OtpEmail, None), "Email codes"),
            "Remove email codes"
        );
    }

    #[test]
    fn identity_providers_are_named_and_login_differences_said() {
        let passkey = factor(FactorKind::Passkey, Some("MacBook"));
        let kept = vec![
            Kept::Password,
            Kept::IdentityProviders(vec!["Google".into(), "Okta".into()]),
        ];
        let text = dialog_text(
            &passkey,
            "MacBook",
            &risk(Severity::Info, vec![Consequence::OthersRemain], kept),
            Audience::SelfService,
        );
        assert_eq!(
            text.kept.as_deref(),
            Some("You can still sign in with your password, Google and Okta.")
        );
        let unnamed = vec![Kept::IdentityProviders(vec![])];
        let text = dialog_text(
            &passkey,
            "MacBook",
            &risk(Severity::Info, vec![Consequence::OthersRemain], unnamed),
            Audience::Admin,
        );
        assert_eq!(
            text.kept.as_deref(),
            Some("This user can still sign in with their identity provider.")
        );

        let stricter = Risk {
            login_difference: Some(LoginDifference::Stricter(LoginUi::V1)),
            ..risk(
                Severity::Danger,
                vec![Consequence::LockoutOtherPathsUnavailable(vec![
                    SignInPath::Password,
                ])],
                vec![],
            )
        };
        let text = dialog_text(&passkey, "MacBook", &stricter, Audience::SelfService);
        assert_eq!(text.consequences.len(), 2, "{:?}", text.consequences);
        assert_eq!(
            text.consequences[1],
            "This is what happens if the organization signs in with ZITADEL's hosted login; with ZITADEL's Login V2 it may not."
        );
        let mixed = Risk {
            login_difference: Some(LoginDifference::Mixed),
            ..stricter
        };
        let text = dialog_text(&passkey, "MacBook", &mixed, Audience::SelfService);
        assert!(text.consequences[1].contains("the stricter one"));
    }
}
