//! Signing the page in with ZITADEL: OpenID Connect's authorization code flow with PKCE
//! for a public client in the browser, as data. Everything here is pure and tested on
//! the host; the browser parts (random bytes, SHA-256, storage, redirects, `fetch`) come
//! later in the page and hand their results in.

pub mod base64url;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::api::wire::{Json, NotZitadel, Read};

/// Everything but RFC 3986's unreserved characters is escaped in a query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The scopes the page asks for: an ID token, the user's name, and an access token
/// whose audience is ZITADEL's own APIs.
pub const SCOPES: &str = "openid profile urn:zitadel:iam:org:project:id:zitadel:aud";

/// The page's sign-in settings, from the small file it loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInConfig {
    pub issuer: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// [`SCOPES`] unless the file says otherwise.
    pub scopes: String,
    /// Where the provider sends the browser after signing out; the redirect URI if absent.
    pub post_logout_redirect_uri: Option<String>,
    /// A removal needs a sign-in no older than this many seconds (300 unless the file
    /// says otherwise).
    pub max_auth_age: u64,
}

/// Reads the sign-in file: `issuer`, `clientId` and `redirectUri` are required.
pub fn decode_config(body: &[u8]) -> Result<SignInConfig, SignInError> {
    let read = |json: &Json| -> Read<SignInConfig> {
        let required = |key: &str| -> Read<String> {
            Some(json.required_text(key)?)
                .filter(|v| !v.trim().is_empty())
                .ok_or(NotZitadel)
        };
        let max_auth_age = json.opt_number("maxAuthAge")?.unwrap_or(300.0);
        Ok(SignInConfig {
            issuer: required("issuer")?,
            client_id: required("clientId")?,
            redirect_uri: required("redirectUri")?,
            scopes: json
                .opt_text("scopes")?
                .unwrap_or_else(|| SCOPES.to_string()),
            post_logout_redirect_uri: json.opt_text("postLogoutRedirectUri")?,
            max_auth_age: max_auth_age.max(0.0) as u64,
        })
    };
    Json::object(body)
        .and_then(|json| read(&json))
        .map_err(|NotZitadel| {
            SignInError::Config(
                "the sign-in file needs issuer, clientId and redirectUri as text".into(),
            )
        })
}

/// What a sign-in failed on; each has its own words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInError {
    /// The configuration file or the discovery document is missing or wrong.
    Config(String),
    /// The sign-in could not start in this browser (no session storage, no WebCrypto).
    Start(String),
    /// The callback came without a sign-in this page started, or with another `state`.
    StateMismatch,
    /// The provider answered `error=…` (the user cancelled, the request was refused).
    Provider {
        error: String,
        description: Option<String>,
    },
    /// The code could not be exchanged (a replayed or expired code, a wrong verifier).
    Exchange(String),
    /// The ID token is not for this sign-in: nonce, audience or form.
    IdToken(String),
}

/// The provider's endpoints, from `/.well-known/openid-configuration`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: Option<String>,
    pub end_session_endpoint: Option<String>,
    /// Where the user's name is when the ID token does not carry it (ZITADEL's default).
    pub userinfo_endpoint: Option<String>,
}

/// The discovery URL of an issuer (OpenID Connect Discovery 1.0, section 4).
pub fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

/// Reads a discovery document; its `issuer` must be the configured one (section 4.3).
pub fn decode_discovery(body: &[u8], issuer: &str) -> Result<Discovery, SignInError> {
    let read = |json: &Json| -> Read<Discovery> {
        Ok(Discovery {
            issuer: json.required_text("issuer")?,
            authorization_endpoint: json.required_text("authorization_endpoint")?,
            token_endpoint: json.required_text("token_endpoint")?,
            revocation_endpoint: json.opt_text("revocation_endpoint")?,
            end_session_endpoint: json.opt_text("end_session_endpoint")?,
            userinfo_endpoint: json.opt_text("userinfo_endpoint")?,
        })
    };
    let discovery = Json::object(body)
        .and_then(|json| read(&json))
        .map_err(|NotZitadel| {
            SignInError::Config(
                "the discovery document is not valid: it needs issuer, \
                 authorization_endpoint and token_endpoint"
                    .into(),
            )
        })?;
    if discovery.issuer.trim_end_matches('/') != issuer.trim_end_matches('/') {
        return Err(SignInError::Config(format!(
            "the discovery document is for {}, not {issuer}",
            discovery.issuer
        )));
    }
    Ok(discovery)
}

/// The PKCE `S256` challenge from SHA-256 of the verifier (RFC 7636, section 4.2).
pub fn pkce_challenge(verifier_sha256: &[u8]) -> String {
    base64url::encode(verifier_sha256)
}

/// A verifier, `state` or `nonce` from 32 random bytes: 43 characters of the unreserved
/// set, as RFC 7636 section 4.1 recommends.
pub fn random_text(bytes: &[u8; 32]) -> String {
    base64url::encode(bytes)
}

/// How recent the sign-in must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// A session the provider already has is fine.
    Any,
    /// Ask the user to sign in again now (`prompt=login`, `max_age=0`).
    Fresh,
}

/// The authorization request the browser is sent to.
pub fn authorize_url(
    discovery: &Discovery,
    config: &SignInConfig,
    state: &str,
    nonce: &str,
    challenge: &str,
    freshness: Freshness,
) -> String {
    let mut query = vec![
        ("client_id", config.client_id.as_str()),
        ("redirect_uri", config.redirect_uri.as_str()),
        ("response_type", "code"),
        ("scope", config.scopes.as_str()),
        ("state", state),
        ("nonce", nonce),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    if freshness == Freshness::Fresh {
        query.push(("prompt", "login"));
        query.push(("max_age", "0"));
    }
    with_query(&discovery.authorization_endpoint, &query)
}

fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, QUERY_VALUE)))
        .collect();
    format!("{base}{separator}{}", query.join("&"))
}

/// The form body of the code exchange (RFC 6749 4.1.3 with RFC 7636 4.5).
pub fn token_request_body(config: &SignInConfig, code: &str, verifier: &str) -> String {
    let pairs = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", config.redirect_uri.as_str()),
        ("client_id", config.client_id.as_str()),
        ("code_verifier", verifier),
    ];
    with_query("", &pairs).trim_start_matches('?').to_string()
}

/// What the provider sent back to the redirect URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// Not a callback: no `code`, `state` or `error` in the query.
    None,
    Code {
        code: String,
        state: String,
    },
    Error(SignInError),
}

/// Reads the redirect URI's query (without `?`), checking `state` against the one this
/// browser stored when it started (`expected_state`; `None` when it started none).
pub fn parse_callback(query: &str, expected_state: Option<&str>) -> Callback {
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    for pair in query.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode_query_value(value);
        match key {
            "code" => code = Some(value),
            "state" => state = Some(value),
            "error" => error = Some(value),
            "error_description" => description = Some(value),
            _ => {}
        }
    }
    if code.is_none() && error.is_none() && state.is_none() {
        return Callback::None;
    }
    // The state is checked first: an answer to a sign-in this page did not start
    // (or started in another tab) is not acted on, error or not.
    if state.is_none() || state.as_deref() != expected_state {
        return Callback::Error(SignInError::StateMismatch);
    }
    match (code, error) {
        (_, Some(error)) => Callback::Error(SignInError::Provider { error, description }),
        (Some(code), None) if !code.is_empty() => Callback::Code {
            code,
            state: state.unwrap_or_default(),
        },
        _ => Callback::Error(SignInError::Provider {
            error: "invalid_request".into(),
            description: Some("the answer carried no code".into()),
        }),
    }
}

/// `application/x-www-form-urlencoded` value: `+` is a space, `%XX` a byte.
fn decode_query_value(value: &str) -> String {
    let spaced = value.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// The token endpoint's answer.
#[derive(Clone, PartialEq, Eq)]
pub struct Tokens {
    pub access_token: String,
    pub id_token: String,
    pub expires_in: Option<u64>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("access_token", &"<redacted>")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Decodes the token endpoint's answer: tokens on 200, else its OAuth error.
pub fn decode_tokens(status: u16, body: &[u8]) -> Result<Tokens, SignInError> {
    if status == 200 {
        let read = |json: &Json| -> Read<Tokens> {
            Ok(Tokens {
                access_token: json.required_text("access_token")?,
                id_token: json.required_text("id_token")?,
                expires_in: json.has("expires_in").then(|| json.int64("expires_in")),
            })
        };
        return Json::object(body)
            .and_then(|json| read(&json))
            .map_err(|_| SignInError::Exchange("the token answer is not valid".into()));
    }
    let error = |json: &Json| -> Read<String> {
        let error = json.required_text("error")?;
        Ok(match json.opt_text("error_description")? {
            Some(d) => format!("{error}: {d}"),
            None => error,
        })
    };
    let reason = Json::object(body)
        .and_then(|json| error(&json))
        .unwrap_or_else(|_| format!("HTTP {status}"));
    Err(SignInError::Exchange(reason))
}

/// The ID token's claims the page uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdClaims {
    pub sub: String,
    /// When the user last signed in (seconds since 1970); absent if the provider omits it.
    pub auth_time: Option<u64>,
    pub name: Option<String>,
    pub preferred_username: Option<String>,
    nonce: Option<String>,
    aud: Vec<String>,
}

impl IdClaims {
    /// Reads the claims; `aud` is one string or a list (OpenID Connect Core 2).
    pub fn read(json: &Json) -> Read<Self> {
        let aud = match json.opt_text("aud") {
            Ok(one) => one.into_iter().collect(),
            Err(NotZitadel) => json.texts("aud")?,
        };
        Ok(IdClaims {
            sub: json.required_text("sub")?,
            auth_time: json.opt_number("auth_time")?.map(|t| t.max(0.0) as u64),
            name: json.opt_text("name")?,
            preferred_username: json.opt_text("preferred_username")?,
            nonce: json.opt_text("nonce")?,
            aud,
        })
    }
}

impl IdClaims {
    /// The name to show, when the ID token carries one.
    pub fn display_name(&self) -> Option<&str> {
        self.name
            .as_deref()
            .or(self.preferred_username.as_deref())
            .filter(|n| !n.trim().is_empty())
    }
}

/// The name in a UserInfo answer, if it is about `sub`: its `sub` must be the ID token's
/// (OpenID Connect Core 5.3.2), else it is about someone else and is not used.
pub fn userinfo_name(body: &[u8], sub: &str) -> Option<String> {
    let info = Json::object(body).ok()?;
    if info.opt_text("sub").ok()?? != sub {
        return None;
    }
    let name = info.opt_text("name").ok()?;
    name.or(info.opt_text("preferred_username").ok()?)
        .filter(|n| !n.trim().is_empty())
}

/// Reads the ID token's claims and checks that it belongs to this sign-in: its `nonce`
/// and that `aud` names this client (OpenID Connect Core 3.1.3.7). Its signature is not
/// checked: it came straight from the token endpoint over TLS (item 6 of that section).
pub fn check_id_token(
    id_token: &str,
    client_id: &str,
    nonce: &str,
) -> Result<IdClaims, SignInError> {
    let bad = |why: &str| SignInError::IdToken(why.to_string());
    let mut parts = id_token.split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("not a JWT"));
    };
    let json = base64url::decode(payload).ok_or_else(|| bad("its payload is not base64url"))?;
    let claims = Json::object(&json)
        .and_then(|claims| IdClaims::read(&claims))
        .map_err(|_| bad("its claims are not valid"))?;
    if claims.nonce.as_deref() != Some(nonce) {
        return Err(bad("its nonce is not this sign-in's"));
    }
    if !claims.aud.iter().any(|a| a == client_id) {
        return Err(bad("it is not for this client"));
    }
    Ok(claims)
}

/// Whether a sign-in at `auth_time` is older than `max_age_s` at `now_s`; an unknown
/// sign-in time counts as too old.
pub fn too_old(auth_time: Option<u64>, max_age_s: u64, now_s: u64) -> bool {
    auth_time.is_none_or(|t| now_s.saturating_sub(t) > max_age_s)
}

/// The body of a revocation (RFC 7009, 2.1) for a public client.
pub fn revocation_body(token: &str, client_id: &str) -> String {
    with_query(
        "",
        &[
            ("token", token),
            ("token_type_hint", "access_token"),
            ("client_id", client_id),
        ],
    )
    .trim_start_matches('?')
    .to_string()
}

/// Where to send the browser to end the provider's session (RP-Initiated Logout 1.0).
/// No `state`: it is optional there, and back on the page it would read as an answer
/// to a sign-in.
pub fn end_session_url(
    discovery: &Discovery,
    config: &SignInConfig,
    id_token: &str,
) -> Option<String> {
    let endpoint = discovery.end_session_endpoint.as_deref()?;
    let back = config
        .post_logout_redirect_uri
        .as_deref()
        .unwrap_or(&config.redirect_uri);
    Some(with_query(
        endpoint,
        &[
            ("id_token_hint", id_token),
            ("post_logout_redirect_uri", back),
            ("client_id", config.client_id.as_str()),
        ],
    ))
}

#[cfg(test)]
mod tests;
