//! The risk of removing one factor: which ways to sign in remain and whether each can
//! still finish, by the rules of ZITADEL's logins. ZITADEL never refuses removing the
//! last factor: this is the guard.
//!
//! ZITADEL has two logins, with different rules (upstream `ee3654fe`):
//!
//! Hosted login v1 (`internal/auth/repository/eventsourcing/eventstore/auth_request.go`
//! `nextSteps`, `mfaChecked`, `checkForAllowedIDPs`; `internal/user/model/user_view.go`
//! `MFATypesAllowed`; `internal/domain/user.go` `RequiresMFA`):
//! - Without `allowUsernamePassword` the login page has no login-name field
//!   (`internal/api/ui/login/login_handler.go`), so neither a password nor a passkey
//!   can start.
//! - A passkey needs `passwordlessType` allowed and needs no second step.
//! - An IdP sign-in needs `allowExternalIdp` and the user's IdP listed in the policy.
//! - A second step is required after a password sign-in when `forceMfa ||
//!   forceMfaLocalOnly`, after an IdP sign-in when `forceMfa && !forceMfaLocalOnly`;
//!   only factors whose type `secondFactors` lists *now* count. Required with none
//!   usable means setting one up first; with no type to set up, sign-in fails
//!   (`LOGIN-5Hm8s`).
//!
//! Login V2 (`apps/login/src`):
//! - `lib/server/loginname.ts`: the policy's flags are checked only for a user with
//!   exactly one authentication method type (a password alone needs
//!   `allowUsernamePassword`, a passkey alone `passkeysType` not `NOT_ALLOWED`); with
//!   several, the passkey is offered (and the password beside it) without a check; IdPs
//!   are followed through the user's links.
//! - `lib/verify-helper.ts`: `checkMFAFactors` counts every TOTP, SMS, email and U2F
//!   factor the user has, whatever `secondFactors` lists; a passkey sign-in needs no
//!   more. `shouldEnforceMFA`: `forceMfa` requires a second step after every other
//!   sign-in, IdP included; `forceMfaLocalOnly` alone after a password sign-in.
//! - Required with none: the set-up page offers the `secondFactors`, SMS and email only
//!   with a verified phone or email (`components/choose-second-factor-to-setup.tsx`);
//!   an empty offer is a dead end.
//!
//! When the page does not say which login its organization uses, a way in counts only
//! if it finishes in both, and the verdict says when the two disagree.

use crate::api::{
    AuthMethodType, Contact, Factor, FactorKind, FactorState, IdpLink, LoginPolicy,
    PasswordlessType, PolicyIdp, SecondFactorType,
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

/// Which of ZITADEL's logins signs the user in (the page's `loginUi` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginUi {
    /// The hosted login (`internal/api/ui/login`).
    V1,
    /// Login V2 (`apps/login`), the default of new ZITADEL v4 instances.
    V2,
}

impl LoginUi {
    pub fn other(self) -> LoginUi {
        match self {
            LoginUi::V1 => LoginUi::V2,
            LoginUi::V2 => LoginUi::V1,
        }
    }
}

/// A first step of sign-in the user may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInPath {
    Passkey,
    Password,
    IdentityProvider,
}

/// Whether a path of sign-in can finish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathOutcome {
    /// It finishes (with a second step where one is required and usable).
    Finishes,
    /// A second factor is required and none usable: the user must set one up first.
    MustSetUp,
    /// The login policy (or what the set-up would offer) could not be loaded.
    Unknown,
    /// A second factor is required and none can be set up: sign-in fails.
    Closed,
}

/// What the removal leads to, most serious first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// The last passkey, and the account has no password or IdP sign-in at all.
    LockoutLastPasskey,
    /// The last passkey, and the password or IdP sign-in the account has cannot finish:
    /// MFA is required there and no second factor can be set up.
    LockoutOtherPathsClosed,
    /// The last passkey, and the login does not offer these ways in the account has
    /// (password sign-in turned off, the IdP not in the login settings).
    LockoutOtherPathsUnavailable(Vec<SignInPath>),
    /// After the removal no way to sign in finishes (MFA required, none can be set up).
    LockoutNoSecondFactorAllowed,
    /// The IdP link is the last way in.
    LockoutLastIdpLink,
    /// These paths go from "finishes" to "must set up a second factor first".
    MustEnrolSecondFactor(Vec<SignInPath>),
    /// The organization no longer allows this kind, so it cannot be added back.
    CannotAddBack,
    /// The hosted login (v1) signs nobody in through this link: its IdP is not in the
    /// login settings. Said, but no friction by itself.
    LinkNotOffered,
    /// Information that could change the verdict is missing.
    Unknown(Vec<Unknown>),
    /// Other ways to sign in remain.
    OthersRemain,
}

/// What could not be found out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// Whether a password is set or an identity provider linked (and offered).
    PasswordOrIdp,
    /// The login policy (forced MFA, allowed types) could not be loaded.
    LoginPolicy,
    /// Whether phone and email are verified could not be loaded: Login V2 offers SMS and
    /// email codes for set-up only then.
    SetUpOffer,
}

/// A way to sign in that stays after the removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    Password,
    /// The identity providers by name (empty when their names are not known).
    IdentityProviders(Vec<String>),
    /// Passkeys by name (the display name of each).
    Passkeys(Vec<String>),
    /// Second factors that count at sign-in, with their kinds and display names.
    SecondFactors(Vec<(FactorKind, String)>),
}

/// How ZITADEL's two logins compare when the page did not say which one it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginDifference {
    /// The verdict is this login's; the other one judges the removal more mildly.
    Stricter(LoginUi),
    /// Each is stricter somewhere: the verdict takes the stricter of each path.
    Mixed,
}

/// Everything the assessment looks at.
#[derive(Clone, Copy)]
pub struct RiskInput<'a> {
    /// All factors of the user, the one to remove included, and the IdP links (kind
    /// `IdpLink`, with their `link`).
    pub factors: &'a [Factor],
    /// The factor to remove.
    pub removing: &'a Factor,
    /// The login policy of the user's organization, when it could be loaded.
    pub policy: Option<&'a LoginPolicy>,
    /// v2 authentication method types, when they could be loaded.
    pub methods: Option<&'a [AuthMethodType]>,
    /// Whether phone and email are verified, when known.
    pub contact: Option<Contact>,
    /// The login the organization uses; `None`: a way in must finish in both.
    pub login: Option<LoginUi>,
    /// Display names, as the list shows them.
    pub name_of: &'a dyn Fn(&Factor) -> String,
}

/// The verdict: severity, consequences (most serious first) and what remains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Risk {
    pub severity: Severity,
    pub consequences: Vec<Consequence>,
    pub kept: Vec<Kept>,
    /// Set when no login was named and the two judge the removal differently.
    pub login_difference: Option<LoginDifference>,
}

fn policy_type(kind: FactorKind) -> Option<SecondFactorType> {
    match kind {
        FactorKind::U2f => Some(SecondFactorType::U2f),
        FactorKind::Totp => Some(SecondFactorType::Otp),
        FactorKind::OtpSms => Some(SecondFactorType::OtpSms),
        FactorKind::OtpEmail => Some(SecondFactorType::OtpEmail),
        FactorKind::Passkey | FactorKind::IdpLink | FactorKind::Unknown => None,
    }
}

/// The second factors that count after a password or IdP sign-in: in v1 those of a
/// type the policy allows now (all of them when the policy is unknown), in v2 all.
fn usable_second_factors<'f>(
    factors: &[&'f Factor],
    policy: Option<&LoginPolicy>,
    login: LoginUi,
) -> Vec<&'f Factor> {
    factors
        .iter()
        .copied()
        .filter(|f| {
            policy_type(f.kind).is_some_and(|t| {
                login == LoginUi::V2 || policy.is_none_or(|p| p.second_factors.contains(&t))
            })
        })
        .collect()
}

/// What the user has besides factors, and their ready factors.
struct Account<'a> {
    factors: Vec<&'a Factor>,
    password: Option<bool>,
    /// Linked to any identity provider.
    idp: Option<bool>,
    links: Option<Vec<&'a IdpLink>>,
    contact: Option<Contact>,
}

impl Account<'_> {
    fn has(&self, kind: FactorKind) -> bool {
        self.factors.iter().any(|f| f.kind == kind)
    }

    /// Login V2's count of authentication method types (`ListAuthenticationMethodTypes`):
    /// whether the user has exactly one, when that can be told.
    fn single_method(&self) -> Option<bool> {
        // Distinct kinds, counted without sorting (a sort costs kilobytes of wasm).
        // IdP links count once, as `idp` below.
        let kinds = crate::api::DISPLAY_ORDER
            .iter()
            .filter(|kind| **kind != FactorKind::IdpLink && self.has(**kind))
            .count();
        let known =
            kinds + usize::from(self.password == Some(true)) + usize::from(self.idp == Some(true));
        let unsure = self.password.is_none() || self.idp.is_none();
        match (known, unsure) {
            (n, _) if n >= 2 => Some(false),
            (n, false) => Some(n == 1),
            _ => None,
        }
    }
}

/// The policy's entry for a link's IdP (which names it, v2 sending no name).
fn policy_idp<'p>(policy: &'p LoginPolicy, link: &IdpLink) -> Option<&'p PolicyIdp> {
    policy.idps.iter().find(|idp| idp.id == link.idp_id)
}

/// Whether hosted login v1 signs in through this link: external IdPs allowed and its
/// IdP listed (`checkForAllowedIDPs`).
fn v1_offers(policy: &LoginPolicy, link: &IdpLink) -> bool {
    policy.allow_external_idp && policy_idp(policy, link).is_some()
}

/// Whether the user can start an IdP sign-in with this login.
fn idp_present(account: &Account, policy: Option<&LoginPolicy>, login: LoginUi) -> Option<bool> {
    if account.idp == Some(false) {
        return Some(false);
    }
    let Some(policy) = policy.filter(|_| login == LoginUi::V1) else {
        return account.idp;
    };
    if !policy.allow_external_idp || policy.idps.is_empty() {
        return Some(false);
    }
    account
        .links
        .as_ref()
        .map(|links| links.iter().any(|l| v1_offers(policy, l)))
}

/// The outcome of a password (`local`) or IdP sign-in with these factors.
fn second_step(
    account: &Account,
    policy: Option<&LoginPolicy>,
    login: LoginUi,
    local: bool,
) -> PathOutcome {
    let Some(policy) = policy else {
        return PathOutcome::Unknown;
    };
    let (force, local_only) = (policy.force_mfa, policy.force_mfa_local_only);
    let required = match (login, local) {
        (_, true) => force || local_only,
        (LoginUi::V1, false) => force && !local_only,
        (LoginUi::V2, false) => force,
    };
    if !required || !usable_second_factors(&account.factors, Some(policy), login).is_empty() {
        return PathOutcome::Finishes;
    }
    // What the set-up would offer.
    let offered = |t: &SecondFactorType| -> Option<bool> {
        match (login, t) {
            (_, SecondFactorType::Otp | SecondFactorType::U2f) => Some(true),
            (LoginUi::V1, SecondFactorType::OtpSms | SecondFactorType::OtpEmail) => Some(true),
            (LoginUi::V2, SecondFactorType::OtpSms) => account.contact.map(|c| c.phone_verified),
            (LoginUi::V2, SecondFactorType::OtpEmail) => account.contact.map(|c| c.email_verified),
            _ => Some(false),
        }
    };
    let offers: Vec<Option<bool>> = policy.second_factors.iter().map(offered).collect();
    if offers.contains(&Some(true)) {
        PathOutcome::MustSetUp
    } else if offers.contains(&None) {
        PathOutcome::Unknown
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

/// The paths a user has or may have with one login, each with its outcome.
fn paths_with(account: &Account, policy: Option<&LoginPolicy>, login: LoginUi) -> Vec<Path> {
    // `allowUsernamePassword`: v1's login-name field, and a password sign-in.
    let (username_password, passkeys_allowed) = match policy {
        None => (true, true),
        Some(p) => (
            p.allow_username_password,
            p.passwordless_type == PasswordlessType::Allowed,
        ),
    };
    let single = account.single_method();
    // Login V2 checks the flags only for a user with a single method.
    let unless_single = |allowed: bool| {
        if allowed {
            Some(true)
        } else {
            single.map(|s| !s)
        }
    };
    let passkey = match login {
        LoginUi::V1 => Some(username_password && passkeys_allowed),
        LoginUi::V2 => unless_single(
            policy.is_none_or(|p| p.passwordless_type != PasswordlessType::NotAllowed),
        ),
    };
    let password = match (account.password, login) {
        (Some(true), LoginUi::V1) => Some(username_password),
        (Some(true), LoginUi::V2) => unless_single(username_password),
        (Some(false), _) => Some(false),
        // Unknown, but v1 could not use one anyway.
        (None, LoginUi::V1) if !username_password => Some(false),
        (None, _) => None,
    };
    let mut out = Vec::new();
    if account.has(FactorKind::Passkey) && passkey != Some(false) {
        out.push(Path {
            path: SignInPath::Passkey,
            present: passkey,
            outcome: PathOutcome::Finishes,
        });
    }
    for (path, present, local) in [
        (SignInPath::Password, password, true),
        (
            SignInPath::IdentityProvider,
            idp_present(account, policy, login),
            false,
        ),
    ] {
        if present != Some(false) {
            out.push(Path {
                path,
                present,
                outcome: second_step(account, policy, login, local),
            });
        }
    }
    out
}

/// The paths that finish with both logins: present in both, the worse outcome of two.
fn merge(v1: &[Path], v2: &[Path]) -> Vec<Path> {
    let both = |a: Option<bool>, b: Option<bool>| match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    v1.iter()
        .filter_map(|a| {
            let b = v2.iter().find(|b| b.path == a.path)?;
            let present = both(a.present, b.present);
            (present != Some(false)).then_some(Path {
                path: a.path,
                present,
                outcome: a.outcome.max(b.outcome),
            })
        })
        .collect()
}

/// The paths with the named login, or those that finish with both.
fn paths(account: &Account, policy: Option<&LoginPolicy>, login: Option<LoginUi>) -> Vec<Path> {
    match login {
        Some(login) => paths_with(account, policy, login),
        None => merge(
            &paths_with(account, policy, LoginUi::V1),
            &paths_with(account, policy, LoginUi::V2),
        ),
    }
}

fn can_finish(outcome: PathOutcome) -> bool {
    matches!(outcome, PathOutcome::Finishes | PathOutcome::MustSetUp)
}

/// The account before and after the removal.
struct Accounts<'a> {
    before: Account<'a>,
    after: Account<'a>,
}

fn accounts<'a>(input: &RiskInput<'a>) -> Accounts<'a> {
    let ready: Vec<&Factor> = input
        .factors
        .iter()
        .filter(|f| f.state == FactorState::Ready)
        .collect();
    let remaining: Vec<&Factor> = ready
        .iter()
        .copied()
        .filter(|f| *f != input.removing)
        .collect();
    // Every ready factor shows in `authMethodTypes`; none there while factors are
    // listed means the answer cannot be trusted (an empty 200 for a user the caller
    // may not read), not "no password".
    let methods = input.methods.filter(|m| !m.is_empty() || ready.is_empty());
    let password = methods.map(|m| m.contains(&AuthMethodType::Password));
    let idp_method = methods.map(|m| m.contains(&AuthMethodType::Idp));
    // No links listed while the methods say there is one: the list cannot be trusted
    // (Management v1 lists only the organization acted in), so the links are unknown.
    let listed_links = ready.iter().any(|f| f.link.is_some());
    let links_known = listed_links || idp_method != Some(true);
    let account = |factors: Vec<&'a Factor>| {
        let links: Option<Vec<&IdpLink>> =
            links_known.then(|| factors.iter().filter_map(|f| f.link.as_ref()).collect());
        Account {
            factors,
            password,
            idp: match &links {
                Some(links) => Some(!links.is_empty()),
                None => idp_method,
            },
            links,
            contact: input.contact,
        }
    };
    Accounts {
        before: account(ready),
        after: account(remaining),
    }
}

/// Severity and consequences of the removal with one login (or both, merged).
fn judge(
    input: &RiskInput,
    accounts: &Accounts,
    login: Option<LoginUi>,
) -> (Severity, Vec<Consequence>) {
    let removing = input.removing;
    let before = paths(&accounts.before, input.policy, login);
    let after = paths(&accounts.after, input.policy, login);

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
            } else if before != after && input.policy.is_some() {
                // The policy is known: what is unknown is what the set-up would offer.
                unknowns.push(Unknown::SetUpOffer);
            }
        } else if !before.iter().any(Path::may_finish) {
            // No way in finished with this login before either: it changes nothing.
        } else if removing.kind == FactorKind::Passkey {
            let account = &accounts.after;
            let closed = after.iter().any(|p| p.path != SignInPath::Passkey);
            consequences.push(if closed {
                Consequence::LockoutOtherPathsClosed
            } else if account.password == Some(true) || account.idp == Some(true) {
                let has = [
                    (account.password, SignInPath::Password),
                    (account.idp, SignInPath::IdentityProvider),
                ];
                Consequence::LockoutOtherPathsUnavailable(
                    has.iter()
                        .filter(|(present, _)| *present == Some(true))
                        .map(|(_, path)| *path)
                        .collect(),
                )
            } else {
                Consequence::LockoutLastPasskey
            });
        } else if removing.kind == FactorKind::IdpLink {
            consequences.push(Consequence::LockoutLastIdpLink);
        } else {
            consequences.push(Consequence::LockoutNoSecondFactorAllowed);
        }
        // checkForAllowedIDPs: the hosted login does not sign in through this IdP.
        let not_offered = match (&removing.link, input.policy) {
            (Some(link), Some(policy)) => !v1_offers(policy, link),
            _ => false,
        };
        if not_offered && login != Some(LoginUi::V2) {
            consequences.push(Consequence::LinkNotOffered);
        }
        // Without the policy nobody can tell whether the last second factor was needed.
        let second_step_gone = policy_type(removing.kind).is_some()
            && usable_second_factors(&accounts.after.factors, None, LoginUi::V1).is_empty();
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

    // The note that a link signs nobody in with v1 raises no friction by itself.
    let severity = match consequences
        .iter()
        .find(|c| **c != Consequence::LinkNotOffered)
    {
        Some(
            Consequence::LockoutLastPasskey
            | Consequence::LockoutOtherPathsClosed
            | Consequence::LockoutOtherPathsUnavailable(_)
            | Consequence::LockoutNoSecondFactorAllowed
            | Consequence::LockoutLastIdpLink,
        ) => Severity::Danger,
        Some(_) => Severity::Warning,
        None => Severity::Info,
    };
    if consequences.is_empty() {
        consequences.push(Consequence::OthersRemain);
    }
    (severity, consequences)
}

/// Assesses removing `input.removing`.
pub fn assess(input: &RiskInput) -> Risk {
    let accounts = accounts(input);
    let after = paths(&accounts.after, input.policy, input.login);
    let kept = kept(input, &accounts.after, &after);
    if input.login.is_some() {
        let (severity, consequences) = judge(input, &accounts, input.login);
        return Risk {
            severity,
            consequences,
            kept,
            login_difference: None,
        };
    }
    // Neither login named: the stricter verdict of the two, and it says so when they
    // differ. Each login is judged on its own (a path one login closes and the other
    // opens is no way in, yet the user may already be unable to sign in with one).
    let v1 = judge(input, &accounts, Some(LoginUi::V1));
    let v2 = judge(input, &accounts, Some(LoginUi::V2));
    let ((severity, consequences), login_difference) = if v1 == v2 {
        (v1, None)
    } else if v1.0 > v2.0 {
        (v1, Some(LoginDifference::Stricter(LoginUi::V1)))
    } else if v2.0 > v1.0 {
        (v2, Some(LoginDifference::Stricter(LoginUi::V2)))
    } else {
        // As strict as each other: the stricter of each path, when that is no stricter.
        let both = judge(input, &accounts, None);
        match both {
            _ if both == v1 => (v1, Some(LoginDifference::Stricter(LoginUi::V1))),
            _ if both == v2 => (v2, Some(LoginDifference::Stricter(LoginUi::V2))),
            _ if both.0 == v1.0 => (both, Some(LoginDifference::Mixed)),
            _ => (v1, Some(LoginDifference::Mixed)),
        }
    };
    Risk {
        severity,
        consequences,
        kept,
        login_difference,
    }
}

/// The names of the identity providers that still sign the user in.
fn idp_names(input: &RiskInput, account: &Account) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for link in account.links.iter().flatten() {
        let counts =
            input.login == Some(LoginUi::V2) || input.policy.is_none_or(|p| v1_offers(p, link));
        // v2 sends no IdP name: the policy's list has it.
        let name = link
            .idp_name
            .as_deref()
            .or_else(|| policy_idp(input.policy?, link).map(|idp| idp.name.as_str()));
        if let Some(name) =
            name.filter(|n| counts && !n.is_empty() && !names.iter().any(|k| k == n))
        {
            names.push(name.to_string());
        }
    }
    names
}

/// What still signs the user in: only paths the user has that can finish (or whose
/// end is unknown), and only second factors that count at sign-in.
fn kept(input: &RiskInput, account: &Account, after: &[Path]) -> Vec<Kept> {
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
        kept.push(Kept::IdentityProviders(idp_names(input, account)));
    }
    if usable(SignInPath::Passkey) {
        let names = account
            .factors
            .iter()
            .filter(|f| f.kind == FactorKind::Passkey)
            .map(|f| (input.name_of)(f))
            .collect();
        kept.push(Kept::Passkeys(names));
    }
    // The second factors both logins count (v1's, unless Login V2 was named).
    let login = input.login.unwrap_or(LoginUi::V1);
    let second: Vec<(FactorKind, String)> =
        usable_second_factors(&account.factors, input.policy, login)
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
    use crate::api::{MultiFactorType, PolicyIdp};

    fn factor(kind: FactorKind, name: &str) -> Factor {
        Factor {
            kind,
            id: Some(format!("id-{name}")),
            name: Some(name.into()),
            state: FactorState::Ready,
            link: None,
        }
    }

    const GOOGLE: &str = "251438001923849217";

    /// A policy that offers the Google IdP, as the emulator's default does.
    fn policy(force_mfa: bool, password: bool, types: &[SecondFactorType]) -> LoginPolicy {
        LoginPolicy {
            allow_username_password: password,
            allow_external_idp: true,
            force_mfa,
            passwordless_type: PasswordlessType::Allowed,
            second_factors: types.to_vec(),
            multi_factors: vec![MultiFactorType::U2fWithVerification],
            idps: vec![PolicyIdp {
                id: GOOGLE.into(),
                name: "Google".into(),
            }],
            ..LoginPolicy::default()
        }
    }

    fn local_only(policy: LoginPolicy) -> LoginPolicy {
        LoginPolicy {
            force_mfa_local_only: true,
            ..policy
        }
    }

    fn google_link() -> Vec<IdpLink> {
        vec![IdpLink {
            idp_id: GOOGLE.into(),
            idp_name: Some("Google".into()),
            linked_user_id: "g-1".into(),
            linked_user_name: Some("ida@gmail.com".into()),
        }]
    }

    /// A link to Okta, an IdP no policy of the tests lists.
    fn okta_link() -> IdpLink {
        IdpLink {
            idp_id: "251438001923849301".into(),
            idp_name: Some("Okta".into()),
            linked_user_id: "okta-1".into(),
            linked_user_name: Some("uma@okta.example.com".into()),
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

    #[derive(Clone)]
    struct Case {
        what: &'static str,
        factors: Vec<Factor>,
        removing: usize,
        policy: Option<LoginPolicy>,
        methods: Option<Vec<AuthMethodType>>,
        links: Option<Vec<IdpLink>>,
        contact: Option<Contact>,
        login: Option<LoginUi>,
        severity: Severity,
        consequences: Vec<Consequence>,
        kept: Vec<Kept>,
        difference: Option<LoginDifference>,
    }

    impl Default for Case {
        fn default() -> Self {
            Case {
                what: "",
                factors: Vec::new(),
                removing: 0,
                policy: None,
                methods: None,
                links: Some(Vec::new()),
                contact: Some(Contact::default()),
                login: None,
                severity: Severity::Info,
                consequences: vec![Consequence::OthersRemain],
                kept: Vec::new(),
                difference: None,
            }
        }
    }

    fn check(case: Case) {
        // The case's links are rows of the list too (after its factors, so `removing`
        // still points where it did).
        let mut factors = case.factors.clone();
        for link in case.links.iter().flatten() {
            if !factors.iter().any(|f| f.link.as_ref() == Some(link)) {
                factors.push(crate::api::link_factor(link.clone()));
            }
        }
        let input = RiskInput {
            factors: &factors,
            removing: &factors[case.removing],
            policy: case.policy.as_ref(),
            methods: case.methods.as_deref(),
            contact: case.contact,
            login: case.login,
            name_of: &name,
        };
        let risk = assess(&input);
        let what = format!("{} (login {:?})", case.what, case.login);
        assert_eq!(risk.severity, case.severity, "{what}");
        assert_eq!(risk.consequences, case.consequences, "{what}");
        assert_eq!(risk.kept, case.kept, "{what}");
        assert_eq!(risk.login_difference, case.difference, "{what}");
    }

    use AuthMethodType as M;
    use Consequence as C;
    use FactorKind as K;
    use LoginUi::{V1, V2};
    use SecondFactorType as T;

    fn totp() -> Kept {
        Kept::SecondFactors(vec![(K::Totp, "Authenticator app".into())])
    }

    fn idp() -> Kept {
        Kept::IdentityProviders(vec!["Google".into()])
    }

    /// The rules both logins share: each row holds with v1, with v2 and with neither named.
    #[test]
    fn rules_of_both_logins() {
        let cases = vec![
            Case {
                what: "another factor of the same strength remains",
                factors: vec![
                    factor(K::U2f, "YubiKey"),
                    factor(K::Totp, "Authenticator app"),
                ],
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::U2f, M::Totp]),
                kept: vec![Kept::Password, totp()],
                ..Case::default()
            },
            Case {
                what: "another passkey remains for a passwordless-only user",
                factors: vec![factor(K::Passkey, "MacBook"), factor(K::Passkey, "iPhone")],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey]),
                kept: vec![Kept::Passkeys(vec!["iPhone".into()])],
                ..Case::default()
            },
            Case {
                what: "forceMfa (RequiresMFA, local): the last second factor must be replaced at the next password sign-in",
                factors: vec![factor(K::Totp, "Authenticator app")],
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])],
                kept: vec![Kept::Password],
                ..Case::default()
            },
            Case {
                what: "forceMfaLocalOnly alone requires MFA after a password sign-in (RequiresMFA; shouldEnforceMFA)",
                factors: vec![factor(K::Totp, "Authenticator app")],
                policy: Some(local_only(policy(false, true, &ALL_TYPES))),
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])],
                kept: vec![Kept::Password],
                ..Case::default()
            },
            Case {
                what: "forceMfaLocalOnly alone with no type allowed: the last passkey of a password user locks out (LOGIN-5Hm8s; an empty set-up offer)",
                factors: vec![factor(K::Passkey, "ThinkPad")],
                policy: Some(local_only(policy(false, true, &[]))),
                methods: Some(vec![M::Password, M::Passkey]),
                severity: Severity::Danger,
                consequences: vec![C::LockoutOtherPathsClosed],
                ..Case::default()
            },
            Case {
                what: "the organization no longer allows the type",
                factors: vec![
                    factor(K::OtpSms, "SMS codes"),
                    factor(K::Totp, "Authenticator app"),
                ],
                policy: Some(policy(false, true, &[T::Otp])),
                methods: Some(vec![M::Password, M::OtpSms, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![C::CannotAddBack],
                kept: vec![Kept::Password, totp()],
                ..Case::default()
            },
            Case {
                what: "passwordless-only user removing the last passkey: lockout",
                factors: vec![factor(K::Passkey, "iPhone 15")],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey]),
                severity: Severity::Danger,
                consequences: vec![C::LockoutLastPasskey],
                ..Case::default()
            },
            Case {
                what: "the last IdP link of a user with no password and no passkey: lockout",
                factors: vec![crate::api::link_factor(google_link().remove(0))],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Idp]),
                links: Some(google_link()),
                severity: Severity::Danger,
                consequences: vec![C::LockoutLastIdpLink],
                ..Case::default()
            },
            Case {
                what: "removing one IdP link while a passkey remains",
                factors: vec![
                    factor(K::Passkey, "Work laptop"),
                    crate::api::link_factor(google_link().remove(0)),
                ],
                removing: 1,
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey, M::Idp]),
                links: Some(google_link()),
                kept: vec![Kept::Passkeys(vec!["Work laptop".into()])],
                ..Case::default()
            },
            Case {
                what: "an IdP the policy lists still signs in, named",
                factors: vec![factor(K::Passkey, "Work laptop")],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey, M::Idp]),
                links: Some(google_link()),
                kept: vec![idp()],
                ..Case::default()
            },
            Case {
                what: "password state unknown, last passkey",
                factors: vec![factor(K::Passkey, "iPhone 15")],
                policy: Some(policy(false, true, &ALL_TYPES)),
                severity: Severity::Warning,
                consequences: vec![C::Unknown(vec![Unknown::PasswordOrIdp])],
                ..Case::default()
            },
            Case {
                what: "an empty authMethodTypes while factors are listed is unknown, not 'no password'",
                factors: vec![factor(K::Passkey, "iPhone 15")],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![]),
                severity: Severity::Warning,
                consequences: vec![C::Unknown(vec![Unknown::PasswordOrIdp])],
                ..Case::default()
            },
            Case {
                what: "policy unknown, last second factor",
                factors: vec![factor(K::Totp, "Authenticator app")],
                methods: Some(vec![M::Password, M::Totp]),
                severity: Severity::Warning,
                consequences: vec![C::Unknown(vec![Unknown::LoginPolicy])],
                kept: vec![Kept::Password],
                ..Case::default()
            },
            Case {
                what: "nothing known, but another second factor remains: no unknown matters",
                factors: vec![
                    factor(K::Totp, "Authenticator app"),
                    factor(K::OtpEmail, "Email codes"),
                ],
                kept: vec![Kept::SecondFactors(vec![(K::OtpEmail, "Email codes".into())])],
                ..Case::default()
            },
            Case {
                what: "forced MFA, no type allowed, but a passkey still signs in",
                factors: vec![
                    factor(K::Totp, "Authenticator app"),
                    factor(K::Passkey, "MacBook"),
                ],
                policy: Some(policy(true, true, &[])),
                methods: Some(vec![M::Password, M::Totp, M::Passkey]),
                severity: Severity::Warning,
                consequences: vec![C::CannotAddBack],
                kept: vec![Kept::Passkeys(vec!["MacBook".into()])],
                ..Case::default()
            },
            Case {
                what: "a not-ready factor is no way to sign in",
                factors: vec![
                    factor(K::Passkey, "iPhone 15"),
                    Factor {
                        state: FactorState::NotReady,
                        link: None,
                        ..factor(K::Passkey, "Unfinished")
                    },
                ],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey]),
                severity: Severity::Danger,
                consequences: vec![C::LockoutLastPasskey],
                ..Case::default()
            },
            Case {
                what: "removing a not-ready passkey never locks out",
                factors: vec![Factor {
                    state: FactorState::NotReady,
                    link: None,
                    ..factor(K::Passkey, "Unfinished")
                }],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![]),
                ..Case::default()
            },
            Case {
                what: "an unknown kind is removed without assumptions",
                factors: vec![
                    factor(K::Unknown, "Quantum"),
                    factor(K::Totp, "Authenticator app"),
                ],
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::Totp]),
                kept: vec![Kept::Password, totp()],
                ..Case::default()
            },
            Case {
                what: "forced MFA without local-only: password and IdP must set one up",
                factors: vec![factor(K::Totp, "Authenticator app")],
                policy: Some(policy(true, true, &[T::Otp])),
                methods: Some(vec![M::Password, M::Idp, M::Totp]),
                links: Some(google_link()),
                severity: Severity::Warning,
                consequences: vec![C::MustEnrolSecondFactor(vec![
                    SignInPath::Password,
                    SignInPath::IdentityProvider,
                ])],
                kept: vec![Kept::Password, idp()],
                ..Case::default()
            },
            Case {
                what: "a passkey sign-in needs no second step (mfaChecked; checkMFAFactors)",
                factors: vec![factor(K::Passkey, "MacBook"), factor(K::U2f, "YubiKey")],
                removing: 1,
                policy: Some(policy(true, true, &ALL_TYPES)),
                methods: Some(vec![M::Passkey, M::U2f]),
                kept: vec![Kept::Passkeys(vec!["MacBook".into()])],
                ..Case::default()
            },
            Case {
                what: "MFA not forced: the last second factor leaves the password path finishing",
                factors: vec![factor(K::OtpEmail, "Email codes")],
                policy: Some(policy(false, true, &ALL_TYPES)),
                methods: Some(vec![M::Password, M::OtpEmail]),
                kept: vec![Kept::Password],
                ..Case::default()
            },
        ];
        for case in cases {
            for login in [Some(V1), Some(V2), None] {
                check(Case {
                    login,
                    ..case.clone()
                });
            }
        }
    }

    /// With which login, what is expected: severity, consequences, kept, difference.
    type Verdict = (
        Option<LoginUi>,
        Severity,
        Vec<Consequence>,
        Vec<Kept>,
        Option<LoginDifference>,
    );

    /// The rules where ZITADEL's two logins differ, one row per login: v1, v2, and
    /// neither named (a way in counts only if it finishes in both).
    #[test]
    fn rules_where_the_logins_differ() {
        let rows: Vec<(Case, [Verdict; 3])> = vec![
            (
                // v1: no login-name field without allowUsernamePassword (login_handler.go);
                // v2: two methods, so loginname.ts checks no flag.
                Case {
                    what: "allowUsernamePassword false: neither the password nor the passkey can start in v1",
                    factors: vec![
                        factor(K::Passkey, "iPhone 15"),
                        factor(K::Totp, "Authenticator app"),
                    ],
                    policy: Some(policy(false, false, &ALL_TYPES)),
                    methods: Some(vec![M::Password, M::Passkey, M::Totp]),
                    ..Case::default()
                },
                [
                    // With v1 this user could not sign in before either.
                    (Some(V1), Severity::Info, vec![C::OthersRemain], vec![], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::Password, totp()], None),
                    (None, Severity::Info, vec![C::OthersRemain], vec![], None),
                ],
            ),
            (
                // loginname.ts: left with the password alone, a v2 user needs
                // allowUsernamePassword ("Username Password not allowed!"); v1 had no
                // login-name field before either.
                Case {
                    what: "allowUsernamePassword false: the last passkey leaves a v2 user with a password alone, refused",
                    factors: vec![factor(K::Passkey, "iPhone 15")],
                    policy: Some(policy(false, false, &ALL_TYPES)),
                    methods: Some(vec![M::Password, M::Passkey]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Info, vec![C::OthersRemain], vec![], None),
                    (Some(V2), Severity::Danger, vec![C::LockoutOtherPathsUnavailable(vec![SignInPath::Password])], vec![], None),
                    (None, Severity::Danger, vec![C::LockoutOtherPathsUnavailable(vec![SignInPath::Password])], vec![], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                // checkForAllowedIDPs: v1 does not sign in through an IdP the policy does
                // not list, so removing such a link changes nothing there; said anyway.
                Case {
                    what: "removing a link to an IdP the policy does not list",
                    factors: vec![
                        factor(K::Passkey, "Galaxy S24"),
                        crate::api::link_factor(okta_link()),
                    ],
                    removing: 1,
                    policy: Some(policy(false, true, &ALL_TYPES)),
                    methods: Some(vec![M::Passkey, M::Idp]),
                    links: Some(vec![okta_link()]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Info, vec![C::LinkNotOffered], vec![Kept::Passkeys(vec!["Galaxy S24".into()])], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::Passkeys(vec!["Galaxy S24".into()])], None),
                    (None, Severity::Info, vec![C::LinkNotOffered], vec![Kept::Passkeys(vec!["Galaxy S24".into()])], Some(LoginDifference::Stricter(V1))),
                ],
            ),
            (
                // Never "your passkey B still signs you in" where v1 cannot start one.
                Case {
                    what: "allowUsernamePassword false: another passkey is no way in with v1",
                    factors: vec![factor(K::Passkey, "A"), factor(K::Passkey, "B")],
                    policy: Some(policy(false, false, &ALL_TYPES)),
                    methods: Some(vec![M::Password, M::Passkey]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Info, vec![C::OthersRemain], vec![], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::Password, Kept::Passkeys(vec!["B".into()])], None),
                    (None, Severity::Info, vec![C::OthersRemain], vec![], None),
                ],
            ),
            (
                // checkForAllowedIDPs (v1); v2 follows the user's links (loginname.ts).
                Case {
                    what: "an IdP the policy does not list signs in with v2 only",
                    factors: vec![factor(K::Passkey, "Work laptop")],
                    policy: Some(LoginPolicy {
                        idps: vec![],
                        ..policy(false, true, &ALL_TYPES)
                    }),
                    methods: Some(vec![M::Passkey, M::Idp]),
                    links: Some(google_link()),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Danger, vec![C::LockoutOtherPathsUnavailable(vec![SignInPath::IdentityProvider])], vec![], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::IdentityProviders(vec!["Google".into()])], None),
                    (None, Severity::Danger, vec![C::LockoutOtherPathsUnavailable(vec![SignInPath::IdentityProvider])], vec![], Some(LoginDifference::Stricter(V1))),
                ],
            ),
            (
                Case {
                    what: "links not loaded and the policy lists an IdP: whether it is the user's cannot be told for v1",
                    factors: vec![factor(K::Passkey, "Work laptop")],
                    policy: Some(policy(false, true, &ALL_TYPES)),
                    methods: Some(vec![M::Passkey, M::Idp]),
                    links: None,
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::Unknown(vec![Unknown::PasswordOrIdp])], vec![], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::IdentityProviders(vec![])], None),
                    (None, Severity::Warning, vec![C::Unknown(vec![Unknown::PasswordOrIdp])], vec![], Some(LoginDifference::Stricter(V1))),
                ],
            ),
            (
                // MFATypesAllowed (v1) against checkMFAFactors (v2).
                Case {
                    what: "the last allowed second factor goes while a disallowed one stays",
                    factors: vec![
                        factor(K::Totp, "Authenticator app"),
                        factor(K::OtpSms, "SMS codes"),
                    ],
                    policy: Some(policy(true, true, &[T::Otp, T::U2f])),
                    methods: Some(vec![M::Password, M::Totp, M::OtpSms]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])], vec![Kept::Password], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::Password, Kept::SecondFactors(vec![(K::OtpSms, "SMS codes".into())])], None),
                    (None, Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])], vec![Kept::Password], Some(LoginDifference::Stricter(V1))),
                ],
            ),
            (
                // v1 never counted the TOTP (MFATypesAllowed): its password path was closed.
                Case {
                    what: "forced MFA, no type allowed, no passkey: no path finishes after it with v2",
                    factors: vec![factor(K::Totp, "Authenticator app")],
                    policy: Some(policy(true, true, &[])),
                    methods: Some(vec![M::Password, M::Totp]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::CannotAddBack], vec![], None),
                    (Some(V2), Severity::Danger, vec![C::LockoutNoSecondFactorAllowed, C::CannotAddBack], vec![], None),
                    (None, Severity::Danger, vec![C::LockoutNoSecondFactorAllowed, C::CannotAddBack], vec![], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                Case {
                    what: "forced MFA with no type allowed: v1 closes the password path, v2 counts the TOTP",
                    factors: vec![
                        factor(K::Passkey, "ThinkPad"),
                        factor(K::Totp, "Authenticator app"),
                    ],
                    policy: Some(policy(true, true, &[])),
                    methods: Some(vec![M::Password, M::Passkey, M::Totp]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Danger, vec![C::LockoutOtherPathsClosed], vec![], None),
                    (Some(V2), Severity::Info, vec![C::OthersRemain], vec![Kept::Password, totp()], None),
                    (None, Severity::Danger, vec![C::LockoutOtherPathsClosed], vec![], Some(LoginDifference::Stricter(V1))),
                ],
            ),
            (
                // RequiresMFA (v1, IdP: forceMfa && !localOnly) against shouldEnforceMFA (v2: forceMfa).
                Case {
                    what: "forceMfa with forceMfaLocalOnly: an IdP sign-in needs MFA with v2 only",
                    factors: vec![factor(K::Totp, "Authenticator app")],
                    policy: Some(local_only(policy(true, true, &[T::Otp]))),
                    methods: Some(vec![M::Password, M::Idp, M::Totp]),
                    links: Some(google_link()),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])], vec![Kept::Password, idp()], None),
                    (Some(V2), Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password, SignInPath::IdentityProvider])], vec![Kept::Password, idp()], None),
                    (None, Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password, SignInPath::IdentityProvider])], vec![Kept::Password, idp()], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                Case {
                    what: "IdP only, forceMfa with local-only: nothing changes with v1, a set-up with v2",
                    factors: vec![factor(K::Totp, "Authenticator app")],
                    policy: Some(local_only(policy(true, true, &[T::Otp]))),
                    methods: Some(vec![M::Idp, M::Totp]),
                    links: Some(google_link()),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Info, vec![C::OthersRemain], vec![idp()], None),
                    (Some(V2), Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::IdentityProvider])], vec![idp()], None),
                    (None, Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::IdentityProvider])], vec![idp()], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                // choose-second-factor-to-setup.tsx: SMS only with a verified phone.
                Case {
                    what: "forced MFA, only SMS allowed, phone not verified: v2's set-up offers nothing",
                    factors: vec![factor(K::OtpSms, "SMS codes")],
                    policy: Some(policy(true, true, &[T::OtpSms])),
                    methods: Some(vec![M::Password, M::OtpSms]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])], vec![Kept::Password], None),
                    (Some(V2), Severity::Danger, vec![C::LockoutNoSecondFactorAllowed], vec![], None),
                    (None, Severity::Danger, vec![C::LockoutNoSecondFactorAllowed], vec![], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                Case {
                    what: "forced MFA, only SMS allowed, phone verification unknown",
                    factors: vec![factor(K::OtpSms, "SMS codes")],
                    policy: Some(policy(true, true, &[T::OtpSms])),
                    methods: Some(vec![M::Password, M::OtpSms]),
                    contact: None,
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::MustEnrolSecondFactor(vec![SignInPath::Password])], vec![Kept::Password], None),
                    (Some(V2), Severity::Warning, vec![C::Unknown(vec![Unknown::SetUpOffer])], vec![Kept::Password], None),
                    (None, Severity::Warning, vec![C::Unknown(vec![Unknown::SetUpOffer])], vec![Kept::Password], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                // v1 offers no passkey (passwordlessType) and its password path is closed;
                // v2 offers the passkey beside the password (two methods, no check).
                Case {
                    what: "passkeys not allowed and no type allowed under forced MFA: the last passkey locks out with v2",
                    factors: vec![factor(K::Passkey, "ThinkPad")],
                    policy: Some(LoginPolicy {
                        passwordless_type: PasswordlessType::NotAllowed,
                        ..policy(true, true, &[])
                    }),
                    methods: Some(vec![M::Password, M::Passkey]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::CannotAddBack], vec![], None),
                    (Some(V2), Severity::Danger, vec![C::LockoutOtherPathsClosed, C::CannotAddBack], vec![], None),
                    (None, Severity::Danger, vec![C::LockoutOtherPathsClosed, C::CannotAddBack], vec![], Some(LoginDifference::Stricter(V2))),
                ],
            ),
            (
                // loginname.ts: a single passkey needs passkeysType allowed; with several
                // methods it is offered without a check.
                Case {
                    what: "passkeys not allowed: others do not count with v1, they do with v2 beside a password",
                    factors: vec![factor(K::Passkey, "A"), factor(K::Passkey, "B")],
                    policy: Some(LoginPolicy {
                        passwordless_type: PasswordlessType::NotAllowed,
                        ..policy(false, true, &ALL_TYPES)
                    }),
                    methods: Some(vec![M::Password, M::Passkey]),
                    ..Case::default()
                },
                [
                    (Some(V1), Severity::Warning, vec![C::CannotAddBack], vec![Kept::Password], None),
                    (Some(V2), Severity::Warning, vec![C::CannotAddBack], vec![Kept::Password, Kept::Passkeys(vec!["B".into()])], None),
                    (None, Severity::Warning, vec![C::CannotAddBack], vec![Kept::Password], None),
                ],
            ),
        ];
        for (case, expected) in rows {
            for (login, severity, consequences, kept, difference) in expected {
                check(Case {
                    login,
                    severity,
                    consequences,
                    kept,
                    difference,
                    ..case.clone()
                });
            }
        }
    }
}
