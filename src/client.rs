//! The calls the widget makes, composed from routes, transport and decoders.

use futures::future::{join, try_join};

use crate::api::{
    decode_auth_factors, decode_auth_method_types, decode_details, decode_login_policy,
    decode_passkeys, decode_user, route, ApiError, AuthMethodType, ChangeDetails, Factor,
    FactorRef, LoginPolicy, Operation, Surface,
};
use crate::config::ApiConfig;
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
}

/// Loads the login policy and the v2 authentication method types in parallel.
pub async fn load_account(config: &ApiConfig) -> AccountContext {
    let policy = async {
        let route = route(&config.surface, &Operation::GetLoginPolicy).ok()?;
        call(config, route, decode_login_policy).await.ok()
    };
    let (policy, methods) = join(policy, auth_methods(config)).await;
    AccountContext { policy, methods }
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
