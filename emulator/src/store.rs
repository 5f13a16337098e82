//! The emulator's state: organizations, users and their factors, loaded from a seed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    pub second_factor_check_lifetime: String,
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Org {
    pub id: String,
    pub name: String,
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
}

/// The whole state, as the seed file holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed {
    pub orgs: Vec<Org>,
    pub users: Vec<User>,
}

/// The seed shipped with the emulator.
pub const DEFAULT_SEED: &str = include_str!("../seed.json");

impl Seed {
    pub fn parse(json: &str) -> Result<Seed, String> {
        let seed: Seed = serde_json::from_str(json).map_err(|e| format!("invalid seed: {e}"))?;
        seed.validate()?;
        Ok(seed)
    }

    fn validate(&self) -> Result<(), String> {
        let mut tokens = BTreeMap::new();
        for user in &self.users {
            if !self.orgs.iter().any(|o| o.id == user.org_id) {
                return Err(format!(
                    "user {} names an unknown organization",
                    user.user_name
                ));
            }
            if tokens.insert(user.token.as_str(), ()).is_some() {
                return Err(format!(
                    "user {} shares a token with another user",
                    user.user_name
                ));
            }
        }
        Ok(())
    }
}

/// The live state with the instance-wide event sequence.
#[derive(Debug)]
pub struct Store {
    pub orgs: Vec<Org>,
    pub users: Vec<User>,
    /// Grows by one with every change, across the whole instance.
    pub sequence: u64,
}

impl Store {
    pub fn from_seed(seed: Seed) -> Store {
        Store {
            orgs: seed.orgs,
            users: seed.users,
            sequence: 0,
        }
    }

    /// The user a bearer token signs in as.
    pub fn user_by_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|u| u.token == token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
