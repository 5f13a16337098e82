//! Inline SVG icons per kind of factor: no icon font, no extra request; decorative.

use leptos::prelude::*;

use crate::api::FactorKind;

fn path_of(kind: FactorKind) -> &'static str {
    match kind {
        // A fingerprint-like set of arcs.
        FactorKind::Passkey => "M12 11v3a8 8 0 0 1-1.5 4.7M8.5 9.5A4 4 0 0 1 16 11v2m-8-1v2a12 12 0 0 1-1 4.8M5 8.5a8 8 0 0 1 14 3.5v1m-3 3.5a16 16 0 0 1-.6 3.5",
        // A key.
        FactorKind::U2f => "M14.5 9.5a3.5 3.5 0 1 0-3.4 4.3L4 21h3v-2h2v-2h2l1.6-1.6a3.5 3.5 0 0 0 1.9-5.9zM16 8h.01",
        // A phone with a clock face.
        FactorKind::Totp => "M7 3h10v18H7zM12 9v3l2 1.5M10 18h4",
        // A speech bubble.
        FactorKind::OtpSms => "M4 5h16v11H9l-5 4zM8 10h8M8 13h5",
        // An envelope.
        FactorKind::OtpEmail => "M3 6h18v12H3zM3 7l9 6 9-6",
        // Two links of a chain.
        FactorKind::IdpLink => "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
        // A shield.
        FactorKind::Unknown => "M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z",
    }
}

/// The icon of a kind, sized by the surrounding font.
#[component]
pub fn KindIcon(
    /// Which kind to draw.
    kind: FactorKind,
) -> impl IntoView {
    view! {
        <svg
            class="zmm-icon"
            viewBox="0 0 24 24"
            width="20"
            height="20"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            <path d=path_of(kind) />
        </svg>
    }
}
