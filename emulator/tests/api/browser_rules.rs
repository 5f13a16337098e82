//! CORS and the origin gate, as a browser meets them.

use reqwest::{Method, StatusCode};
use zitadel_emulator::store::{Seed, DEFAULT_SEED};
use zitadel_emulator::AppState;

use crate::support::{assert_error, Server};

const MY_FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";

#[tokio::test]
async fn cors_reflects_the_origin_with_credentials() {
    let server = Server::start().await;
    let response = server
        .post(MY_FACTORS)
        .token("demo-alice")
        .header("origin", "https://portal.example")
        .builder
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

#[tokio::test]
async fn error_answers_carry_cors_headers_too() {
    let server = Server::start().await;
    let response = server
        .post(MY_FACTORS)
        .header("origin", "https://portal.example")
        .builder
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://portal.example"
    );
}

async fn preflight(server: &Server, method: &str, headers: &str) -> reqwest::Response {
    server
        .call(Method::OPTIONS, MY_FACTORS)
        .header("origin", "https://portal.example")
        .header("access-control-request-method", method)
        .header("access-control-request-headers", headers)
        .builder
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_preflight_for_allowed_headers_passes() {
    let server = Server::start().await;
    let response = preflight(
        &server,
        "DELETE",
        "authorization,content-type,x-zitadel-orgid",
    )
    .await;
    let headers = response.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://portal.example"
    );
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("x-zitadel-orgid"), "{allowed}");
    assert_eq!(headers["access-control-allow-methods"], "DELETE");
    assert!(
        !headers.contains_key("access-control-max-age"),
        "ZITADEL sends no Max-Age: every call is preflighted"
    );
}

#[tokio::test]
async fn a_preflight_for_any_other_header_is_refused() {
    let server = Server::start().await;
    for headers in ["authorization,x-custom-trace", "x-request-id"] {
        let response = preflight(&server, "POST", headers).await;
        assert!(
            !response
                .headers()
                .contains_key("access-control-allow-origin"),
            "{headers}"
        );
    }
    let response = preflight(&server, "TRACE", "authorization").await;
    assert!(!response
        .headers()
        .contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn the_origin_gate_refuses_origins_not_allowed() {
    let state = AppState::new(Seed::parse(DEFAULT_SEED).unwrap())
        .quiet()
        .with_allowed_origins(vec!["https://portal.example".into()]);
    let server = Server::with(state).await;
    let refused = server
        .post(MY_FACTORS)
        .token("demo-alice")
        .header("origin", "https://evil.example")
        .send()
        .await;
    assert_error(&refused, 403, 7, "AUTH-DZG21");
    assert_eq!(refused.1["message"], "Errors.OriginNotAllowed (AUTH-DZG21)");
    let allowed = server
        .post(MY_FACTORS)
        .token("demo-alice")
        .header("origin", "https://portal.example")
        .send()
        .await;
    assert_eq!(allowed.0, StatusCode::OK);
    // Calls that are not from a browser carry no Origin and pass.
    assert_eq!(
        server.post(MY_FACTORS).token("demo-alice").send().await.0,
        StatusCode::OK
    );
}
