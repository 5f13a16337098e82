//! When a failed call is sent again: list (read) calls on transient failures, a bounded
//! number of times with growing delays. A DELETE is never repeated automatically: the
//! user decides, so one confirmation never becomes two removals.

use super::{ApiError, Route};

/// Bounded retry with exponential backoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// Delay before the second attempt; each further one doubles it.
    pub base_delay_ms: u32,
    /// The time limit of each attempt.
    pub timeout_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            base_delay_ms: 400,
            timeout_ms: 15_000,
        }
    }
}

impl RetryPolicy {
    /// The delay before sending `route` again after `attempt` (1-based) failed with
    /// `error`, or `None` to give up and report the error.
    pub fn next_delay_ms(&self, route: &Route, attempt: u32, error: &ApiError) -> Option<u32> {
        // A time-out already cost a whole time limit: one more try, not two, so a
        // server that does not answer is reported within about twice the limit.
        let attempts = match error {
            ApiError::Timeout => self.attempts.min(2),
            _ => self.attempts,
        };
        if !route.is_read() || !error.is_transient() || attempt >= attempts {
            return None;
        }
        Some(
            self.base_delay_ms
                .saturating_mul(1 << (attempt - 1).min(16)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{route, FactorRef, Operation, Surface};

    fn list() -> Route {
        route(&Surface::Me, &Operation::ListPasskeys).unwrap()
    }

    #[test]
    fn reads_are_retried_with_doubling_delays_then_given_up() {
        let policy = RetryPolicy::default();
        let error = ApiError::from_response(503, b"");
        assert_eq!(policy.next_delay_ms(&list(), 1, &error), Some(400));
        assert_eq!(policy.next_delay_ms(&list(), 2, &error), Some(800));
        assert_eq!(policy.next_delay_ms(&list(), 3, &error), None);
        assert_eq!(
            policy.next_delay_ms(&list(), 1, &ApiError::Timeout),
            Some(400)
        );
    }

    #[test]
    fn a_time_out_is_tried_once_more_only() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.next_delay_ms(&list(), 2, &ApiError::Timeout), None);
        let worst_ms = 2 * policy.timeout_ms + policy.base_delay_ms;
        assert!(worst_ms <= 31_000, "{worst_ms} ms before the user hears");
    }

    #[test]
    fn a_delete_is_never_retried() {
        let delete = route(&Surface::Me, &Operation::Remove(FactorRef::Totp)).unwrap();
        let policy = RetryPolicy::default();
        for error in [
            ApiError::Network("reset".into()),
            ApiError::Timeout,
            ApiError::from_response(503, b""),
        ] {
            assert_eq!(policy.next_delay_ms(&delete, 1, &error), None);
        }
    }

    #[test]
    fn lasting_errors_are_not_retried() {
        let policy = RetryPolicy::default();
        for status in [400, 401, 403, 404, 429, 500] {
            let error = ApiError::from_response(status, br#"{"code":2,"message":"x"}"#);
            assert_eq!(policy.next_delay_ms(&list(), 1, &error), None, "{status}");
        }
    }
}
