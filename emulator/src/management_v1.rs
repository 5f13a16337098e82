//! Management API v1: another user's factors and the organization's login policy
//! (`/management/v1/...`), acting in the organization of `x-zitadel-orgid`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::routing::{delete, get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::store::{FactorState, LoginPolicy, RemovalKind};
use crate::{wire, AppState};

type Answer = Result<Json<Value>, ZitadelError>;

const USER_READ: &str = "user.read";
const USER_WRITE: &str = "user.write";
const POLICY_READ: &str = "policy.read";
const POLICY_WRITE: &str = "policy.write";
const POLICY_DELETE: &str = "policy.delete";

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
        .route(&format!("{USER}/idps/_search"), post(list_idp_links))
        .route(
            &format!("{USER}/idps/{{idp_id}}/{{linked_user_id}}"),
            delete(remove_idp_link),
        )
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
        .route(
            POLICY,
            get(get_login_policy)
                .post(add_custom_login_policy)
                .delete(reset_login_policy),
        )
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

/// The user when it belongs to the organization acted in: management reads the user
/// there only (`getUserByID` in `internal/api/grpc/management/user.go`,
/// `ListHumanLinkedIDPsRequestToQuery` in `user_converter.go`).
fn in_acting_org<'s>(
    store: &'s crate::store::Store,
    caller: &Caller,
    user_id: &str,
) -> Option<&'s crate::store::User> {
    store
        .user(user_id)
        .filter(|u| u.org_id == caller.acting_org)
}

async fn get_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        caller.require(store, USER_READ)?;
        let user =
            in_acting_org(store, &caller, &user_id).ok_or_else(ZitadelError::user_not_found)?;
        let org = store.org(&user.org_id)?;
        Ok(json!({"user": wire::user_v1(user, org, store.sequence_of(&user.id))}))
    })
}

/// The lists check the permission in the organization acted in, but not the user's
/// organization: any user of the instance is listed, an unknown one is `{}`
/// (`internal/api/grpc/management/user.go`, `ListHumanAuthFactors`).
fn listed(store: &crate::store::Store, user_id: &str) -> Option<crate::store::User> {
    store.listed_user(user_id).ok()
}

async fn list_auth_factors(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        caller.require(store, USER_READ)?;
        let items = listed(store, &user_id)
            .map(|u| wire::auth_factors(&u, &[FactorState::Ready]))
            .unwrap_or_default();
        Ok(wire::list(items))
    })
}

async fn list_passkeys(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        caller.require(store, USER_READ)?;
        let items = listed(store, &user_id)
            .map(|u| wire::ready_tokens(&u.passkeys))
            .unwrap_or_default();
        Ok(wire::list(items))
    })
}

/// ListHumanLinkedIDPs: the user's links whose resource owner is the organization acted
/// in, so a user of another organization has none.
async fn list_idp_links(
    State(state): State<AppState>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Answer {
    state.read(|store| {
        caller.require(store, USER_READ)?;
        let items = in_acting_org(store, &caller, &user_id)
            .map(|u| wire::idp_links_v1(store, u))
            .unwrap_or_default();
        Ok(wire::list_with_details(items, "viewTimestamp"))
    })
}

/// RemoveHumanLinkedIDP: user.write in the organization acted in; the link is looked
/// up there (`RemoveHumanLinkedIDPRequestToDomain` sets the context's organization).
async fn remove_idp_link(
    State(state): State<AppState>,
    caller: Caller,
    Path((user_id, idp_id, linked_user_id)): Path<(String, String, String)>,
) -> Answer {
    state.mutate(|store| {
        caller.require(store, USER_WRITE)?;
        let owner = caller.acting_org.clone();
        store
            .remove_idp_link(&user_id, Some(&owner), &idp_id, &linked_user_id)
            .map(|d| wire::details(&d))
    })
}

/// DELETE of one factor. The command looks the factor up in the organization acted
/// in, so a user of another organization is the factor's own "not found".
fn remove(kind: RemovalKind) -> MethodRouter<AppState> {
    delete(
        move |State(state): State<AppState>,
              caller: Caller,
              Path(params): Path<HashMap<String, String>>| async move {
            let user_id = params.get("user_id").cloned().unwrap_or_default();
            let removal = kind.with_token(params.get("token_id").cloned());
            state.mutate(|store| {
                caller.require(store, USER_WRITE)?;
                let in_org = store
                    .user(&user_id)
                    .is_some_and(|u| u.org_id == caller.acting_org);
                if !in_org {
                    return Err(ZitadelError::factor_not_found(&removal));
                }
                store
                    .remove_factor(&user_id, &removal)
                    .map(|d| wire::details(&d))
            })
        },
    )
}

async fn get_login_policy(State(state): State<AppState>, caller: Caller) -> Answer {
    state.read(|store| {
        caller.require(store, POLICY_READ)?;
        let (policy, is_default) = wire::login_policy(store, &caller.acting_org)?;
        Ok(wire::Obj::new()
            .field("policy", policy)
            .field("isDefault", is_default)
            .done())
    })
}

/// AddCustomLoginPolicy: the whole policy in the body; the organization stops
/// following the instance's default.
async fn add_custom_login_policy(
    State(state): State<AppState>,
    caller: Result<Caller, ZitadelError>,
    body: axum::body::Bytes,
) -> Answer {
    let policy: LoginPolicy = wire::request_message(&body)?;
    let caller = caller?;
    state.mutate(|store| {
        caller.require(store, POLICY_WRITE)?;
        // prepareAddLoginPolicy (internal/command/org_policy_login.go) has its own ids.
        for (kinds, multi, id) in [
            (&policy.second_factors, false, "Org-SFeea"),
            (&policy.multi_factors, true, "Org-WSfrg"),
        ] {
            for kind in kinds {
                factor_type(kind, multi)?
                    .ok_or_else(|| ZitadelError::new(3, "Multifactor invalid", id))?;
            }
        }
        // AddCustomLoginPolicy answers object.AddToDetailsPb: the event's date as
        // `creationDate`, no `changeDate` (internal/api/grpc/management/policy_login.go).
        store
            .add_org_policy(&caller.acting_org, policy)
            .map(|d| wire::added_details(&d))
    })
}

/// ResetLoginPolicyToDefault (policy.delete).
async fn reset_login_policy(State(state): State<AppState>, caller: Caller) -> Answer {
    state.mutate(|store| {
        caller.require(store, POLICY_DELETE)?;
        store
            .reset_org_policy(&caller.acting_org)
            .map(|d| wire::details(&d))
    })
}

async fn list_policy_factors(state: AppState, caller: Caller, multi: bool) -> Answer {
    state.read(|store| {
        caller.require(store, POLICY_READ)?;
        let (policy, _) = store.login_policy(&caller.acting_org)?;
        let kinds = if multi {
            &policy.multi_factors
        } else {
            &policy.second_factors
        };
        let items = kinds.iter().map(|k| json!(k)).collect();
        Ok(wire::list_with_details(items, "viewTimestamp"))
    })
}

async fn list_second_factors(State(state): State<AppState>, caller: Caller) -> Answer {
    list_policy_factors(state, caller, false).await
}

async fn list_multi_factors(State(state): State<AppState>, caller: Caller) -> Answer {
    list_policy_factors(state, caller, true).await
}

/// Enum names or numbers, as grpc-gateway accepts them; anything else is the
/// gateway's type mismatch. `None` is the zero value (`…_UNSPECIFIED`), which ZITADEL's
/// own code refuses later.
fn factor_type(raw: &str, multi: bool) -> Result<Option<&'static str>, ZitadelError> {
    let name = match (multi, raw) {
        (false, "SECOND_FACTOR_TYPE_UNSPECIFIED" | "0")
        | (true, "MULTI_FACTOR_TYPE_UNSPECIFIED" | "0") => return Ok(None),
        (false, "SECOND_FACTOR_TYPE_OTP" | "1") => "SECOND_FACTOR_TYPE_OTP",
        (false, "SECOND_FACTOR_TYPE_U2F" | "2") => "SECOND_FACTOR_TYPE_U2F",
        (false, "SECOND_FACTOR_TYPE_OTP_EMAIL" | "3") => "SECOND_FACTOR_TYPE_OTP_EMAIL",
        (false, "SECOND_FACTOR_TYPE_OTP_SMS" | "4") => "SECOND_FACTOR_TYPE_OTP_SMS",
        (true, "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION" | "1") => {
            "MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"
        }
        _ => return Err(ZitadelError::enum_type_mismatch("type", raw)),
    };
    Ok(Some(name))
}

/// The enum in the path is checked before authentication, as grpc-gateway does; so
/// the caller is taken only after it. "Unspecified" comes after the permission check.
async fn remove_policy_factor(
    state: AppState,
    request: axum::extract::Request,
    raw: String,
    multi: bool,
) -> Answer {
    use axum::extract::FromRequestParts;
    let kind = factor_type(&raw, multi)?;
    let (mut parts, _) = request.into_parts();
    let caller = Caller::from_request_parts(&mut parts, &state).await?;
    state.mutate(|store| {
        caller.require(store, POLICY_WRITE)?;
        let kind = kind.ok_or_else(|| ZitadelError::unspecified_factor_type(multi))?;
        store
            .remove_policy_factor(&caller.acting_org, kind, multi)
            .map(|d| wire::details(&d))
    })
}

async fn remove_second_factor(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    request: axum::extract::Request,
) -> Answer {
    remove_policy_factor(state, request, kind, false).await
}

async fn remove_multi_factor(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    request: axum::extract::Request,
) -> Answer {
    remove_policy_factor(state, request, kind, true).await
}
