//! Auth API v1: the signed-in user's own factors and login policy (`/auth/v1/...`).

use axum::extract::{Path, State};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::store::{FactorState, Removal};
use crate::{wire, AppState};

type Answer = Result<Json<Value>, ZitadelError>;

pub fn routes() -> Router<AppState> {
    const ME: &str = "/auth/v1/users/me";
    Router::new()
        .route(ME, get(my_user))
        .route(
            &format!("{ME}/auth_factors/_search"),
            post(list_my_auth_factors),
        )
        .route(
            &format!("{ME}/passwordless/_search"),
            post(list_my_passkeys),
        )
        .route(&format!("{ME}/auth_factors/otp"), delete(remove_my_totp))
        .route(
            &format!("{ME}/auth_factors/otp_sms"),
            delete(remove_my_otp_sms),
        )
        .route(
            &format!("{ME}/auth_factors/otp_email"),
            delete(remove_my_otp_email),
        )
        .route(
            &format!("{ME}/auth_factors/u2f/{{token_id}}"),
            delete(remove_my_u2f),
        )
        .route(
            &format!("{ME}/passwordless/{{token_id}}"),
            delete(remove_my_passkey),
        )
        .route("/auth/v1/policies/login", get(my_login_policy))
}

async fn my_user(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store
            .user(&caller.user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        let org = store
            .org(&user.org_id)
            .ok_or_else(ZitadelError::org_not_found)?;
        let body = wire::user_v1(user, org, store.sequence);
        Ok(json!({"user": body, "lastLogin": crate::store::now_rfc3339()}))
    })
}

async fn list_my_auth_factors(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store
            .listed_user(&caller.user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        Ok(wire::list(wire::auth_factors(&user, &[FactorState::Ready])))
    })
}

async fn list_my_passkeys(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store
            .listed_user(&caller.user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        Ok(wire::list(user.passkeys.iter().map(wire::token).collect()))
    })
}

async fn remove_mine(state: AppState, caller: Caller, removal: Removal) -> Answer {
    state.mutate(|store| {
        store
            .remove_factor(&caller.user_id, &removal)
            .map(|d| wire::details(&d))
    })
}

async fn remove_my_totp(State(state): State<AppState>, caller: Caller) -> Answer {
    remove_mine(state, caller, Removal::Totp).await
}

async fn remove_my_otp_sms(State(state): State<AppState>, caller: Caller) -> Answer {
    remove_mine(state, caller, Removal::OtpSms).await
}

async fn remove_my_otp_email(State(state): State<AppState>, caller: Caller) -> Answer {
    remove_mine(state, caller, Removal::OtpEmail).await
}

async fn remove_my_u2f(
    State(state): State<AppState>,
    caller: Caller,
    Path(token_id): Path<String>,
) -> Answer {
    remove_mine(state, caller, Removal::U2f(token_id)).await
}

async fn remove_my_passkey(
    State(state): State<AppState>,
    caller: Caller,
    Path(token_id): Path<String>,
) -> Answer {
    remove_mine(state, caller, Removal::Passkey(token_id)).await
}

async fn my_login_policy(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let org = store
            .org(&caller.org_id)
            .ok_or_else(ZitadelError::org_not_found)?;
        Ok(json!({"policy": wire::policy(&org.login_policy, &org.id, store.sequence)}))
    })
}
