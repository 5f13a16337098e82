use super::*;

fn config() -> SignInConfig {
    SignInConfig {
        issuer: "https://id.example.com".into(),
        client_id: "mfa-manager".into(),
        redirect_uri: "https://portal.example/account/".into(),
        scopes: SCOPES.into(),
        post_logout_redirect_uri: None,
        max_auth_age: 300,
    }
}

fn discovery() -> Discovery {
    Discovery {
        issuer: "https://id.example.com".into(),
        authorization_endpoint: "https://id.example.com/oauth/v2/authorize".into(),
        token_endpoint: "https://id.example.com/oauth/v2/token".into(),
        revocation_endpoint: Some("https://id.example.com/oauth/v2/revoke".into()),
        end_session_endpoint: Some("https://id.example.com/oidc/v1/end_session".into()),
        userinfo_endpoint: Some("https://id.example.com/oidc/v1/userinfo".into()),
    }
}

/// RFC 7636, appendix B: the random octets, the verifier, its SHA-256, the challenge.
#[test]
fn the_pkce_example_of_rfc_7636() {
    let random: [u8; 32] = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
        77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    assert_eq!(
        random_text(&random),
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
    let sha256: [u8; 32] = [
        19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173,
        109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195,
    ];
    assert_eq!(
        pkce_challenge(&sha256),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn the_authorization_request_carries_every_parameter_encoded() {
    let url = authorize_url(
        &discovery(),
        &config(),
        "s 1",
        "n&1",
        "chal",
        Freshness::Any,
    );
    assert_eq!(
        url,
        "https://id.example.com/oauth/v2/authorize?client_id=mfa-manager\
         &redirect_uri=https%3A%2F%2Fportal.example%2Faccount%2F&response_type=code\
         &scope=openid%20profile%20urn%3Azitadel%3Aiam%3Aorg%3Aproject%3Aid%3Azitadel%3Aaud\
         &state=s%201&nonce=n%261&code_challenge=chal&code_challenge_method=S256"
    );
    let fresh = authorize_url(&discovery(), &config(), "s", "n", "c", Freshness::Fresh);
    assert!(fresh.ends_with("&prompt=login&max_age=0"), "{fresh}");
}

#[test]
fn the_code_exchange_is_a_public_clients_form() {
    assert_eq!(
        token_request_body(&config(), "c/1", "v"),
        "grant_type=authorization_code&code=c%2F1\
         &redirect_uri=https%3A%2F%2Fportal.example%2Faccount%2F&client_id=mfa-manager\
         &code_verifier=v"
    );
}

/// RFC 6749 4.1.2 and 10.12: the state ties the answer to the request this browser made.
#[test]
fn callback_table() {
    let provider = |error: &str, description: Option<&str>| {
        Callback::Error(SignInError::Provider {
            error: error.into(),
            description: description.map(Into::into),
        })
    };
    let cases: Vec<(&str, Option<&str>, Callback)> = vec![
        ("", Some("st"), Callback::None),
        ("?tab=security", Some("st"), Callback::None),
        (
            "?code=abc&state=st",
            Some("st"),
            Callback::Code {
                code: "abc".into(),
                state: "st".into(),
            },
        ),
        (
            "code=a%2Bb&state=s%20t",
            Some("s t"),
            Callback::Code {
                code: "a+b".into(),
                state: "s t".into(),
            },
        ),
        (
            "?code=abc&state=other",
            Some("st"),
            Callback::Error(SignInError::StateMismatch),
        ),
        (
            "?code=abc",
            Some("st"),
            Callback::Error(SignInError::StateMismatch),
        ),
        (
            "?code=abc&state=st",
            None,
            Callback::Error(SignInError::StateMismatch),
        ),
        (
            "?error=access_denied&error_description=User+cancelled&state=st",
            Some("st"),
            provider("access_denied", Some("User cancelled")),
        ),
        (
            "?error=access_denied",
            Some("st"),
            Callback::Error(SignInError::StateMismatch),
        ),
        (
            "?code=&state=st",
            Some("st"),
            provider("invalid_request", Some("the answer carried no code")),
        ),
    ];
    for (query, expected_state, expected) in cases {
        assert_eq!(
            parse_callback(query, expected_state),
            expected,
            "{query} {expected_state:?}"
        );
    }
}

fn jwt(claims: &str) -> String {
    format!(
        "{}.{}.sig",
        base64url::encode(br#"{"alg":"RS256"}"#),
        base64url::encode(claims.as_bytes())
    )
}

/// OpenID Connect Core 3.1.3.7: audience and nonce.
#[test]
fn the_id_token_must_be_this_sign_ins() {
    let good = jwt(
        r#"{"sub":"u1","aud":["mfa-manager","other"],"nonce":"n1","auth_time":1700000000,"name":"Alice"}"#,
    );
    let claims = check_id_token(&good, "mfa-manager", "n1").unwrap();
    assert_eq!(claims.sub, "u1");
    assert_eq!(claims.auth_time, Some(1_700_000_000));
    assert_eq!(claims.name.as_deref(), Some("Alice"));
    let single_aud = jwt(r#"{"sub":"u1","aud":"mfa-manager","nonce":"n1"}"#);
    assert!(check_id_token(&single_aud, "mfa-manager", "n1").is_ok());
    let refused = [
        (
            jwt(r#"{"sub":"u1","aud":"mfa-manager","nonce":"n2"}"#),
            "nonce",
        ),
        (jwt(r#"{"sub":"u1","aud":"mfa-manager"}"#), "nonce"),
        (
            jwt(r#"{"sub":"u1","aud":"someone-else","nonce":"n1"}"#),
            "client",
        ),
        ("a.b".to_string(), "JWT"),
        ("a.%%%.c".to_string(), "base64url"),
        (jwt("[1,2]"), "claims"),
    ];
    for (token, why) in refused {
        match check_id_token(&token, "mfa-manager", "n1") {
            Err(SignInError::IdToken(reason)) => assert!(reason.contains(why), "{reason}"),
            other => panic!("{token}: {other:?}"),
        }
    }
}

#[test]
fn a_sign_in_is_too_old_past_the_limit_or_when_its_time_is_unknown() {
    assert!(!too_old(Some(1_000), 300, 1_300));
    assert!(too_old(Some(1_000), 300, 1_301));
    assert!(too_old(None, 300, 1_000));
    assert!(
        !too_old(Some(2_000), 300, 1_000),
        "a clock behind is not too old"
    );
}

#[test]
fn token_answers_and_their_errors() {
    let tokens = decode_tokens(
        200,
        br#"{"access_token":"at","id_token":"a.b.c","token_type":"Bearer","expires_in":3600}"#,
    )
    .unwrap();
    assert_eq!(
        (tokens.access_token.as_str(), tokens.expires_in),
        ("at", Some(3600))
    );
    assert!(
        !format!("{tokens:?}").contains("\"at\""),
        "the token is never printed"
    );
    assert_eq!(
        decode_tokens(
            400,
            br#"{"error":"invalid_grant","error_description":"code used"}"#
        ),
        Err(SignInError::Exchange("invalid_grant: code used".into()))
    );
    assert_eq!(
        decode_tokens(502, b"<html>"),
        Err(SignInError::Exchange("HTTP 502".into()))
    );
    assert!(matches!(
        decode_tokens(200, b"{}"),
        Err(SignInError::Exchange(_))
    ));
}

#[test]
fn discovery_must_name_the_configured_issuer() {
    let body = br#"{"issuer":"https://id.example.com","authorization_endpoint":"https://id.example.com/oauth/v2/authorize",
        "token_endpoint":"https://id.example.com/oauth/v2/token"}"#;
    let found = decode_discovery(body, "https://id.example.com/").unwrap();
    assert_eq!(found.end_session_endpoint, None);
    assert!(matches!(
        decode_discovery(body, "https://other.example.com"),
        Err(SignInError::Config(_))
    ));
    assert!(matches!(
        decode_discovery(b"<html>", "x"),
        Err(SignInError::Config(_))
    ));
    assert_eq!(
        discovery_url("https://id.example.com/"),
        "https://id.example.com/.well-known/openid-configuration"
    );
}

#[test]
fn signing_out_revokes_and_ends_the_session() {
    assert_eq!(
        revocation_body("at 1", "mfa-manager"),
        "token=at%201&token_type_hint=access_token&client_id=mfa-manager"
    );
    let url = end_session_url(&discovery(), &config(), "a.b.c").unwrap();
    assert_eq!(
        url,
        "https://id.example.com/oidc/v1/end_session?id_token_hint=a.b.c\
         &post_logout_redirect_uri=https%3A%2F%2Fportal.example%2Faccount%2F\
         &client_id=mfa-manager"
    );
    let without = Discovery {
        end_session_endpoint: None,
        ..discovery()
    };
    assert_eq!(end_session_url(&without, &config(), "a.b.c"), None);
}

#[test]
fn the_configuration_file_takes_the_default_scopes() {
    let config = decode_config(
        br#"{"issuer":"http://127.0.0.1:8080","clientId":"mfa-manager","redirectUri":"http://127.0.0.1:8080/"}"#,
    )
    .unwrap();
    assert_eq!(config.scopes, SCOPES);
    assert_eq!(config.post_logout_redirect_uri, None);
    assert_eq!(
        config.max_auth_age, 300,
        "five minutes unless the file says otherwise"
    );
    let own = decode_config(
        br#"{"issuer":"i","clientId":"c","redirectUri":"r","scopes":"openid","maxAuthAge":60,"postLogoutRedirectUri":"p","x":1}"#,
    )
    .unwrap();
    assert_eq!(
        (
            own.scopes.as_str(),
            own.max_auth_age,
            own.post_logout_redirect_uri.as_deref()
        ),
        ("openid", 60, Some("p"))
    );
}

#[test]
fn a_configuration_file_without_its_three_values_is_refused() {
    for body in [
        &br#"{"clientId":"c","redirectUri":"r"}"#[..],
        br#"{"issuer":"i","clientId":"","redirectUri":"r"}"#,
        br#"{"issuer":"i","clientId":"c","redirectUri":3}"#,
        br#"{"issuer":"i","clientId":"c","redirectUri":"r","maxAuthAge":"300"}"#,
        b"[]",
        b"<html>",
    ] {
        assert!(
            matches!(decode_config(body), Err(SignInError::Config(_))),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

/// ZITADEL leaves the profile out of the ID token unless the app enables "User Info inside
/// ID Token" (internal/api/oidc/userinfo.go, userInfoToOIDC): the name comes from UserInfo.
#[test]
fn the_name_comes_from_the_id_token_else_from_userinfo_about_the_same_subject() {
    let claims = |json: &str| -> IdClaims {
        IdClaims::read(&crate::api::wire::Json::object(json.as_bytes()).unwrap()).unwrap()
    };
    let both = claims(r#"{"sub":"1","name":"Alice Adams","preferred_username":"alice"}"#);
    assert_eq!(both.display_name(), Some("Alice Adams"));
    let login_only = claims(r#"{"sub":"1","preferred_username":"alice"}"#);
    assert_eq!(login_only.display_name(), Some("alice"));
    assert_eq!(claims(r#"{"sub":"1"}"#).display_name(), None);
    assert_eq!(claims(r#"{"sub":"1","name":"  "}"#).display_name(), None);

    let info = br#"{"sub":"1","name":"Alice Adams","preferred_username":"alice@acme"}"#;
    assert_eq!(userinfo_name(info, "1").as_deref(), Some("Alice Adams"));
    assert_eq!(
        userinfo_name(br#"{"sub":"1","preferred_username":"alice@acme"}"#, "1").as_deref(),
        Some("alice@acme")
    );
    // OpenID Connect Core 5.3.2: another subject's answer is not used.
    assert_eq!(userinfo_name(info, "2"), None);
    assert_eq!(userinfo_name(br#"{"sub":"1"}"#, "1"), None);
    assert_eq!(userinfo_name(b"<html>", "1"), None);
}

#[test]
fn discovery_names_the_userinfo_endpoint_when_the_provider_has_one() {
    let body = br#"{"issuer":"https://id.example.com","authorization_endpoint":"a","token_endpoint":"t","userinfo_endpoint":"https://id.example.com/oidc/v1/userinfo"}"#;
    let found = decode_discovery(body, "https://id.example.com").unwrap();
    assert_eq!(
        found.userinfo_endpoint.as_deref(),
        Some("https://id.example.com/oidc/v1/userinfo")
    );
}
