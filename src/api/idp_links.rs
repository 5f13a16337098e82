//! The identity providers a user is linked to, as ZITADEL lists them: Auth and
//! Management v1 (`IDPUserLink`, `proto/zitadel/idp.proto`) and User service v2
//! (`IDPLink`, `proto/zitadel/user/v2/idp.proto`, which carries no IdP name).

use super::wire::{decode_object, Json, Read};
use super::ApiError;

/// One link of the user to an identity provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct IdpLink {
    pub idp_id: String,
    /// The provider's name (v1 only; v2 sends none: the login policy's list names it).
    pub idp_name: Option<String>,
    /// The user's id at the provider (`providedUserId`, v2 `userId`): the removal's key.
    pub linked_user_id: String,
    /// The user's name at the provider (`providedUserName`, v2 `userName`).
    pub linked_user_name: Option<String>,
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl IdpLink {
    /// v1 (`providedUserId`) or v2 (`userId` is the provider's) shape.
    fn read(link: &Json) -> Read<Self> {
        let v1_id = link.text("providedUserId")?;
        let (linked_user_id, linked_user_name) = if v1_id.is_empty() {
            (link.text("userId")?, link.text("userName")?)
        } else {
            (v1_id, link.text("providedUserName")?)
        };
        Ok(IdpLink {
            idp_id: link.text("idpId")?,
            idp_name: non_empty(link.text("idpName")?),
            linked_user_id,
            linked_user_name: non_empty(linked_user_name),
        })
    }
}

/// Decodes `idps/_search` (v1) or `links/_search` (v2): `{details, result: [...]}`.
pub fn decode_idp_links(status: u16, body: &[u8]) -> Result<Vec<IdpLink>, ApiError> {
    decode_object(status, body, |list| {
        list.objects("result")?.iter().map(IdpLink::read).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_links_decode() {
        let body = br#"{"details":{"totalResult":"1"},"result":[{"userId":"283746529384750005",
            "idpId":"251438001923849217","idpName":"Google","providedUserId":"g-1001",
            "providedUserName":"ida@gmail.com","idpType":"IDP_TYPE_OIDC"}]}"#;
        assert_eq!(
            decode_idp_links(200, body).unwrap(),
            [IdpLink {
                idp_id: "251438001923849217".into(),
                idp_name: Some("Google".into()),
                linked_user_id: "g-1001".into(),
                linked_user_name: Some("ida@gmail.com".into()),
            }]
        );
    }

    #[test]
    fn v2_links_decode_without_a_name() {
        let body = br#"{"details":{},"result":[{"idpId":"i1","userId":"ext-7","userName":"ida"}]}"#;
        assert_eq!(
            decode_idp_links(200, body).unwrap(),
            [IdpLink {
                idp_id: "i1".into(),
                idp_name: None,
                linked_user_id: "ext-7".into(),
                linked_user_name: Some("ida".into()),
            }]
        );
        assert_eq!(decode_idp_links(200, br#"{"details":{}}"#).unwrap(), []);
    }
}
