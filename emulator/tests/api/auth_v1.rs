use reqwest::StatusCode;
use serde_json::json;

use zitadel_emulator::store::{Seed, DEFAULT_SEED};
use zitadel_emulator::AppState;

use crate::support::{assert_details, assert_error, Server, ACME, IDA};

const ME: &str = "/auth/v1/users/me";
const MY_FACTORS: &str = "/auth/v1/users/me/auth_factors/_search";
const MY_PASSKEYS: &str = "/auth/v1/users/me/passwordless/_search";

#[tokio::test]
async fn my_user_has_the_v1_shape() {
    let server = Server::start().await;
    let (status, body) = server.get(ME).token("demo-alice").send().await;
    assert_eq!(status, StatusCode::OK);
    let user = &body["user"];
    assert_eq!(user["id"], "283746529384750001");
    assert_eq!(user["userName"], "alice");
    assert_eq!(user["state"], "USER_STATE_ACTIVE");
    assert_eq!(user["preferredLoginName"], "alice@acme.example.com");
    assert_eq!(user["human"]["profile"]["displayName"], "Alice Adams");
    assert_eq!(user["details"]["resourceOwner"], ACME);
    assert!(body["lastLogin"].is_string());
}

#[tokio::test]
async fn my_auth_factors_follow_the_wire_rules() {
    let server = Server::start().await;
    let answer = server.post(MY_FACTORS).token("demo-alice").send().await;
    assert_eq!(
        answer,
        (
            StatusCode::OK,
            json!({"result": [
                {"state": "AUTH_FACTOR_STATE_READY", "otp": {}},
                {"state": "AUTH_FACTOR_STATE_READY", "u2f": {"id": "283746529384756123", "name": "YubiKey 5C"}},
                {"state": "AUTH_FACTOR_STATE_READY", "u2f": {"id": "283746529384751234"}},
                {"state": "AUTH_FACTOR_STATE_READY", "otpSms": {}},
                {"state": "AUTH_FACTOR_STATE_READY", "otpEmail": {}},
            ]})
        )
    );
}

#[tokio::test]
async fn my_passkeys_are_the_ready_ones_only() {
    // internal/api/grpc/auth/passwordless.go queries MFAStateReady, like the factor lists.
    let server = Server::start().await;
    let (status, body) = server.post(MY_PASSKEYS).token("demo-alice").send().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["result"][0]["name"], "MacBook Touch ID");
    let listed = body["result"].as_array().unwrap();
    assert_eq!(
        listed.len(),
        2,
        "the seeded NOT_READY passkey is not listed"
    );
    assert!(listed
        .iter()
        .all(|p| p["state"] == "AUTH_FACTOR_STATE_READY"));
}

#[tokio::test]
async fn empty_lists_are_empty_objects() {
    let server = Server::start().await;
    for path in [MY_FACTORS, MY_PASSKEYS] {
        assert_eq!(
            server.post(path).token("demo-nora").send().await,
            (StatusCode::OK, json!({}))
        );
    }
}

#[tokio::test]
async fn each_kind_is_removed_once_then_is_a_404_with_zitadels_id() {
    let server = Server::start().await;
    let cases = [
        ("auth_factors/otp", "COMMAND-Hd9sd"),
        ("auth_factors/otp_sms", "COMMAND-Sr3h3"),
        ("auth_factors/otp_email", "COMMAND-b312D"),
        ("auth_factors/u2f/283746529384756123", "COMMAND-DAfb2"),
        ("passwordless/283746529384756999", "COMMAND-DAfb2"),
    ];
    let mut last = 0;
    for (path, id) in cases {
        let path = format!("{ME}/{path}");
        let sequence = assert_details(&server.delete(&path).token("demo-alice").send().await, ACME);
        assert_eq!(
            sequence,
            last + 1,
            "alice's own sequence grows by one per event"
        );
        last = sequence;
        assert_error(
            &server.delete(&path).token("demo-alice").send().await,
            404,
            5,
            id,
        );
    }
    let (_, factors) = server.post(MY_FACTORS).token("demo-alice").send().await;
    assert_eq!(
        factors,
        json!({"result": [{"state": "AUTH_FACTOR_STATE_READY", "u2f": {"id": "283746529384751234"}}]})
    );
    let (_, passkeys) = server.post(MY_PASSKEYS).token("demo-alice").send().await;
    assert_eq!(passkeys["result"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_last_factor_is_never_protected_by_the_server() {
    let server = Server::start().await;
    let answer = server
        .delete(&format!("{ME}/passwordless/283746529384758001"))
        .token("demo-pat")
        .send()
        .await;
    assert_details(&answer, ACME);
    assert_eq!(
        server.post(MY_PASSKEYS).token("demo-pat").send().await.1,
        json!({})
    );
}

#[tokio::test]
async fn encoded_ids_stay_inside_their_segment() {
    let server = Server::start().await;
    for id in ["..%2Fotp", "a%2Fb", "a%3Fb", "a%23b", "%20"] {
        let answer = server
            .delete(&format!("{ME}/auth_factors/u2f/{id}"))
            .token("demo-alice")
            .send()
            .await;
        assert_error(&answer, 404, 5, "COMMAND-DAfb2");
    }
    // Nothing else was touched.
    let (_, factors) = server.post(MY_FACTORS).token("demo-alice").send().await;
    assert_eq!(factors["result"].as_array().unwrap().len(), 5);
}

/// URL parsers (this client's, like browsers') resolve `%2E%2E` as `..`, so no encoding
/// keeps a dot id in its segment: the widget refuses such ids before sending.
#[tokio::test]
async fn an_encoded_dot_dot_segment_is_resolved_by_the_client() {
    let server = Server::start().await;
    let url = reqwest::Url::parse(&format!("{}{ME}/auth_factors/u2f/%2E%2E", server.base)).unwrap();
    assert_eq!(url.path(), "/auth/v1/users/me/auth_factors/");
}

#[tokio::test]
async fn my_login_policy_omits_defaults() {
    let server = Server::start().await;
    let (status, body) = server
        .get("/auth/v1/policies/login")
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    let policy = &body["policy"];
    assert_eq!(policy["allowUsernamePassword"], true);
    assert!(
        policy.get("forceMfa").is_none(),
        "false is omitted: {policy}"
    );
    assert_eq!(policy["passwordlessType"], "PASSWORDLESS_TYPE_ALLOWED");
    assert_eq!(policy["secondFactors"].as_array().unwrap().len(), 4);
    assert_eq!(policy["idps"][0]["idpName"], "Google");
    let (_, frank) = server
        .get("/auth/v1/policies/login")
        .token("demo-frank")
        .send()
        .await;
    assert_eq!(frank["policy"]["forceMfa"], true);
    assert!(frank["policy"].get("idps").is_none());
}

#[tokio::test]
async fn a_missing_header_is_a_bare_401_with_www_authenticate() {
    let server = Server::start().await;
    let response = server.post(MY_FACTORS).builder.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().contains_key("www-authenticate"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, json!({"code": 16, "message": "auth header missing"}));
}

#[tokio::test]
async fn unknown_and_wrongly_cased_tokens_are_invalid() {
    let server = Server::start().await;
    let answer = server.post(MY_FACTORS).token("not-a-token").send().await;
    assert_error(&answer, 401, 16, "AUTH-7fs1e");
    assert_eq!(answer.1["message"], "Errors.Token.Invalid (AUTH-7fs1e)");
    // internal/api/authz/context.go splits on "Bearer " and wants two parts.
    for value in [
        "bearer demo-alice",
        "Bearer",
        "demo-alice",
        "Bearer a Bearer b",
    ] {
        let answer = server
            .post(MY_FACTORS)
            .header("authorization", value)
            .send()
            .await;
        assert_error(&answer, 401, 16, "AUTH-toLo1");
    }
}

#[tokio::test]
async fn a_token_without_mfa_where_mfa_is_forced_is_a_403_mfa_required() {
    // token_verifier.go checkAuthentication: mona's org (Globex) forces MFA.
    let server = Server::start().await;
    for call in [
        server.post(MY_FACTORS),
        server.get("/auth/v1/policies/login"),
        server.get("/auth/v1/users/me"),
    ] {
        let answer = call.token("demo-mona").send().await;
        assert_error(&answer, 403, 7, "AUTHZ-Kl3p0");
        assert_eq!(answer.1["message"], "mfa required (AUTHZ-Kl3p0)");
    }
}

#[tokio::test]
async fn sequences_count_per_user_and_per_organization() {
    let server = Server::start().await;
    let alice = server
        .delete(&format!("{ME}/auth_factors/otp"))
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(assert_details(&alice, ACME), 1);
    let gina = server
        .delete("/v2/users/283746529384750006/totp")
        .token("demo-gina")
        .send()
        .await;
    assert_eq!(
        assert_details(&gina, "71203958304958201"),
        1,
        "gina's own sequence"
    );
    let alice = server
        .delete(&format!("{ME}/auth_factors/otp_sms"))
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(assert_details(&alice, ACME), 2);
}

#[tokio::test]
async fn an_unknown_path_is_the_gateways_not_found() {
    let server = Server::start().await;
    let answer = server
        .delete(&format!("{ME}/auth_factors/u2f/"))
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(
        answer,
        (
            StatusCode::NOT_FOUND,
            json!({"code": 5, "message": "Not Found"})
        )
    );
}

#[tokio::test]
async fn a_token_without_mfa_under_force_mfa_local_only_is_refused_too() {
    // checkAuthentication (internal/authz/repository/eventsourcing/eventstore/token_verifier.go):
    // RequiresMFA(forceMfa, forceMfaLocalOnly, local) is forceMfa || forceMfaLocalOnly
    // for a password sign-in; Hooli sets forceMfaLocalOnly alone.
    let mut seed = Seed::parse(DEFAULT_SEED).unwrap();
    let lou = seed
        .users
        .iter_mut()
        .find(|u| u.user_name == "lou")
        .unwrap();
    lou.signed_in_without_mfa = true;
    let server = Server::with(AppState::new(seed).quiet()).await;
    let answer = server.post(MY_FACTORS).token("demo-lou").send().await;
    assert_error(&answer, 403, 7, "AUTHZ-Kl3p0");
}

#[tokio::test]
async fn my_idp_links_are_listed_with_the_idps_names() {
    // ListMyLinkedIDPs (internal/api/grpc/auth/idp.go), IDPUserLinkToPb.
    let server = Server::start().await;
    let (status, body) = server
        .post(&format!("{ME}/idps/_search"))
        .token("demo-ida")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["details"]["totalResult"], "1");
    assert_eq!(
        body["result"],
        json!([{
            "userId": IDA,
            "idpId": "251438001923849217",
            "idpName": "Google",
            "providedUserId": "google-0005",
            "providedUserName": "ida.external@gmail.com",
            "idpType": "IDP_TYPE_OIDC",
        }])
    );
    // An IdP no login policy lists keeps its name from the instance's configuration.
    let (_, uma) = server
        .post(&format!("{ME}/idps/_search"))
        .token("demo-uma")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(uma["result"][0]["idpName"], "Okta");
    // No links: list details only.
    let (status, alice) = server
        .post(&format!("{ME}/idps/_search"))
        .token("demo-alice")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(alice.get("result").is_none(), "{alice}");
}

#[tokio::test]
async fn my_idp_link_is_removed_once_and_then_not_found() {
    // RemoveMyLinkedIDP; removeUserIDPLink answers 404 COMMAND-1M9xR for a link that is gone.
    let server = Server::start().await;
    let path = format!("{ME}/idps/251438001923849217/google-0005");
    let removed = server.delete(&path).token("demo-ida").send().await;
    assert_details(&removed, ACME);
    let again = server.delete(&path).token("demo-ida").send().await;
    assert_error(&again, 404, 5, "COMMAND-1M9xR");
    let (_, listed) = server
        .post(&format!("{ME}/idps/_search"))
        .token("demo-ida")
        .json(json!({}))
        .send()
        .await;
    assert!(listed.get("result").is_none(), "{listed}");
    let (_, methods) = server
        .get(&format!("/v2/users/{IDA}/authentication_methods"))
        .token("demo-ida")
        .send()
        .await;
    assert!(!methods.to_string().contains("IDP"), "{methods}");
}
