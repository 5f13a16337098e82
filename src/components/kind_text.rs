//! What the user reads about each kind of factor. Pure, so it is tested natively.

use crate::api::{Factor, FactorKind, FactorState};
use crate::i18n::{kind_index, Messages};

/// The heading of a kind's group.
pub fn kind_title(t: &Messages, kind: FactorKind) -> &'static str {
    t.kind_title[kind_index(kind)]
}

/// One sentence under the heading that says what the kind is for.
pub fn kind_description(t: &Messages, kind: FactorKind) -> &'static str {
    t.kind_description[kind_index(kind)]
}

/// What an empty group says.
pub fn kind_empty(t: &Messages, kind: FactorKind) -> &'static str {
    t.kind_empty[kind_index(kind)]
}

/// The name to show: the user's own, else a fallback that still tells keys apart. An
/// IdP link: the IdP's name and the user's name there, "Google (ada@gmail.com)".
pub fn display_name(t: &Messages, factor: &Factor) -> String {
    let own = named(t, factor);
    match factor
        .link
        .as_ref()
        .and_then(|l| l.linked_user_name.as_deref())
    {
        Some(user) if !user.trim().is_empty() => format!("{own} ({})", user.trim()),
        _ => own,
    }
}

fn named(t: &Messages, factor: &Factor) -> String {
    if let Some(name) = factor
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        return name.to_string();
    }
    let noun = match factor.kind {
        FactorKind::Passkey | FactorKind::U2f | FactorKind::IdpLink => {
            t.kind_singular[kind_index(factor.kind)]
        }
        other => return kind_title(t, other).to_string(),
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
pub fn state_label(t: &Messages, state: FactorState) -> &'static str {
    t.state_label[match state {
        FactorState::Ready => 0,
        FactorState::NotReady => 1,
        FactorState::Removed => 2,
        FactorState::Unspecified | FactorState::Unknown => 3,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn display_name(factor: &Factor) -> String {
        super::display_name(Locale::En.messages(), factor)
    }

    fn unnamed(kind: FactorKind, id: Option<&str>) -> Factor {
        Factor {
            kind,
            id: id.map(Into::into),
            name: None,
            state: FactorState::Ready,
            link: None,
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
