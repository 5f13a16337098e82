//! The words of the organization's login settings: readable type names and the
//! confirmation for removing a type. Pure.

use super::risk_text::DialogText;
use crate::api::{MultiFactorType, SecondFactorType};
use crate::domain::{PolicyConsequence, PolicyFactor, Severity};
use crate::i18n::{fill, Messages};

/// A readable name for an allowed type.
pub fn policy_factor_name(t: &Messages, factor: PolicyFactor) -> &'static str {
    t.policy_name[match factor {
        PolicyFactor::Second(SecondFactorType::Otp) => 0,
        PolicyFactor::Second(SecondFactorType::U2f) => 1,
        PolicyFactor::Second(SecondFactorType::OtpEmail) => 2,
        PolicyFactor::Second(SecondFactorType::OtpSms) => 3,
        PolicyFactor::Second(_) => 4,
        PolicyFactor::Multi(MultiFactorType::U2fWithVerification) => 5,
        PolicyFactor::Multi(_) => 6,
    }]
}

/// The confirmation for removing `factor` from the organization's login settings.
/// `copies_default`: the organization follows the instance's default, so the removal
/// gives it its own settings, which no longer follow the default.
pub fn policy_dialog_text(
    t: &Messages,
    factor: PolicyFactor,
    severity: Severity,
    consequence: PolicyConsequence,
    copies_default: bool,
) -> DialogText {
    let name = policy_factor_name(t, factor);
    let loses = fill(t.policy_loses, &[("name", name)]);
    let mut consequences = match consequence {
        PolicyConsequence::UsersLoseType => vec![loses],
        PolicyConsequence::NobodyCanEnrol => vec![t.policy_nobody_can_enrol.to_string(), loses],
        PolicyConsequence::ForcedMfaUnknown => vec![loses, t.policy_forced_unknown.to_string()],
    };
    if copies_default {
        consequences.push(fill(t.policy_copies_default, &[("name", name)]));
    }
    let confirm = if copies_default {
        t.policy_confirm_copy
    } else {
        t.policy_confirm
    };
    DialogText {
        title: fill(t.policy_title, &[("name", name)]),
        consequences,
        kept: None,
        confirm: confirm.into(),
        typed_word: (severity == Severity::Danger).then(|| t.typed_fallback.to_string()),
        severity,
        // Its Remove buttons show only once the settings are loaded.
        checking: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn policy_factor_name(factor: PolicyFactor) -> &'static str {
        super::policy_factor_name(Locale::En.messages(), factor)
    }

    fn policy_dialog_text(
        factor: PolicyFactor,
        severity: Severity,
        consequence: PolicyConsequence,
    ) -> DialogText {
        super::policy_dialog_text(Locale::En.messages(), factor, severity, consequence, false)
    }

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
    fn an_org_on_the_default_is_told_it_stops_following_it() {
        let factor = PolicyFactor::Second(SecondFactorType::OtpSms);
        let text = super::policy_dialog_text(
            Locale::En.messages(),
            factor,
            Severity::Warning,
            PolicyConsequence::UsersLoseType,
            true,
        );
        assert!(text.consequences[0].starts_with("Every user of the organization loses"));
        let copy = &text.consequences[1];
        assert!(copy.contains("every current value is kept, without “SMS codes”"));
        assert!(copy.contains("Later changes to the instance's default then no longer apply"));
        assert_eq!(text.confirm, "Remove and use own settings");
    }

    #[test]
    fn multi_factor_types_have_readable_names() {
        let name = policy_factor_name(PolicyFactor::Multi(MultiFactorType::U2fWithVerification));
        assert_eq!(name, "Passkeys (U2F with user verification)");
    }
}
