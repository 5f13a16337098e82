//! The emulator over real HTTP on 127.0.0.1: wire rules, auth and CORS.

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use zitadel_emulator::store::{Seed, DEFAULT_SEED};
use zitadel_emulator::{app, serve, AppState};

struct Server {
    base: String,
    client: Client,
    _stop: oneshot::Sender<()>,
}

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let router = app(AppState::new(Seed::parse(DEFAULT_SEED).unwrap()), None);
        tokio::spawn(serve(listener, router, async {
            let _ = stopped.await;
        }));
        Server {
            base,
            client: Client::new(),
            _stop: stop,
        }
    }

    fn request(&self, method: Method, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let builder = self.client.request(method, format!("{}{path}", self.base));
        match token {
            Some(token) => builder.header("authorization", format!("Bearer {token}")),
            None => builder,
        }
    }

    async fn post(&self, path: &str, token: &str) -> (StatusCode, Value) {
        let response = self
            .request(Method::POST, path, Some(token))
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap())
    }
}

const MY_FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const MY_PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";

#[tokio::test]
async fn my_auth_factors_follow_the_wire_rules() {
    let server = Server::start().await;
    let (status, body) = server.post(MY_FACTORS, "demo-alice").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"result": [
            {"state": "AUTH_FACTOR_STATE_READY", "otp": {}},
            {"state": "AUTH_FACTOR_STATE_READY", "u2f": {"id": "283746529384756123", "name": "YubiKey 5C"}},
            {"state": "AUTH_FACTOR_STATE_READY", "u2f": {"id": "283746529384751234"}},
            {"state": "AUTH_FACTOR_STATE_READY", "otpSms": {}},
            {"state": "AUTH_FACTOR_STATE_READY", "otpEmail": {}},
        ]})
    );
}

#[tokio::test]
async fn my_passkeys_omit_empty_names_and_show_states() {
    let server = Server::start().await;
    let (status, body) = server.post(MY_PASSKEYS, "demo-alice").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["result"][0]["name"], "MacBook Touch ID");
    assert_eq!(
        body["result"][2],
        json!({"id": "283746529384757002", "state": "AUTH_FACTOR_STATE_NOT_READY"})
    );
}

#[tokio::test]
async fn empty_lists_are_empty_objects() {
    let server = Server::start().await;
    assert_eq!(
        server.post(MY_FACTORS, "demo-nora").await,
        (StatusCode::OK, json!({}))
    );
    assert_eq!(
        server.post(MY_PASSKEYS, "demo-nora").await,
        (StatusCode::OK, json!({}))
    );
}

#[tokio::test]
async fn a_missing_header_is_a_bare_401() {
    let server = Server::start().await;
    let response = server
        .request(Method::POST, MY_FACTORS, None)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().contains_key("www-authenticate"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, json!({"code": 16, "message": "auth header missing"}));
}

#[tokio::test]
async fn unknown_and_wrongly_cased_tokens_are_invalid() {
    let server = Server::start().await;
    let (status, body) = server.post(MY_FACTORS, "not-a-token").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "Errors.Token.Invalid (AUTH-7fs1e)");
    assert_eq!(body["details"][0]["id"], "AUTH-7fs1e");
    let lower = server
        .client
        .post(format!("{}{MY_FACTORS}", server.base))
        .header("authorization", "bearer demo-alice")
        .send()
        .await
        .unwrap();
    assert_eq!(lower.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cors_reflects_the_origin_with_credentials() {
    let server = Server::start().await;
    let response = server
        .request(Method::POST, MY_FACTORS, Some("demo-alice"))
        .header("origin", "https://portal.example")
        .send()
        .await
        .unwrap();
    let headers = response.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://portal.example"
    );
    assert_eq!(headers["access-control-allow-credentials"], "true");
}

async fn preflight(server: &Server, headers: &str) -> reqwest::Response {
    server
        .request(Method::OPTIONS, MY_FACTORS, None)
        .header("origin", "https://portal.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", headers)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_preflight_for_allowed_headers_passes() {
    let server = Server::start().await;
    let response = preflight(&server, "authorization,content-type,x-zitadel-orgid").await;
    let headers = response.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://portal.example"
    );
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("x-zitadel-orgid"), "{allowed}");
}

#[tokio::test]
async fn a_preflight_for_any_other_header_is_refused() {
    let server = Server::start().await;
    let response = preflight(&server, "authorization,x-custom-trace").await;
    assert!(!response
        .headers()
        .contains_key("access-control-allow-origin"));
}
