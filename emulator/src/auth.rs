//! Who is calling: the bearer token in `Authorization`, exactly as ZITADEL reads it.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use crate::error::ZitadelError;
use crate::AppState;

/// The signed-in user behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
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
        let store = state.store.lock().expect("store lock");
        let user = store
            .user_by_token(token)
            .ok_or_else(ZitadelError::token_invalid)?;
        Ok(Caller {
            user_id: user.id.clone(),
        })
    }
}
