//! The emulator as an OpenID provider, on ZITADEL's paths (`internal/api/oidc/server.go`,
//! `cmd/defaults.yaml` `CustomEndpoints`): discovery, an authorization endpoint with a
//! minimal page to pick a seeded user, the token endpoint for the authorization code
//! with PKCE `S256` (RFC 7636), revocation (RFC 7009) and end session. Tokens it issues
//! work on its API. One public client, for pages on this machine.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::AppState;

/// The public client the widget's page uses (no secret: PKCE instead).
pub const CLIENT_ID: &str = "mfa-manager";
const ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
const SESSION_COOKIE: &str = "zmm_emulator_session";

/// What the provider remembers: pending sign-ins, codes, sessions and issued tokens.
#[derive(Default)]
pub struct OidcState {
    /// The client's development mode: without it an `http://` redirect URI is refused.
    pub dev_mode: bool,
    pending: HashMap<String, AuthRequest>,
    codes: HashMap<String, Code>,
    sessions: HashMap<String, Session>,
    tokens: HashMap<String, Issued>,
}

#[derive(Clone, Debug, Deserialize)]
struct AuthRequest {
    client_id: Option<String>,
    redirect_uri: Option<String>,
    response_type: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    max_age: Option<u64>,
    prompt: Option<String>,
}

struct Code {
    request: AuthRequest,
    user_id: String,
    auth_time: u64,
    /// Set once exchanged: a second exchange revokes what the first issued.
    exchanged_for: Option<String>,
}

#[derive(Clone)]
struct Session {
    user_id: String,
    auth_time: u64,
}

/// An access token the provider issued.
#[derive(Clone, Debug)]
pub struct Issued {
    pub user_id: String,
    pub auth_time: u64,
    /// The scopes granted: UserInfo answers with the profile only for `profile`.
    scope: String,
    expires: SystemTime,
}

impl OidcState {
    /// The user an issued, unexpired access token signs in as.
    pub fn user_of(&self, token: &str) -> Option<&Issued> {
        self.tokens
            .get(token)
            .filter(|t| t.expires > SystemTime::now())
    }

    /// Accepts an access token another provider issued to `user_id`, as ZITADEL's API
    /// accepts the tokens of its own provider (a test control: see `controls.rs`).
    pub fn accept(&mut self, token: String, user_id: String) {
        let issued = Issued {
            user_id,
            auth_time: now(),
            scope: "openid profile".into(),
            expires: SystemTime::now() + ACCESS_TOKEN_LIFETIME,
        };
        self.tokens.insert(token, issued);
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/oauth/v2/authorize", get(authorize).post(picked))
        .route("/oauth/v2/token", post(token))
        .route("/oauth/v2/revoke", post(revoke))
        .route("/oidc/v1/end_session", get(end_session))
        .route("/oidc/v1/userinfo", get(userinfo))
        .route("/oauth/v2/keys", get(keys))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A random value for codes, tokens and session ids.
fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("the system's random source");
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The issuer is the origin the page reached the emulator at.
fn issuer(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

async fn discovery(headers: HeaderMap) -> Response {
    let issuer = issuer(&headers);
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/oauth/v2/authorize"),
        "token_endpoint": format!("{issuer}/oauth/v2/token"),
        "revocation_endpoint": format!("{issuer}/oauth/v2/revoke"),
        "end_session_endpoint": format!("{issuer}/oidc/v1/end_session"),
        "userinfo_endpoint": format!("{issuer}/oidc/v1/userinfo"),
        "jwks_uri": format!("{issuer}/oauth/v2/keys"),
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["HS256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "aud", "exp", "iat", "iss", "auth_time", "nonce", "amr", "name", "preferred_username"],
    }))
    .into_response()
}

/// Only pages on this machine may receive codes: `http://127.0.0.1[:port]/…` or
/// `http://localhost[:port]/…`, no user info, nothing that parses as another host.
fn redirect_allowed(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    matches!(host, "127.0.0.1" | "localhost") && port.bytes().all(|b| b.is_ascii_digit())
}

/// The post-logout URIs of the client, a list apart from its redirect URIs: the root of
/// a page on this machine (`http://127.0.0.1:*/`, `http://localhost:*/`, globs as a
/// development-mode app may have). ZITADEL's provider redirects after signing out only
/// to a registered one (`ValidateEndSessionPostLogoutRedirectURI` in
/// `github.com/zitadel/oidc` `pkg/op/session.go`).
fn post_logout_allowed(uri: &str) -> bool {
    redirect_allowed(uri)
        && uri
            .strip_prefix("http://")
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(_, path)| path.is_empty())
}

fn error_page(status: StatusCode, message: &str) -> Response {
    let text = message.replace('&', "&amp;").replace('<', "&lt;");
    (
        status,
        Html(format!(
            "<!doctype html><title>Sign-in error</title><link rel=\"icon\" href=\"data:,\"><p>{text}</p>"
        )),
    )
        .into_response()
}

/// A redirect back to the client with `query` appended (RFC 6749, section 4.1.2).
fn back_to_client(redirect_uri: &str, query: &[(&str, &str)]) -> Response {
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    let encoded: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    Redirect::to(&format!("{redirect_uri}{separator}{}", encoded.join("&"))).into_response()
}

fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn session_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(request): Query<AuthRequest>,
) -> Response {
    // ZITADEL's provider answers every validation error of the authorization request
    // at the authorize URL, as JSON, without redirecting back (`authorizeHandler` →
    // `WriteError` in `github.com/zitadel/oidc` `pkg/op/server_http.go`).
    if request.client_id.as_deref() != Some(CLIENT_ID) {
        return oauth_error("invalid_client", "unknown client_id");
    }
    if !request
        .redirect_uri
        .as_deref()
        .is_some_and(redirect_allowed)
    {
        return oauth_error(
            "invalid_request",
            "The requested redirect_uri is missing in the client configuration. \
             If you have any questions, you may contact the administrator of the application.",
        );
    }
    // Every registered URI is `http://` (pages on this machine): a public client may use
    // one only in development mode (`ValidateAuthReqRedirectURI`).
    if !state.oidc.lock().expect("oidc lock").dev_mode {
        return oauth_error(
            "invalid_request",
            "This client's redirect_uri is http and is not allowed. \
             If you have any questions, you may contact the administrator of the application.",
        );
    }
    let refuse = oauth_error;
    if request.response_type.as_deref() != Some("code") {
        return refuse(
            "unsupported_response_type",
            "only the authorization code flow",
        );
    }
    if !request
        .scope
        .as_deref()
        .is_some_and(|s| s.split(' ').any(|s| s == "openid"))
    {
        return refuse("invalid_scope", "the openid scope is required");
    }
    if request
        .code_challenge
        .as_deref()
        .unwrap_or_default()
        .is_empty()
        || request.code_challenge_method.as_deref() != Some("S256")
    {
        return refuse("invalid_request", "PKCE with S256 is required");
    }
    // A sign-in of this browser that is recent enough is used as it is.
    let session = session_of(&headers).and_then(|id| {
        let oidc = state.oidc.lock().expect("oidc lock");
        oidc.sessions.get(&id).cloned()
    });
    let ask_again = request
        .prompt
        .as_deref()
        .is_some_and(|p| p.split(' ').any(|p| p == "login"));
    if let Some(session) = session.filter(|s| {
        !ask_again
            && request
                .max_age
                .is_none_or(|max| now().saturating_sub(s.auth_time) <= max)
    }) {
        return issue_code(&state, request, session.user_id, session.auth_time, None);
    }
    let id = random_token("ar-");
    let users: Vec<(String, String)> = {
        let store = state.store.lock().expect("store lock");
        store
            .users()
            .map(|u| (u.user_name.clone(), u.about.clone()))
            .collect()
    };
    state
        .oidc
        .lock()
        .expect("oidc lock")
        .pending
        .insert(id.clone(), request);
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    let buttons: String = users
        .iter()
        .map(|(name, about)| {
            format!(
                r#"<li><button name="user" value="{}">{}</button> <span>{}</span></li>"#,
                escape(name),
                escape(name),
                escape(about)
            )
        })
        .collect();
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in (ZITADEL emulator)</title><link rel="icon" href="data:,"></head>
<body><main><h1>Sign in</h1><p>The emulator's sign-in: pick a seeded user.</p>
<form method="post" action="/oauth/v2/authorize"><input type="hidden" name="request" value="{id}"><ul>{buttons}</ul></form></main></body></html>"#
    ))
    .into_response()
}

#[derive(Deserialize)]
struct Picked {
    request: String,
    user: String,
}

async fn picked(State(state): State<AppState>, Form(picked): Form<Picked>) -> Response {
    let Some(request) = state
        .oidc
        .lock()
        .expect("oidc lock")
        .pending
        .remove(&picked.request)
    else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "this sign-in has expired; start again",
        );
    };
    let user_id = {
        let store = state.store.lock().expect("store lock");
        let found = store.users().find(|u| u.user_name == picked.user);
        found.map(|u| u.id.clone())
    };
    let Some(user_id) = user_id else {
        return error_page(StatusCode::BAD_REQUEST, "no such user");
    };
    let session = random_token("s-");
    issue_code(&state, request, user_id, now(), Some(session))
}

/// Redirects back with a fresh code; a new sign-in also sets the browser's session.
fn issue_code(
    state: &AppState,
    request: AuthRequest,
    user_id: String,
    auth_time: u64,
    new_session: Option<String>,
) -> Response {
    let code = random_token("c-");
    let redirect_uri = request.redirect_uri.clone().unwrap_or_default();
    let state_param = request.state.clone();
    let mut oidc = state.oidc.lock().expect("oidc lock");
    if let Some(id) = &new_session {
        oidc.sessions.insert(
            id.clone(),
            Session {
                user_id: user_id.clone(),
                auth_time,
            },
        );
    }
    oidc.codes.insert(
        code.clone(),
        Code {
            request,
            user_id,
            auth_time,
            exchanged_for: None,
        },
    );
    drop(oidc);
    let mut query = vec![("code", code.as_str())];
    if let Some(s) = state_param.as_deref() {
        query.push(("state", s));
    }
    let mut response = back_to_client(&redirect_uri, &query);
    if let Some(id) = new_session {
        let cookie = format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax");
        if let Ok(value) = cookie.parse() {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

#[derive(Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
}

/// An OAuth error as the provider answers it where it does not redirect: JSON, 400
/// (`RequestError` / `WriteError` in `github.com/zitadel/oidc` `pkg/op`).
fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// The PKCE challenge of a verifier: BASE64URL(SHA256(verifier)) (RFC 7636, 4.2).
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TokenRequest>,
) -> Response {
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error("unsupported_grant_type", "only authorization_code");
    }
    let mut oidc = state.oidc.lock().expect("oidc lock");
    let Some(code) = form.code.as_deref().and_then(|c| oidc.codes.get_mut(c)) else {
        return oauth_error("invalid_grant", "unknown or expired code");
    };
    // RFC 6749, 4.1.2: a code used twice revokes what it gave.
    if let Some(issued) = code.exchanged_for.clone() {
        oidc.tokens.remove(&issued);
        return oauth_error("invalid_grant", "the code was already used");
    }
    let request = code.request.clone();
    if form.client_id.as_deref() != request.client_id.as_deref()
        || form.redirect_uri.as_deref() != request.redirect_uri.as_deref()
    {
        return oauth_error(
            "invalid_grant",
            "client_id or redirect_uri do not match the code",
        );
    }
    let verified = form
        .code_verifier
        .as_deref()
        .is_some_and(|v| Some(s256(v)) == request.code_challenge);
    if !verified {
        return oauth_error(
            "invalid_grant",
            "code_verifier does not match the code_challenge",
        );
    }
    let access_token = random_token("at-");
    code.exchanged_for = Some(access_token.clone());
    let (user_id, auth_time) = (code.user_id.clone(), code.auth_time);
    oidc.tokens.insert(
        access_token.clone(),
        Issued {
            user_id: user_id.clone(),
            auth_time,
            scope: request.scope.clone().unwrap_or_default(),
            expires: SystemTime::now() + ACCESS_TOKEN_LIFETIME,
        },
    );
    drop(oidc);
    let second_factor = {
        let store = state.store.lock().expect("store lock");
        let user = store.user(&user_id);
        user.is_some_and(|u| !u.signed_in_without_mfa)
    };
    let amr = if second_factor {
        json!(["pwd", "mfa"])
    } else {
        json!(["pwd"])
    };
    let issued_at = now();
    let claims = json!({
        "iss": issuer(&headers),
        "sub": user_id,
        "aud": [CLIENT_ID],
        "azp": CLIENT_ID,
        "exp": issued_at + ACCESS_TOKEN_LIFETIME.as_secs(),
        "iat": issued_at,
        "auth_time": auth_time,
        "nonce": request.nonce,
        "amr": amr,
    });
    Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_LIFETIME.as_secs(),
        "id_token": id_token(&claims),
    }))
    .into_response()
}

/// ZITADEL's ID token carries no profile claims unless the app enables "User Info inside
/// ID Token" (off by default): `userInfoToOIDC` in internal/api/oidc/userinfo.go skips
/// `profile` without `userInfoAssertion`, and `createIDToken` in
/// internal/api/oidc/token.go builds the ID token from that. UserInfo always has them.
async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or_default();
    let issued = state
        .oidc
        .lock()
        .expect("oidc lock")
        .user_of(token)
        .cloned();
    let Some(issued) = issued else {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#)],
        )
            .into_response();
    };
    let mut claims = json!({"sub": issued.user_id});
    if issued.scope.split(' ').any(|s| s == "profile") {
        let store = state.store.lock().expect("store lock");
        if let Some(user) = store.user(&issued.user_id) {
            claims["name"] = json!(user.display_name);
            claims["preferred_username"] = json!(user.user_name);
        }
    }
    Json(claims).into_response()
}

/// A compact JWS (HS256 with a key of this process). The client takes it straight from
/// the token endpoint and does not check the signature (OIDC Core 3.1.3.7, item 6).
fn id_token(claims: &serde_json::Value) -> String {
    use hmac::{Hmac, Mac};
    static KEY: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).expect("the system's random source");
        key
    });
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(format!("{header}.{payload}").as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{header}.{payload}.{signature}")
}

#[derive(Deserialize)]
struct RevokeRequest {
    token: Option<String>,
}

/// RFC 7009: 200 whether or not the token was known.
async fn revoke(State(state): State<AppState>, Form(form): Form<RevokeRequest>) -> Response {
    if let Some(token) = form.token {
        state.oidc.lock().expect("oidc lock").tokens.remove(&token);
    }
    StatusCode::OK.into_response()
}

#[derive(Deserialize)]
struct EndSession {
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

async fn end_session(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<EndSession>,
) -> Response {
    // Validated before the session ends (`EndSession`): a refused URI ends nothing.
    if let Some(uri) = &query.post_logout_redirect_uri {
        if !post_logout_allowed(uri) {
            return oauth_error("invalid_request", "post_logout_redirect_uri invalid");
        }
    }
    if let Some(id) = session_of(&headers) {
        state.oidc.lock().expect("oidc lock").sessions.remove(&id);
    }
    let mut response = match query.post_logout_redirect_uri {
        Some(uri) => match query.state.as_deref() {
            Some(s) => back_to_client(&uri, &[("state", s)]),
            None => Redirect::to(&uri).into_response(),
        },
        None => Html("<!doctype html><title>Signed out</title><link rel=\"icon\" href=\"data:,\"><p>Signed out.</p>").into_response(),
    };
    let expired = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    if let Ok(value) = expired.parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The ID tokens are signed with a symmetric key, which is never published.
async fn keys() -> Response {
    Json(json!({"keys": []})).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636, appendix B.
    #[test]
    fn the_s256_challenge_of_the_rfc_example() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn only_loopback_pages_receive_codes() {
        assert!(redirect_allowed("http://127.0.0.1:8080/"));
        assert!(redirect_allowed("http://localhost:3000/cb"));
        assert!(!redirect_allowed("https://evil.example/"));
        assert!(!redirect_allowed("http://127.0.0.1.evil.example/"));
        assert!(!redirect_allowed("http://localhost:3000@evil.example/"));
        assert!(!redirect_allowed("http://localhost:80x/"));
        assert!(redirect_allowed("http://127.0.0.1"));
    }
}
