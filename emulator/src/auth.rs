//! Who is calling and what they may do, in the order ZITADEL checks it
//! (`internal/api/authz/context.go`, `VerifyTokenAndCreateCtxData`): the bearer token,
//! MFA on the token, the origin gate, the organization acted in; then memberships and
//! permissions (`internal/api/authz/permissions.go`).

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use crate::error::ZitadelError;
use crate::store::{Grant, Store, User};
use crate::AppState;

/// The signed-in user behind a request, and the organization the request acts in.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    /// `x-zitadel-orgid` when sent (checked to exist), else the caller's own.
    pub acting_org: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ZitadelError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .ok_or_else(ZitadelError::auth_header_missing)?;
        // ZITADEL splits on "Bearer " and wants exactly two parts.
        let value = value.to_str().unwrap_or_default();
        let parts_of: Vec<&str> = value.split("Bearer ").collect();
        let [_, token] = parts_of[..] else {
            return Err(ZitadelError::invalid_auth_header());
        };
        let header_org = parts
            .headers
            .get("x-zitadel-orgid")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .map(str::to_string);
        // A token the emulator's OpenID provider issued, else a seeded one.
        let issued_to = state.oidc_user_of(token);
        // One look at the store, the checks in ZITADEL's order.
        let store = state.store.lock().expect("store lock");
        let user = match issued_to {
            Some(user_id) => store.user(&user_id),
            None => store.user_by_token(token),
        }
        .filter(|_| !token.is_empty())
        .ok_or_else(ZitadelError::token_invalid)?;
        // The seeded tokens come from password sign-ins: `RequiresMFA` of a local sign-in
        // is `forceMfa || forceMfaLocalOnly` (`checkAuthentication` in
        // `internal/authz/repository/eventsourcing/eventstore/token_verifier.go`).
        let policy = store.login_policy(&user.org_id)?.0;
        if user.signed_in_without_mfa && (policy.force_mfa || policy.force_mfa_local_only) {
            return Err(ZitadelError::mfa_required());
        }
        if let (Some(allowed), Some(origin)) =
            (&state.allowed_origins, parts.headers.get(header::ORIGIN))
        {
            let origin = origin.to_str().unwrap_or_default();
            if !allowed.iter().any(|a| a == origin) {
                return Err(ZitadelError::origin_not_allowed());
            }
        }
        let caller = Caller {
            user_id: user.id.clone(),
            acting_org: header_org.unwrap_or_else(|| user.org_id.clone()),
        };
        if store.org(&caller.acting_org).is_err() {
            return Err(ZitadelError::org_does_not_exist());
        }
        Ok(caller)
    }
}

impl Caller {
    fn me<'s>(&self, store: &'s Store) -> Result<&'s User, ZitadelError> {
        store
            .user(&self.user_id)
            .ok_or_else(ZitadelError::token_invalid)
    }

    /// The API interceptor's check of a method's permission in the organization acted
    /// in: no membership there is 404 `AUTHZ-cdgFk`, one without the permission 403.
    pub fn require(&self, store: &Store, permission: &str) -> Result<(), ZitadelError> {
        match self.me(store)?.grant(permission, &self.acting_org) {
            Grant::Granted => Ok(()),
            Grant::Lacking => Err(ZitadelError::permission_denied()),
            Grant::NoMembership => Err(ZitadelError::membership_not_found()),
        }
    }

    /// The v2 services' check (`CheckPermission`): the same, with their own 403 id;
    /// the caller themself needs no permission.
    pub fn check_v2(
        &self,
        store: &Store,
        permission: &str,
        org_id: &str,
        user_id: &str,
    ) -> Result<(), ZitadelError> {
        if user_id == self.user_id {
            return Ok(());
        }
        match self.me(store)?.grant(permission, org_id) {
            Grant::Granted => Ok(()),
            Grant::Lacking => Err(ZitadelError::permission_denied_v2()),
            Grant::NoMembership => Err(ZitadelError::membership_not_found()),
        }
    }
}
