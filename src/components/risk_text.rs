//! The confirmation dialog's words, from a [`Risk`]. Pure, so every sentence is tested
//! natively.

use crate::api::{Factor, FactorKind};
use crate::domain::{Audience, Consequence, Kept, Risk, Severity, Unknown};

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
}

/// "passkey", "security key", ... as in "Remove passkey".
pub fn kind_noun(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Passkey => "passkey",
        FactorKind::U2f => "security key",
        FactorKind::Totp => "authenticator app",
        FactorKind::OtpSms => "SMS codes",
        FactorKind::OtpEmail => "email codes",
        FactorKind::Unknown => "sign-in method",
    }
}

/// The factor as a phrase: `passkey “MacBook”`; `security key …1234` for an unnamed
/// key (its fallback name already says what it is); `authenticator app` for OTP kinds.
pub fn factor_phrase(kind: FactorKind, name: &str) -> String {
    match kind {
        FactorKind::Passkey | FactorKind::U2f | FactorKind::Unknown => {
            let noun = kind_noun(kind);
            let is_fallback = name.get(..noun.len()).is_some_and(|start| {
                start.eq_ignore_ascii_case(noun) && name[noun.len()..].starts_with(" …")
            });
            if is_fallback || name.eq_ignore_ascii_case(noun) {
                format!("{noun}{}", &name[noun.len()..])
            } else {
                format!("{noun} “{name}”")
            }
        }
        other => kind_noun(other).to_string(),
    }
}

/// The label of a row's Remove button: names the factor.
pub fn remove_label(factor: &Factor, name: &str) -> String {
    format!("Remove {}", factor_phrase(factor.kind, name))
}

fn plural(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Passkey => "passkeys",
        FactorKind::U2f => "security keys",
        FactorKind::Totp => "authenticator apps",
        FactorKind::OtpSms => "SMS codes",
        FactorKind::OtpEmail => "email codes",
        FactorKind::Unknown => "this kind of sign-in method",
    }
}

struct Voice {
    your: &'static str,
    you: &'static str,
    account: &'static str,
    org: &'static str,
}

fn voice(audience: Audience) -> Voice {
    match audience {
        Audience::SelfService => Voice {
            your: "your",
            you: "you",
            account: "your account",
            org: "Your organization",
        },
        Audience::Admin => Voice {
            your: "their",
            you: "this user",
            account: "this user's account",
            org: "The user's organization",
        },
    }
}

fn consequence_text(consequence: &Consequence, kind: FactorKind, v: &Voice) -> Option<String> {
    let Voice {
        your,
        you,
        account,
        org,
    } = v;
    Some(match consequence {
        Consequence::LockoutLastPasskey => format!(
            "This is the last passkey of {account}, which has no password and no linked identity \
             provider. After removing it, {you} will not be able to sign in at all."
        ),
        Consequence::LockoutNoSecondFactorAllowed => format!(
            "{org} requires a second factor but allows none to be set up. After removing this \
             one, {you} will not be able to sign in."
        ),
        Consequence::MustEnrolSecondFactor => format!(
            "{org} requires a second factor and this is the last one: at {your} next sign-in \
             with a password, {you} will have to set up a new one before continuing."
        ),
        Consequence::CannotAddBack => format!(
            "{org} no longer allows {}, so this one cannot be added back.",
            plural(kind)
        ),
        Consequence::Unknown(unknowns) => unknowns
            .iter()
            .map(|unknown| match unknown {
                Unknown::PasswordOrIdp => format!(
                    "We could not check whether {account} has a password or a linked identity \
                     provider. If it has neither, removing the last passkey locks {you} out."
                ),
                Unknown::LoginPolicy => format!(
                    "We could not load the organization's login settings, so we cannot tell \
                     whether a second factor is required. If it is, {you} will have to set up a \
                     new one at the next sign-in."
                ),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Consequence::OthersRemain => return None,
    })
}

/// "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn kept_text(kept: &[Kept], v: &Voice) -> Option<String> {
    let your = v.your;
    let mut items = Vec::new();
    for item in kept {
        match item {
            Kept::Password => items.push(format!("{your} password")),
            Kept::IdentityProvider => items.push(format!("{your} identity provider")),
            Kept::Passkeys(names) => {
                let quoted: Vec<String> = names.iter().take(2).map(|n| format!("“{n}”")).collect();
                let more = names.len().saturating_sub(2);
                let list = if more > 0 {
                    format!("{} and {more} more", quoted.join(", "))
                } else {
                    join_and(&quoted)
                };
                let noun = if names.len() == 1 {
                    "passkey"
                } else {
                    "passkeys"
                };
                items.push(format!("{your} {noun} {list}"));
            }
            Kept::SecondFactors(factors) => {
                for (kind, name) in factors {
                    items.push(format!("{your} {}", factor_phrase(*kind, name)));
                }
            }
        }
    }
    if items.is_empty() {
        return None;
    }
    let subject = if v.you == "you" { "You" } else { "This user" };
    Some(format!(
        "{subject} can still sign in with {}.",
        join_and(&items)
    ))
}

/// The dialog's words for removing `factor` (shown as `name`) with `risk`.
pub fn dialog_text(factor: &Factor, name: &str, risk: &Risk, audience: Audience) -> DialogText {
    let v = voice(audience);
    let consequences = risk
        .consequences
        .iter()
        .filter_map(|c| consequence_text(c, factor.kind, &v))
        .collect();
    // The user's own name for the factor is what they type; else a shown word.
    let typed_word = (risk.severity == Severity::Danger).then(|| {
        factor
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("remove")
            .to_string()
    });
    DialogText {
        title: format!("Remove {}?", factor_phrase(factor.kind, name)),
        consequences,
        kept: kept_text(&risk.kept, &v),
        confirm: format!("Remove {}", kind_noun(factor.kind)),
        typed_word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FactorState;

    fn factor(kind: FactorKind, name: Option<&str>) -> Factor {
        Factor {
            kind,
            id: Some("1".into()),
            name: name.map(Into::into),
            state: FactorState::Ready,
        }
    }

    fn risk(severity: Severity, consequences: Vec<Consequence>, kept: Vec<Kept>) -> Risk {
        Risk {
            severity,
            consequences,
            kept,
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
                Consequence::MustEnrolSecondFactor,
                "at your next sign-in with a password, you will have to set up a new one",
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
}
