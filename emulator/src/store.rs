//! The emulator's state: organizations, users and their factors, loaded from a seed,
//! and the changes ZITADEL's commands make to them.

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
    pub idp_name: String,
    pub idp_type: String,
}

/// An organization's login policy, in ZITADEL's JSON field names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LoginPolicy {
    pub allow_username_password: bool,
    pub allow_register: bool,
    pub allow_external_idp: bool,
    pub force_mfa: bool,
    pub force_mfa_local_only: bool,
    pub passwordless_type: String,
    pub second_factors: Vec<String>,
    pub multi_factors: Vec<String>,
    pub idps: Vec<IdpLink>,
    pub second_factor_check_lifetime: String,
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Org {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub login_policy: LoginPolicy,
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
    #[serde(default)]
    pub idp_linked: bool,
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
    /// Management permissions (`user.read`, `user.write`, `policy.read`, `policy.write`).
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Organizations, besides the user's own, in which the permissions apply.
    #[serde(default)]
    pub admin_orgs: Vec<String>,
    /// RFC 3339 time of the last change to this user; the seed time until then.
    #[serde(default)]
    pub change_date: Option<String>,
}

impl User {
    /// Whether the user's permissions include `permission` in organization `org_id`.
    pub fn may(&self, permission: &str, org_id: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
            && (self.org_id == org_id || self.admin_orgs.iter().any(|o| o == org_id))
    }
}

/// The whole state, as the seed file (or a saved state file) holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed {
    #[serde(default)]
    pub sequence: u64,
    pub orgs: Vec<Org>,
    pub users: Vec<User>,
}

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
    /// Grows by one with every change, across the whole instance; never goes back.
    pub sequence: u64,
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
            sequence: seed.sequence,
            seed,
            list_lag: Duration::ZERO,
            tombstones: Vec::new(),
        }
    }

    /// Continues from a saved state; `reset` still goes back to the seed.
    pub fn restore(&mut self, saved: Seed) {
        self.orgs = saved.orgs;
        self.users = saved.users;
        self.sequence = self.sequence.max(saved.sequence);
    }

    /// Back to the seed; the sequence keeps growing from where it is.
    pub fn reset(&mut self) {
        self.orgs = self.seed.orgs.clone();
        self.users = self.seed.users.clone();
        self.list_lag = Duration::ZERO;
        self.tombstones.clear();
    }

    /// The state as a seed, for the state file.
    pub fn snapshot(&self) -> Seed {
        Seed {
            sequence: self.sequence,
            orgs: self.orgs.clone(),
            users: self.users.clone(),
        }
    }

    pub fn user_by_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|u| u.token == token)
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
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

    fn next_event(&mut self, resource_owner: &str) -> Details {
        self.sequence += 1;
        Details {
            sequence: self.sequence,
            change_date: now_rfc3339(),
            resource_owner: resource_owner.to_string(),
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
        let details = self.next_event(&org);
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

    /// Removes a second-factor (`multi == false`) or multi-factor type from an
    /// organization's login policy.
    pub fn remove_policy_factor(
        &mut self,
        org_id: &str,
        kind: &str,
        multi: bool,
    ) -> Result<Details, ZitadelError> {
        let org = self
            .orgs
            .iter_mut()
            .find(|o| o.id == org_id)
            .ok_or_else(ZitadelError::org_not_found)?;
        let list = if multi {
            &mut org.login_policy.multi_factors
        } else {
            &mut org.login_policy.second_factors
        };
        let before = list.len();
        list.retain(|t| t != kind);
        if list.len() == before {
            return Err(ZitadelError::policy_factor_not_found());
        }
        org.login_policy.is_default = false;
        Ok(self.next_event(org_id))
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
