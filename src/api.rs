//! The ZITADEL HTTP/JSON API as data: wire types, decoding, the error model and
//! routes. Nothing here touches the browser or the UI, so all of it is tested natively.

mod error;
mod factors;
mod routes;

pub use error::ApiError;
pub use factors::{
    decode_auth_factors, decode_passkeys, group_by_kind, Factor, FactorKind, FactorState,
    DISPLAY_ORDER,
};
pub use routes::{encode_segment, Method, Operation, Route};
