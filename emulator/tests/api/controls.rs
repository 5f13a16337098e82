//! The test controls: reset, fault injection, list lag, the request log, the state file.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{assert_details, Server, ACME, GINA, GLOBEX};

const MY_FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const MY_TOTP: &str = "/auth/v1/users/me/auth_factors/otp";

async fn control(server: &Server, method: Method, path: &str, body: Value) -> StatusCode {
    server
        .call(method, &format!("/__emulator{path}"))
        .json(body)
        .send()
        .await
        .0
}

async fn fault(server: &Server, fault: Value) {
    assert_eq!(
        control(server, Method::POST, "/faults", fault).await,
        StatusCode::NO_CONTENT
    );
}

fn factor_count(body: &Value) -> usize {
    body["result"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn reset_restores_the_seed_and_the_sequence_keeps_growing() {
    let server = Server::start().await;
    let first = assert_details(
        &server.delete(MY_TOTP).token("demo-alice").send().await,
        ACME,
    );
    let (status, body) = server.post("/__emulator/reset").send().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["sequence"], first.to_string());
    assert_eq!(
        factor_count(&server.post(MY_FACTORS).token("demo-alice").send().await.1),
        5
    );
    let second = assert_details(
        &server.delete(MY_TOTP).token("demo-alice").send().await,
        ACME,
    );
    assert!(second > first);
}

#[tokio::test]
async fn an_injected_status_hits_only_the_matching_requests_and_only_as_often_as_asked() {
    let server = Server::start().await;
    fault(
        &server,
        json!({"method": "POST", "path": MY_FACTORS, "status": 503, "times": 2}),
    )
    .await;
    // Another method or path is not hit.
    assert_eq!(
        server.delete(MY_TOTP).token("demo-alice").send().await.0,
        StatusCode::OK
    );
    for _ in 0..2 {
        let (status, body) = server.post(MY_FACTORS).token("demo-alice").send().await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["code"], 14);
    }
    assert_eq!(
        server.post(MY_FACTORS).token("demo-alice").send().await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn injected_bodies_are_html_malformed_or_empty() {
    let server = Server::start().await;
    fault(&server, json!({"status": 502, "body": "html"})).await;
    let response = server
        .post(MY_FACTORS)
        .token("demo-alice")
        .builder
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(response.headers()["content-type"], "text/html");
    assert!(response.text().await.unwrap().starts_with("<html>"));

    fault(&server, json!({"body": "malformed"})).await;
    let response = server
        .post(MY_FACTORS)
        .token("demo-alice")
        .builder
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&response.bytes().await.unwrap()).is_err());

    fault(&server, json!({"status": 500, "body": "empty"})).await;
    let response = server
        .post(MY_FACTORS)
        .token("demo-alice")
        .builder
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_delay_holds_the_answer_back() {
    let server = Server::start().await;
    fault(&server, json!({"delayMs": 300})).await;
    let started = Instant::now();
    assert_eq!(
        server.post(MY_FACTORS).token("demo-alice").send().await.0,
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn a_dropped_connection_gives_no_answer() {
    let server = Server::start().await;
    fault(&server, json!({"drop": true})).await;
    let outcome = async {
        let response = server
            .post(MY_FACTORS)
            .token("demo-alice")
            .builder
            .send()
            .await?;
        response.bytes().await
    }
    .await;
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(
        server.post(MY_FACTORS).token("demo-alice").send().await.0,
        StatusCode::OK
    );
}

/// "Removed, but the answer was lost": the change is made, then the client hears a
/// 502, an HTML page, a dropped connection or nothing in time.
#[tokio::test]
async fn an_after_fault_lets_the_change_happen_and_loses_the_answer() {
    let server = Server::start().await;
    let totp_listed = |server: &Server| {
        let call = server.post(MY_FACTORS).token("demo-alice");
        async move {
            let (_, body) = call.send().await;
            body["result"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f.get("otp").is_some())
        }
    };
    for fault_body in [
        json!({"status": 502}),
        json!({"status": 200, "body": "html"}),
        json!({"drop": true}),
    ] {
        control(&server, Method::POST, "/reset", json!({})).await;
        let mut after = fault_body.clone();
        after["after"] = json!(true);
        after["method"] = json!("DELETE");
        fault(&server, after).await;
        let outcome = async {
            let response = server
                .delete(MY_TOTP)
                .token("demo-alice")
                .builder
                .send()
                .await?;
            let status = response.status();
            response.bytes().await.map(|body| (status, body))
        }
        .await;
        match outcome {
            Ok((status, body)) => assert!(
                status == StatusCode::BAD_GATEWAY || body.starts_with(b"<html>"),
                "{fault_body}: {status}"
            ),
            Err(_) => assert_eq!(fault_body["drop"], true),
        }
        assert!(
            !totp_listed(&server).await,
            "{fault_body}: removed all the same"
        );
    }
    // Delayed past the client's patience: the client gives up, the change stands, and the
    // request is in the log without a status.
    control(&server, Method::POST, "/reset", json!({})).await;
    fault(
        &server,
        json!({"method": "DELETE", "after": true, "delayMs": 2000}),
    )
    .await;
    let gave_up = server
        .delete(MY_TOTP)
        .token("demo-alice")
        .builder
        .timeout(Duration::from_millis(200))
        .send()
        .await;
    assert!(gave_up.is_err());
    assert!(!totp_listed(&server).await);
    let (_, log) = server.get("/__emulator/requests").send().await;
    let delete = log
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["method"] == "DELETE")
        .unwrap()
        .clone();
    assert_eq!(delete["path"], MY_TOTP);
    assert!(delete.get("status").is_none_or(Value::is_null), "{delete}");
}

#[tokio::test]
async fn faults_can_be_cleared() {
    let server = Server::start().await;
    fault(&server, json!({"status": 500, "times": 5})).await;
    assert_eq!(
        control(&server, Method::DELETE, "/faults", json!({})).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        server.post(MY_FACTORS).token("demo-alice").send().await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn lists_lag_behind_a_removal_when_asked_to() {
    let server = Server::start().await;
    assert_eq!(
        control(&server, Method::PUT, "/lag", json!({"ms": 400})).await,
        StatusCode::NO_CONTENT
    );
    assert_details(
        &server.delete(MY_TOTP).token("demo-alice").send().await,
        ACME,
    );
    let (_, lagging) = server.post(MY_FACTORS).token("demo-alice").send().await;
    assert_eq!(
        factor_count(&lagging),
        5,
        "the projection still shows the TOTP"
    );
    tokio::time::sleep(Duration::from_millis(450)).await;
    let (_, caught_up) = server.post(MY_FACTORS).token("demo-alice").send().await;
    assert_eq!(factor_count(&caught_up), 4);
}

#[tokio::test]
async fn the_request_log_keeps_headers_but_never_the_token() {
    let server = Server::start().await;
    server
        .post("/management/v1/users/x/auth_factors/_search")
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    server
        .delete(&format!("/management/v1/users/{GINA}/auth_factors/otp"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    let response = server
        .get("/__emulator/requests")
        .builder
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(!text.contains("demo-admin"), "{text}");
    let log: Value = serde_json::from_str(&text).unwrap();
    let delete = &log[1];
    assert_eq!(delete["method"], "DELETE");
    assert_eq!(delete["orgId"], GLOBEX);
    assert_eq!(delete["authorization"], true);
    assert_eq!(delete["status"], 200);
    assert!(delete["headers"]
        .as_array()
        .unwrap()
        .contains(&json!("x-zitadel-orgid")));
}

#[tokio::test]
async fn the_state_file_survives_a_restart_and_is_written_atomically() {
    let dir = std::env::temp_dir().join(format!("zitadel-emulator-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.json");
    let _ = std::fs::remove_file(&path);
    {
        let server = Server::with_state_file(path.clone()).await;
        assert_details(
            &server.delete(MY_TOTP).token("demo-alice").send().await,
            ACME,
        );
    }
    assert!(!path.with_extension("tmp").exists());
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["sequence"], 1);
    let server = Server::with_state_file(path.clone()).await;
    assert_eq!(
        factor_count(&server.post(MY_FACTORS).token("demo-alice").send().await.1),
        4
    );
    let next = assert_details(
        &server
            .delete("/auth/v1/users/me/auth_factors/otp_sms")
            .token("demo-alice")
            .send()
            .await,
        ACME,
    );
    assert_eq!(next, 2, "the sequence continues from the saved state");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_token_from_another_provider_works_once_accepted_for_a_seeded_user() {
    let server = Server::start().await;
    let outside = "opaque-token-of-another-provider";
    let before = server.post(MY_FACTORS).token(outside).send().await;
    assert_eq!(before.0, StatusCode::UNAUTHORIZED);
    let accepted = json!({"token": outside, "userName": "alice"});
    assert_eq!(
        control(&server, Method::POST, "/tokens", accepted).await,
        StatusCode::NO_CONTENT
    );
    let after = server.post(MY_FACTORS).token(outside).send().await;
    assert_eq!(after.0, StatusCode::OK);
    assert_eq!(factor_count(&after.1), 5, "alice's factors");
    let unknown = json!({"token": "another", "userName": "nobody"});
    assert_eq!(
        control(&server, Method::POST, "/tokens", unknown).await,
        StatusCode::NOT_FOUND
    );
}
