use reqwest::StatusCode;
use serde_json::json;

use crate::support::{assert_details, assert_error, Server, ACME, ALICE, GINA, GLOBEX};

fn user(id: &str, rest: &str) -> String {
    format!("/management/v1/users/{id}{rest}")
}

const POLICY: &str = "/management/v1/policies/login";

#[tokio::test]
async fn an_admin_reads_a_user_of_another_org_with_the_org_header() {
    let server = Server::start().await;
    let (status, body) = server
        .get(&user(GINA, ""))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["userName"], "gina");
    assert_eq!(body["user"]["details"]["resourceOwner"], GLOBEX);
    // Without the header the admin acts in its own org, where gina does not exist.
    let answer = server.get(&user(GINA, "")).token("demo-admin").send().await;
    assert_error(&answer, 404, 5, "QUERY-Dfbg2");
}

#[tokio::test]
async fn an_admin_lists_another_users_factors_and_passkeys() {
    let server = Server::start().await;
    let (status, factors) = server
        .post(&user(GINA, "/auth_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(factors["result"].as_array().unwrap().len(), 4);
    let (_, passkeys) = server
        .post(&user(GINA, "/passwordless/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(
        passkeys,
        json!({"result": [{"id": "283746529384760001", "state": "AUTH_FACTOR_STATE_READY", "name": "Surface Hello"}]})
    );
}

#[tokio::test]
async fn an_admin_removes_every_kind_of_another_users_factor() {
    let server = Server::start().await;
    let cases = [
        ("/auth_factors/otp", "COMMAND-Hd9sd"),
        ("/auth_factors/otp_sms", "COMMAND-Sr3h3"),
        ("/auth_factors/otp_email", "COMMAND-b312D"),
        ("/auth_factors/u2f/283746529384760101", "COMMAND-DAfb2"),
        ("/passwordless/283746529384760001", "COMMAND-DAfb2"),
    ];
    for (rest, id) in cases {
        let path = user(GINA, rest);
        assert_details(
            &server
                .delete(&path)
                .token("demo-admin")
                .org(GLOBEX)
                .send()
                .await,
            GLOBEX,
        );
        assert_error(
            &server
                .delete(&path)
                .token("demo-admin")
                .org(GLOBEX)
                .send()
                .await,
            404,
            5,
            id,
        );
    }
    let (_, factors) = server
        .post(&user(GINA, "/auth_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(factors, json!({}));
}

#[tokio::test]
async fn without_permissions_every_management_call_is_a_403() {
    let server = Server::start().await;
    let calls = [
        server.get(&user(ALICE, "")),
        server.post(&user(ALICE, "/auth_factors/_search")),
        server.post(&user(ALICE, "/passwordless/_search")),
        server.delete(&user(ALICE, "/auth_factors/otp")),
        server.delete(&user(ALICE, "/auth_factors/u2f/283746529384756123")),
        server.get(POLICY),
        server.post(&format!("{POLICY}/second_factors/_search")),
        server.delete(&format!("{POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP")),
        server.post(&format!("{POLICY}/auth_factors/_search")),
        server.delete(&format!(
            "{POLICY}/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"
        )),
    ];
    for call in calls {
        assert_error(&call.token("demo-alice").send().await, 403, 7, "AUTH-5mWD2");
    }
    // Nothing changed.
    let (_, me) = server
        .post("/auth/v1/users/me/auth_factors/_search")
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(me["result"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn an_org_the_caller_may_not_act_in_is_a_403() {
    let server = Server::start().await;
    let answer = server
        .post(&user(GINA, "/auth_factors/_search"))
        .token("demo-admin")
        .org("999")
        .send()
        .await;
    assert_error(&answer, 403, 7, "AUTH-5mWD2");
}

#[tokio::test]
async fn the_org_login_policy_and_its_factor_lists() {
    let server = Server::start().await;
    let (status, body) = server
        .get(POLICY)
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["policy"]["forceMfa"], true);
    assert!(
        body.get("isDefault").is_none(),
        "Globex has its own policy: {body}"
    );
    let (_, acme) = server.get(POLICY).token("demo-admin").send().await;
    assert_eq!(acme["isDefault"], true);

    let (_, second) = server
        .post(&format!("{POLICY}/second_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(
        second["result"],
        json!(["SECOND_FACTOR_TYPE_OTP", "SECOND_FACTOR_TYPE_U2F"])
    );
    assert_eq!(second["details"]["totalResult"], "2");
    assert!(second["details"]["viewTimestamp"].is_string());
    let (_, multi) = server
        .post(&format!("{POLICY}/auth_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(
        multi["result"],
        json!(["MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"])
    );
}

#[tokio::test]
async fn second_factor_types_are_removed_by_name_or_number() {
    let server = Server::start().await;
    let second = |kind: &str| format!("{POLICY}/second_factors/{kind}");
    assert_details(
        &server
            .delete(&second("SECOND_FACTOR_TYPE_OTP"))
            .token("demo-admin")
            .org(GLOBEX)
            .send()
            .await,
        GLOBEX,
    );
    let again = server
        .delete(&second("SECOND_FACTOR_TYPE_OTP"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_error(&again, 404, 5, "Org-3M9od");
    assert_details(
        &server
            .delete(&second("2"))
            .token("demo-admin")
            .org(GLOBEX)
            .send()
            .await,
        GLOBEX,
    );
    let (_, left) = server
        .post(&format!("{POLICY}/second_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert!(left.get("result").is_none(), "{left}");
    for bad in ["SECOND_FACTOR_TYPE_UNSPECIFIED", "0", "FOO"] {
        assert_error(
            &server
                .delete(&second(bad))
                .token("demo-admin")
                .org(GLOBEX)
                .send()
                .await,
            400,
            3,
            "Org-5M9ds",
        );
    }
    // ACME is untouched.
    let (_, acme) = server
        .post(&format!("{POLICY}/second_factors/_search"))
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(acme["result"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn multi_factor_types_are_removed_under_multi_factors() {
    let server = Server::start().await;
    let path = format!("{POLICY}/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION");
    assert_details(&server.delete(&path).token("demo-admin").send().await, ACME);
    assert_error(
        &server.delete(&path).token("demo-admin").send().await,
        404,
        5,
        "Org-3M9od",
    );
    let (_, multi) = server
        .post(&format!("{POLICY}/auth_factors/_search"))
        .token("demo-admin")
        .send()
        .await;
    assert!(multi.get("result").is_none());
}
