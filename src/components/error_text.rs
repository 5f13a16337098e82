//! What an error tells the user: a title, the server's own message, the HTTP status,
//! ZITADEL's error id, the next step, and whether trying again can help. Pure.

use crate::api::{ApiError, ErrorKind};
use crate::domain::Audience;

/// What was being done when the error came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    Loading,
    Removing,
}

/// An error as the widget shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorText {
    pub title: String,
    /// The server's message (or the local reason), as sent.
    pub message: Option<String>,
    pub next_step: String,
    pub status: Option<u16>,
    /// ZITADEL's error id, to copy into a support request.
    pub id: Option<String>,
    /// Whether a Retry button makes sense.
    pub retry: bool,
}

pub fn error_text(error: &ApiError, doing: Doing, audience: Audience) -> ErrorText {
    let origin_refused = error.is_origin_refused();
    let (title, next_step, retry): (&str, String, bool) = match error.kind() {
        ErrorKind::Unauthenticated => (
            "Your session has expired",
            "Sign in again, then come back to this page.".into(),
            false,
        ),
        ErrorKind::PermissionDenied if origin_refused => (
            "This page is not allowed to call ZITADEL",
            "Ask an administrator to add this page's address to the allowed origins of the \
             application that issued your sign-in."
                .into(),
            false,
        ),
        ErrorKind::PermissionDenied => (
            "Permission denied",
            match audience {
                Audience::SelfService => {
                    "Ask an administrator of your organization for help.".into()
                }
                Audience::Admin => {
                    "This needs the user.write permission (user.read to list) in the \
                                    user's organization. Ask an administrator to grant it."
                        .into()
                }
            },
            false,
        ),
        ErrorKind::NotFound if doing == Doing::Removing => (
            "Already removed",
            "It was removed elsewhere in the meantime; the list has been refreshed.".into(),
            false,
        ),
        ErrorKind::NotFound => (
            "Not found",
            "Check the configured user and try again.".into(),
            true,
        ),
        ErrorKind::RateLimited => (
            "Too many requests",
            "Wait a moment, then try again.".into(),
            true,
        ),
        ErrorKind::Conflict => (
            "The change conflicted with another one",
            "Try again.".into(),
            true,
        ),
        ErrorKind::InvalidInput => (
            "The request was not valid",
            "Reload the page and try again.".into(),
            false,
        ),
        ErrorKind::Server => (
            "ZITADEL could not complete the request",
            "Try again in a moment.".into(),
            true,
        ),
        ErrorKind::UnexpectedBody => (
            "Unexpected answer from the server",
            "A proxy or gateway in front of ZITADEL may be failing. Try again in a moment.".into(),
            true,
        ),
        ErrorKind::Network => (
            "The server could not be reached",
            "Check your connection, then try again.".into(),
            true,
        ),
        ErrorKind::Timeout if doing == Doing::Removing => (
            "The server did not answer in time",
            "The removal may still have happened: the list has been refreshed. Try again if it is \
             still there."
                .into(),
            true,
        ),
        ErrorKind::Timeout => (
            "The server did not answer in time",
            "Try again.".into(),
            true,
        ),
    };
    let message = match error {
        ApiError::Status { message, .. } if !message.is_empty() => Some(message.clone()),
        ApiError::InvalidInput(reason) => Some(reason.clone()),
        ApiError::UnexpectedBody { .. } => Some(error.to_string()),
        _ => None,
    };
    ErrorText {
        title: title.to_string(),
        message,
        next_step,
        status: error.status(),
        id: error.error_id().map(str::to_string),
        retry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, code: i32, message: &str, id: Option<&str>) -> ApiError {
        ApiError::Status {
            status,
            code,
            message: message.into(),
            id: id.map(Into::into),
        }
    }

    #[test]
    fn each_kind_has_its_next_step() {
        let cases = [
            (
                status(
                    401,
                    16,
                    "Errors.Token.Invalid (AUTH-7fs1e)",
                    Some("AUTH-7fs1e"),
                ),
                "Your session has expired",
                "Sign in again",
                false,
            ),
            (
                status(
                    403,
                    7,
                    "Errors.OriginNotAllowed (AUTH-DZG21)",
                    Some("AUTH-DZG21"),
                ),
                "This page is not allowed to call ZITADEL",
                "allowed origins",
                false,
            ),
            (
                status(
                    403,
                    7,
                    "No matching permissions found (AUTH-5mWD2)",
                    Some("AUTH-5mWD2"),
                ),
                "Permission denied",
                "administrator",
                false,
            ),
            (
                status(
                    404,
                    5,
                    "Multifactor OTP (OneTimePassword) doesn't exist (COMMAND-Hd9sd)",
                    Some("COMMAND-Hd9sd"),
                ),
                "Already removed",
                "refreshed",
                false,
            ),
            (
                status(429, 8, "quota", None),
                "Too many requests",
                "Wait a moment",
                true,
            ),
            (
                status(500, 13, "Errors.Internal", None),
                "ZITADEL could not complete the request",
                "Try again",
                true,
            ),
            (
                ApiError::UnexpectedBody { status: 502 },
                "Unexpected answer from the server",
                "proxy",
                true,
            ),
            (
                ApiError::Network("Failed to fetch".into()),
                "The server could not be reached",
                "connection",
                true,
            ),
            (
                ApiError::Timeout,
                "The server did not answer in time",
                "may still have happened",
                true,
            ),
        ];
        for (error, title, step, retry) in cases {
            let text = error_text(&error, Doing::Removing, Audience::SelfService);
            assert_eq!(text.title, title, "{error:?}");
            assert!(
                text.next_step.contains(step),
                "{error:?}: {}",
                text.next_step
            );
            assert_eq!(text.retry, retry, "{error:?}");
        }
    }

    #[test]
    fn the_servers_message_status_and_id_are_kept() {
        let error = status(
            404,
            5,
            "WebAuthN Token not found (COMMAND-DAfb2)",
            Some("COMMAND-DAfb2"),
        );
        let text = error_text(&error, Doing::Removing, Audience::SelfService);
        assert_eq!(
            text.message.as_deref(),
            Some("WebAuthN Token not found (COMMAND-DAfb2)")
        );
        assert_eq!(text.status, Some(404));
        assert_eq!(text.id.as_deref(), Some("COMMAND-DAfb2"));
    }

    #[test]
    fn an_unexpected_body_says_so_with_its_status() {
        let text = error_text(
            &ApiError::UnexpectedBody { status: 502 },
            Doing::Loading,
            Audience::SelfService,
        );
        assert_eq!(
            text.message.as_deref(),
            Some("unexpected answer from the server (status 502)")
        );
    }

    #[test]
    fn a_404_while_loading_is_not_already_removed() {
        let text = error_text(
            &status(404, 5, "User could not be found", None),
            Doing::Loading,
            Audience::Admin,
        );
        assert_eq!(text.title, "Not found");
    }

    #[test]
    fn admins_learn_which_permission_is_missing() {
        let error = status(
            403,
            7,
            "No matching permissions found (AUTH-5mWD2)",
            Some("AUTH-5mWD2"),
        );
        let text = error_text(&error, Doing::Removing, Audience::Admin);
        assert!(text.next_step.contains("user.write"), "{}", text.next_step);
    }
}
