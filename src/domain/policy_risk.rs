//! The risk of removing a factor type from an organization's login settings: every user
//! of the organization loses it at sign-in; with MFA required and no type left, nobody can
//! enrol a second factor any more. MFA is required after a password sign-in with
//! `forceMfa` or `forceMfaLocalOnly` (`internal/domain/user.go` `RequiresMFA`;
//! Login V2's `shouldEnforceMFA` agrees), so either flag counts.

use crate::api::{LoginPolicy, MultiFactorType, SecondFactorType};

use super::Severity;

/// A type an organization's login settings allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyFactor {
    Second(SecondFactorType),
    Multi(MultiFactorType),
}

/// What removing a type leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyConsequence {
    /// Every user of the organization loses this type at sign-in.
    UsersLoseType,
    /// MFA is forced and no second-factor type would remain: nobody can enrol one.
    NobodyCanEnrol,
    /// The policy could not be read, so forced MFA cannot be ruled out.
    ForcedMfaUnknown,
}

/// Severity and consequence of removing `removing` while `allowed` second-factor types
/// are allowed.
pub fn assess_policy_removal(
    policy: Option<&LoginPolicy>,
    allowed: &[SecondFactorType],
    removing: PolicyFactor,
) -> (Severity, PolicyConsequence) {
    let PolicyFactor::Second(kind) = removing else {
        return (Severity::Warning, PolicyConsequence::UsersLoseType);
    };
    let remaining = allowed
        .iter()
        .filter(|t| **t != kind && t.removable_name().is_some())
        .count();
    match policy {
        Some(p) if (p.force_mfa || p.force_mfa_local_only) && remaining == 0 => {
            (Severity::Danger, PolicyConsequence::NobodyCanEnrol)
        }
        Some(_) => (Severity::Warning, PolicyConsequence::UsersLoseType),
        None if remaining == 0 => (Severity::Warning, PolicyConsequence::ForcedMfaUnknown),
        None => (Severity::Warning, PolicyConsequence::UsersLoseType),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(force_mfa: bool) -> LoginPolicy {
        LoginPolicy {
            force_mfa,
            ..LoginPolicy::default()
        }
    }

    fn local_only() -> LoginPolicy {
        LoginPolicy {
            force_mfa_local_only: true,
            ..LoginPolicy::default()
        }
    }

    #[test]
    fn policy_removal_table() {
        use SecondFactorType::{Otp, U2f};
        let cases = [
            (
                Some(policy(true)),
                vec![Otp, U2f],
                PolicyFactor::Second(Otp),
                Severity::Warning,
                PolicyConsequence::UsersLoseType,
            ),
            (
                Some(policy(true)),
                vec![Otp],
                PolicyFactor::Second(Otp),
                Severity::Danger,
                PolicyConsequence::NobodyCanEnrol,
            ),
            (
                Some(policy(false)),
                vec![Otp],
                PolicyFactor::Second(Otp),
                Severity::Warning,
                PolicyConsequence::UsersLoseType,
            ),
            // RequiresMFA: forceMfaLocalOnly alone requires MFA after a password sign-in.
            (
                Some(local_only()),
                vec![Otp],
                PolicyFactor::Second(Otp),
                Severity::Danger,
                PolicyConsequence::NobodyCanEnrol,
            ),
            (
                None,
                vec![Otp],
                PolicyFactor::Second(Otp),
                Severity::Warning,
                PolicyConsequence::ForcedMfaUnknown,
            ),
            (
                None,
                vec![Otp, U2f],
                PolicyFactor::Second(U2f),
                Severity::Warning,
                PolicyConsequence::UsersLoseType,
            ),
            (
                Some(policy(true)),
                vec![Otp, SecondFactorType::Unknown],
                PolicyFactor::Second(Otp),
                Severity::Danger,
                PolicyConsequence::NobodyCanEnrol,
            ),
            (
                Some(policy(true)),
                vec![],
                PolicyFactor::Multi(MultiFactorType::U2fWithVerification),
                Severity::Warning,
                PolicyConsequence::UsersLoseType,
            ),
        ];
        for (policy, allowed, removing, severity, consequence) in cases {
            assert_eq!(
                assess_policy_removal(policy.as_ref(), &allowed, removing),
                (severity, consequence),
                "{removing:?} of {allowed:?}"
            );
        }
    }
}
