//! Helpers for ZITADEL's wire rules that several decoders share.

use serde::{Deserialize, Deserializer};

use super::ApiError;

/// int64/uint64 arrive as JSON strings (`"42"`); numbers are accepted too. A value that
/// is neither decodes as 0 rather than failing the whole answer.
pub fn u64_from_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Int {
        Text(String),
        Number(u64),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Int::deserialize(deserializer)? {
        Int::Text(text) => text.parse().unwrap_or(0),
        Int::Number(n) => n,
        Int::Other(_) => 0,
    })
}

/// Decodes a successful answer, which ZITADEL always sends as a JSON object.
pub fn decode_object<T: for<'de> Deserialize<'de>>(
    status: u16,
    body: &[u8],
) -> Result<T, ApiError> {
    // serde would also read a struct from a JSON array; ZITADEL always sends an object.
    if !body.trim_ascii_start().starts_with(b"{") {
        return Err(ApiError::UnexpectedBody { status });
    }
    serde_json::from_slice(body).map_err(|_| ApiError::UnexpectedBody { status })
}
