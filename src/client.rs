//! The calls the widget makes, composed from routes, transport and decoders.

use futures::future::{join, try_join3};

use crate::api::{
    decode_auth_factors, decode_auth_method_types, decode_details, decode_idp_links,
    decode_login_policy, decode_multi_factor_types, decode_passkeys, decode_second_factor_types,
    decode_user, link_factor, org_route, route, ApiError, AuthMethodType, ChangeDetails, ErrorKind,
    Factor, FactorRef, LoginPolicy, MultiFactorType, Operation, OrgOperation, SecondFactorType,
    Surface, UserInfo,
};
use crate::config::ApiConfig;
use crate::domain::PolicyFactor;
use crate::transport::call;

/// All ways in of the configured user: passkeys, second factors and IdP links, fetched
/// in parallel.
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
    let links = call(
        config,
        route(&config.surface, &Operation::ListIdpLinks)?,
        decode_idp_links,
    );
    let (mut all, second, links) = try_join3(passkeys, second, links).await?;
    all.extend(second);
    all.extend(links.into_iter().map(link_factor));
    Ok(all)
}

/// What the risk assessment needs beyond the factors. Each part is `None` when it
/// could not be loaded: the assessment then says what it could not check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountContext {
    /// The login policy of the user's own organization.
    pub policy: Option<LoginPolicy>,
    pub methods: Option<Vec<AuthMethodType>>,
    /// Whose factors these are: their organization and verified phone and email.
    pub user: Option<UserInfo>,
    /// Another user's lookup answered 404: with Management v1 the user is not in the
    /// organization acted in (`getUserByID`, `MANAG-fpo4B`), or there is no such user.
    pub user_not_found: bool,
}

/// Loads who the user is, then the login policy of their organization and the v2
/// authentication method types. (The IdP links come with the list.)
pub async fn load_account(config: &ApiConfig) -> AccountContext {
    let user = match route(&config.surface, &Operation::GetUser) {
        Ok(route) => call(config, route, decode_user).await,
        Err(error) => Err(error),
    };
    let not_found = matches!(&user, Err(e) if e.kind() == ErrorKind::NotFound);
    let user = user.ok();
    let (policy, methods) = join(
        login_policy(config, user.as_ref()),
        auth_methods(config, user.as_ref()),
    )
    .await;
    AccountContext {
        policy,
        methods,
        user_not_found: not_found && config.surface != Surface::Me,
        user,
    }
}

/// The login policy that signs the user in: their own organization's. Auth v1 serves
/// the signed-in user's; for another user it is asked for with the user's organization
/// (`details.resourceOwner`) as `x-zitadel-orgid`, whatever organization the page acts
/// in. When the user's organization is not known, neither is the policy: the page's
/// organization (or the caller's) may be another one, whose policy would mislead.
async fn login_policy(config: &ApiConfig, user: Option<&UserInfo>) -> Option<LoginPolicy> {
    #[cfg(feature = "admin")]
    let route = match (&config.surface, user.and_then(|u| u.org_id.as_deref())) {
        (Surface::Me, _) => route(&config.surface, &Operation::GetLoginPolicy).ok()?,
        (_, Some(org)) => org_route(Some(org), &OrgOperation::GetLoginPolicy).ok()?,
        (_, None) => return None,
    };
    // The self-service builds serve the signed-in user only.
    #[cfg(not(feature = "admin"))]
    let route = {
        let _ = user;
        route(&config.surface, &Operation::GetLoginPolicy).ok()?
    };
    call(config, route, decode_login_policy).await.ok()
}

/// v2 is the only API that tells whether a password or an IdP is set. Self service
/// needs to know who "me" is first.
async fn auth_methods(config: &ApiConfig, user: Option<&UserInfo>) -> Option<Vec<AuthMethodType>> {
    let surface = match &config.surface {
        Surface::Me => Surface::UserV2 {
            user_id: user?.id.clone(),
            org_id: None,
        },
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
