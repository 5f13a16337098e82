//! The calls the widget makes, composed from routes, transport and decoders.

use futures::future::{join3, try_join, try_join3};

use crate::api::{
    decode_auth_factors, decode_auth_method_types, decode_details, decode_login_policy,
    decode_multi_factor_types, decode_passkeys, decode_second_factor_types, decode_user, org_route,
    route, ApiError, AuthMethodType, ChangeDetails, Factor, FactorRef, LoginPolicy,
    MultiFactorType, Operation, OrgOperation, SecondFactorType, Surface, UserInfo,
};
use crate::config::ApiConfig;
use crate::domain::PolicyFactor;
use crate::transport::call;

/// All factors of the configured user: passkeys and second factors, fetched in parallel.
pub async fn list_factors(config: &ApiConfig) -> Result<Vec<Factor>, ApiError> {
    let passkeys = call(
        config,
        route(&config.surface, &Operation::ListPasskeys)?,
        decode_passkeys,
    );
    let second = call(
        config,
        route(&config.surface, &Operation::ListSecondFactors)?,
        decode_auth_factors,
    );
    let (mut all, second) = try_join(passkeys, second).await?;
    all.extend(second);
    Ok(all)
}

/// What the risk assessment needs beyond the factors. Each part is `None` when it
/// could not be loaded: the assessment then says what it could not check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountContext {
    pub policy: Option<LoginPolicy>,
    pub methods: Option<Vec<AuthMethodType>>,
    /// Whose factors these are (asked for when administering another user).
    pub user: Option<UserInfo>,
}

/// Loads the login policy, the v2 authentication method types and, for another user,
/// who that is, in parallel.
pub async fn load_account(config: &ApiConfig) -> AccountContext {
    let policy = async {
        let route = route(&config.surface, &Operation::GetLoginPolicy).ok()?;
        call(config, route, decode_login_policy).await.ok()
    };
    let user = async {
        if config.surface == Surface::Me {
            return None;
        }
        let route = route(&config.surface, &Operation::GetUser).ok()?;
        call(config, route, decode_user).await.ok()
    };
    let (policy, methods, user) = join3(policy, auth_methods(config), user).await;
    AccountContext {
        policy,
        methods,
        user,
    }
}

/// v2 is the only API that tells whether a password or an IdP is set. Self service
/// first asks who "me" is.
async fn auth_methods(config: &ApiConfig) -> Option<Vec<AuthMethodType>> {
    let surface = match &config.surface {
        Surface::Me => {
            let me = call(
                config,
                route(&Surface::Me, &Operation::GetUser).ok()?,
                decode_user,
            )
            .await
            .ok()?;
            Surface::UserV2 {
                user_id: me.id,
                org_id: None,
            }
        }
        other => other.clone(),
    };
    let route = route(&surface, &Operation::ListAuthMethodTypes).ok()?;
    call(config, route, decode_auth_method_types).await.ok()
}

/// Removes one factor of the configured user: exactly one DELETE, never repeated.
pub async fn remove_factor(
    config: &ApiConfig,
    factor: FactorRef,
) -> Result<ChangeDetails, ApiError> {
    call(
        config,
        route(&config.surface, &Operation::Remove(factor))?,
        decode_details,
    )
    .await
}

/// An organization's login settings: the policy and the allowed factor types.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgSettings {
    pub policy: LoginPolicy,
    pub second_factors: Vec<SecondFactorType>,
    pub multi_factors: Vec<MultiFactorType>,
}

impl OrgSettings {
    /// Whether the settings list the type.
    pub fn allows(&self, factor: PolicyFactor) -> bool {
        match factor {
            PolicyFactor::Second(kind) => self.second_factors.contains(&kind),
            PolicyFactor::Multi(kind) => self.multi_factors.contains(&kind),
        }
    }
}

/// Loads the login policy and both type lists of `org_id` (the caller's own when absent).
pub async fn load_org_settings(
    config: &ApiConfig,
    org_id: Option<&str>,
) -> Result<OrgSettings, ApiError> {
    let policy = call(
        config,
        org_route(org_id, &OrgOperation::GetLoginPolicy)?,
        decode_login_policy,
    );
    let second = call(
        config,
        org_route(org_id, &OrgOperation::ListSecondFactorTypes)?,
        decode_second_factor_types,
    );
    let multi = call(
        config,
        org_route(org_id, &OrgOperation::ListMultiFactorTypes)?,
        decode_multi_factor_types,
    );
    let (policy, second_factors, multi_factors) = try_join3(policy, second, multi).await?;
    Ok(OrgSettings {
        policy,
        second_factors,
        multi_factors,
    })
}

/// Removes a second- or multi-factor type from the organization's login settings. An
/// organization on the instance's default (as `current` shows it) gets its own settings
/// instead: a copy of `current` without that type, in one request. Without `current`
/// the type is removed from the organization's own settings; ZITADEL's 404 then tells.
pub async fn remove_policy_factor(
    config: &ApiConfig,
    org_id: Option<&str>,
    factor: PolicyFactor,
    current: Option<&OrgSettings>,
) -> Result<ChangeDetails, ApiError> {
    let default = current
        .filter(|c| c.policy.is_default)
        .map(|c| &c.policy.copy);
    let operation = match (default, factor) {
        (Some(copy), PolicyFactor::Second(kind)) => {
            OrgOperation::AddCustomPolicy(copy.without_second_factor(kind)?)
        }
        (Some(copy), PolicyFactor::Multi(kind)) => {
            OrgOperation::AddCustomPolicy(copy.without_multi_factor(kind)?)
        }
        (None, PolicyFactor::Second(kind)) => OrgOperation::RemoveSecondFactorType(kind),
        (None, PolicyFactor::Multi(kind)) => OrgOperation::RemoveMultiFactorType(kind),
    };
    call(config, org_route(org_id, &operation)?, decode_details).await
}
