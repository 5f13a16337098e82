//! Second factors and passkeys as ZITADEL lists them, decoded by the wire rules:
//! omitted keys are defaults, unknown fields and enum values are tolerated.

use super::idp_links::IdpLink;
use super::wire::{decode_object, Json, Read};
use super::ApiError;

/// What kind of sign-in factor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactorKind {
    /// A WebAuthn passkey (passwordless).
    Passkey,
    /// A U2F / WebAuthn security key used as a second factor.
    U2f,
    /// An authenticator app (TOTP).
    Totp,
    /// One-time codes by SMS.
    OtpSms,
    /// One-time codes by email.
    OtpEmail,
    /// A link to an account at an identity provider (Google, Okta, …).
    IdpLink,
    /// A factor type this widget does not know yet.
    Unknown,
}

impl FactorKind {
    /// A stable name: in the page's events, element ids and `data-kind`.
    pub fn name(self) -> &'static str {
        match self {
            FactorKind::Passkey => "passkey",
            FactorKind::U2f => "u2f",
            FactorKind::Totp => "totp",
            FactorKind::OtpSms => "otp_sms",
            FactorKind::OtpEmail => "otp_email",
            FactorKind::IdpLink => "idp_link",
            FactorKind::Unknown => "unknown",
        }
    }
}

/// `AuthFactorState`; names the widget does not know decode as `Unknown`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FactorState {
    #[default]
    Unspecified,
    NotReady,
    Ready,
    Removed,
    Unknown,
}

impl FactorState {
    /// An omitted state is the zero value, `UNSPECIFIED`.
    fn from_wire(name: Option<&str>) -> Self {
        match name {
            None | Some("AUTH_FACTOR_STATE_UNSPECIFIED") => FactorState::Unspecified,
            Some("AUTH_FACTOR_STATE_NOT_READY") => FactorState::NotReady,
            Some("AUTH_FACTOR_STATE_READY") => FactorState::Ready,
            Some("AUTH_FACTOR_STATE_REMOVED") => FactorState::Removed,
            Some(_) => FactorState::Unknown,
        }
    }

    fn read(json: &Json) -> Read<Self> {
        Ok(FactorState::from_wire(json.opt_text("state")?.as_deref()))
    }
}

/// One factor of a user, whatever list it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Factor {
    pub kind: FactorKind,
    /// The token id for passkeys and U2F keys; the other kinds have none.
    pub id: Option<String>,
    /// The name the user gave it (an IdP link: the IdP's); `None` when the server sent none.
    pub name: Option<String>,
    pub state: FactorState,
    /// An IdP link's ids and the user's name at the IdP; `None` for the other kinds.
    pub link: Option<IdpLink>,
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// A passkey (`passwordless/_search`) or the `u2f` member of an auth factor: id, name,
/// state.
fn token(kind: FactorKind, json: &Json) -> Read<Factor> {
    Ok(Factor {
        kind,
        id: non_empty(json.text("id")?),
        name: non_empty(json.text("name")?),
        state: FactorState::read(json)?,
        link: None,
    })
}

/// One entry of `auth_factors/_search`: its state, and which oneof member it has.
fn auth_factor(json: &Json) -> Read<Factor> {
    if let Some(u2f) = json.member("u2f")? {
        return Ok(Factor {
            state: FactorState::read(json)?,
            ..token(FactorKind::U2f, &u2f)?
        });
    }
    let kind = [
        ("otp", FactorKind::Totp),
        ("otpSms", FactorKind::OtpSms),
        ("otpEmail", FactorKind::OtpEmail),
    ]
    .into_iter()
    .find(|(key, _)| json.has(key))
    .map_or(FactorKind::Unknown, |(_, kind)| kind);
    Ok(Factor {
        kind,
        id: None,
        name: None,
        state: FactorState::read(json)?,
        link: None,
    })
}

/// `{"result": [...]}`, each entry read by `entry`; no `result` is an empty list.
fn decode_list(
    status: u16,
    body: &[u8],
    entry: impl Fn(&Json) -> Read<Factor>,
) -> Result<Vec<Factor>, ApiError> {
    decode_object(status, body, |answer| {
        answer.objects("result")?.iter().map(entry).collect()
    })
}

/// Decodes the answer of `auth_factors/_search` (v1) or `authentication_factors/_search`
/// (v2): U2F, TOTP, OTP SMS, OTP Email.
pub fn decode_auth_factors(status: u16, body: &[u8]) -> Result<Vec<Factor>, ApiError> {
    decode_list(status, body, auth_factor)
}

/// Decodes the answer of `passwordless/_search` (v1) or `passkeys/_search` (v2).
pub fn decode_passkeys(status: u16, body: &[u8]) -> Result<Vec<Factor>, ApiError> {
    decode_list(status, body, |json| token(FactorKind::Passkey, json))
}

/// The order in which the kinds are shown, strongest first.
pub const DISPLAY_ORDER: [FactorKind; 7] = [
    FactorKind::Passkey,
    FactorKind::U2f,
    FactorKind::Totp,
    FactorKind::OtpSms,
    FactorKind::OtpEmail,
    FactorKind::IdpLink,
    FactorKind::Unknown,
];

/// An IdP link as a row of the list: always ready, named by its IdP. Its id is
/// `idpId:linkedUserId`, as a user may be linked twice to one IdP (two Google accounts),
/// and rows, hidden rows and events must tell the two apart.
pub fn link_factor(link: IdpLink) -> Factor {
    Factor {
        kind: FactorKind::IdpLink,
        id: Some(format!("{}:{}", link.idp_id, link.linked_user_id)),
        name: link.idp_name.clone(),
        state: FactorState::Ready,
        link: Some(link),
    }
}

/// Groups factors by kind in [`DISPLAY_ORDER`], keeping the server's order inside a
/// group. Every known kind gets a group, empty or not; `Unknown` only when present.
pub fn group_by_kind(factors: &[Factor]) -> Vec<(FactorKind, Vec<Factor>)> {
    DISPLAY_ORDER
        .iter()
        .map(|&kind| {
            let members = factors.iter().filter(|f| f.kind == kind).cloned().collect();
            (kind, members)
        })
        .filter(|(kind, members): &(FactorKind, Vec<Factor>)| {
            *kind != FactorKind::Unknown || !members.is_empty()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(kind: FactorKind, id: Option<&str>, name: Option<&str>) -> Factor {
        Factor {
            kind,
            id: id.map(Into::into),
            name: name.map(Into::into),
            state: FactorState::Ready,
            link: None,
        }
    }

    #[test]
    fn auth_factors_of_every_kind_decode() {
        let body = br#"{"result":[
            {"state":"AUTH_FACTOR_STATE_READY","otp":{}},
            {"state":"AUTH_FACTOR_STATE_READY","u2f":{"id":"283746529384756123","name":"YubiKey 5C"}},
            {"state":"AUTH_FACTOR_STATE_READY","otpSms":{}},
            {"state":"AUTH_FACTOR_STATE_READY","otpEmail":{}}]}"#;
        assert_eq!(
            decode_auth_factors(200, body).unwrap(),
            vec![
                factor(FactorKind::Totp, None, None),
                factor(
                    FactorKind::U2f,
                    Some("283746529384756123"),
                    Some("YubiKey 5C")
                ),
                factor(FactorKind::OtpSms, None, None),
                factor(FactorKind::OtpEmail, None, None),
            ]
        );
    }

    #[test]
    fn empty_object_is_an_empty_list() {
        assert_eq!(decode_auth_factors(200, b"{}").unwrap(), vec![]);
        assert_eq!(decode_passkeys(200, b"{}").unwrap(), vec![]);
    }

    #[test]
    fn omitted_name_and_state_are_defaults() {
        let body = br#"{"result":[{"u2f":{"id":"1"}}]}"#;
        let got = decode_auth_factors(200, body).unwrap();
        assert_eq!(got[0].name, None);
        assert_eq!(got[0].state, FactorState::Unspecified);
    }

    #[test]
    fn unknown_fields_kinds_and_states_are_tolerated() {
        let body = br#"{"result":[
            {"state":"AUTH_FACTOR_STATE_SOMETHING_NEW","quantumKey":{"x":1},"extra":true}],
            "details":{"totalResult":"1"}}"#;
        let got = decode_auth_factors(200, body).unwrap();
        assert_eq!(got[0].kind, FactorKind::Unknown);
        assert_eq!(got[0].state, FactorState::Unknown);
    }

    #[test]
    fn groups_follow_the_display_order_and_keep_empty_known_kinds() {
        let factors = vec![
            factor(FactorKind::Totp, None, None),
            factor(FactorKind::Passkey, Some("1"), Some("b")),
            factor(FactorKind::Passkey, Some("2"), Some("a")),
        ];
        let groups = group_by_kind(&factors);
        let kinds: Vec<_> = groups.iter().map(|(k, _)| *k).collect();
        // Every known kind, the IdP links included; no group for unknown ones.
        assert_eq!(kinds, DISPLAY_ORDER[..6].to_vec());
        assert_eq!(groups[0].1, factors[1..].to_vec());
        assert!(groups[1].1.is_empty());
        assert_eq!(groups[2].1, factors[..1].to_vec());
    }

    #[test]
    fn passkeys_decode() {
        let body = br#"{"result":[
            {"id":"283746529384756999","state":"AUTH_FACTOR_STATE_READY","name":"MacBook Touch ID"},
            {"id":"2","state":"AUTH_FACTOR_STATE_NOT_READY"}]}"#;
        let got = decode_passkeys(200, body).unwrap();
        assert_eq!(
            got[0],
            factor(
                FactorKind::Passkey,
                Some("283746529384756999"),
                Some("MacBook Touch ID")
            )
        );
        assert_eq!(got[1].name, None);
        assert_eq!(got[1].state, FactorState::NotReady);
    }

    #[test]
    fn a_body_that_is_not_a_list_answer_is_an_unexpected_body() {
        for body in [&b"<html>"[..], b"", b"[]", br#"{"result":"x"}"#] {
            assert_eq!(
                decode_auth_factors(200, body),
                Err(ApiError::UnexpectedBody { status: 200 })
            );
        }
    }

    #[test]
    fn two_links_to_one_idp_are_two_factors() {
        let link = |user: &str| IdpLink {
            idp_id: "g".into(),
            idp_name: Some("Google".into()),
            linked_user_id: user.into(),
            linked_user_name: None,
        };
        let (a, b) = (link_factor(link("u-1")), link_factor(link("u-2")));
        assert_eq!(a.id.as_deref(), Some("g:u-1"));
        assert_ne!(a.id, b.id);
        assert_eq!(a.name.as_deref(), Some("Google"));
        assert_eq!(a.link, Some(link("u-1")));
    }
}
