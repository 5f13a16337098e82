//! The emulator's state: organizations, users and their factors, loaded from a seed,
//! and the changes ZITADEL's commands make to them.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};

use crate::error::ZitadelError;

/// A factor's lifecycle state, as the seed names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FactorState {
    #[default]
    Ready,
    NotReady,
}

/// A WebAuthn token: a passkey or a U2F key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebAuthnToken {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub state: FactorState,
}

/// An identity provider linked in a login policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdpLink {
    pub idp_id: String,
    #[serde(default)]
    pub idp_name: String,
    #[serde(default)]
    pub idp_type: String,
    /// `IDP_OWNER_TYPE_SYSTEM` (an instance IdP) or `IDP_OWNER_TYPE_ORG`; GET never shows it.
    #[serde(default = "system_owner")]
    pub owner_type: String,
}

fn system_owner() -> String {
    "IDP_OWNER_TYPE_SYSTEM".into()
}

/// A user's link to an identity provider (`IDPUserLink`): the IdP's id and the user's
/// id and name there. The IdP's name and type come from the IdP's configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIdpLink {
    pub idp_id: String,
    /// The user's id at the IdP (`providedUserId`; v2 `userId`).
    pub user_id: String,
    #[serde(default)]
    pub user_name: String,
}

impl UserIdpLink {
    /// Whether this is the link to `idp_id` of the IdP's user `linked_user_id`.
    pub fn is(&self, idp_id: &str, linked_user_id: &str) -> bool {
        self.idp_id == idp_id && self.user_id == linked_user_id
    }
}

/// A login policy (the instance's default or an organization's own), in ZITADEL's JSON
/// field names. Durations are kept as sent (`"64800s"`); an absent one is shown as
/// `"0s"` (see `wire::policy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LoginPolicy {
    pub allow_username_password: bool,
    pub allow_register: bool,
    pub allow_external_idp: bool,
    pub force_mfa: bool,
    pub force_mfa_local_only: bool,
    pub passwordless_type: String,
    pub hide_password_reset: bool,
    pub ignore_unknown_usernames: bool,
    pub default_redirect_uri: String,
    pub password_check_lifetime: String,
    pub external_login_check_lifetime: String,
    pub mfa_init_skip_lifetime: String,
    pub second_factor_check_lifetime: String,
    pub multi_factor_check_lifetime: String,
    pub second_factors: Vec<String>,
    pub multi_factors: Vec<String>,
    pub idps: Vec<IdpLink>,
    pub allow_domain_discovery: bool,
    pub disable_login_with_email: bool,
    pub disable_login_with_phone: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Org {
    pub id: String,
    pub name: String,
    pub domain: String,
    /// The organization's own login settings; `None` while it follows the instance's
    /// default (`isDefault: true`), as most organizations do.
    #[serde(default)]
    pub login_policy: Option<LoginPolicy>,
}

/// A membership of a user in an organization, with the permissions its roles grant.
/// ZITADEL answers "membership not found" to a caller with none in the organization
/// acted in (`internal/api/authz/permissions.go`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub org_id: String,
    #[serde(default)]
    pub permissions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub org_id: String,
    pub user_name: String,
    pub display_name: String,
    /// What this seeded user demonstrates; printed at start.
    #[serde(default)]
    pub about: String,
    /// The bearer token that signs in as this user.
    pub token: String,
    #[serde(default)]
    pub password: bool,
    /// The identity providers the user is linked to.
    #[serde(default)]
    pub idp_links: Vec<UserIdpLink>,
    #[serde(default)]
    pub passkeys: Vec<WebAuthnToken>,
    #[serde(default)]
    pub u2f: Vec<WebAuthnToken>,
    #[serde(default)]
    pub otp: Option<FactorState>,
    #[serde(default)]
    pub otp_sms: Option<FactorState>,
    #[serde(default)]
    pub otp_email: Option<FactorState>,
    /// Organizations the user is a member of, with the permissions there.
    #[serde(default)]
    pub memberships: Vec<Membership>,
    /// The token was issued after a sign-in without a second factor: where the user's
    /// organization forces MFA, ZITADEL's token verifier refuses it (403 `AUTHZ-Kl3p0`).
    #[serde(default)]
    pub signed_in_without_mfa: bool,
    /// RFC 3339 time of the last change to this user; the seed time until then.
    #[serde(default)]
    pub change_date: Option<String>,
}

/// What a caller holds in an organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    /// No membership at all there.
    NoMembership,
    /// A membership, but without the permission.
    Lacking,
    Granted,
}

impl User {
    /// Whether the user holds `permission` in organization `org_id`.
    pub fn grant(&self, permission: &str, org_id: &str) -> Grant {
        match self.memberships.iter().find(|m| m.org_id == org_id) {
            None => Grant::NoMembership,
            Some(m) if m.permissions.iter().any(|p| p == permission) => Grant::Granted,
            Some(_) => Grant::Lacking,
        }
    }
}

/// The whole state, as the seed file (or a saved state file) holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seed {
    #[serde(default)]
    pub sequence: u64,
    /// Each aggregate's (user's or organization's) event sequence, where it has changed.
    #[serde(default)]
    pub sequences: BTreeMap<String, u64>,
    /// The instance's default login settings, which organizations without their own follow.
    #[serde(default)]
    pub default_login_policy: LoginPolicy,
    /// Identity providers of the instance that no login policy lists (users may still
    /// be linked to them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub idps: Vec<IdpLink>,
    pub orgs: Vec<Org>,
    pub users: Vec<User>,
}

/// The instance: owner of the default login settings.
pub const INSTANCE_ID: &str = "69629012906488320";

/// The seed shipped with the emulator.
pub const DEFAULT_SEED: &str = include_str!("../seed.json");

/// When seeded objects were created and last changed, for their `details`.
pub const SEED_DATE: &str = "2025-06-02T08:30:00.000000Z";

impl Seed {
    pub fn parse(json: &str) -> Result<Seed, String> {
        let seed: Seed = serde_json::from_str(json).map_err(|e| format!("invalid seed: {e}"))?;
        seed.validate()?;
        Ok(seed)
    }

    fn validate(&self) -> Result<(), String> {
        for (i, user) in self.users.iter().enumerate() {
            if !self.orgs.iter().any(|o| o.id == user.org_id) {
                return Err(format!(
                    "user {} names an unknown organization",
                    user.user_name
                ));
            }
            if self.users[..i]
                .iter()
                .any(|u| u.token == user.token || u.id == user.id)
            {
                return Err(format!(
                    "user {} shares an id or token with another user",
                    user.user_name
                ));
            }
        }
        Ok(())
    }
}

/// A factor a removal names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Removal {
    Totp,
    OtpSms,
    OtpEmail,
    U2f(String),
    Passkey(String),
}

/// The kind of factor a removal route names; the token id comes from the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemovalKind {
    Totp,
    OtpSms,
    OtpEmail,
    U2f,
    Passkey,
}

impl RemovalKind {
    pub fn with_token(self, token_id: Option<String>) -> Removal {
        let token = || token_id.clone().unwrap_or_default();
        match self {
            RemovalKind::Totp => Removal::Totp,
            RemovalKind::OtpSms => Removal::OtpSms,
            RemovalKind::OtpEmail => Removal::OtpEmail,
            RemovalKind::U2f => Removal::U2f(token()),
            RemovalKind::Passkey => Removal::Passkey(token()),
        }
    }
}

/// What a command answers: ZITADEL's `details`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub sequence: u64,
    pub change_date: String,
    pub resource_owner: String,
}

/// A removed factor, as it was.
#[derive(Clone, Debug)]
enum Removed {
    Totp(FactorState),
    OtpSms(FactorState),
    OtpEmail(FactorState),
    U2f(WebAuthnToken),
    Passkey(WebAuthnToken),
}

/// A removed factor that lagging list projections still show for a while.
#[derive(Clone, Debug)]
struct Tombstone {
    user_id: String,
    removed: Removed,
    at: Instant,
}

/// The live state, with the instance-wide event sequence.
#[derive(Debug)]
pub struct Store {
    seed: Seed,
    pub orgs: Vec<Org>,
    pub users: Vec<User>,
    pub default_login_policy: LoginPolicy,
    /// Counts every event of the instance; never goes back (the reset control shows it).
    pub sequence: u64,
    /// Each aggregate's own event sequence: ZITADEL's `details.sequence` counts per
    /// user or organization, not instance-wide.
    pub sequences: BTreeMap<String, u64>,
    /// How long lists keep showing a removed factor (0: they never lag).
    pub list_lag: Duration,
    tombstones: Vec<Tombstone>,
}

pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_micros(SystemTime::now()).to_string()
}

impl Store {
    pub fn from_seed(seed: Seed) -> Store {
        Store {
            orgs: seed.orgs.clone(),
            users: seed.users.clone(),
            default_login_policy: seed.default_login_policy.clone(),
            sequence: seed.sequence,
            sequences: seed.sequences.clone(),
            seed,
            list_lag: Duration::ZERO,
            tombstones: Vec::new(),
        }
    }

    /// Continues from a saved state; `reset` still goes back to the seed.
    pub fn restore(&mut self, saved: Seed) {
        self.orgs = saved.orgs;
        self.users = saved.users;
        self.default_login_policy = saved.default_login_policy;
        self.sequence = self.sequence.max(saved.sequence);
        for (aggregate, sequence) in saved.sequences {
            let kept = self.sequences.entry(aggregate).or_default();
            *kept = (*kept).max(sequence);
        }
    }

    /// Back to the seed; the sequences keep growing from where they are.
    pub fn reset(&mut self) {
        self.orgs = self.seed.orgs.clone();
        self.users = self.seed.users.clone();
        self.default_login_policy = self.seed.default_login_policy.clone();
        self.list_lag = Duration::ZERO;
        self.tombstones.clear();
    }

    /// The state as a seed, for the state file.
    pub fn snapshot(&self) -> Seed {
        Seed {
            sequence: self.sequence,
            sequences: self.sequences.clone(),
            default_login_policy: self.default_login_policy.clone(),
            idps: self.seed.idps.clone(),
            orgs: self.orgs.clone(),
            users: self.users.clone(),
        }
    }

    /// Every user, in seed order.
    pub fn users(&self) -> impl Iterator<Item = &User> {
        self.users.iter()
    }

    pub fn user_by_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|u| u.token == token)
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// An IdP's configuration, as the login policies that list it name it; the
    /// seed's `idps` also holds IdPs no policy lists.
    pub fn idp(&self, id: &str) -> Option<&IdpLink> {
        std::iter::once(&self.default_login_policy)
            .chain(self.orgs.iter().filter_map(|o| o.login_policy.as_ref()))
            .flat_map(|p| &p.idps)
            .chain(&self.seed.idps)
            .find(|idp| idp.idp_id == id)
    }

    /// The organization, or ZITADEL's "not found".
    pub fn org(&self, id: &str) -> Result<&Org, ZitadelError> {
        self.orgs
            .iter()
            .find(|o| o.id == id)
            .ok_or_else(ZitadelError::org_not_found)
    }

    /// The user as a lagging list projection sees it: factors removed less than
    /// `list_lag` ago are still there. A user that does not exist is ZITADEL's 404.
    pub fn listed_user(&self, id: &str) -> Result<User, ZitadelError> {
        let mut user = self
            .user(id)
            .ok_or_else(ZitadelError::user_not_found)?
            .clone();
        let lagging = self
            .tombstones
            .iter()
            .filter(|t| t.user_id == id && t.at.elapsed() < self.list_lag);
        for tombstone in lagging {
            match tombstone.removed.clone() {
                Removed::Totp(state) => user.otp = Some(state),
                Removed::OtpSms(state) => user.otp_sms = Some(state),
                Removed::OtpEmail(state) => user.otp_email = Some(state),
                Removed::U2f(token) => user.u2f.push(token),
                Removed::Passkey(token) => user.passkeys.push(token),
            }
        }
        Ok(user)
    }

    /// The current sequence of an aggregate (a user or an organization).
    pub fn sequence_of(&self, aggregate: &str) -> u64 {
        self.sequences.get(aggregate).copied().unwrap_or_default()
    }

    /// Pushes `events` events on `aggregate`; the details are those of the last one.
    fn push_events(&mut self, aggregate: &str, resource_owner: &str, events: u64) -> Details {
        self.sequence += events;
        let sequence = self.sequences.entry(aggregate.to_string()).or_default();
        *sequence += events;
        Details {
            sequence: *sequence,
            change_date: now_rfc3339(),
            resource_owner: resource_owner.to_string(),
        }
    }

    fn org_mut(&mut self, id: &str) -> Result<&mut Org, ZitadelError> {
        self.orgs
            .iter_mut()
            .find(|o| o.id == id)
            .ok_or_else(ZitadelError::org_not_found)
    }

    /// The login settings that apply in an organization, and whether they are the
    /// instance's default (`internal/query/login_policy.go` falls back to it).
    pub fn login_policy(&self, org_id: &str) -> Result<(&LoginPolicy, bool), ZitadelError> {
        let org = self.org(org_id)?;
        Ok(match &org.login_policy {
            Some(own) => (own, false),
            None => (&self.default_login_policy, true),
        })
    }

    /// AddCustomLoginPolicy: the organization gets its own settings; one event for
    /// the policy and one per listed factor type and IdP
    /// (`internal/command/org_policy_login.go`, `prepareAddLoginPolicy`).
    pub fn add_org_policy(
        &mut self,
        org_id: &str,
        policy: LoginPolicy,
    ) -> Result<Details, ZitadelError> {
        if self.org(org_id)?.login_policy.is_some() {
            return Err(ZitadelError::new(
                6,
                "Login Policy already exists",
                "Org-Dgfb2",
            ));
        }
        let known_idp = |idp: &IdpLink| {
            self.default_login_policy
                .idps
                .iter()
                .chain(
                    self.orgs
                        .iter()
                        .filter_map(|o| o.login_policy.as_ref())
                        .flat_map(|p| &p.idps),
                )
                .find(|known| known.idp_id == idp.idp_id)
                .cloned()
        };
        let mut idps = Vec::new();
        for idp in &policy.idps {
            let known = known_idp(idp)
                .ok_or_else(|| ZitadelError::new(9, "IDP Config doesn't exist", "Org-FEd32"))?;
            idps.push(IdpLink {
                owner_type: idp.owner_type.clone(),
                ..known
            });
        }
        let events = 1 + policy.second_factors.len() + policy.multi_factors.len() + idps.len();
        self.org_mut(org_id)?.login_policy = Some(LoginPolicy { idps, ..policy });
        Ok(self.push_events(org_id, org_id, events as u64))
    }

    /// ResetLoginPolicyToDefault: back to the instance's default settings.
    pub fn reset_org_policy(&mut self, org_id: &str) -> Result<Details, ZitadelError> {
        if self.org_mut(org_id)?.login_policy.take().is_none() {
            return Err(ZitadelError::new(5, "Login Policy not found", "Org-GHB37"));
        }
        Ok(self.push_events(org_id, org_id, 1))
    }

    /// Whether the user has the factor a removal names.
    pub fn has_factor(&self, user_id: &str, removal: &Removal) -> bool {
        let Some(user) = self.user(user_id) else {
            return false;
        };
        match removal {
            Removal::Totp => user.otp.is_some(),
            Removal::OtpSms => user.otp_sms.is_some(),
            Removal::OtpEmail => user.otp_email.is_some(),
            Removal::U2f(id) => user.u2f.iter().any(|t| &t.id == id),
            Removal::Passkey(id) => user.passkeys.iter().any(|t| &t.id == id),
        }
    }

    /// Removes one factor of a user, as ZITADEL's commands do: a factor that is not
    /// there is a 404 with ZITADEL's error id; the last factor is never protected.
    pub fn remove_factor(
        &mut self,
        user_id: &str,
        removal: &Removal,
    ) -> Result<Details, ZitadelError> {
        let index = self
            .users
            .iter()
            .position(|u| u.id == user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        let user = &mut self.users[index];
        let removed = match removal {
            Removal::Totp => user.otp.take().map(Removed::Totp),
            Removal::OtpSms => user.otp_sms.take().map(Removed::OtpSms),
            Removal::OtpEmail => user.otp_email.take().map(Removed::OtpEmail),
            Removal::U2f(id) => take_token(&mut user.u2f, id).map(Removed::U2f),
            Removal::Passkey(id) => take_token(&mut user.passkeys, id).map(Removed::Passkey),
        }
        .ok_or_else(|| ZitadelError::factor_not_found(removal))?;
        let org = user.org_id.clone();
        let details = self.push_events(user_id, &org, 1);
        self.users[index].change_date = Some(details.change_date.clone());
        let lag = self.list_lag;
        self.tombstones.retain(|t| t.at.elapsed() < lag);
        if !lag.is_zero() {
            self.tombstones.push(Tombstone {
                user_id: user_id.to_string(),
                removed,
                at: Instant::now(),
            });
        }
        Ok(details)
    }

    /// The user with this IdP link, when their organization is `owner` (if given): the
    /// write model of `RemoveUserIDPLink` (`internal/command/user_idp_link.go`) is read by
    /// the user and resource owner, so another organization's user has no such link.
    pub fn with_idp_link(
        &self,
        user_id: &str,
        owner: Option<&str>,
        idp_id: &str,
        linked_user_id: &str,
    ) -> Result<&User, ZitadelError> {
        self.users
            .iter()
            .find(|u| u.id == user_id && owner.is_none_or(|o| o == u.org_id))
            .filter(|u| u.idp_links.iter().any(|l| l.is(idp_id, linked_user_id)))
            .ok_or_else(ZitadelError::idp_link_not_found)
    }

    /// Removes one IdP link (see [`Store::with_idp_link`] for `owner`).
    pub fn remove_idp_link(
        &mut self,
        user_id: &str,
        owner: Option<&str>,
        idp_id: &str,
        linked_user_id: &str,
    ) -> Result<Details, ZitadelError> {
        let org = self
            .with_idp_link(user_id, owner, idp_id, linked_user_id)?
            .org_id
            .clone();
        let details = self.push_events(user_id, &org, 1);
        if let Some(user) = self.users.iter_mut().find(|u| u.id == user_id) {
            user.idp_links.retain(|l| !l.is(idp_id, linked_user_id));
            user.change_date = Some(details.change_date.clone());
        }
        Ok(details)
    }

    /// Removes a second-factor (`multi == false`) or multi-factor type from an
    /// organization's own login settings. ZITADEL's write model reads only the
    /// organization's own events (`internal/command/org_policy_login_factors_model.go`),
    /// so an organization on the instance's default gets "not existing" too.
    pub fn remove_policy_factor(
        &mut self,
        org_id: &str,
        kind: &str,
        multi: bool,
    ) -> Result<Details, ZitadelError> {
        let org = self.org_mut(org_id)?;
        let not_existing = || ZitadelError::policy_factor_not_found(multi);
        let policy = org.login_policy.as_mut().ok_or_else(not_existing)?;
        let list = if multi {
            &mut policy.multi_factors
        } else {
            &mut policy.second_factors
        };
        let before = list.len();
        list.retain(|t| t != kind);
        if list.len() == before {
            return Err(not_existing());
        }
        Ok(self.push_events(org_id, org_id, 1))
    }
}

fn take_token(tokens: &mut Vec<WebAuthnToken>, id: &str) -> Option<WebAuthnToken> {
    let index = tokens.iter().position(|t| t.id == id)?;
    Some(tokens.remove(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::from_seed(Seed::parse(DEFAULT_SEED).unwrap())
    }

    const ALICE: &str = "283746529384750001";

    #[test]
    fn the_shipped_seed_is_valid() {
        let seed = Seed::parse(DEFAULT_SEED).unwrap();
        assert!(seed.users.iter().any(|u| u.user_name == "alice"));
    }

    #[test]
    fn a_user_in_an_unknown_org_is_refused() {
        let json = r#"{"orgs":[],"users":[{"id":"1","orgId":"x","userName":"u",
            "displayName":"U","token":"t"}]}"#;
        assert!(Seed::parse(json)
            .unwrap_err()
            .contains("unknown organization"));
    }

    #[test]
    fn removals_grow_the_sequence_and_a_second_removal_is_a_404() {
        let mut store = store();
        let first = store.remove_factor(ALICE, &Removal::Totp).unwrap();
        assert_eq!(first.sequence, 1);
        assert_eq!(first.resource_owner, "69629023906488334");
        let err = store.remove_factor(ALICE, &Removal::Totp).unwrap_err();
        assert_eq!(err.id, Some("COMMAND-Hd9sd"));
        let second = store
            .remove_factor(ALICE, &Removal::U2f("283746529384756123".into()))
            .unwrap();
        assert_eq!(second.sequence, 2);
    }

    #[test]
    fn reset_restores_the_seed_but_never_the_sequence() {
        let mut store = store();
        store.remove_factor(ALICE, &Removal::OtpSms).unwrap();
        store.reset();
        assert!(store.user(ALICE).unwrap().otp_sms.is_some());
        assert_eq!(store.sequence, 1);
    }

    #[test]
    fn lagging_lists_show_a_removed_factor_until_the_lag_passes() {
        let mut store = store();
        store.list_lag = Duration::from_millis(50);
        store.remove_factor(ALICE, &Removal::OtpEmail).unwrap();
        store
            .remove_factor(ALICE, &Removal::Passkey("283746529384756999".into()))
            .unwrap();
        let listed = store.listed_user(ALICE).unwrap();
        assert!(listed.otp_email.is_some());
        assert!(listed.passkeys.iter().any(|p| p.id == "283746529384756999"));
        std::thread::sleep(Duration::from_millis(60));
        let listed = store.listed_user(ALICE).unwrap();
        assert!(listed.otp_email.is_none());
        assert_eq!(listed.passkeys.len(), 2);
    }
}
