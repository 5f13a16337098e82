//! Auth API v1: the signed-in user's own factors and login policy (`/auth/v1/...`).

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::routing::{delete, get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::store::{FactorState, RemovalKind};
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
        .route(
            &format!("{ME}/auth_factors/otp"),
            remove_mine(RemovalKind::Totp),
        )
        .route(
            &format!("{ME}/auth_factors/otp_sms"),
            remove_mine(RemovalKind::OtpSms),
        )
        .route(
            &format!("{ME}/auth_factors/otp_email"),
            remove_mine(RemovalKind::OtpEmail),
        )
        .route(
            &format!("{ME}/auth_factors/u2f/{{token_id}}"),
            remove_mine(RemovalKind::U2f),
        )
        .route(
            &format!("{ME}/passwordless/{{token_id}}"),
            remove_mine(RemovalKind::Passkey),
        )
        .route(&format!("{ME}/idps/_search"), post(list_my_idp_links))
        .route(
            &format!("{ME}/idps/{{idp_id}}/{{linked_user_id}}"),
            delete(remove_my_idp_link),
        )
        .route("/auth/v1/policies/login", get(my_login_policy))
}

async fn my_user(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store
            .user(&caller.user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        let org = store.org(&user.org_id)?;
        let body = wire::user_v1(user, org, store.sequence_of(&user.id));
        Ok(json!({"user": body, "lastLogin": crate::store::now_rfc3339()}))
    })
}

async fn list_my_auth_factors(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store.listed_user(&caller.user_id)?;
        Ok(wire::list(wire::auth_factors(&user, &[FactorState::Ready])))
    })
}

async fn list_my_passkeys(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store.listed_user(&caller.user_id)?;
        Ok(wire::list(wire::ready_tokens(&user.passkeys)))
    })
}

/// ListMyLinkedIDPs (`internal/api/grpc/auth/idp.go`): the caller's links, with list details.
async fn list_my_idp_links(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let user = store
            .user(&caller.user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        Ok(wire::list_with_details(
            wire::idp_links_v1(store, user),
            "viewTimestamp",
        ))
    })
}

/// RemoveMyLinkedIDP (`internal/api/grpc/auth/idp.go`).
async fn remove_my_idp_link(
    State(state): State<AppState>,
    caller: Caller,
    Path((idp_id, linked_user_id)): Path<(String, String)>,
) -> Answer {
    state.mutate(|store| {
        store
            .remove_idp_link(&caller.user_id, None, &idp_id, &linked_user_id)
            .map(|d| wire::details(&d))
    })
}

/// DELETE of one of the caller's own factors; `token_id` comes from the path when the kind has one.
fn remove_mine(kind: RemovalKind) -> MethodRouter<AppState> {
    delete(
        move |State(state): State<AppState>,
              caller: Caller,
              Path(params): Path<HashMap<String, String>>| async move {
            let removal = kind.with_token(params.get("token_id").cloned());
            state.mutate(|store| {
                store
                    .remove_factor(&caller.user_id, &removal)
                    .map(|d| wire::details(&d))
            })
        },
    )
}

/// The login settings of the organization acted in (`x-zitadel-orgid` is honoured
/// here too), the instance's default when it has none of its own.
async fn my_login_policy(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        let (policy, _) = wire::login_policy(store, &caller.acting_org)?;
        Ok(json!({ "policy": policy }))
    })
}
