//! User service v2 (`/v2/users/{userId}/...`): the caller themself, or a user of an
//! organization where the caller holds user.read / user.write. No org header.

use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::routing::{delete, get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::Value;

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::store::{FactorState, RemovalKind};
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
        .route(&format!("{USER}/links/_search"), post(list_idp_links))
        .route(
            &format!("{USER}/links/{{idp_id}}/{{linked_user_id}}"),
            delete(remove_idp_link),
        )
        .route(
            &format!("{USER}/passkeys/{{token_id}}"),
            remove(RemovalKind::Passkey),
        )
        .route(
            &format!("{USER}/u2f/{{token_id}}"),
            remove(RemovalKind::U2f),
        )
        .route(&format!("{USER}/totp"), remove(RemovalKind::Totp))
        .route(&format!("{USER}/otp_sms"), remove(RemovalKind::OtpSms))
        .route(&format!("{USER}/otp_email"), remove(RemovalKind::OtpEmail))
}

async fn get_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        let user = store
            .user(&user_id)
            .ok_or_else(ZitadelError::user_not_found)?;
        caller.check_v2(store, "user.read", &user.org_id, &user_id)?;
        let org = store.org(&user.org_id)?;
        Ok(wire::user_v2(user, org, store.sequence_of(&user.id)))
    })
}

/// Checks user.read in the organization acted in (not the user's), then answers an
/// empty list for an unknown user (`internal/query/user_auth_method.go`,
/// `ListUserAuthMethodTypes`).
async fn list_auth_method_types(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        let acting_org = caller.acting_org.clone();
        caller.check_v2(store, "user.read", &acting_org, &user_id)?;
        let types = store
            .listed_user(&user_id)
            .map(|u| wire::auth_method_types(&u))
            .unwrap_or_default();
        let details = wire::Obj::new()
            .int64("totalResult", types.len() as u64)
            .field("timestamp", crate::store::now_rfc3339())
            .done();
        Ok(wire::Obj::new()
            .field("details", details)
            .field("authMethodTypes", types)
            .done())
    })
}

/// ListIDPLinks: checked as the other v2 lists (`IDPUserLinks` in
/// `internal/query/idp_user_link.go` checks the first link's user, as
/// `SearchUserAuthMethods` does).
async fn list_idp_links(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        let links = readable(store, &caller, &user_id, wire::idp_links_v2)?;
        Ok(wire::list_with_details(links, "timestamp"))
    })
}

/// RemoveIDPLink (`body: "*"`): the link first (404 `COMMAND-1M9xR`), then user.write
/// on another user (`removeUserIDPLink` in `internal/command/user_idp_link.go`).
async fn remove_idp_link(
    State(state): State<AppState>,
    caller: Result<Caller, ZitadelError>,
    Path((user_id, idp_id, linked_user_id)): Path<(String, String, String)>,
    body: axum::body::Bytes,
) -> Answer {
    wire::request_message::<serde_json::Map<String, serde_json::Value>>(&body)?;
    let caller = caller?;
    state.mutate(|store| {
        let owner = store
            .with_idp_link(&user_id, None, &idp_id, &linked_user_id)?
            .org_id
            .clone();
        caller.check_v2(store, "user.write", &owner, &user_id)?;
        store
            .remove_idp_link(&user_id, None, &idp_id, &linked_user_id)
            .map(|d| wire::details(&d))
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

/// The entries of a v2 list (`SearchUserAuthMethods` in `internal/query/user_auth_method.go`):
/// an unknown user, or one without matching entries, is an empty 200; with entries the
/// caller needs user.read on the user (the first entry's), else 404 `AUTHZ-cdgFk` or
/// 403 `AUTH-AWfge` (unless the non-default `PermissionCheckV2` feature filters instead).
fn readable(
    store: &crate::store::Store,
    caller: &Caller,
    user_id: &str,
    entries: impl Fn(&crate::store::User) -> Vec<Value>,
) -> Result<Vec<Value>, ZitadelError> {
    let Ok(user) = store.listed_user(user_id) else {
        return Ok(Vec::new());
    };
    let items = entries(&user);
    if !items.is_empty() {
        caller.check_v2(store, "user.read", &user.org_id, user_id)?;
    }
    Ok(items)
}

async fn list_auth_factors(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Answer {
    state.read(|store| {
        let states = wanted_states(query.as_deref());
        let items = readable(store, &caller, &user_id, |u| wire::auth_factors(u, &states))?;
        Ok(wire::list(items))
    })
}

async fn list_passkeys(
    State(state): State<AppState>,
    caller: Result<Caller, ZitadelError>,
    Path(user_id): Path<String>,
    body: axum::body::Bytes,
) -> Answer {
    // ListPasskeysRequest's own fields are in the path; the gateway still reads the body.
    wire::request_message::<serde_json::Map<String, serde_json::Value>>(&body)?;
    let caller = caller?;
    state.read(|store| {
        let items = readable(store, &caller, &user_id, |u| {
            wire::ready_tokens(&u.passkeys)
        })?;
        Ok(wire::list_with_details(items, "timestamp"))
    })
}

/// DELETE of one factor: the caller's own, or a user's where the caller holds user.write.
/// The factor's own "not found" comes before the permission for TOTP and WebAuthn;
/// OTP SMS and email check the permission first.
fn remove(kind: RemovalKind) -> MethodRouter<AppState> {
    delete(
        move |State(state): State<AppState>,
              caller: Caller,
              Path(params): Path<HashMap<String, String>>| async move {
            let user_id = params.get("user_id").cloned().unwrap_or_default();
            let removal = kind.with_token(params.get("token_id").cloned());
            state.mutate(|store| {
                let Some(user) = store.user(&user_id) else {
                    return Err(ZitadelError::factor_not_found(&removal));
                };
                let permission_first = matches!(kind, RemovalKind::OtpSms | RemovalKind::OtpEmail);
                if permission_first || store.has_factor(&user_id, &removal) {
                    caller.check_v2(store, "user.write", &user.org_id, &user_id)?;
                }
                store
                    .remove_factor(&user_id, &removal)
                    .map(|d| wire::details(&d))
            })
        },
    )
}
