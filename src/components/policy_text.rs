//! The words of the organization's login settings: readable type names and the
//! confirmation for removing a type. Pure.

use super::risk_text::DialogText;
use crate::api::{MultiFactorType, SecondFactorType};
use crate::domain::{PolicyConsequence, PolicyFactor, Severity};

/// A readable name for an allowed type.
pub fn policy_factor_name(factor: PolicyFactor) -> &'static str {
    match factor {
        PolicyFactor::Second(SecondFactorType::Otp) => "Authenticator app (TOTP)",
        PolicyFactor::Second(SecondFactorType::U2f) => "Security key (U2F)",
        PolicyFactor::Second(SecondFactorType::OtpEmail) => "Email codes",
        PolicyFactor::Second(SecondFactorType::OtpSms) => "SMS codes",
        PolicyFactor::Second(_) => "Unknown second-factor type",
        PolicyFactor::Multi(MultiFactorType::U2fWithVerification) => {
            "Passkeys (U2F with user verification)"
        }
        PolicyFactor::Multi(_) => "Unknown multi-factor type",
    }
}

/// The confirmation for removing `factor` from the organization's login settings.
pub fn policy_dialog_text(
    factor: PolicyFactor,
    severity: Severity,
    consequence: PolicyConsequence,
) -> DialogText {
    let name = policy_factor_name(factor);
    let loses = format!(
        "Every user of the organization loses “{name}” at sign-in: those who set it up can no \
         longer use it, and nobody can set it up."
    );
    let consequences = match consequence {
        PolicyConsequence::UsersLoseType => vec![loses],
        PolicyConsequence::NobodyCanEnrol => vec![
            "MFA is required in this organization and this is the last allowed second-factor \
             type: after removing it nobody can set up a second factor any more, and users who \
             have to set one up cannot sign in."
                .to_string(),
            loses,
        ],
        PolicyConsequence::ForcedMfaUnknown => vec![
            loses,
            "The login policy could not be read, so we cannot tell whether MFA is required. If \
             it is, nobody could set up a second factor any more."
                .to_string(),
        ],
    };
    DialogText {
        title: format!("Remove “{name}” from the login settings?"),
        consequences,
        kept: None,
        confirm: "Remove from login settings".into(),
        typed_word: (severity == Severity::Danger).then(|| "remove".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_is_said_to_lose_the_type() {
        let factor = PolicyFactor::Second(SecondFactorType::OtpSms);
        let text = policy_dialog_text(factor, Severity::Warning, PolicyConsequence::UsersLoseType);
        assert_eq!(text.title, "Remove “SMS codes” from the login settings?");
        assert!(
            text.consequences[0].starts_with("Every user of the organization loses “SMS codes”")
        );
        assert_eq!(text.typed_word, None);
    }

    #[test]
    fn the_last_type_under_forced_mfa_asks_for_a_typed_word() {
        let factor = PolicyFactor::Second(SecondFactorType::Otp);
        let text = policy_dialog_text(factor, Severity::Danger, PolicyConsequence::NobodyCanEnrol);
        assert!(text.consequences[0].contains("nobody can set up a second factor any more"));
        assert_eq!(text.typed_word.as_deref(), Some("remove"));
        assert_eq!(text.confirm, "Remove from login settings");
    }

    #[test]
    fn multi_factor_types_have_readable_names() {
        let name = policy_factor_name(PolicyFactor::Multi(MultiFactorType::U2fWithVerification));
        assert_eq!(name, "Passkeys (U2F with user verification)");
    }
}
