//! The `details` a removal answers with: which event made the change, when, and in
//! which organization.

use super::wire::{decode_object, Json, Read};
use super::ApiError;

/// `details` of a command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeDetails {
    /// The instance-wide event sequence of the change.
    pub sequence: u64,
    /// RFC 3339 UTC time of the change, as sent: `changeDate`, or `creationDate` from
    /// a command that adds something (AddCustomLoginPolicy answers
    /// `object.AddToDetailsPb`, which sets only that one).
    pub change_date: Option<String>,
    /// The organization (or instance) the changed object belongs to.
    pub resource_owner: Option<String>,
}

impl ChangeDetails {
    fn read(json: &Json) -> Read<Self> {
        Ok(ChangeDetails {
            sequence: json.int64("sequence"),
            change_date: match json.opt_text("changeDate")? {
                Some(date) => Some(date),
                None => json.opt_text("creationDate")?,
            },
            resource_owner: json.opt_text("resourceOwner")?,
        })
    }
}

/// Decodes `{"details": {...}}`; a missing `details` gives all defaults.
pub fn decode_details(status: u16, body: &[u8]) -> Result<ChangeDetails, ApiError> {
    decode_object(status, body, |answer| match answer.member("details")? {
        Some(details) => ChangeDetails::read(&details),
        None => Ok(ChangeDetails::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_answer_decodes_with_its_sequence_as_a_number() {
        let body = br#"{"details":{"sequence":"42","changeDate":"2025-10-01T12:34:56.789012Z","resourceOwner":"69629023906488334"}}"#;
        assert_eq!(
            decode_details(200, body).unwrap(),
            ChangeDetails {
                sequence: 42,
                change_date: Some("2025-10-01T12:34:56.789012Z".into()),
                resource_owner: Some("69629023906488334".into()),
            }
        );
    }

    #[test]
    fn an_add_answers_its_creation_date() {
        let body = br#"{"details":{"sequence":"3","creationDate":"2025-10-02T08:00:00Z","resourceOwner":"o1"}}"#;
        assert_eq!(
            decode_details(200, body).unwrap().change_date.as_deref(),
            Some("2025-10-02T08:00:00Z")
        );
    }

    #[test]
    fn omitted_fields_and_numbers_are_tolerated() {
        assert_eq!(
            decode_details(200, b"{}").unwrap(),
            ChangeDetails::default()
        );
        let numeric = decode_details(200, br#"{"details":{"sequence":7,"extra":1}}"#).unwrap();
        assert_eq!(numeric.sequence, 7);
        assert_eq!(
            decode_details(200, br#"{"details":{"sequence":"x"}}"#)
                .unwrap()
                .sequence,
            0
        );
    }

    #[test]
    fn a_non_object_is_unexpected() {
        assert_eq!(
            decode_details(200, b""),
            Err(ApiError::UnexpectedBody { status: 200 })
        );
        assert_eq!(
            decode_details(200, b"[]"),
            Err(ApiError::UnexpectedBody { status: 200 })
        );
    }
}
