//! The calls the widget makes, composed from routes, transport and decoders.

use futures::future::try_join;

use crate::api::{
    decode_auth_factors, decode_details, decode_passkeys, route, ApiError, ChangeDetails, Factor,
    FactorRef, Operation,
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
