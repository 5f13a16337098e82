//! What the user reads about each kind of factor. Pure, so it is tested natively.

use crate::api::{Factor, FactorKind, FactorState};

/// The heading of a kind's group.
pub fn kind_title(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Passkey => "Passkeys",
        FactorKind::U2f => "Security keys",
        FactorKind::Totp => "Authenticator app",
        FactorKind::OtpSms => "SMS codes",
        FactorKind::OtpEmail => "Email codes",
        FactorKind::Unknown => "Other methods",
    }
}

/// One sentence under the heading that says what the kind is for.
pub fn kind_description(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Passkey => {
            "Sign in without a password, with your fingerprint, face or device PIN."
        }
        FactorKind::U2f => "A physical key you touch as a second step after your password.",
        FactorKind::Totp => {
            "Six-digit codes from an app such as Google Authenticator or 1Password."
        }
        FactorKind::OtpSms => "One-time codes sent by text message to your phone.",
        FactorKind::OtpEmail => "One-time codes sent to your email address.",
        FactorKind::Unknown => "Methods this page does not know how to describe yet.",
    }
}

/// What an empty group says.
pub fn kind_empty(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Passkey => "No passkeys yet.",
        FactorKind::U2f => "No security keys yet.",
        FactorKind::Totp => "No authenticator app set up.",
        FactorKind::OtpSms => "SMS codes are not set up.",
        FactorKind::OtpEmail => "Email codes are not set up.",
        FactorKind::Unknown => "None.",
    }
}

/// The name to show: the user's own, else a fallback that still tells keys apart.
pub fn display_name(factor: &Factor) -> String {
    if let Some(name) = factor
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        return name.to_string();
    }
    let noun = match factor.kind {
        FactorKind::Passkey => "Passkey",
        FactorKind::U2f => "Security key",
        other => return kind_title(other).to_string(),
    };
    match factor.id.as_deref().map(id_tail) {
        Some(tail) => format!("{noun} …{tail}"),
        None => noun.to_string(),
    }
}

/// The last four characters of an id: enough to tell two unnamed keys apart.
fn id_tail(id: &str) -> &str {
    let start = id.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    &id[start..]
}

/// The state as a short label.
pub fn state_label(state: FactorState) -> &'static str {
    match state {
        FactorState::Ready => "Ready",
        FactorState::NotReady => "Not ready",
        FactorState::Removed => "Removed",
        FactorState::Unspecified | FactorState::Unknown => "Unknown state",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unnamed(kind: FactorKind, id: Option<&str>) -> Factor {
        Factor {
            kind,
            id: id.map(Into::into),
            name: None,
            state: FactorState::Ready,
        }
    }

    #[test]
    fn unnamed_keys_fall_back_to_their_id_tail() {
        let key = unnamed(FactorKind::U2f, Some("283746529384751234"));
        assert_eq!(display_name(&key), "Security key …1234");
        assert_eq!(
            display_name(&unnamed(FactorKind::Passkey, Some("ab"))),
            "Passkey …ab"
        );
        assert_eq!(display_name(&unnamed(FactorKind::Passkey, None)), "Passkey");
    }

    #[test]
    fn otp_kinds_are_named_by_their_kind() {
        assert_eq!(
            display_name(&unnamed(FactorKind::Totp, None)),
            "Authenticator app"
        );
    }

    #[test]
    fn blank_names_count_as_missing_and_real_names_are_kept() {
        let mut key = unnamed(FactorKind::U2f, Some("99999"));
        key.name = Some("  ".into());
        assert_eq!(display_name(&key), "Security key …9999");
        key.name = Some("<b>YubiKey</b>".into());
        assert_eq!(display_name(&key), "<b>YubiKey</b>");
    }

    #[test]
    fn id_tail_respects_multibyte_characters() {
        assert_eq!(id_tail("ééééé"), "éééé");
    }
}
