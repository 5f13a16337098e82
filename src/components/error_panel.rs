use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::error_text::ErrorText;
use super::use_messages;

/// An error as the user sees it: what happened, the server's message, status and
/// copyable error id, the next step, and Retry when it can help. `role="alert"`.
#[component]
pub fn ErrorPanel(
    /// The error, as [`super::error_text::error_text`] words it.
    text: ErrorText,
    /// Shown as a Retry button when the error allows one.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let ErrorText {
        title,
        message,
        next_step,
        status,
        id,
        retry,
    } = text;
    let t = use_messages();
    let copied = RwSignal::new(false);
    let retry_button = on_retry.filter(|_| retry).map(|on_retry| {
        view! {
            <button type="button" class="zmm-button" on:click=move |_| on_retry.run(())>
                {t.retry}
            </button>
        }
    });
    let id_view = id.map(|id| {
        let to_copy = id.clone();
        view! {
            <span class="zmm-error__id">
                {t.error_id} " " <code>{id}</code>
                <button
                    type="button"
                    class="zmm-button zmm-button--quiet zmm-button--small"
                    on:click=move |_| {
                        copy_to_clipboard(&to_copy);
                        copied.set(true);
                    }
                >
                    {move || if copied.get() { t.copied } else { t.copy }}
                </button>
            </span>
        }
    });
    view! {
        <div class="zmm-error" part="error" role="alert">
            <p class="zmm-error__title">{title}</p>
            {message.map(|m| view! { <p class="zmm-error__message"><bdi>{m}</bdi></p> })}
            <p class="zmm-error__meta">
                {status.map(|s| view! { <span>{format!("HTTP {s}")}</span> })}
                {id_view}
            </p>
            <p class="zmm-error__next">{next_step}</p>
            {retry_button}
        </div>
    }
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).ok();
        let write = clipboard
            .as_ref()
            .and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok());
        if let (Some(clipboard), Some(write)) = (
            clipboard,
            write.and_then(|w| w.dyn_into::<js_sys::Function>().ok()),
        ) {
            // A refused write (no permission) leaves the id selectable on screen.
            let _ = write.call1(&clipboard, &text.into());
        }
    }
}
