//! Server strings (factor names, user names, error messages) placed among the widget's
//! own words. Pure.
//!
//! A name is the server's, so it may carry right-to-left text or bidi controls; an
//! unterminated override (U+202E) would reverse the rest of the sentence around it.
//! Wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (Unicode UAX #9, section
//! 2.7), it is laid out on its own and closes whatever it opened. Plain left-to-right
//! names are left as they are.

use std::borrow::Cow;

/// How many characters of a name a sentence shows; the row shows it whole.
const SENTENCE_NAME_CHARS: usize = 64;

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Whether `c` is right-to-left or a bidi control (UAX #9 classes R, AL and the
/// explicit formatting characters).
fn bidi_relevant(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF
        | 0xFB1D..=0xFDFF
        | 0xFE70..=0xFEFF
        | 0x1_0800..=0x1_0FFF
        | 0x1_E800..=0x1_EFFF
        | 0x200E
        | 0x200F
        | 0x202A..=0x202E
        | 0x2066..=0x2069)
}

/// `text` isolated when it needs it.
fn isolated(text: &str) -> Cow<'_, str> {
    if text.chars().any(bidi_relevant) {
        Cow::Owned(format!("{FSI}{text}{PDI}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A name for a sentence: cut after [`SENTENCE_NAME_CHARS`] characters (with "…"), and
/// isolated when it needs it.
pub fn in_sentence(name: &str) -> String {
    let cut = match name.char_indices().nth(SENTENCE_NAME_CHARS) {
        Some((end, _)) => Cow::Owned(format!("{}…", &name[..end])),
        None => Cow::Borrowed(name),
    };
    isolated(&cut).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_as_they_are() {
        for name in ["MacBook Touch ID", "YubiKey 5C", "Clé “bureau”", "鍵", ""] {
            assert_eq!(isolated(name), name);
            assert_eq!(in_sentence(name), name);
        }
    }

    /// UAX #9: R and AL characters, and the explicit embeddings, overrides and isolates.
    #[test]
    fn right_to_left_text_and_bidi_controls_are_isolated() {
        for name in [
            "מפתח",
            "مفتاح الأمان",
            "evil\u{202E}txt.exe",
            "a\u{2067}b",
            "x\u{200F}",
            "\u{061C}",
        ] {
            let out = isolated(name);
            assert!(out.starts_with(FSI) && out.ends_with(PDI), "{name:?}");
            assert_eq!(&out[FSI.len_utf8()..out.len() - PDI.len_utf8()], name);
        }
    }

    #[test]
    fn long_names_are_cut_in_sentences() {
        let long = "x".repeat(5_000);
        let shown = in_sentence(&long);
        assert_eq!(shown.chars().count(), SENTENCE_NAME_CHARS + 1);
        assert!(shown.ends_with('…'));
        // Cut on a character, never inside one.
        let wide = "🔑".repeat(100);
        assert_eq!(in_sentence(&wide).chars().count(), SENTENCE_NAME_CHARS + 1);
        let rtl = format!("\u{202E}{}", "a".repeat(100));
        let shown = in_sentence(&rtl);
        assert!(shown.starts_with(FSI) && shown.ends_with(PDI));
    }
}
