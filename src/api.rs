//! The ZITADEL HTTP/JSON API as data: wire types, decoding, the error model, routes
//! and the retry policy. Nothing here touches the browser or the UI, so all of it is
//! tested natively.

mod custom_policy;
mod details;
mod error;
mod factors;
mod idp_links;
mod policy;
mod retry;
mod routes;
mod user;
pub mod wire;

pub use custom_policy::PolicyCopy;
pub use details::{decode_details, ChangeDetails};
pub use error::{origin_of, ApiError, ErrorKind};
pub use factors::{
    decode_auth_factors, decode_passkeys, group_by_kind, link_factor, Factor, FactorKind,
    FactorState, DISPLAY_ORDER,
};
pub use idp_links::{decode_idp_links, IdpLink};
pub use policy::{
    decode_login_policy, decode_multi_factor_types, decode_second_factor_types, LoginPolicy,
    MultiFactorType, PasswordlessType, PolicyIdp, SecondFactorType,
};
pub use retry::RetryPolicy;
pub use routes::{
    encode_segment, org_route, route, FactorRef, Method, Operation, OrgOperation, Route, Surface,
    ADMIN_ONLY, ORG_HEADER,
};
pub use user::{decode_auth_method_types, decode_user, AuthMethodType, Contact, UserInfo};
