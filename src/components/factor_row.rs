use leptos::prelude::*;

use super::icons::KindIcon;
use super::kind_text::{display_name, state_label};
use super::remove_trigger::RemoveTrigger;
use super::risk_text::remove_label;
use super::use_messages;
use crate::api::{Factor, FactorKind, FactorState};

/// One factor: icon, name, state, and a Remove button that opens the confirmation.
#[component]
pub fn FactorRow(
    /// The factor shown.
    factor: Factor,
    /// The id of the Remove button, so focus can return to it.
    trigger_id: String,
    /// Whether this row's confirmation dialog is open (for `aria-expanded`).
    #[prop(into)]
    expanded: Signal<bool>,
    /// Called when the user asks to remove it.
    on_remove: Callback<()>,
    /// Whether removals are allowed at all (false after the server refused one).
    #[prop(into)]
    writable: Signal<bool>,
) -> impl IntoView {
    let t = use_messages();
    let name = display_name(t, &factor);
    let label = remove_label(t, &factor, &name);
    let ready = factor.state == FactorState::Ready;
    let removable = factor.kind != FactorKind::Unknown
        && (factor.id.is_some() || !matches!(factor.kind, FactorKind::Passkey | FactorKind::U2f));
    view! {
        <li class="zmm-row" part="row">
            <span class="zmm-row__icon"><KindIcon kind=factor.kind /></span>
            <span class="zmm-row__name" part="name">{name}</span>
            <span class="zmm-badge" part="state" class:zmm-badge--ready=ready>{state_label(t, factor.state)}</span>
            {move || {
                (removable && writable.get())
                .then(|| {
                    let (id, label) = (trigger_id.clone(), label.clone());
                    view! { <RemoveTrigger id label expanded on_press=on_remove /> }
                })
            }}
        </li>
    }
}
