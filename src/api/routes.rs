//! Routes as data: which method, path, headers and body each operation uses on each API
//! surface. Every id that goes into a path is percent-encoded, so no id can change
//! which endpoint is called.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::policy::{MultiFactorType, SecondFactorType};
use super::ApiError;

/// Everything but RFC 3986's unreserved characters is escaped. `.` is escaped too,
/// although URL parsers still read `%2e%2e` as `..`; such ids are refused outright.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// The header that makes a management call act in another organization.
pub const ORG_HEADER: &str = "x-zitadel-orgid";

/// The HTTP methods the widget uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// Whose factors, through which API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Surface {
    /// The signed-in user, through the Auth API v1 (`/auth/v1/users/me/...`).
    Me,
    /// Another user through the Management API v1; `org_id` is sent as
    /// `x-zitadel-orgid` to act in that user's organization.
    Management {
        user_id: String,
        org_id: Option<String>,
    },
    /// A user through the User service v2 (no org header). `org_id` is used only for
    /// the organization's login policy, which v2 does not serve per user.
    UserV2 {
        user_id: String,
        org_id: Option<String>,
    },
}

/// One factor to remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactorRef {
    Totp,
    OtpSms,
    OtpEmail,
    U2f(String),
    Passkey(String),
    /// An IdP link: the IdP's id and the user's id there.
    IdpLink {
        idp_id: String,
        linked_user_id: String,
    },
}

/// An operation on a user's factors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operation {
    GetUser,
    ListSecondFactors,
    ListPasskeys,
    /// What kinds of sign-in a user has, password and IdP included (v2 only).
    ListAuthMethodTypes,
    /// The identity providers the user is linked to.
    ListIdpLinks,
    GetLoginPolicy,
    Remove(FactorRef),
}

/// An operation on an organization's login settings (Management API v1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrgOperation {
    GetLoginPolicy,
    ListSecondFactorTypes,
    RemoveSecondFactorType(SecondFactorType),
    ListMultiFactorTypes,
    RemoveMultiFactorType(MultiFactorType),
    /// AddCustomLoginPolicy: the organization gets its own settings (the whole policy
    /// as the JSON body, see [`super::PolicyCopy`]).
    AddCustomPolicy(String),
}

/// Method, path (relative to the API base URL), extra headers and body of one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    /// A JSON body, for the calls whose method defines one.
    pub body: Option<String>,
    /// Whether the call changes something, so that it must never be repeated.
    pub writes: bool,
}

impl Route {
    fn new(method: Method, path: String) -> Self {
        Route {
            method,
            path,
            headers: Vec::new(),
            body: None,
            writes: method == Method::Delete,
        }
    }

    fn org(mut self, org_id: Option<&str>) -> Result<Self, ApiError> {
        if let Some(org_id) = org_id {
            self.headers
                .push((ORG_HEADER, header_value("organization id", org_id)?));
        }
        Ok(self)
    }

    fn body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// A call that changes something although its method is POST.
    fn write(mut self) -> Self {
        self.writes = true;
        self
    }

    /// Whether the call only reads, so that repeating it is harmless.
    pub fn is_read(&self) -> bool {
        !self.writes
    }
}

/// Percent-encodes one path segment. Empty ids and the dot segments are refused with a
/// local error, because no encoding keeps a URL parser from resolving them.
pub fn encode_segment(what: &str, id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(ApiError::InvalidInput(format!(
            "the {what} is missing or invalid"
        )));
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

/// An id sent in a header must be a single line of visible ASCII.
fn header_value(what: &str, value: &str) -> Result<String, ApiError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::InvalidInput(format!(
            "the {what} is missing or invalid"
        )));
    }
    Ok(value.to_string())
}

/// Why a self-service build does not act on another user.
pub const ADMIN_ONLY: &str =
    "admin mode (userId, orgSettings) is in the zitadel-mfa-manager-admin package, not in this one";

/// Maps an operation on a surface to its route.
pub fn route(surface: &Surface, operation: &Operation) -> Result<Route, ApiError> {
    match surface {
        Surface::Me => me_route(operation),
        #[cfg(feature = "admin")]
        Surface::Management { user_id, org_id } => management_route(
            &encode_segment("user id", user_id)?,
            org_id.as_deref(),
            operation,
        ),
        #[cfg(feature = "admin")]
        Surface::UserV2 { user_id, org_id } => v2_route(
            &encode_segment("user id", user_id)?,
            org_id.as_deref(),
            operation,
        ),
        // The self-service builds ask v2 only for the user's own authentication methods
        // (v2 is the only API that says whether a password or an IdP is set); another
        // user's routes are not in them at all.
        #[cfg(not(feature = "admin"))]
        Surface::UserV2 { user_id, .. } if *operation == Operation::ListAuthMethodTypes => {
            v2_route(&encode_segment("user id", user_id)?, None, operation)
        }
        #[cfg(not(feature = "admin"))]
        _ => Err(ApiError::InvalidInput(ADMIN_ONLY.into())),
    }
}

fn me_route(operation: &Operation) -> Result<Route, ApiError> {
    const ME: &str = "/auth/v1/users/me";
    Ok(match operation {
        Operation::GetUser => Route::new(Method::Get, ME.into()),
        Operation::ListSecondFactors => {
            Route::new(Method::Post, format!("{ME}/auth_factors/_search"))
        }
        Operation::ListPasskeys => Route::new(Method::Post, format!("{ME}/passwordless/_search")),
        // `body: "*"` with a `query`: an empty object lists them all.
        Operation::ListIdpLinks => {
            Route::new(Method::Post, format!("{ME}/idps/_search")).body("{}")
        }
        Operation::GetLoginPolicy => Route::new(Method::Get, "/auth/v1/policies/login".into()),
        Operation::ListAuthMethodTypes => {
            return Err(ApiError::InvalidInput(
                "authentication methods need a user id (User service v2)".into(),
            ))
        }
        Operation::Remove(factor) => {
            Route::new(Method::Delete, format!("{ME}/{}", v1_factor_path(factor)?))
        }
    })
}

fn v1_factor_path(factor: &FactorRef) -> Result<String, ApiError> {
    Ok(match factor {
        FactorRef::Totp => "auth_factors/otp".into(),
        FactorRef::OtpSms => "auth_factors/otp_sms".into(),
        FactorRef::OtpEmail => "auth_factors/otp_email".into(),
        FactorRef::U2f(id) => format!(
            "auth_factors/u2f/{}",
            encode_segment("security key id", id)?
        ),
        FactorRef::Passkey(id) => format!("passwordless/{}", encode_segment("passkey id", id)?),
        FactorRef::IdpLink {
            idp_id,
            linked_user_id,
        } => link_path("idps", idp_id, linked_user_id)?,
    })
}

/// `{prefix}/{idpId}/{linkedUserId}`, both encoded.
fn link_path(prefix: &str, idp_id: &str, linked_user_id: &str) -> Result<String, ApiError> {
    Ok(format!(
        "{prefix}/{}/{}",
        encode_segment("identity provider id", idp_id)?,
        encode_segment("linked user id", linked_user_id)?
    ))
}

#[cfg_attr(not(feature = "admin"), allow(dead_code))]
fn management_route(
    user: &str,
    org_id: Option<&str>,
    operation: &Operation,
) -> Result<Route, ApiError> {
    let base = format!("/management/v1/users/{user}");
    let route = match operation {
        Operation::GetUser => Route::new(Method::Get, base),
        Operation::ListSecondFactors => {
            Route::new(Method::Post, format!("{base}/auth_factors/_search"))
        }
        Operation::ListPasskeys => Route::new(Method::Post, format!("{base}/passwordless/_search")),
        Operation::ListIdpLinks => {
            Route::new(Method::Post, format!("{base}/idps/_search")).body("{}")
        }
        Operation::GetLoginPolicy => return org_route(org_id, &OrgOperation::GetLoginPolicy),
        // Only v2 tells whether a password or an IdP is set; it takes no org header.
        Operation::ListAuthMethodTypes => return v2_route(user, None, operation),
        Operation::Remove(factor) => Route::new(
            Method::Delete,
            format!("{base}/{}", v1_factor_path(factor)?),
        ),
    };
    route.org(org_id)
}

fn v2_route(user: &str, org_id: Option<&str>, operation: &Operation) -> Result<Route, ApiError> {
    let base = format!("/v2/users/{user}");
    Ok(match operation {
        Operation::GetUser => Route::new(Method::Get, base),
        Operation::ListSecondFactors => Route::new(
            Method::Post,
            format!("{base}/authentication_factors/_search"),
        ),
        Operation::ListPasskeys => {
            Route::new(Method::Post, format!("{base}/passkeys/_search")).body("{}")
        }
        Operation::ListAuthMethodTypes => {
            Route::new(Method::Get, format!("{base}/authentication_methods"))
        }
        Operation::ListIdpLinks => {
            Route::new(Method::Post, format!("{base}/links/_search")).body("{}")
        }
        Operation::GetLoginPolicy => return org_route(org_id, &OrgOperation::GetLoginPolicy),
        Operation::Remove(factor) => {
            let rest = match factor {
                FactorRef::Totp => "totp".into(),
                FactorRef::OtpSms => "otp_sms".into(),
                FactorRef::OtpEmail => "otp_email".into(),
                FactorRef::U2f(id) => format!("u2f/{}", encode_segment("security key id", id)?),
                FactorRef::Passkey(id) => format!("passkeys/{}", encode_segment("passkey id", id)?),
                // RemoveIDPLink has `body: "*"`.
                FactorRef::IdpLink {
                    idp_id,
                    linked_user_id,
                } => {
                    let path = link_path("links", idp_id, linked_user_id)?;
                    return Ok(Route::new(Method::Delete, format!("{base}/{path}")).body("{}"));
                }
            };
            Route::new(Method::Delete, format!("{base}/{rest}"))
        }
    })
}

/// Maps an operation on an organization's login settings to its route; `org_id` is
/// sent as `x-zitadel-orgid` (the caller's own organization when absent).
pub fn org_route(org_id: Option<&str>, operation: &OrgOperation) -> Result<Route, ApiError> {
    const POLICY: &str = "/management/v1/policies/login";
    let route = match operation {
        OrgOperation::GetLoginPolicy => Route::new(Method::Get, POLICY.into()),
        OrgOperation::ListSecondFactorTypes => {
            Route::new(Method::Post, format!("{POLICY}/second_factors/_search"))
        }
        OrgOperation::RemoveSecondFactorType(kind) => {
            let name = kind
                .removable_name()
                .ok_or_else(|| unknown_type("second-factor"))?;
            Route::new(Method::Delete, format!("{POLICY}/second_factors/{name}"))
        }
        // Upstream lists multi-factors under `auth_factors` but removes them under `multi_factors`.
        OrgOperation::ListMultiFactorTypes => {
            Route::new(Method::Post, format!("{POLICY}/auth_factors/_search"))
        }
        OrgOperation::RemoveMultiFactorType(kind) => {
            let name = kind
                .removable_name()
                .ok_or_else(|| unknown_type("multi-factor"))?;
            Route::new(Method::Delete, format!("{POLICY}/multi_factors/{name}"))
        }
        OrgOperation::AddCustomPolicy(body) => Route::new(Method::Post, POLICY.into())
            .body(body.as_str())
            .write(),
    };
    route.org(org_id)
}

fn unknown_type(what: &str) -> ApiError {
    ApiError::InvalidInput(format!("this {what} type cannot be removed from here"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn management(org: Option<&str>) -> Surface {
        Surface::Management {
            user_id: "u1".into(),
            org_id: org.map(Into::into),
        }
    }

    fn v2() -> Surface {
        Surface::UserV2 {
            user_id: "u1".into(),
            org_id: None,
        }
    }

    fn remove(factor: FactorRef) -> Operation {
        Operation::Remove(factor)
    }

    fn u2f() -> FactorRef {
        FactorRef::U2f("k1".into())
    }

    fn passkey() -> FactorRef {
        FactorRef::Passkey("p1".into())
    }

    /// Every (surface, operation) pair with its method and path.
    #[test]
    fn route_table() {
        use Method::{Delete, Get, Post};
        let cases: Vec<(Surface, Operation, Method, &str)> = vec![
            (Surface::Me, Operation::GetUser, Get, "/auth/v1/users/me"),
            (
                Surface::Me,
                Operation::ListSecondFactors,
                Post,
                "/auth/v1/users/me/auth_factors/_search",
            ),
            (
                Surface::Me,
                Operation::ListPasskeys,
                Post,
                "/auth/v1/users/me/passwordless/_search",
            ),
            (
                Surface::Me,
                Operation::GetLoginPolicy,
                Get,
                "/auth/v1/policies/login",
            ),
            (
                Surface::Me,
                remove(FactorRef::Totp),
                Delete,
                "/auth/v1/users/me/auth_factors/otp",
            ),
            (
                Surface::Me,
                remove(FactorRef::OtpSms),
                Delete,
                "/auth/v1/users/me/auth_factors/otp_sms",
            ),
            (
                Surface::Me,
                remove(FactorRef::OtpEmail),
                Delete,
                "/auth/v1/users/me/auth_factors/otp_email",
            ),
            (
                Surface::Me,
                remove(u2f()),
                Delete,
                "/auth/v1/users/me/auth_factors/u2f/k1",
            ),
            (
                Surface::Me,
                remove(passkey()),
                Delete,
                "/auth/v1/users/me/passwordless/p1",
            ),
            (
                management(None),
                Operation::GetUser,
                Get,
                "/management/v1/users/u1",
            ),
            (
                management(None),
                Operation::ListSecondFactors,
                Post,
                "/management/v1/users/u1/auth_factors/_search",
            ),
            (
                management(None),
                Operation::ListPasskeys,
                Post,
                "/management/v1/users/u1/passwordless/_search",
            ),
            (
                management(None),
                Operation::GetLoginPolicy,
                Get,
                "/management/v1/policies/login",
            ),
            (
                management(None),
                Operation::ListAuthMethodTypes,
                Get,
                "/v2/users/u1/authentication_methods",
            ),
            (
                management(None),
                remove(FactorRef::Totp),
                Delete,
                "/management/v1/users/u1/auth_factors/otp",
            ),
            (
                management(None),
                remove(FactorRef::OtpSms),
                Delete,
                "/management/v1/users/u1/auth_factors/otp_sms",
            ),
            (
                management(None),
                remove(FactorRef::OtpEmail),
                Delete,
                "/management/v1/users/u1/auth_factors/otp_email",
            ),
            (
                management(None),
                remove(u2f()),
                Delete,
                "/management/v1/users/u1/auth_factors/u2f/k1",
            ),
            (
                management(None),
                remove(passkey()),
                Delete,
                "/management/v1/users/u1/passwordless/p1",
            ),
            (v2(), Operation::GetUser, Get, "/v2/users/u1"),
            (
                v2(),
                Operation::ListSecondFactors,
                Post,
                "/v2/users/u1/authentication_factors/_search",
            ),
            (
                v2(),
                Operation::ListPasskeys,
                Post,
                "/v2/users/u1/passkeys/_search",
            ),
            (
                v2(),
                Operation::ListAuthMethodTypes,
                Get,
                "/v2/users/u1/authentication_methods",
            ),
            (
                v2(),
                Operation::GetLoginPolicy,
                Get,
                "/management/v1/policies/login",
            ),
            (v2(), remove(FactorRef::Totp), Delete, "/v2/users/u1/totp"),
            (
                v2(),
                remove(FactorRef::OtpSms),
                Delete,
                "/v2/users/u1/otp_sms",
            ),
            (
                v2(),
                remove(FactorRef::OtpEmail),
                Delete,
                "/v2/users/u1/otp_email",
            ),
            (v2(), remove(u2f()), Delete, "/v2/users/u1/u2f/k1"),
            (v2(), remove(passkey()), Delete, "/v2/users/u1/passkeys/p1"),
        ];
        for (surface, operation, method, path) in cases {
            let got = route(&surface, &operation).unwrap();
            assert_eq!(
                (got.method, got.path.as_str()),
                (method, path),
                "{surface:?} {operation:?}"
            );
        }
    }

    #[test]
    fn org_route_table() {
        use Method::{Delete, Get, Post};
        const POLICY: &str = "/management/v1/policies/login";
        let cases = [
            (OrgOperation::GetLoginPolicy, Get, POLICY.to_string()),
            (
                OrgOperation::ListSecondFactorTypes,
                Post,
                format!("{POLICY}/second_factors/_search"),
            ),
            (
                OrgOperation::RemoveSecondFactorType(SecondFactorType::OtpSms),
                Delete,
                format!("{POLICY}/second_factors/SECOND_FACTOR_TYPE_OTP_SMS"),
            ),
            (
                OrgOperation::ListMultiFactorTypes,
                Post,
                format!("{POLICY}/auth_factors/_search"),
            ),
            (
                OrgOperation::RemoveMultiFactorType(MultiFactorType::U2fWithVerification),
                Delete,
                format!("{POLICY}/multi_factors/MULTI_FACTOR_TYPE_U2F_WITH_VERIFICATION"),
            ),
        ];
        for (operation, method, path) in cases {
            let got = org_route(Some("o1"), &operation).unwrap();
            assert_eq!((got.method, got.path), (method, path));
            assert_eq!(got.headers, vec![(ORG_HEADER, "o1".to_string())]);
        }
        assert!(org_route(None, &OrgOperation::GetLoginPolicy)
            .unwrap()
            .headers
            .is_empty());
        let unknown = OrgOperation::RemoveSecondFactorType(SecondFactorType::Unknown);
        assert!(matches!(
            org_route(None, &unknown),
            Err(ApiError::InvalidInput(_))
        ));
    }

    #[test]
    fn the_org_header_goes_with_management_calls_only() {
        let with_org = route(&management(Some("o1")), &remove(FactorRef::Totp)).unwrap();
        assert_eq!(with_org.headers, vec![(ORG_HEADER, "o1".to_string())]);
        assert!(route(&management(None), &remove(FactorRef::Totp))
            .unwrap()
            .headers
            .is_empty());
        // v2 takes no org header, even when the management surface asks for its methods.
        let methods = route(&management(Some("o1")), &Operation::ListAuthMethodTypes).unwrap();
        assert!(methods.headers.is_empty());
        let v2_with_org = Surface::UserV2 {
            user_id: "u1".into(),
            org_id: Some("o1".into()),
        };
        assert!(route(&v2_with_org, &remove(FactorRef::Totp))
            .unwrap()
            .headers
            .is_empty());
        let policy = route(&v2_with_org, &Operation::GetLoginPolicy).unwrap();
        assert_eq!(policy.headers, vec![(ORG_HEADER, "o1".to_string())]);
    }

    #[test]
    fn only_v2_passkey_search_has_a_body() {
        assert_eq!(
            route(&v2(), &Operation::ListPasskeys)
                .unwrap()
                .body
                .as_deref(),
            Some("{}")
        );
        for surface in [Surface::Me, management(None), v2()] {
            assert_eq!(
                route(&surface, &Operation::ListSecondFactors).unwrap().body,
                None
            );
            assert_eq!(
                route(&surface, &remove(FactorRef::Totp)).unwrap().body,
                None
            );
        }
        assert_eq!(
            route(&Surface::Me, &Operation::ListPasskeys).unwrap().body,
            None
        );
    }

    #[test]
    fn segments_cannot_escape_their_place() {
        let cases = [
            ("283746529384756123", "283746529384756123"),
            ("../x", "%2E%2E%2Fx"),
            ("a/b", "a%2Fb"),
            ("a?b", "a%3Fb"),
            ("a#b", "a%23b"),
            ("a b%", "a%20b%25"),
            ("ü", "%C3%BC"),
        ];
        for (id, encoded) in cases {
            assert_eq!(
                encode_segment("token id", id).unwrap(),
                encoded,
                "id {id:?}"
            );
            let got = route(&Surface::Me, &remove(FactorRef::U2f(id.into()))).unwrap();
            assert_eq!(
                got.path,
                format!("/auth/v1/users/me/auth_factors/u2f/{encoded}")
            );
            let user = Surface::Management {
                user_id: id.into(),
                org_id: None,
            };
            let got = route(&user, &Operation::ListPasskeys).unwrap();
            assert_eq!(
                got.path,
                format!("/management/v1/users/{encoded}/passwordless/_search")
            );
        }
    }

    #[test]
    fn empty_and_dot_ids_are_refused_before_any_request() {
        for id in ["", ".", ".."] {
            for factor in [FactorRef::U2f(id.into()), FactorRef::Passkey(id.into())] {
                for surface in [Surface::Me, management(None), v2()] {
                    let result = route(&surface, &remove(factor.clone()));
                    assert!(
                        matches!(result, Err(ApiError::InvalidInput(_))),
                        "{surface:?} {factor:?}"
                    );
                }
            }
            let user = Surface::UserV2 {
                user_id: id.into(),
                org_id: None,
            };
            assert!(matches!(
                route(&user, &Operation::GetUser),
                Err(ApiError::InvalidInput(_))
            ));
        }
    }

    #[test]
    fn an_org_id_that_is_not_a_header_value_is_refused() {
        for org in ["", "a\r\nx-evil: 1", "ü"] {
            let result = route(&management(Some(org)), &Operation::ListPasskeys);
            assert!(matches!(result, Err(ApiError::InvalidInput(_))), "{org:?}");
        }
    }

    #[test]
    fn idp_links_are_listed_on_each_surface_with_an_empty_query() {
        // ListMyLinkedIDPs, ListHumanLinkedIDPs, ListIDPLinks: `body: "*"`.
        let me = route(&Surface::Me, &Operation::ListIdpLinks).unwrap();
        assert_eq!(
            (me.method, me.path.as_str(), me.body.as_deref()),
            (Method::Post, "/auth/v1/users/me/idps/_search", Some("{}"))
        );
        let admin = route(&management(Some("o1")), &Operation::ListIdpLinks).unwrap();
        assert_eq!(admin.path, "/management/v1/users/u1/idps/_search");
        assert_eq!(admin.headers, [(ORG_HEADER, "o1".to_string())]);
        let v2 = route(&v2(), &Operation::ListIdpLinks).unwrap();
        assert_eq!(
            (v2.path.as_str(), v2.body.as_deref(), v2.headers.len()),
            ("/v2/users/u1/links/_search", Some("{}"), 0)
        );
        assert!(v2.is_read() && admin.is_read() && me.is_read());
    }

    #[test]
    fn self_service_has_no_authentication_methods() {
        assert!(route(&Surface::Me, &Operation::ListAuthMethodTypes).is_err());
    }

    #[test]
    fn deletes_and_the_policy_copy_are_not_reads() {
        assert!(route(&Surface::Me, &Operation::ListPasskeys)
            .unwrap()
            .is_read());
        assert!(!route(&Surface::Me, &remove(FactorRef::Totp))
            .unwrap()
            .is_read());
        let add = org_route(
            Some("o1"),
            &OrgOperation::AddCustomPolicy("{\"forceMfa\":true}".into()),
        )
        .unwrap();
        assert_eq!(
            (add.method, add.path.as_str(), add.body.as_deref()),
            (
                Method::Post,
                "/management/v1/policies/login",
                Some("{\"forceMfa\":true}")
            )
        );
        assert_eq!(add.headers, vec![(ORG_HEADER, "o1".to_string())]);
        assert!(
            !add.is_read(),
            "a POST that creates settings is never repeated"
        );
    }
}
