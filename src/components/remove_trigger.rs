use leptos::prelude::*;

use super::use_messages;

/// A row's Remove button: it opens a confirmation, so it says so (`aria-haspopup`,
/// `aria-expanded`), and its label names what it removes.
#[component]
pub fn RemoveTrigger(
    /// The button's id, so focus can return to it.
    id: String,
    /// The accessible name: "Remove security key “YubiKey 5C”".
    label: String,
    /// Whether its confirmation is open.
    #[prop(into)]
    expanded: Signal<bool>,
    /// Called when pressed.
    on_press: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            id=id
            class="zmm-button zmm-button--quiet zmm-row__remove"
            part="button remove"
            aria-haspopup="dialog"
            aria-expanded=move || if expanded.get() { "true" } else { "false" }
            aria-label=label
            on:click=move |_| on_press.run(())
        >
            {use_messages().remove}
        </button>
    }
}
