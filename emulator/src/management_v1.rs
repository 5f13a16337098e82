//! Management API v1: another user's factors and the organization's login policy
//! (`/management/v1/...`), acting in the organization of `x-zitadel-orgid`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{delete, get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::store::{FactorState, RemovalKind};
use crate::{wire, AppState};

type Answer = Result<Json<Value>, ZitadelError>;

const USER_READ: &str = "user.read";
const USER_WRITE: &str = "user.write";
const POLICY_READ: &str = "policy.read";
const POLICY_WRITE: &str = "policy.write";

pub fn routes() -> Router<AppState> {
    const USER: &str = "/management/v1/users/{user_id}";
    const POLICY: &str = "/management/v1/policies/login";
    Router::new()
        .route(USER, get(get_user))
        .route(
            &format!("{USER}/auth_factors/_search"),
            post(list_auth_factors),
        )
        .route(&format!("{USER}/passwordless/_search"), post(list_passkeys))
        .route(
            &format!("{USER}/auth_factors/otp"),
            remove(RemovalKind::Totp),
        )
        .route(
            &format!("{USER}/auth_factors/otp_sms"),
            remove(RemovalKind::OtpSms),
        )
        .route(
            &format!("{USER}/auth_factors/otp_email"),
            remove(RemovalKind::OtpEmail),
        )
        .route(
            &format!("{USER}/auth_factors/u2f/{{token_id}}"),
            remove(RemovalKind::U2f),
        )
        .route(
            &format!("{USER}/passwordless/{{token_id}}"),
            remove(RemovalKind::Passkey),
        )
        .route(POLICY, get(get_login_policy))
        .route(
            &format!("{POLICY}/second_factors/_search"),
            post(list_second_factors),
        )
        .route(
            &format!("{POLICY}/second_factors/{{kind}}"),
            delete(remove_second_factor),
        )
        // Upstream lists multi-factors under `auth_factors` but removes them under `multi_factors`.
        .route(
            &format!("{POLICY}/auth_factors/_search"),
            post(list_multi_factors),
        )
        .route(
            &format!("{POLICY}/multi_factors/{{kind}}"),
            delete(remove_multi_factor),
        )
}

async fn get_user(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(user_id): Path<String>,
) -> Answer {
    let org_id = caller.org_context(&headers);
    state.read(|store| {
        let user = caller.managed_user(store, USER_READ, &org_id, &user_id)?;
        let org = store.org(&user.org_id)?;
        Ok(json!({"user": wire::user_v1(user, org, store.sequence)}))
    })
}

async fn list_auth_factors(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(user_id): Path<String>,
) -> Answer {
    let org_id = caller.org_context(&headers);
    state.read(|store| {
        caller.managed_user(store, USER_READ, &org_id, &user_id)?;
        let user = store.listed_user(&user_id)?;
        Ok(wire::list(wire::auth_factors(&user, &[FactorState::Ready])))
    })
}

async fn list_passkeys(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(user_id): Path<String>,
) -> Answer {
    let org_id = caller.org_context(&headers);
    state.read(|store| {
        caller.managed_user(store, USER_READ, &org_id, &user_id)?;
        let user = store.listed_user(&user_id)?;
        Ok(wire::list(user.passkeys.iter().map(wire::token).collect()))
    })
}

/// DELETE of one factor of a user of the organization acted in (needs user.write there).
fn remove(kind: RemovalKind) -> MethodRouter<AppState> {
    delete(
        move |State(state): State<AppState>,
              caller: Caller,
              headers: HeaderMap,
              Path(params): Path<HashMap<String, String>>| async move {
            let org_id = caller.org_context(&headers);
            let user_id = params.get("user_id").cloned().unwrap_or_default();
            let removal = kind.with_token(params.get("token_id").cloned());
            state.mutate(|store| {
                caller.managed_user(store, USER_WRITE, &org_id, &user_id)?;
                store
                    .remove_factor(&user_id, &removal)
                    .map(|d| wire::details(&d))
            })
        },
    )
}

async fn get_login_policy(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Answer {
    let org_id = caller.org_context(&headers);
    state.read(|store| {
        caller.require(store, POLICY_READ, &org_id)?;
        let org = store.org(&org_id)?;
        let policy = &org.login_policy;
        Ok(wire::Obj::new()
            .field("policy", wire::policy(policy, &org.id, store.sequence))
            .field("isDefault", policy.is_default)
            .done())
    })
}

async fn list_policy_factors(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    multi: bool,
) -> Answer {
    let org_id = caller.org_context(&headers);
    state.read(|store| {
        caller.require(store, POLICY_READ, &org_id)?;
        let policy = &store.org(&org_id)?.login_policy;
        let kinds = if multi {
            &policy.multi_factors
        } else {
            &policy.second_factors
        };
        let items = kinds.iter().map(|k| json!(k)).collect();
        Ok(wire::list_with_details(items, "viewTimestamp"))
    })
}

async fn list_second_factors(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Answer {
    list_policy_factors(state, caller, headers, false).await
}

async fn list_multi_factors(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Answer {
    list_policy_factors(state, caller, headers, true).await
}

/// Enum names or numbers, as grpc-gateway accepts them in a path.
fn factor_type(raw: &str, multi: bool) -> Result<&'static str, ZitadelError> {
    let name = match (multi, raw) {
        (false, "SECOND_FACTOR_TYPE_OTP" | "1") => "SECOND_FACTOR_TYPE_OTP",
        (false, "SECOND_FACTOR_TYPE_U2F" | "2") => "SECOND_FACTOR_TYPE_U2F",
        (false, "SECOND_FACTOR_TYPE_OTP_EMAIL" | "3") => "SECOND_FACTOR_TYPE_OTP_EMAIL",
        (false, "SECOND_FACTOR_TYPE_OTP_SMS" | "4") => "SECOND_FACTOR_TYPE_OTP_SMS",
        (true, "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION" | "1") => {
            "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"
        }
        _ => return Err(ZitadelError::invalid_factor_type()),
    };
    Ok(name)
}

async fn remove_policy_factor(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    raw: String,
    multi: bool,
) -> Answer {
    let org_id = caller.org_context(&headers);
    state.mutate(|store| {
        caller.require(store, POLICY_WRITE, &org_id)?;
        let kind = factor_type(&raw, multi)?;
        store
            .remove_policy_factor(&org_id, kind, multi)
            .map(|d| wire::details(&d))
    })
}

async fn remove_second_factor(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(kind): Path<String>,
) -> Answer {
    remove_policy_factor(state, caller, headers, kind, false).await
}

async fn remove_multi_factor(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(kind): Path<String>,
) -> Answer {
    remove_policy_factor(state, caller, headers, kind, true).await
}
