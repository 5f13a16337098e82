//! ZITADEL's lists are projections: right after a DELETE a list may still return the
//! removed factor. A factor the user just removed stays hidden until a list confirms it
//! is gone, or for a grace period at most (after that it is real, e.g. added again).

use crate::api::{Factor, FactorKind};

/// How long a removed factor stays hidden while lists still return it.
pub const GRACE_MS: f64 = 15_000.0;

/// Identifies a factor across list answers: kind plus token id (OTP kinds have none).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FactorKey(FactorKind, Option<String>);

pub fn factor_key(factor: &Factor) -> FactorKey {
    FactorKey(factor.kind, factor.id.clone())
}

/// The entry of `list` with `key`: the factor as that list has it (its state and name
/// may have changed since), if it is listed at all.
pub fn listed<'a>(list: &'a [Factor], key: &FactorKey) -> Option<&'a Factor> {
    list.iter().find(|f| factor_key(f) == *key)
}

/// The factors removed in this session, with when they were removed (ms).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HiddenFactors(Vec<(FactorKey, f64)>);

impl HiddenFactors {
    pub fn hide(&mut self, key: FactorKey, now_ms: f64) {
        self.0.retain(|(k, _)| *k != key);
        self.0.push((key, now_ms));
    }

    pub fn is_hidden(&self, factor: &Factor) -> bool {
        let key = factor_key(factor);
        self.0.iter().any(|(k, _)| *k == key)
    }

    /// Takes a fresh list: forgets what it confirms gone and what outlived the grace
    /// period, and returns the factors to show.
    pub fn reconcile(&mut self, fresh: &[Factor], now_ms: f64) -> Vec<Factor> {
        self.0.retain(|(key, removed_at)| {
            let still_listed = listed(fresh, key).is_some();
            still_listed && now_ms - removed_at < GRACE_MS
        });
        fresh
            .iter()
            .filter(|f| !self.is_hidden(f))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FactorState;

    fn key(id: &str) -> Factor {
        Factor {
            kind: FactorKind::U2f,
            id: Some(id.into()),
            name: None,
            state: FactorState::Ready,
            link: None,
        }
    }

    #[test]
    fn a_lagging_list_does_not_bring_a_removed_factor_back() {
        let mut hidden = HiddenFactors::default();
        hidden.hide(factor_key(&key("a")), 1_000.0);
        let shown = hidden.reconcile(&[key("a"), key("b")], 2_000.0);
        assert_eq!(shown, vec![key("b")]);
        assert!(hidden.is_hidden(&key("a")));
    }

    #[test]
    fn a_list_without_it_confirms_the_removal() {
        let mut hidden = HiddenFactors::default();
        hidden.hide(factor_key(&key("a")), 1_000.0);
        hidden.reconcile(&[key("b")], 2_000.0);
        assert_eq!(hidden, HiddenFactors::default());
        // If it ever comes back (added again), it shows.
        assert_eq!(hidden.reconcile(&[key("a")], 3_000.0), vec![key("a")]);
    }

    #[test]
    fn after_the_grace_period_a_listed_factor_is_real() {
        let mut hidden = HiddenFactors::default();
        hidden.hide(factor_key(&key("a")), 1_000.0);
        let shown = hidden.reconcile(&[key("a")], 1_000.0 + GRACE_MS);
        assert_eq!(shown, vec![key("a")]);
    }

    #[test]
    fn otp_kinds_are_keyed_by_kind() {
        let totp = Factor {
            kind: FactorKind::Totp,
            id: None,
            name: None,
            state: FactorState::Ready,
            link: None,
        };
        let mut hidden = HiddenFactors::default();
        hidden.hide(factor_key(&totp), 0.0);
        assert!(hidden
            .reconcile(std::slice::from_ref(&totp), 1.0)
            .is_empty());
    }
}
