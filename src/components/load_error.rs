use leptos::prelude::*;

use crate::api::ApiError;

/// The panel shown when the factors could not be loaded: what happened, and a Retry.
#[component]
pub fn LoadError(
    /// The error of the failed load.
    error: ApiError,
    /// Called when the user asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let status = error.status().map(|s| format!("HTTP {s}"));
    let id = match &error {
        ApiError::Status { id, .. } => id.clone(),
        _ => None,
    };
    view! {
        <div class="zmm-error" role="alert">
            <p class="zmm-error__title">"Your sign-in methods could not be loaded."</p>
            <p class="zmm-error__message">{error.to_string()}</p>
            <p class="zmm-error__meta">
                {status.map(|s| view! { <span>{s}</span> })}
                {id.map(|id| view! { <code>{id}</code> })}
            </p>
            <button type="button" class="zmm-button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}
