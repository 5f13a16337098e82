//! Who is calling and what they may do: the bearer token in `Authorization`, exactly
//! as ZITADEL reads it, the origin gate, and permissions per organization.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderMap};

use crate::error::ZitadelError;
use crate::store::{Store, User};
use crate::AppState;

/// The signed-in user behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    pub org_id: String,
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
        // ZITADEL splits on "Bearer " case-sensitively; anything else is not a token.
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|t| !t.is_empty())
            .ok_or_else(ZitadelError::token_invalid)?;
        let caller = {
            let store = state.store.lock().expect("store lock");
            let user = store
                .user_by_token(token)
                .ok_or_else(ZitadelError::token_invalid)?;
            Caller {
                user_id: user.id.clone(),
                org_id: user.org_id.clone(),
            }
        };
        if let (Some(allowed), Some(origin)) =
            (&state.allowed_origins, parts.headers.get(header::ORIGIN))
        {
            let origin = origin.to_str().unwrap_or_default();
            if !allowed.iter().any(|a| a == origin) {
                return Err(ZitadelError::origin_not_allowed());
            }
        }
        Ok(caller)
    }
}

impl Caller {
    /// The organization a management call acts in: `x-zitadel-orgid`, else the caller's.
    pub fn org_context(&self, headers: &HeaderMap) -> String {
        headers
            .get("x-zitadel-orgid")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .map_or_else(|| self.org_id.clone(), str::to_string)
    }

    fn me<'s>(&self, store: &'s Store) -> Result<&'s User, ZitadelError> {
        store
            .user(&self.user_id)
            .ok_or_else(ZitadelError::token_invalid)
    }

    /// Fails with 403 unless the caller holds `permission` in `org_id`.
    pub fn require(
        &self,
        store: &Store,
        permission: &str,
        org_id: &str,
    ) -> Result<(), ZitadelError> {
        if self.me(store)?.may(permission, org_id) {
            Ok(())
        } else {
            Err(ZitadelError::permission_denied())
        }
    }

    /// Management API: the target user, who must belong to the organization acted in
    /// (ZITADEL answers "not found" for a user of another organization).
    pub fn managed_user<'s>(
        &self,
        store: &'s Store,
        permission: &str,
        org_id: &str,
        user_id: &str,
    ) -> Result<&'s User, ZitadelError> {
        self.require(store, permission, org_id)?;
        store
            .user(user_id)
            .filter(|u| u.org_id == org_id)
            .ok_or_else(ZitadelError::user_not_found)
    }

    /// User service v2: the caller themself, or a user of an organization where the
    /// caller holds `permission`.
    pub fn v2_user<'s>(
        &self,
        store: &'s Store,
        permission: &str,
        user_id: &str,
    ) -> Result<&'s User, ZitadelError> {
        if user_id == self.user_id {
            return self.me(store);
        }
        let target = store.user(user_id);
        match target {
            Some(user) if self.me(store)?.may(permission, &user.org_id) => Ok(user),
            // Without the permission nobody learns whether the user exists.
            Some(_) => Err(ZitadelError::permission_denied()),
            None => Err(ZitadelError::user_not_found()),
        }
    }
}
