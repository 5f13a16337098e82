//! The emulator as an OpenID provider: discovery, the code flow with PKCE, tokens that
//! work on the API, replay, revocation, re-authentication and end session.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Client, StatusCode};
use serde_json::Value;

use zitadel_emulator::store::{Seed, DEFAULT_SEED};
use zitadel_emulator::AppState;

use crate::support::Server;

const CLIENT: &str = "mfa-manager";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// BASE64URL(SHA256(VERIFIER)), RFC 7636 appendix B.
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn no_redirects() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The emulator with its OpenID client in development mode, as `make run` starts it: the
/// client's redirect URIs are `http://` pages on this machine.
async fn provider() -> Server {
    let seed = Seed::parse(DEFAULT_SEED).unwrap();
    Server::with(AppState::new(seed).quiet().with_oidc_dev_mode()).await
}

fn authorize_url(server: &Server, extra: &str) -> String {
    format!(
        "{}/oauth/v2/authorize?client_id={CLIENT}&redirect_uri={}&response_type=code\
         &scope=openid%20profile&state=st-1&nonce=n-1&code_challenge={CHALLENGE}\
         &code_challenge_method=S256{extra}",
        server.base,
        urlencode(REDIRECT)
    )
}

fn urlencode(text: &str) -> String {
    text.replace(':', "%3A").replace('/', "%2F")
}

/// The query of a redirect's `Location`, as pairs.
fn location_query(response: &reqwest::Response) -> Vec<(String, String)> {
    let location = response.headers()["location"].to_str().unwrap();
    let query = location.split_once('?').map_or("", |(_, q)| q);
    url_pairs(query)
}

fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), percent_decode(v)))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Signs in as `user` on the emulator's page; returns the code and the session cookie.
async fn sign_in(server: &Server, user: &str) -> (String, String) {
    let client = no_redirects();
    let page = client.get(authorize_url(server, "")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!(r#"value="{user}""#)), "{html}");
    let request = html
        .split(r#"name="request" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let picked = client
        .post(format!("{}/oauth/v2/authorize", server.base))
        .form(&[("request", request.as_str()), ("user", user)])
        .send()
        .await
        .unwrap();
    assert_eq!(picked.status(), StatusCode::SEE_OTHER);
    let cookie = picked.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let pairs = location_query(&picked);
    assert_eq!(param(&pairs, "state"), Some("st-1"));
    (param(&pairs, "code").unwrap().to_string(), cookie)
}

async fn exchange(server: &Server, code: &str, verifier: &str) -> (StatusCode, Value) {
    let response = no_redirects()
        .post(format!("{}/oauth/v2/token", server.base))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("client_id", CLIENT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn claims(id_token: &str) -> Value {
    let payload = id_token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn discovery_names_zitadels_endpoints() {
    let server = provider().await;
    let (status, body) = server.get("/.well-known/openid-configuration").send().await;
    assert_eq!(status, StatusCode::OK);
    let issuer = body["issuer"].as_str().unwrap();
    assert_eq!(issuer, server.base);
    for (field, path) in [
        ("authorization_endpoint", "/oauth/v2/authorize"),
        ("token_endpoint", "/oauth/v2/token"),
        ("revocation_endpoint", "/oauth/v2/revoke"),
        ("end_session_endpoint", "/oidc/v1/end_session"),
        ("userinfo_endpoint", "/oidc/v1/userinfo"),
        ("jwks_uri", "/oauth/v2/keys"),
    ] {
        assert_eq!(body[field], format!("{issuer}{path}"), "{field}");
    }
    assert_eq!(body["code_challenge_methods_supported"][0], "S256");
}

#[tokio::test]
async fn the_code_flow_with_pkce_gives_a_token_that_works_on_the_api() {
    let server = provider().await;
    let (code, _) = sign_in(&server, "alice").await;
    let (status, tokens) = exchange(&server, &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let access = tokens["access_token"].as_str().unwrap();
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(id["nonce"], "n-1");
    assert_eq!(id["aud"][0], CLIENT);
    assert_eq!(id["sub"], crate::support::ALICE);
    assert!(id["auth_time"].as_u64().unwrap() > 1_700_000_000);
    assert_eq!(id["amr"], serde_json::json!(["pwd", "mfa"]));
    // As ZITADEL by default ("User Info inside ID Token" off, userinfo.go userInfoToOIDC):
    // no profile in the ID token, the name from UserInfo.
    assert_eq!(id.get("name"), None);
    assert_eq!(id.get("preferred_username"), None);
    let (status, info) = server.get("/oidc/v1/userinfo").token(access).send().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["sub"], crate::support::ALICE);
    assert_eq!(info["name"], "Alice Adams");
    assert_eq!(info["preferred_username"], "alice");
    let (status, me) = server.get("/auth/v1/users/me").token(access).send().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["userName"], "alice");
    // Revoked: the API no longer takes it.
    let revoked = no_redirects()
        .post(format!("{}/oauth/v2/revoke", server.base))
        .form(&[("token", access), ("client_id", CLIENT)])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::OK);
    let (status, _) = server.get("/auth/v1/users/me").token(access).send().await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = server.get("/oidc/v1/userinfo").token(access).send().await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_verifier_and_a_replayed_code_are_refused() {
    let server = provider().await;
    let (code, _) = sign_in(&server, "alice").await;
    let (status, body) = exchange(&server, &code, "not-the-verifier").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    let (status, tokens) = exchange(&server, &code, VERIFIER).await;
    assert_eq!(status, StatusCode::OK);
    let access = tokens["access_token"].as_str().unwrap().to_string();
    // RFC 6749 4.1.2: the replay fails and revokes what the code gave.
    let (status, body) = exchange(&server, &code, VERIFIER).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let (status, _) = server.get("/auth/v1/users/me").token(&access).send().await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_is_reused_unless_a_fresh_sign_in_is_asked_for() {
    let server = provider().await;
    let (_, cookie) = sign_in(&server, "alice").await;
    let client = no_redirects();
    let again = client
        .get(authorize_url(&server, ""))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        StatusCode::SEE_OTHER,
        "the session signs in"
    );
    assert!(param(&location_query(&again), "code").is_some());
    for fresh in ["&prompt=login", "&max_age=0"] {
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let asked = client
            .get(authorize_url(&server, fresh))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            asked.status(),
            StatusCode::OK,
            "{fresh}: the page asks again"
        );
    }
    // End session: the cookie is cleared and the page goes back where it asked.
    let ended = client
        .get(format!(
            "{}/oidc/v1/end_session?post_logout_redirect_uri={}&state=bye",
            server.base,
            urlencode("http://127.0.0.1:9/")
        ))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    assert_eq!(param(&location_query(&ended), "state"), Some("bye"));
    let after = client
        .get(authorize_url(&server, ""))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::OK, "signed out: asked again");
}

#[tokio::test]
async fn bad_authorization_requests_are_refused_where_it_is_safe() {
    let server = provider().await;
    let client = no_redirects();
    // An unknown redirect is never redirected to.
    let foreign =
        authorize_url(&server, "").replace(&urlencode(REDIRECT), "https%3A%2F%2Fevil.example%2F");
    let refused = client.get(foreign).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    // Without PKCE: ZITADEL's provider answers at the authorize URL, as JSON, and does
    // not redirect back (authorizeHandler → WriteError, github.com/zitadel/oidc
    // pkg/op/server_http.go).
    let plain = authorize_url(&server, "").replace(
        "&code_challenge_method=S256",
        "&code_challenge_method=plain",
    );
    let answer = client.get(plain).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    assert!(answer.headers().get("location").is_none());
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    assert_eq!(body["error_description"], "PKCE with S256 is required");
}

#[tokio::test]
async fn signing_out_redirects_only_to_a_registered_post_logout_uri() {
    // ValidateEndSessionPostLogoutRedirectURI (github.com/zitadel/oidc pkg/op/session.go):
    // the post-logout URIs are a list apart from the redirect URIs; here the root of a
    // page on this machine. Another is a JSON 400 on the provider, and nothing ends.
    let server = provider().await;
    let client = no_redirects();
    for refused in ["https://evil.example/", "http://127.0.0.1:9/portal/"] {
        let answer = client
            .get(format!(
                "{}/oidc/v1/end_session?post_logout_redirect_uri={}",
                server.base,
                urlencode(refused)
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{refused}");
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": "invalid_request", "error_description": "post_logout_redirect_uri invalid"})
        );
    }
    let allowed = client
        .get(format!(
            "{}/oidc/v1/end_session?post_logout_redirect_uri={}",
            server.base,
            urlencode("http://localhost:8080/")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_http_redirect_uri_needs_the_clients_development_mode() {
    // ValidateAuthReqRedirectURI (github.com/zitadel/oidc pkg/op/auth_request.go): a
    // public client's http:// redirect URI is accepted only in development mode.
    let server = Server::start().await;
    let answer = no_redirects()
        .get(authorize_url(&server, ""))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with("This client's redirect_uri is http and is not allowed."),
        "{body}"
    );
}
