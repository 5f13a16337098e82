//! The calls the widget makes, composed from routes, transport and decoders.

use futures::future::try_join;

use crate::api::{decode_auth_factors, decode_passkeys, ApiError, Factor, Operation};
use crate::config::ApiConfig;
use crate::transport::call;

/// All factors of the signed-in user: passkeys and second factors, fetched in parallel.
pub async fn list_my_factors(config: &ApiConfig) -> Result<Vec<Factor>, ApiError> {
    let passkeys = call(config, Operation::ListMyPasskeys.route()?, decode_passkeys);
    let second = call(
        config,
        Operation::ListMyAuthFactors.route()?,
        decode_auth_factors,
    );
    let (mut all, second) = try_join(passkeys, second).await?;
    all.extend(second);
    Ok(all)
}
