//! What an error tells the user: a title, the server's own message, the HTTP status,
//! ZITADEL's error id, the next step, and whether trying again can help. Pure.

use crate::api::{ApiError, ErrorKind};
use crate::domain::Audience;
use crate::i18n::{for_audience, Messages};

/// What was being done when the error came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    Loading,
    Removing,
    /// A removal's answer left open whether it happened (a 404, a time-out, a lost or
    /// garbled answer) and the list, loaded again, still shows the factor.
    RemovingStillListed,
    /// Such an answer, and the list could not be loaded to check.
    RemovingUnverified,
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

pub fn error_text(t: &Messages, error: &ApiError, doing: Doing, audience: Audience) -> ErrorText {
    let origin_refused = error.is_origin_refused();
    let removing = doing != Doing::Loading;
    let unclear_not_found = error.kind() == ErrorKind::NotFound;
    let (title, next_step, retry) = match error.kind() {
        // A time-out, a lost or garbled answer: the list loaded again told what happened.
        _ if doing == Doing::RemovingStillListed && !unclear_not_found => {
            (t.err_not_removed_title, t.err_lost_not_removed_step, true)
        }
        _ if doing == Doing::RemovingUnverified && !unclear_not_found => {
            (t.err_unknown_title, t.err_unknown_step, true)
        }
        ErrorKind::Unauthenticated => (t.err_session_title, t.err_session_step, false),
        ErrorKind::MfaRequired => (t.err_mfa_title, t.err_mfa_step, false),
        ErrorKind::PermissionDenied if error.is_no_membership() => {
            (t.err_permission_title, t.err_membership_step, false)
        }
        ErrorKind::PermissionDenied if origin_refused => {
            (t.err_origin_title, t.err_origin_step, false)
        }
        ErrorKind::PermissionDenied => (
            t.err_permission_title,
            for_audience(t.err_permission_step, audience),
            false,
        ),
        // ZITADEL's 404 for a factor is trusted only after the list confirms it gone;
        // these are the cases where it did not.
        ErrorKind::NotFound if doing == Doing::RemovingStillListed => {
            let step = match (audience, error.error_id()) {
                // internal/command/org_policy_login.go: the org's own settings only.
                (_, Some("Org-3M9od" | "Org-3M9df")) => t.err_not_removed_inherited_step,
                (Audience::Admin, Some(id)) if id.starts_with("COMMAND-") => {
                    t.err_not_removed_org_step
                }
                _ => t.err_not_removed_step,
            };
            (t.err_not_removed_title, step, true)
        }
        ErrorKind::NotFound if doing == Doing::RemovingUnverified => (
            t.err_not_removed_title,
            t.err_not_removed_unverified_step,
            true,
        ),
        ErrorKind::NotFound if removing => (t.err_already_title, t.err_already_step, false),
        ErrorKind::NotFound => (t.err_not_found_title, t.err_not_found_step, true),
        ErrorKind::RateLimited => (t.err_rate_title, t.err_rate_step, true),
        // internal/command/org_policy_login.go: AddCustomLoginPolicy when the
        // organization has its own settings already. Repeating it cannot help.
        ErrorKind::Conflict if error.error_id() == Some("Org-Dgfb2") => {
            (t.err_not_removed_title, t.err_own_settings_step, false)
        }
        ErrorKind::Conflict => (t.err_conflict_title, t.err_conflict_step, true),
        ErrorKind::InvalidInput => (t.err_invalid_title, t.err_invalid_step, false),
        ErrorKind::Server => (t.err_server_title, t.err_server_step, true),
        ErrorKind::UnexpectedBody => (t.err_unexpected_title, t.err_unexpected_step, true),
        ErrorKind::Network if error.is_blocked_by_page_policy() => {
            (t.err_network_title, t.err_page_policy_step, false)
        }
        ErrorKind::Network => (t.err_network_title, t.err_network_step, true),
        ErrorKind::NoToken => (t.err_token_title, t.err_token_step, true),
        ErrorKind::Timeout if removing => (t.err_timeout_title, t.err_timeout_removing_step, true),
        ErrorKind::Timeout => (t.err_timeout_title, t.err_timeout_step, true),
    };
    let message = match error {
        ApiError::Status { message, .. } if !message.is_empty() => Some(message.clone()),
        ApiError::InvalidInput(reason) | ApiError::NoToken(reason) => Some(reason.clone()),
        // Names the origin the page's policy left out.
        ApiError::Network(reason) if error.is_blocked_by_page_policy() => Some(reason.clone()),
        _ => None,
    };
    ErrorText {
        title: title.to_string(),
        message,
        next_step: next_step.to_string(),
        status: error.status(),
        id: error.error_id().map(str::to_string),
        retry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn error_text(error: &ApiError, doing: Doing, audience: Audience) -> ErrorText {
        super::error_text(Locale::En.messages(), error, doing, audience)
    }

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
        assert_eq!(text.title, "Unexpected answer from the server");
        assert_eq!(text.status, Some(502));
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

    /// internal/api/authz/permissions.go: no membership is a 404, yet a permission matter.
    #[test]
    fn membership_not_found_is_a_missing_role_not_a_missing_thing() {
        let error = status(
            404,
            5,
            "membership not found (AUTHZ-cdgFk)",
            Some("AUTHZ-cdgFk"),
        );
        for doing in [Doing::Loading, Doing::Removing] {
            let text = error_text(&error, doing, Audience::Admin);
            assert_eq!(text.title, "Permission denied");
            assert!(text.next_step.contains("no role in this organization"));
            assert!(!text.retry);
        }
    }

    /// token_verifier.go: forced MFA and a sign-in without it.
    #[test]
    fn mfa_required_asks_for_a_sign_in_with_the_second_factor() {
        let error = status(403, 7, "mfa required (AUTHZ-Kl3p0)", Some("AUTHZ-Kl3p0"));
        let text = error_text(&error, Doing::Loading, Audience::SelfService);
        assert_eq!(text.title, "Sign in again with your second factor");
        assert!(!text.next_step.contains("administrator"));
    }

    #[test]
    fn a_404_the_list_does_not_confirm_is_never_a_success() {
        let factor = status(
            404,
            5,
            "WebAuthN Token could not be found (COMMAND-DAfb2)",
            Some("COMMAND-DAfb2"),
        );
        let still = error_text(&factor, Doing::RemovingStillListed, Audience::Admin);
        assert_eq!(still.title, "Not removed");
        assert!(
            still.next_step.contains("organization id"),
            "{}",
            still.next_step
        );
        let mine = error_text(&factor, Doing::RemovingStillListed, Audience::SelfService);
        assert!(
            mine.next_step.contains("still shows it"),
            "{}",
            mine.next_step
        );
        let unverified = error_text(&factor, Doing::RemovingUnverified, Audience::Admin);
        assert_eq!(unverified.title, "Not removed");
        assert!(unverified.next_step.contains("could not be loaded again"));
        let inherited = status(
            404,
            5,
            "Multifactor not existing (Org-3M9od)",
            Some("Org-3M9od"),
        );
        let text = error_text(&inherited, Doing::RemovingStillListed, Audience::Admin);
        assert!(
            text.next_step.contains("default settings"),
            "{}",
            text.next_step
        );
    }

    /// internal/command/org_policy_login.go, prepareAddLoginPolicy: 409 `Org-Dgfb2`.
    #[test]
    fn own_settings_created_meanwhile_changed_nothing_and_is_not_retried() {
        let error = status(
            409,
            6,
            "Login Policy already exists (Org-Dgfb2)",
            Some("Org-Dgfb2"),
        );
        let text = error_text(&error, Doing::Removing, Audience::Admin);
        assert_eq!(text.title, "Not removed");
        assert!(
            text.next_step.contains("nothing was changed"),
            "{}",
            text.next_step
        );
        assert!(!text.retry);
        let other = error_text(
            &status(409, 10, "conflict", None),
            Doing::Removing,
            Audience::Admin,
        );
        assert!(other.retry);
    }

    #[test]
    fn an_unclear_answer_is_told_by_what_the_list_showed() {
        for error in [
            ApiError::Timeout,
            ApiError::Network("Failed to fetch".into()),
            ApiError::UnexpectedBody { status: 200 },
            status(502, 14, "bad gateway", None),
        ] {
            let still = error_text(&error, Doing::RemovingStillListed, Audience::SelfService);
            assert_eq!(still.title, "Not removed", "{error:?}");
            assert!(still.next_step.contains("still shows it"), "{error:?}");
            assert!(still.retry);
            let unknown = error_text(&error, Doing::RemovingUnverified, Audience::SelfService);
            assert_eq!(
                unknown.title, "Not known whether it was removed",
                "{error:?}"
            );
            assert!(unknown.retry);
        }
    }
}
