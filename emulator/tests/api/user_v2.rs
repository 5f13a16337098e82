use reqwest::StatusCode;
use serde_json::json;

use crate::support::{assert_details, assert_error, Server, ALICE, GINA, GLOBEX, IDA, PAT};

const NORA: &str = "283746529384750004";

fn user(id: &str, rest: &str) -> String {
    format!("/v2/users/{id}{rest}")
}

#[tokio::test]
async fn authentication_methods_tell_password_and_idp_apart() {
    let server = Server::start().await;
    let cases = [
        (
            ALICE,
            "demo-alice",
            vec!["PASSWORD", "PASSKEY", "TOTP", "U2F", "OTP_SMS", "OTP_EMAIL"],
        ),
        (PAT, "demo-pat", vec!["PASSKEY"]),
        (IDA, "demo-ida", vec!["PASSKEY", "IDP"]),
    ];
    for (id, token, types) in cases {
        let (status, body) = server
            .get(&user(id, "/authentication_methods"))
            .token(token)
            .send()
            .await;
        assert_eq!(status, StatusCode::OK);
        let expected: Vec<_> = types
            .iter()
            .map(|t| format!("AUTHENTICATION_METHOD_TYPE_{t}"))
            .collect();
        assert_eq!(body["authMethodTypes"], json!(expected));
        assert_eq!(body["details"]["totalResult"], types.len().to_string());
    }
}

#[tokio::test]
async fn a_user_reads_themself_but_not_others_without_permission() {
    let server = Server::start().await;
    let (status, body) = server
        .get(&user(ALICE, ""))
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["username"], "alice");
    assert_eq!(body["user"]["human"]["profile"]["givenName"], "Alice");
    // No membership in Globex: 404 AUTHZ-cdgFk; a membership without the permission:
    // the v2 checks' own 403 AUTH-AWfge (internal/api/authz/permissions.go).
    assert_error(
        &server.get(&user(GINA, "")).token("demo-alice").send().await,
        404,
        5,
        "AUTHZ-cdgFk",
    );
    assert_error(
        &server
            .delete(&user(GINA, "/totp"))
            .token("demo-alice")
            .send()
            .await,
        404,
        5,
        "AUTHZ-cdgFk",
    );
    assert_error(
        &server
            .delete(&user(ALICE, "/otp_sms"))
            .token("demo-victor")
            .send()
            .await,
        403,
        7,
        "AUTH-AWfge",
    );
    // TOTP and WebAuthn look the factor up first: a missing one is its own 404.
    assert_error(
        &server
            .delete(&user(GINA, "/passkeys/1"))
            .token("demo-alice")
            .send()
            .await,
        404,
        5,
        "COMMAND-DAfb2",
    );
    // Lists refuse when the user has matching entries (SearchUserAuthMethods checks the
    // first entry's user, internal/query/user_auth_method.go), and answer an empty 200
    // when there are none.
    for path in ["/passkeys/_search", "/authentication_factors/_search"] {
        let answer = server
            .post(&user(GINA, path))
            .token("demo-alice")
            .send()
            .await;
        assert_error(&answer, 404, 5, "AUTHZ-cdgFk");
        let (status, body) = server
            .post(&user(NORA, path))
            .token("demo-gina")
            .send()
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.get("result").is_none(), "{body}");
    }
    let (status, methods) = server
        .get(&user("404", "/authentication_methods"))
        .token("demo-admin")
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(methods.get("authMethodTypes").is_none(), "{methods}");
    assert_error(
        &server
            .get(&user("404", ""))
            .token("demo-admin")
            .send()
            .await,
        404,
        5,
        "QUERY-Dfbg2",
    );
}

#[tokio::test]
async fn lists_for_another_user_with_permission() {
    let server = Server::start().await;
    let (status, passkeys) = server
        .post(&user(GINA, "/passkeys/_search"))
        .token("demo-admin")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(passkeys["result"][0]["name"], "Surface Hello");
    assert_eq!(passkeys["details"]["totalResult"], "1");
    let (_, factors) = server
        .post(&user(GINA, "/authentication_factors/_search"))
        .token("demo-admin")
        .send()
        .await;
    assert_eq!(factors["result"].as_array().unwrap().len(), 4);
    let not_ready = user(
        GINA,
        "/authentication_factors/_search?states=AUTH_FACTOR_STATE_NOT_READY",
    );
    assert_eq!(
        server.post(&not_ready).token("demo-admin").send().await,
        (StatusCode::OK, json!({}))
    );
}

#[tokio::test]
async fn every_kind_is_removed_through_v2() {
    let server = Server::start().await;
    let cases = [
        ("/passkeys/283746529384760001", "COMMAND-DAfb2"),
        ("/u2f/283746529384760101", "COMMAND-DAfb2"),
        ("/totp", "COMMAND-Hd9sd"),
        ("/otp_sms", "COMMAND-Sr3h3"),
        ("/otp_email", "COMMAND-b312D"),
    ];
    for (rest, id) in cases {
        let path = user(GINA, rest);
        assert_details(
            &server.delete(&path).token("demo-admin").send().await,
            GLOBEX,
        );
        assert_error(
            &server.delete(&path).token("demo-admin").send().await,
            404,
            5,
            id,
        );
    }
    let (_, methods) = server
        .get(&user(GINA, "/authentication_methods"))
        .token("demo-admin")
        .send()
        .await;
    assert_eq!(
        methods["authMethodTypes"],
        json!(["AUTHENTICATION_METHOD_TYPE_PASSWORD"])
    );
}

#[tokio::test]
async fn a_user_removes_their_own_factor_through_v2() {
    let server = Server::start().await;
    let answer = server
        .delete(&user(ALICE, "/otp_email"))
        .token("demo-alice")
        .send()
        .await;
    assert_details(&answer, "69629023906488334");
}

#[tokio::test]
async fn idp_links_need_the_permission_only_when_there_are_some() {
    // IDPUserLinks (internal/query/idp_user_link.go): the first link's user is checked.
    let server = Server::start().await;
    let path = format!("/v2/users/{IDA}/links/_search");
    let (status, body) = server
        .post(&path)
        .token("demo-ida")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["result"],
        json!([{"idpId": "251438001923849217", "userId": "google-0005", "userName": "ida.external@gmail.com"}])
    );
    let refused = server
        .post(&path)
        .token("demo-gina")
        .json(json!({}))
        .send()
        .await;
    assert_error(&refused, 404, 5, "AUTHZ-cdgFk");
    // Without links there is nothing to check: an empty 200, as for an unknown user.
    for user in [PAT, "999"] {
        let (status, body) = server
            .post(&format!("/v2/users/{user}/links/_search"))
            .token("demo-gina")
            .json(json!({}))
            .send()
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.get("result").is_none(), "{body}");
    }
}

#[tokio::test]
async fn an_idp_link_is_found_first_then_the_permission_is_checked() {
    let server = Server::start().await;
    let path = format!("/v2/users/{IDA}/links/251438001923849217/google-0005");
    let missing = server
        .delete(&format!("/v2/users/{IDA}/links/251438001923849217/nobody"))
        .token("demo-gina")
        .json(json!({}))
        .send()
        .await;
    assert_error(&missing, 404, 5, "COMMAND-1M9xR");
    let refused = server
        .delete(&path)
        .token("demo-gina")
        .json(json!({}))
        .send()
        .await;
    assert_error(&refused, 404, 5, "AUTHZ-cdgFk");
    let removed = server
        .delete(&path)
        .token("demo-admin")
        .json(json!({}))
        .send()
        .await;
    assert_details(&removed, "69629023906488334");
}
