//! Auth API v1: the signed-in user's own factors (`/auth/v1/users/me/...`).

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

use crate::auth::Caller;
use crate::error::ZitadelError;
use crate::{wire, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/auth/v1/users/me/auth_factors/_search",
            post(list_my_auth_factors),
        )
        .route(
            "/auth/v1/users/me/passwordless/_search",
            post(list_my_passkeys),
        )
}

async fn list_my_auth_factors(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Value>, ZitadelError> {
    state.with_user(&caller.user_id, |user| {
        Json(wire::list(wire::auth_factors(user)))
    })
}

async fn list_my_passkeys(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Value>, ZitadelError> {
    state.with_user(&caller.user_id, |user| {
        Json(wire::list(user.passkeys.iter().map(wire::token).collect()))
    })
}
