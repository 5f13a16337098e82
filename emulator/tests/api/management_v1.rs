use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{
    assert_added_details, assert_details, assert_error, Server, ACME, ALICE, GINA, GLOBEX,
};

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
async fn without_a_membership_every_management_call_is_a_404_membership_not_found() {
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
    // internal/api/authz/permissions.go: no membership in the org acted in is NotFound.
    for call in calls {
        assert_error(
            &call.token("demo-alice").send().await,
            404,
            5,
            "AUTHZ-cdgFk",
        );
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
async fn a_membership_without_the_permission_is_a_403() {
    // victor is a member of ACME with user.read and policy.read only.
    let server = Server::start().await;
    let (status, _) = server
        .post(&user(ALICE, "/auth_factors/_search"))
        .token("demo-victor")
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    for call in [
        server.delete(&user(ALICE, "/auth_factors/otp")),
        server.delete(&format!("{POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP")),
        server.delete(POLICY),
    ] {
        assert_error(
            &call.token("demo-victor").send().await,
            403,
            7,
            "AUTH-5mWD2",
        );
    }
    // In Globex, victor has no membership at all.
    let answer = server
        .post(&user(GINA, "/auth_factors/_search"))
        .token("demo-victor")
        .org(GLOBEX)
        .send()
        .await;
    assert_error(&answer, 404, 5, "AUTHZ-cdgFk");
}

#[tokio::test]
async fn an_unknown_org_header_is_a_403_before_anything_else() {
    // internal/api/authz/context.go: AUTH-Bs7Ds, on every API.
    let server = Server::start().await;
    for call in [
        server.post(&user(GINA, "/auth_factors/_search")),
        server.get("/auth/v1/users/me"),
        server.get("/auth/v1/policies/login"),
    ] {
        let answer = call.token("demo-admin").org("999").send().await;
        assert_error(&answer, 403, 7, "AUTH-Bs7Ds");
    }
}

#[tokio::test]
async fn lists_do_not_check_the_users_organization_but_removals_do() {
    // internal/api/grpc/management/user.go: the list query filters by user id only.
    let server = Server::start().await;
    let (status, listed) = server
        .post(&user(GINA, "/auth_factors/_search"))
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["result"].as_array().unwrap().len(), 4, "{listed}");
    let (_, unknown) = server
        .post(&user("404", "/passwordless/_search"))
        .token("demo-admin")
        .send()
        .await;
    assert_eq!(unknown, json!({}));
    // The removal commands look the factor up in the org acted in: the factor's 404.
    for (path, id) in [
        ("/auth_factors/otp", "COMMAND-Hd9sd"),
        ("/auth_factors/otp_sms", "COMMAND-Sr3h3"),
        ("/auth_factors/u2f/283746529384760101", "COMMAND-DAfb2"),
        ("/passwordless/283746529384760001", "COMMAND-DAfb2"),
    ] {
        let answer = server
            .delete(&user(GINA, path))
            .token("demo-admin")
            .org(ACME)
            .send()
            .await;
        assert_error(&answer, 404, 5, id);
    }
    let (_, still) = server
        .post(&user(GINA, "/auth_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_eq!(
        still["result"].as_array().unwrap().len(),
        4,
        "nothing removed"
    );
}

#[tokio::test]
async fn an_org_on_the_default_settings_lists_them_but_removes_nothing() {
    // internal/command/org_policy_login_factors_model.go reads the org's own events only.
    let server = Server::start().await;
    let (_, policy) = server
        .get(POLICY)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(policy["isDefault"], true);
    assert_eq!(policy["policy"]["isDefault"], true);
    assert_eq!(policy["policy"]["passwordCheckLifetime"], "864000s");
    let (_, listed) = server
        .post(&format!("{POLICY}/second_factors/_search"))
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(listed["result"].as_array().unwrap().len(), 4);
    let otp = format!("{POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP");
    let answer = server
        .delete(&otp)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_error(&answer, 404, 5, "Org-3M9od");
    let multi = format!("{POLICY}/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION");
    let answer = server
        .delete(&multi)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_error(&answer, 404, 5, "Org-3M9df");

    // AddCustomLoginPolicy gives ACME its own settings; then the removal works.
    let mut body = policy["policy"].clone();
    let object = body.as_object_mut().unwrap();
    for key in ["details", "isDefault"] {
        object.remove(key);
    }
    for idp in object["idps"].as_array_mut().unwrap() {
        let idp = idp.as_object_mut().unwrap();
        idp.remove("idpName");
        idp.remove("idpType");
        idp.insert("ownerType".into(), json!("IDP_OWNER_TYPE_SYSTEM"));
    }
    let added = server
        .post(POLICY)
        .token("demo-admin")
        .org(ACME)
        .json(body.clone())
        .send()
        .await;
    // One event for the policy, one per second factor (4), multi-factor (1) and IdP (1).
    // object.AddToDetailsPb: the date is `creationDate`, there is no `changeDate`.
    assert_eq!(assert_added_details(&added, ACME), 7);
    let again = server
        .post(POLICY)
        .token("demo-admin")
        .org(ACME)
        .json(body)
        .send()
        .await;
    assert_error(&again, 409, 6, "Org-Dgfb2");
    let (_, own) = server
        .get(POLICY)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert!(own.get("isDefault").is_none(), "{own}");
    assert_eq!(own["policy"]["details"]["resourceOwner"], ACME);
    assert_eq!(own["policy"]["mfaInitSkipLifetime"], "2592000s");
    assert_eq!(
        assert_details(
            &server
                .delete(&otp)
                .token("demo-admin")
                .org(ACME)
                .send()
                .await,
            ACME
        ),
        8
    );

    // ResetLoginPolicyToDefault goes back; the default still has OTP.
    assert_details(
        &server
            .delete(POLICY)
            .token("demo-admin")
            .org(ACME)
            .send()
            .await,
        ACME,
    );
    let (_, back) = server
        .get(POLICY)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(back["isDefault"], true);
    assert_eq!(back["policy"]["secondFactors"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn add_custom_login_policy_refuses_an_unknown_idp_and_unspecified_types() {
    let server = Server::start().await;
    let body = |extra: Value| {
        let mut body = json!({"allowUsernamePassword": true, "passwordCheckLifetime": "864000s"});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let unknown_idp = body(json!({"idps": [{"idpId": "1", "ownerType": "IDP_OWNER_TYPE_SYSTEM"}]}));
    let answer = server
        .post(POLICY)
        .token("demo-admin")
        .org(ACME)
        .json(unknown_idp)
        .send()
        .await;
    assert_error(&answer, 400, 9, "Org-FEd32");
    // prepareAddLoginPolicy refuses unspecified types with ids of its own.
    for (field, kind, id) in [
        (
            "secondFactors",
            "SECOND_FACTOR_TYPE_UNSPECIFIED",
            "Org-SFeea",
        ),
        ("multiFactors", "MULTI_FACTOR_TYPE_UNSPECIFIED", "Org-WSfrg"),
    ] {
        let answer = server
            .post(POLICY)
            .token("demo-admin")
            .org(ACME)
            .json(body(json!({ field: [kind] })))
            .send()
            .await;
        assert_error(&answer, 400, 3, id);
    }
    let (_, still) = server
        .get(POLICY)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(still["isDefault"], true);
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
    for bad in ["SECOND_FACTOR_TYPE_UNSPECIFIED", "0"] {
        assert_error(
            &server
                .delete(&second(bad))
                .token("demo-admin")
                .org(GLOBEX)
                .send()
                .await,
            400,
            3,
            "Org-55n8s",
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
async fn an_unknown_enum_name_is_the_gateways_400_before_authentication() {
    let server = Server::start().await;
    for (path, value) in [
        ("second_factors/FOO", "FOO"),
        (
            "multi_factors/SECOND_FACTOR_TYPE_OTP",
            "SECOND_FACTOR_TYPE_OTP",
        ),
    ] {
        let answer = server.delete(&format!("{POLICY}/{path}")).send().await;
        assert_eq!(answer.0, StatusCode::BAD_REQUEST);
        assert_eq!(
            answer.1,
            json!({"code": 3, "message": format!("type mismatch, parameter: type, error: {value} is not valid")})
        );
    }
    let unspecified = format!("{POLICY}/multi_factors/MULTI_FACTOR_TYPE_UNSPECIFIED");
    let answer = server
        .delete(&unspecified)
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_error(&answer, 400, 3, "Org-5m9fs");
    // ...but after the permission check.
    let answer = server.delete(&unspecified).token("demo-alice").send().await;
    assert_error(&answer, 404, 5, "AUTHZ-cdgFk");
}

#[tokio::test]
async fn multi_factor_types_are_removed_under_multi_factors() {
    let server = Server::start().await;
    let path = format!("{POLICY}/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION");
    let remove = || server.delete(&path).token("demo-admin").org(GLOBEX);
    assert_details(&remove().send().await, GLOBEX);
    assert_error(&remove().send().await, 404, 5, "Org-3M9df");
    let (_, multi) = server
        .post(&format!("{POLICY}/auth_factors/_search"))
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert!(multi.get("result").is_none());
}

/// internal/api/grpc/server/gateway.go: the gateway reads the body into the request
/// message before ZITADEL's code (and its authentication) runs, and drops fields the
/// message does not have (`DiscardUnknown: true`).
#[tokio::test]
async fn the_gateway_reads_bodies_first_and_drops_unknown_fields() {
    let server = Server::start().await;
    for path in [
        POLICY.to_string(),
        format!("/v2/users/{GINA}/passkeys/_search"),
    ] {
        let (status, body) = server.post(&path).raw("[]").send().await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["code"], 3);
        assert!(body["message"]
            .as_str()
            .unwrap()
            .starts_with("proto: syntax error"));
        assert!(
            body.get("details").is_none(),
            "no ZITADEL id: not ZITADEL's code"
        );
    }
    // A misspelled field is no error: the settings get that field's zero value.
    let misspelled = json!({"forceMfa": true, "secondFactor": ["SECOND_FACTOR_TYPE_OTP"]});
    let answer = server
        .post(POLICY)
        .token("demo-admin")
        .org(ACME)
        .json(misspelled)
        .invalid_on_purpose()
        .send()
        .await;
    assert_added_details(&answer, ACME);
    let (_, policy) = server
        .get(POLICY)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_eq!(policy["policy"]["forceMfa"], true);
    assert_eq!(
        policy["policy"]["secondFactors"],
        Value::Null,
        "no type allowed (an empty list is omitted)"
    );
}

#[tokio::test]
async fn another_users_idp_links_are_listed_in_the_organization_acted_in_only() {
    // ListHumanLinkedIDPsRequestToQuery filters by the context's organization
    // (internal/api/grpc/management/user_converter.go).
    let server = Server::start().await;
    let path = "/management/v1/users/283746529384750005/idps/_search";
    let (status, body) = server
        .post(path)
        .token("demo-admin")
        .org(ACME)
        .json(json!({}))
        .send()
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["result"][0]["idpName"], "Google");
    assert_eq!(
        body["result"][0]["providedUserName"],
        "ida.external@gmail.com"
    );
    let (status, other_org) = server
        .post(path)
        .token("demo-admin")
        .org(GLOBEX)
        .json(json!({}))
        .send()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(other_org.get("result").is_none(), "{other_org}");
    let refused = server
        .post(path)
        .token("demo-gina")
        .json(json!({}))
        .send()
        .await;
    assert_error(&refused, 404, 5, "AUTHZ-cdgFk");
}

#[tokio::test]
async fn another_users_idp_link_is_removed_in_the_organization_acted_in_only() {
    let server = Server::start().await;
    let path = "/management/v1/users/283746529384750005/idps/251438001923849217/google-0005";
    let elsewhere = server
        .delete(path)
        .token("demo-admin")
        .org(GLOBEX)
        .send()
        .await;
    assert_error(&elsewhere, 404, 5, "COMMAND-1M9xR");
    let denied = server.delete(path).token("demo-victor").send().await;
    assert_error(&denied, 403, 7, "AUTH-5mWD2");
    let removed = server
        .delete(path)
        .token("demo-admin")
        .org(ACME)
        .send()
        .await;
    assert_details(&removed, ACME);
}
