//! User service v2 (`/v2/users/{userId}/...`): the caller themself, or a user of an
//! organization where the caller holds user.read / user.write. No org header.

use axum::extract::{Path, RawQuery, State};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::Value;

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::store::{FactorState, Removal};
use crate::{wire, AppState};

type Answer = Result<Json<Value>, ZitadelError>;

pub fn routes() -> Router<AppState> {
    const USER: &str = "/v2/users/{user_id}";
    Router::new()
        .route(USER, get(get_user))
        .route(
            &format!("{USER}/authentication_methods"),
            get(list_auth_method_types),
        )
        .route(
            &format!("{USER}/authentication_factors/_search"),
            post(list_auth_factors),
        )
        .route(&format!("{USER}/passkeys/_search"), post(list_passkeys))
        .route(
            &format!("{USER}/passkeys/{{token_id}}"),
            delete(remove_passkey),
        )
        .route(&format!("{USER}/u2f/{{token_id}}"), delete(remove_u2f))
        .route(&format!("{USER}/totp"), delete(remove_totp))
        .route(&format!("{USER}/otp_sms"), delete(remove_otp_sms))
        .route(&format!("{USER}/otp_email"), delete(remove_otp_email))
}

async fn get_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        let user = caller.v2_user(store, "user.read", &user_id)?;
        let org = store
            .org(&user.org_id)
            .ok_or_else(ZitadelError::org_not_found)?;
        Ok(wire::user_v2(user, org, store.sequence))
    })
}

async fn list_auth_method_types(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        caller.v2_user(store, "user.read", &user_id)?;
        let user = store
            .listed_user(&user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        let types = wire::auth_method_types(&user);
        let details = wire::Obj::new()
            .field(
                "totalResult",
                if types.is_empty() {
                    String::new()
                } else {
                    types.len().to_string()
                },
            )
            .field("timestamp", crate::store::now_rfc3339())
            .done();
        Ok(wire::Obj::new()
            .field("details", details)
            .field("authMethodTypes", types)
            .done())
    })
}

/// `states` from the query (`?states=AUTH_FACTOR_STATE_NOT_READY&states=...`); READY when absent.
fn wanted_states(query: Option<&str>) -> Vec<FactorState> {
    let mut states: Vec<FactorState> = query
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.strip_prefix("states="))
        .filter_map(|value| match value {
            "AUTH_FACTOR_STATE_READY" | "2" => Some(FactorState::Ready),
            "AUTH_FACTOR_STATE_NOT_READY" | "1" => Some(FactorState::NotReady),
            _ => None,
        })
        .collect();
    if states.is_empty() {
        states.push(FactorState::Ready);
    }
    states
}

async fn list_auth_factors(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    state.read(|store| {
        caller.v2_user(store, "user.read", &user_id)?;
        let user = store
            .listed_user(&user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        Ok(wire::list(wire::auth_factors(
            &user,
            &wanted_states(query.as_deref()),
        )))
    })
}

async fn list_passkeys(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        caller.v2_user(store, "user.read", &user_id)?;
        let user = store
            .listed_user(&user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        Ok(wire::list_with_details(
            user.passkeys.iter().map(wire::token).collect(),
            "timestamp",
        ))
    })
}

async fn remove(state: AppState, caller: Caller, user_id: String, removal: Removal) -> Answer {
    state.mutate(|store| {
        caller.v2_user(store, "user.write", &user_id)?;
        store
            .remove_factor(&user_id, &removal)
            .map(|d| wire::details(&d))
    })
}

async fn remove_passkey(
    State(state): State<AppState>,
    caller: Caller,
    Path((user_id, token_id)): Path<(String, String)>,
) -> Answer {
    remove(state, caller, user_id, Removal::Passkey(token_id)).await
}

async fn remove_u2f(
    State(state): State<AppState>,
    caller: Caller,
    Path((user_id, token_id)): Path<(String, String)>,
) -> Answer {
    remove(state, caller, user_id, Removal::U2f(token_id)).await
}

async fn remove_totp(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    remove(state, caller, user_id, Removal::Totp).await
}

async fn remove_otp_sms(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    remove(state, caller, user_id, Removal::OtpSms).await
}

async fn remove_otp_email(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    remove(state, caller, user_id, Removal::OtpEmail).await
}
