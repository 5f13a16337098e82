//! The risk of removing one factor, from what the user would be left with and the
//! login policy. ZITADEL never refuses removing the last factor: this is the guard.

use crate::api::{
    AuthMethodType, Factor, FactorKind, FactorState, LoginPolicy, PasswordlessType,
    SecondFactorType,
};

/// How much friction the confirmation needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Other ways to sign in remain: one click.
    Info,
    /// Something changes at the next sign-in, or we cannot tell: confirm, consequence in bold.
    Warning,
    /// The user would be locked out: type to confirm.
    Danger,
}

/// Whom the sentences speak to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The signed-in user, about their own account.
    SelfService,
    /// An administrator, about another user.
    Admin,
}

/// What the removal leads to, most serious first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// The last passkey of an account without a password (or with password sign-in
    /// disabled) and without a linked identity provider.
    LockoutLastPasskey,
    /// MFA is forced, no second factor would remain, no passkey to sign in with, and
    /// the organization allows no second-factor type to enrol: sign-in fails.
    LockoutNoSecondFactorAllowed,
    /// MFA is forced and no second factor would remain: a new one must be set up at
    /// the next sign-in with a password.
    MustEnrolSecondFactor,
    /// The organization no longer allows this kind, so it cannot be added back.
    CannotAddBack,
    /// Information that could change the verdict is missing.
    Unknown(Vec<Unknown>),
    /// Other ways to sign in remain.
    OthersRemain,
}

/// What could not be found out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// Whether a password is set or an identity provider linked (v2 methods not loaded).
    PasswordOrIdp,
    /// The login policy (forced MFA, allowed types) could not be loaded.
    LoginPolicy,
}

/// A way to sign in that stays after the removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    Password,
    IdentityProvider,
    /// Passkeys by name (the display name of each).
    Passkeys(Vec<String>),
    /// Second factors, with their kinds and display names.
    SecondFactors(Vec<(FactorKind, String)>),
}

/// Everything the assessment looks at.
#[derive(Clone, Copy)]
pub struct RiskInput<'a> {
    /// All factors of the user, the one to remove included.
    pub factors: &'a [Factor],
    /// The factor to remove.
    pub removing: &'a Factor,
    /// The login policy, when it could be loaded.
    pub policy: Option<&'a LoginPolicy>,
    /// v2 authentication method types, when they could be loaded.
    pub methods: Option<&'a [AuthMethodType]>,
    /// Display names, as the list shows them.
    pub name_of: &'a dyn Fn(&Factor) -> String,
}

/// The verdict: severity, consequences (most serious first) and what remains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Risk {
    pub severity: Severity,
    pub consequences: Vec<Consequence>,
    pub kept: Vec<Kept>,
}

fn is_second_factor(kind: FactorKind) -> bool {
    matches!(
        kind,
        FactorKind::U2f | FactorKind::Totp | FactorKind::OtpSms | FactorKind::OtpEmail
    )
}

fn policy_type(kind: FactorKind) -> Option<SecondFactorType> {
    match kind {
        FactorKind::U2f => Some(SecondFactorType::U2f),
        FactorKind::Totp => Some(SecondFactorType::Otp),
        FactorKind::OtpSms => Some(SecondFactorType::OtpSms),
        FactorKind::OtpEmail => Some(SecondFactorType::OtpEmail),
        FactorKind::Passkey | FactorKind::Unknown => None,
    }
}

/// `Some(true/false)` when known, `None` when it cannot be told.
fn password_usable(
    policy: Option<&LoginPolicy>,
    methods: Option<&[AuthMethodType]>,
) -> Option<bool> {
    if policy.is_some_and(|p| !p.allow_username_password) {
        return Some(false);
    }
    methods.map(|m| m.contains(&AuthMethodType::Password))
}

fn idp_usable(policy: Option<&LoginPolicy>, methods: Option<&[AuthMethodType]>) -> Option<bool> {
    if policy.is_some_and(|p| !p.allow_external_idp) {
        return Some(false);
    }
    methods.map(|m| m.contains(&AuthMethodType::Idp))
}

/// Assesses removing `input.removing`.
pub fn assess(input: &RiskInput) -> Risk {
    let removing = input.removing;
    let remaining: Vec<&Factor> = input
        .factors
        .iter()
        .filter(|f| *f != removing && f.state == FactorState::Ready)
        .collect();
    let passkeys_allowed = input
        .policy
        .is_none_or(|p| p.passwordless_type == PasswordlessType::Allowed);
    let passkeys: Vec<String> = remaining
        .iter()
        .filter(|f| f.kind == FactorKind::Passkey && passkeys_allowed)
        .map(|f| (input.name_of)(f))
        .collect();
    let second: Vec<(FactorKind, String)> = remaining
        .iter()
        .filter(|f| is_second_factor(f.kind))
        .map(|f| (f.kind, (input.name_of)(f)))
        .collect();
    let password = password_usable(input.policy, input.methods);
    let idp = idp_usable(input.policy, input.methods);

    let mut consequences = Vec::new();
    let mut unknowns = Vec::new();
    let removing_ready = removing.state == FactorState::Ready;

    // A passkey is a first factor: its removal matters when nothing else signs in.
    if removing.kind == FactorKind::Passkey && removing_ready && passkeys.is_empty() {
        match (password, idp) {
            (Some(false), Some(false)) => consequences.push(Consequence::LockoutLastPasskey),
            (Some(true), _) | (_, Some(true)) => {}
            _ => unknowns.push(Unknown::PasswordOrIdp),
        }
    }

    if is_second_factor(removing.kind) && removing_ready && second.is_empty() {
        match input.policy {
            Some(policy) if policy.force_mfa => {
                let enrollable = policy
                    .second_factors
                    .iter()
                    .any(|t| t.wire_name().is_some());
                if !enrollable && passkeys.is_empty() {
                    consequences.push(Consequence::LockoutNoSecondFactorAllowed);
                } else {
                    consequences.push(Consequence::MustEnrolSecondFactor);
                }
            }
            Some(_) => {}
            None => unknowns.push(Unknown::LoginPolicy),
        }
    }

    let cannot_add_back = match (input.policy, removing.kind) {
        (Some(policy), FactorKind::Passkey) => {
            policy.passwordless_type != PasswordlessType::Allowed
        }
        (Some(policy), kind) => {
            policy_type(kind).is_some_and(|t| !policy.second_factors.contains(&t))
        }
        (None, _) => false,
    };
    if cannot_add_back {
        consequences.push(Consequence::CannotAddBack);
    }
    if !unknowns.is_empty() {
        consequences.push(Consequence::Unknown(unknowns));
    }

    let severity = match consequences.first() {
        Some(Consequence::LockoutLastPasskey | Consequence::LockoutNoSecondFactorAllowed) => {
            Severity::Danger
        }
        Some(_) => Severity::Warning,
        None => Severity::Info,
    };
    if consequences.is_empty() {
        consequences.push(Consequence::OthersRemain);
    }

    let mut kept = Vec::new();
    if password == Some(true) {
        kept.push(Kept::Password);
    }
    if idp == Some(true) {
        kept.push(Kept::IdentityProvider);
    }
    if !passkeys.is_empty() {
        kept.push(Kept::Passkeys(passkeys));
    }
    if !second.is_empty() {
        kept.push(Kept::SecondFactors(second));
    }
    Risk {
        severity,
        consequences,
        kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::MultiFactorType;

    fn factor(kind: FactorKind, name: &str) -> Factor {
        Factor {
            kind,
            id: Some(format!("id-{name}")),
            name: Some(name.into()),
            state: FactorState::Ready,
        }
    }

    fn policy(force_mfa: bool, password: bool, types: &[SecondFactorType]) -> LoginPolicy {
        LoginPolicy {
            allow_username_password: password,
            allow_external_idp: true,
            force_mfa,
            passwordless_type: PasswordlessType::Allowed,
            second_factors: types.to_vec(),
            multi_factors: vec![MultiFactorType::U2fWithVerification],
            ..LoginPolicy::default()
        }
    }

    const ALL_TYPES: [SecondFactorType; 4] = [
        SecondFactorType::Otp,
        SecondFactorType::U2f,
        SecondFactorType::OtpEmail,
        SecondFactorType::OtpSms,
    ];

    fn name(f: &Factor) -> String {
        f.name.clone().unwrap_or_default()
    }

    struct Case {
        what: &'static str,
        factors: Vec<Factor>,
        removing: usize,
        policy: Option<LoginPolicy>,
        methods: Option<Vec<AuthMethodType>>,
        severity: Severity,
        consequences: Vec<Consequence>,
        kept: Vec<Kept>,
    }

    fn check(case: Case) {
        let input = RiskInput {
            factors: &case.factors,
            removing: &case.factors[case.removing],
            policy: case.policy.as_ref(),
            methods: case.methods.as_deref(),
            name_of: &name,
        };
        let risk = assess(&input);
        assert_eq!(risk.severity, case.severity, "{}", case.what);
        assert_eq!(risk.consequences, case.consequences, "{}", case.what);
        assert_eq!(risk.kept, case.kept, "{}", case.what);
    }

    use AuthMethodType as M;
    use FactorKind as K;

    /// The risk table of the product, row by row, plus the unknowns.
    #[test]
    fn risk_table() {
        let cases = vec![
            Case {
                what: "another factor of the same strength remains",
                factors: vec![
                    factor(K::U2f, "YubiKey"),
                    factor(K::Totp, "Authenticator app"),
                ],
                removing: 0,
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::U2f, M::Totp]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![
                    Kept::Password,
                    Kept::SecondFactors(vec![(K::Totp, "Authenticator app".into())]),
                ],
            },
            Case {
                what: "another passkey remains for a passwordless-only user",
                factors: vec![factor(K::Passkey, "MacBook"), factor(K::Passkey, "iPhone")],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![Kept::Passkeys(vec!["iPhone".into()])],
            },
            Case {
                what: "forced MFA, last second factor: must enrol a new one",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![Consequence::MustEnrolSecondFactor],
                kept: vec![Kept::Password],
            },
            Case {
                what: "the organization no longer allows the type",
                factors: vec![
                    factor(K::OtpSms, "SMS codes"),
                    factor(K::Totp, "Authenticator app"),
                ],
                removing: 0,
                policy: Some(policy(false, true, &[SecondFactorType::Otp])),
                methods: Some(vec![M::Password, M::OtpSms, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![Consequence::CannotAddBack],
                kept: vec![
                    Kept::Password,
                    Kept::SecondFactors(vec![(K::Totp, "Authenticator app".into())]),
                ],
            },
            Case {
                what: "passwordless-only user removing the last passkey: lockout",
                factors: vec![factor(K::Passkey, "iPhone 15")],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey]),
                severity: Severity::Danger,
                consequences: vec![Consequence::LockoutLastPasskey],
                kept: vec![],
            },
            Case {
                what: "password sign-in disabled by the policy counts as no password",
                factors: vec![
                    factor(K::Passkey, "iPhone 15"),
                    factor(K::Totp, "Authenticator app"),
                ],
                removing: 0,
                policy: Some(policy(false, false, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::Passkey, M::Totp]),
                severity: Severity::Danger,
                consequences: vec![Consequence::LockoutLastPasskey],
                kept: vec![Kept::SecondFactors(vec![(
                    K::Totp,
                    "Authenticator app".into(),
                )])],
            },
            Case {
                what: "a linked IdP still signs in",
                factors: vec![factor(K::Passkey, "Work laptop")],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey, M::Idp]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![Kept::IdentityProvider],
            },
            Case {
                what: "password state unknown, last passkey",
                factors: vec![factor(K::Passkey, "iPhone 15")],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: None,
                severity: Severity::Warning,
                consequences: vec![Consequence::Unknown(vec![Unknown::PasswordOrIdp])],
                kept: vec![],
            },
            Case {
                what: "policy unknown, last second factor",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: None,
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![Consequence::Unknown(vec![Unknown::LoginPolicy])],
                kept: vec![Kept::Password],
            },
            Case {
                what: "nothing known, but another second factor remains: no unknown matters",
                factors: vec![
                    factor(K::Totp, "Authenticator app"),
                    factor(K::OtpEmail, "Email codes"),
                ],
                removing: 0,
                policy: None,
                methods: None,
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![Kept::SecondFactors(vec![(
                    K::OtpEmail,
                    "Email codes".into(),
                )])],
            },
            Case {
                what: "forced MFA, no type allowed, no passkey: sign-in would fail",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: Some(policy(true, true, &[])),
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Danger,
                consequences: vec![
                    Consequence::LockoutNoSecondFactorAllowed,
                    Consequence::CannotAddBack,
                ],
                kept: vec![Kept::Password],
            },
            Case {
                what: "forced MFA, no type allowed, but a passkey still signs in",
                factors: vec![
                    factor(K::Totp, "Authenticator app"),
                    factor(K::Passkey, "MacBook"),
                ],
                removing: 0,
                policy: Some(policy(true, true, &[])),
                methods: Some(vec![M::Password, M::Totp, M::Passkey]),
                severity: Severity::Warning,
                consequences: vec![
                    Consequence::MustEnrolSecondFactor,
                    Consequence::CannotAddBack,
                ],
                kept: vec![Kept::Password, Kept::Passkeys(vec!["MacBook".into()])],
            },
            Case {
                what: "a not-ready factor is no way to sign in",
                factors: vec![
                    factor(K::Passkey, "iPhone 15"),
                    Factor {
                        state: FactorState::NotReady,
                        ..factor(K::Passkey, "Unfinished")
                    },
                ],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey]),
                severity: Severity::Danger,
                consequences: vec![Consequence::LockoutLastPasskey],
                kept: vec![],
            },
            Case {
                what: "removing a not-ready passkey never locks out",
                factors: vec![Factor {
                    state: FactorState::NotReady,
                    ..factor(K::Passkey, "Unfinished")
                }],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![],
            },
            Case {
                what:
                    "passkeys not allowed by the policy: cannot add back, and others do not count",
                factors: vec![factor(K::Passkey, "A"), factor(K::Passkey, "B")],
                removing: 0,
                policy: Some(LoginPolicy {
                    passwordless_type: PasswordlessType::NotAllowed,
                    ..policy(false, true, &ALL_TYPES)
                }),
                methods: Some(vec![M::Password, M::Passkey]),
                severity: Severity::Warning,
                consequences: vec![Consequence::CannotAddBack],
                kept: vec![Kept::Password],
            },
            Case {
                what: "an unknown kind is removed without assumptions",
                factors: vec![
                    Factor {
                        kind: K::Unknown,
                        ..factor(K::Unknown, "Quantum")
                    },
                    factor(K::Totp, "Authenticator app"),
                ],
                removing: 0,
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![
                    Kept::Password,
                    Kept::SecondFactors(vec![(K::Totp, "Authenticator app".into())]),
                ],
            },
        ];
        for case in cases {
            check(case);
        }
    }
}
