//! Routes as data: which method and path each operation uses. Every id that goes into
//! a path is percent-encoded, so no id can change which endpoint is called.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::ApiError;

/// Everything but RFC 3986's unreserved characters is escaped. `.` is escaped too,
/// although browsers still read `%2e%2e` as `..`; such ids are refused outright.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

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

/// An API operation the widget performs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operation {
    /// The signed-in user's second factors (Auth API v1).
    ListMyAuthFactors,
    /// The signed-in user's passkeys (Auth API v1).
    ListMyPasskeys,
}

/// Method and path (relative to the API base URL) of one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: String,
}

impl Operation {
    /// Maps the operation to its route.
    pub fn route(&self) -> Result<Route, ApiError> {
        let (method, path) = match self {
            Operation::ListMyAuthFactors => (
                Method::Post,
                "/auth/v1/users/me/auth_factors/_search".to_string(),
            ),
            Operation::ListMyPasskeys => (
                Method::Post,
                "/auth/v1/users/me/passwordless/_search".to_string(),
            ),
        };
        Ok(Route { method, path })
    }
}

/// Percent-encodes one path segment. Empty ids and the dot segments are refused with a
/// local error, because no encoding keeps a browser from resolving them.
pub fn encode_segment(what: &str, id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(ApiError::InvalidInput(format!(
            "the {what} is missing or invalid"
        )));
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_routes_are_posts_to_search() {
        let cases = [
            (
                Operation::ListMyAuthFactors,
                "/auth/v1/users/me/auth_factors/_search",
            ),
            (
                Operation::ListMyPasskeys,
                "/auth/v1/users/me/passwordless/_search",
            ),
        ];
        for (op, path) in cases {
            assert_eq!(
                op.route().unwrap(),
                Route {
                    method: Method::Post,
                    path: path.into()
                }
            );
        }
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
        }
    }

    #[test]
    fn empty_and_dot_ids_are_refused_locally() {
        for id in ["", ".", ".."] {
            assert!(matches!(
                encode_segment("token id", id),
                Err(ApiError::InvalidInput(_))
            ));
        }
    }
}
