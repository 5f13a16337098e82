//! The risk of removing one factor: which ways to sign in remain and whether each can
//! still finish, by the rules of ZITADEL's login. ZITADEL never refuses removing the
//! last factor: this is the guard.
//!
//! The rules, from ZITADEL's source (upstream `ee3654fe`):
//! - `internal/user/model/user_view.go` `MFATypesAllowed`: after a password or IdP
//!   sign-in, only the user's factors whose type the policy's `secondFactors` lists
//!   *now* count as the second step; MFA is required when `forceMfa`, except after an
//!   IdP sign-in with `forceMfaLocalOnly` (`domain.RequiresMFA`).
//! - `internal/auth/repository/eventsourcing/eventstore/auth_request.go` `mfaChecked`:
//!   a passkey sign-in needs no second step; required with no usable factor means
//!   setting one up first, and with no type to set up, sign-in fails (`LOGIN-5Hm8s`).

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

/// A first step of sign-in the user may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInPath {
    Passkey,
    Password,
    IdentityProvider,
}

/// Whether a path of sign-in can finish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathOutcome {
    /// It finishes (with a second step where one is required and usable).
    Finishes,
    /// A second factor is required and none usable: the user must set one up first.
    MustSetUp,
    /// A second factor is required and the policy allows none: sign-in fails.
    Closed,
    /// The login policy could not be loaded.
    Unknown,
}

/// What the removal leads to, most serious first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// The last passkey, and the account has no password or IdP sign-in at all.
    LockoutLastPasskey,
    /// The last passkey, and the password or IdP sign-in the account has cannot finish:
    /// MFA is required there and the organization allows no second factor.
    LockoutOtherPathsClosed,
    /// After the removal no way to sign in finishes (MFA forced, no type allowed).
    LockoutNoSecondFactorAllowed,
    /// These paths go from "finishes" to "must set up a second factor first".
    MustEnrolSecondFactor(Vec<SignInPath>),
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
    /// Second factors that count at sign-in, with their kinds and display names.
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
fn has_method(
    allowed: Option<bool>,
    methods: Option<&[AuthMethodType]>,
    method: AuthMethodType,
) -> Option<bool> {
    if allowed == Some(false) {
        return Some(false);
    }
    methods.map(|m| m.contains(&method))
}

/// The second factors that count at sign-in: ready, and of a type the policy allows
/// now (all of them when the policy is unknown).
fn usable_second_factors<'f>(
    factors: &[&'f Factor],
    policy: Option<&LoginPolicy>,
) -> Vec<&'f Factor> {
    factors
        .iter()
        .copied()
        .filter(|f| {
            policy_type(f.kind)
                .is_some_and(|t| policy.is_none_or(|p| p.second_factors.contains(&t)))
        })
        .collect()
}

/// The outcome of a password (`local`) or IdP sign-in with these factors.
fn second_step(policy: Option<&LoginPolicy>, factors: &[&Factor], local: bool) -> PathOutcome {
    let Some(policy) = policy else {
        return PathOutcome::Unknown;
    };
    let required = policy.force_mfa && (local || !policy.force_mfa_local_only);
    if !required || !usable_second_factors(factors, Some(policy)).is_empty() {
        PathOutcome::Finishes
    } else if policy
        .second_factors
        .iter()
        .any(|t| t.removable_name().is_some())
    {
        PathOutcome::MustSetUp
    } else {
        PathOutcome::Closed
    }
}

/// One path of sign-in: whether the user has it (`None`: cannot be told) and how it
/// would end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Path {
    path: SignInPath,
    present: Option<bool>,
    outcome: PathOutcome,
}

impl Path {
    fn surely_finishes(&self) -> bool {
        self.present == Some(true) && can_finish(self.outcome)
    }

    fn may_finish(&self) -> bool {
        can_finish(self.outcome) || self.outcome == PathOutcome::Unknown
    }
}

/// The paths a user with `factors` (ready ones) has or may have, each with its outcome.
fn paths(
    factors: &[&Factor],
    policy: Option<&LoginPolicy>,
    methods: Option<&[AuthMethodType]>,
) -> Vec<Path> {
    let mut out = Vec::new();
    let passkeys_allowed = policy.is_none_or(|p| p.passwordless_type == PasswordlessType::Allowed);
    if passkeys_allowed && factors.iter().any(|f| f.kind == FactorKind::Passkey) {
        out.push(Path {
            path: SignInPath::Passkey,
            present: Some(true),
            outcome: PathOutcome::Finishes,
        });
    }
    let password = has_method(
        policy.map(|p| p.allow_username_password),
        methods,
        AuthMethodType::Password,
    );
    let idp = has_method(
        policy.map(|p| p.allow_external_idp),
        methods,
        AuthMethodType::Idp,
    );
    for (path, present, local) in [
        (SignInPath::Password, password, true),
        (SignInPath::IdentityProvider, idp, false),
    ] {
        if present != Some(false) {
            out.push(Path {
                path,
                present,
                outcome: second_step(policy, factors, local),
            });
        }
    }
    out
}

fn can_finish(outcome: PathOutcome) -> bool {
    matches!(outcome, PathOutcome::Finishes | PathOutcome::MustSetUp)
}

/// Assesses removing `input.removing`.
pub fn assess(input: &RiskInput) -> Risk {
    let removing = input.removing;
    let ready: Vec<&Factor> = input
        .factors
        .iter()
        .filter(|f| f.state == FactorState::Ready)
        .collect();
    let remaining: Vec<&Factor> = ready.iter().copied().filter(|f| *f != removing).collect();
    // Every ready factor shows in `authMethodTypes`; none there while factors are
    // listed means the answer cannot be trusted (an empty 200 for a user the caller
    // may not read), not "no password".
    let methods = input.methods.filter(|m| !m.is_empty() || ready.is_empty());
    let before = paths(&ready, input.policy, methods);
    let after = paths(&remaining, input.policy, methods);

    let mut consequences = Vec::new();
    let mut unknowns = Vec::new();
    // A factor that is not ready signs nobody in: removing it changes no path.
    if removing.state == FactorState::Ready {
        if after.iter().any(Path::surely_finishes) {
            let must_set_up: Vec<SignInPath> = after
                .iter()
                .filter(|p| {
                    p.outcome == PathOutcome::MustSetUp
                        && before
                            .iter()
                            .any(|b| b.path == p.path && b.outcome == PathOutcome::Finishes)
                })
                .map(|p| p.path)
                .collect();
            if !must_set_up.is_empty() {
                consequences.push(Consequence::MustEnrolSecondFactor(must_set_up));
            }
        } else if after.iter().any(Path::may_finish) {
            if before != after && after.iter().any(|p| p.present.is_none()) {
                unknowns.push(Unknown::PasswordOrIdp);
            }
        } else if removing.kind == FactorKind::Passkey {
            let other_paths = after.iter().any(|p| p.path != SignInPath::Passkey);
            consequences.push(if other_paths {
                Consequence::LockoutOtherPathsClosed
            } else {
                Consequence::LockoutLastPasskey
            });
        } else {
            consequences.push(Consequence::LockoutNoSecondFactorAllowed);
        }
        // Without the policy nobody can tell whether the last second factor was needed.
        let second_step_gone = policy_type(removing.kind).is_some()
            && usable_second_factors(&remaining, None).is_empty();
        let password_or_idp = after.iter().any(|p| p.path != SignInPath::Passkey);
        if input.policy.is_none() && second_step_gone && password_or_idp {
            unknowns.push(Unknown::LoginPolicy);
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
        Some(
            Consequence::LockoutLastPasskey
            | Consequence::LockoutOtherPathsClosed
            | Consequence::LockoutNoSecondFactorAllowed,
        ) => Severity::Danger,
        Some(_) => Severity::Warning,
        None => Severity::Info,
    };
    if consequences.is_empty() {
        consequences.push(Consequence::OthersRemain);
    }
    Risk {
        severity,
        consequences,
        kept: kept(input, &remaining, &after),
    }
}

/// What still signs the user in: only paths the user has that can finish (or whose
/// end is unknown), and only second factors that count at sign-in.
fn kept(input: &RiskInput, remaining: &[&Factor], after: &[Path]) -> Vec<Kept> {
    let usable = |path: SignInPath| {
        after
            .iter()
            .any(|p| p.path == path && p.present == Some(true) && p.may_finish())
    };
    let mut kept = Vec::new();
    if usable(SignInPath::Password) {
        kept.push(Kept::Password);
    }
    if usable(SignInPath::IdentityProvider) {
        kept.push(Kept::IdentityProvider);
    }
    if usable(SignInPath::Passkey) {
        let names = remaining
            .iter()
            .filter(|f| f.kind == FactorKind::Passkey)
            .map(|f| (input.name_of)(f))
            .collect();
        kept.push(Kept::Passkeys(names));
    }
    let second: Vec<(FactorKind, String)> = usable_second_factors(remaining, input.policy)
        .into_iter()
        .map(|f| (f.kind, (input.name_of)(f)))
        .collect();
    let second_step_counts = after
        .iter()
        .any(|p| p.path != SignInPath::Passkey && p.may_finish());
    if !second.is_empty() && second_step_counts {
        kept.push(Kept::SecondFactors(second));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::MultiFactorType;
    use crate::domain::SignInPath;

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
                consequences: vec![Consequence::MustEnrolSecondFactor(vec![SignInPath::Password])],
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
                // A second factor alone signs nobody in.
                kept: vec![],
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
                what: "forced MFA, no type allowed, no passkey: no path finishes after it",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: Some(policy(true, true, &[])),
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Danger,
                consequences: vec![
                    Consequence::LockoutNoSecondFactorAllowed,
                    Consequence::CannotAddBack,
                ],
                // LOGIN-5Hm8s: the password path is closed, so it is not named.
                kept: vec![],
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
                // The TOTP never counted (type not allowed): the password path was
                // closed before and stays closed; the passkey path is untouched.
                severity: Severity::Warning,
                consequences: vec![Consequence::CannotAddBack],
                kept: vec![Kept::Passkeys(vec!["MacBook".into()])],
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
            // The rules of ZITADEL's login, case by case (see the module comment).
            Case {
                what: "the last allowed second factor goes while a disallowed one stays",
                factors: vec![
                    factor(K::Totp, "Authenticator app"),
                    factor(K::OtpSms, "SMS codes"),
                ],
                removing: 0,
                policy: Some(policy(true, true, &[SecondFactorType::Otp, SecondFactorType::U2f])),
                methods: Some(vec![M::Password, M::Totp, M::OtpSms]),
                severity: Severity::Warning,
                consequences: vec![Consequence::MustEnrolSecondFactor(vec![SignInPath::Password])],
                kept: vec![Kept::Password],
            },
            Case {
                what: "forced MFA with no type allowed closes the password path: last passkey locks out",
                factors: vec![
                    factor(K::Passkey, "ThinkPad"),
                    factor(K::Totp, "Authenticator app"),
                ],
                removing: 0,
                policy: Some(policy(true, true, &[])),
                methods: Some(vec![M::Password, M::Passkey, M::Totp]),
                severity: Severity::Danger,
                consequences: vec![Consequence::LockoutOtherPathsClosed],
                kept: vec![],
            },
            Case {
                what: "forceMfaLocalOnly: after an IdP sign-in no second step is needed",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: Some(LoginPolicy {
                    force_mfa_local_only: true,
                    ..policy(true, true, &[SecondFactorType::Otp])
                }),
                methods: Some(vec![M::Password, M::Idp, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![Consequence::MustEnrolSecondFactor(vec![SignInPath::Password])],
                kept: vec![Kept::Password, Kept::IdentityProvider],
            },
            Case {
                what: "forced MFA without local-only: both password and IdP must set one up",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: Some(policy(true, true, &[SecondFactorType::Otp])),
                methods: Some(vec![M::Password, M::Idp, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![Consequence::MustEnrolSecondFactor(vec![
                    SignInPath::Password,
                    SignInPath::IdentityProvider,
                ])],
                kept: vec![Kept::Password, Kept::IdentityProvider],
            },
            Case {
                what: "IdP only, forced MFA, local-only: removing the second factor changes nothing",
                factors: vec![factor(K::Totp, "Authenticator app")],
                removing: 0,
                policy: Some(LoginPolicy {
                    force_mfa_local_only: true,
                    ..policy(true, true, &[SecondFactorType::Otp])
                }),
                methods: Some(vec![M::Idp, M::Totp]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![Kept::IdentityProvider],
            },
            Case {
                what: "a passkey sign-in needs no second step: the last second factor with forced MFA and a passkey",
                factors: vec![
                    factor(K::Passkey, "MacBook"),
                    factor(K::U2f, "YubiKey"),
                ],
                removing: 1,
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey, M::U2f]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![Kept::Passkeys(vec!["MacBook".into()])],
            },
            Case {
                what: "MFA not forced: removing the last second factor leaves the password path finishing",
                factors: vec![factor(K::OtpEmail, "Email codes")],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::OtpEmail]),
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: vec![Kept::Password],
            },
            Case {
                what: "the passkey sign-in path needs passwordless allowed: last passkey with a closed password path but passkeys disallowed",
                factors: vec![factor(K::Passkey, "ThinkPad")],
                removing: 0,
                policy: Some(LoginPolicy {
                    passwordless_type: PasswordlessType::NotAllowed,
                    ..policy(true, true, &[])
                }),
                methods: Some(vec![M::Password, M::Passkey]),
                severity: Severity::Danger,
                consequences: vec![Consequence::LockoutOtherPathsClosed, Consequence::CannotAddBack],
                kept: vec![],
            },
            Case {
                what: "an empty authMethodTypes while factors are listed is unknown, not 'no password'",
                factors: vec![factor(K::Passkey, "iPhone 15")],
                removing: 0,
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![]),
                severity: Severity::Warning,
                consequences: vec![Consequence::Unknown(vec![Unknown::PasswordOrIdp])],
                kept: vec![],
            },
        ];
        for case in cases {
            check(case);
        }
    }
}
