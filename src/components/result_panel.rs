use leptos::prelude::*;

use super::{use_language, use_messages, use_presentation};
use crate::api::ChangeDetails;
use crate::domain::rfc3339_to_millis;
use crate::i18n::{fill, Messages};

/// What the last removal did.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Removed, with the server's details. `what` names the factor (`passkey “MacBook”`).
    /// No details when ZITADEL's answer was lost and a fresh list showed the removal.
    Removed {
        what: String,
        details: Option<ChangeDetails>,
    },
    /// The server no longer had it.
    AlreadyGone { what: String },
}

impl Outcome {
    /// The sentence for the polite live region.
    pub fn announcement(&self, t: &Messages) -> String {
        match self {
            Outcome::Removed { what, .. } => fill(t.removed_announcement, &[("what", what)]),
            Outcome::AlreadyGone { what } => fill(t.already_gone_announcement, &[("what", what)]),
        }
    }
}

/// The result of the last removal: what was removed and the details ZITADEL returned.
#[component]
pub fn ResultPanel(
    /// The outcome shown.
    outcome: Outcome,
    /// Element ids are derived from this.
    id_prefix: String,
    /// Called when the user dismisses the panel.
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let t = use_messages();
    let title_id = format!("{id_prefix}-result-title");
    let (title, body) = match outcome {
        Outcome::Removed {
            what,
            details: Some(details),
        } => (
            capitalized(&fill(t.removed_title, &[("what", &what)])),
            use_presentation()
                .details
                .then(|| details_view(t, details))
                .into_any(),
        ),
        Outcome::Removed {
            what,
            details: None,
        } => (
            capitalized(&fill(t.removed_title, &[("what", &what)])),
            view! { <p class="zmm-result__note">{t.removed_no_answer_note}</p> }.into_any(),
        ),
        Outcome::AlreadyGone { what } => (
            capitalized(&fill(t.already_gone_title, &[("what", &what)])),
            view! { <p class="zmm-result__note">{t.already_gone_note}</p> }.into_any(),
        ),
    };
    let labelled_by = title_id.clone();
    view! {
        <section class="zmm-result" part="result" aria-labelledby=labelled_by>
            <h3 id=title_id class="zmm-result__title">{title}</h3>
            {body}
            <button type="button" class="zmm-button zmm-button--quiet zmm-button--small" on:click=move |_| on_dismiss.run(())>
                {t.dismiss}
            </button>
        </section>
    }
}

/// The polite live region that announces the last removal, and its result panel.
#[component]
pub fn OutcomeRegion(
    /// The sentence to announce.
    announcement: RwSignal<String>,
    /// The last removal's outcome, shown until dismissed.
    outcome: RwSignal<Option<Outcome>>,
    /// Element ids are derived from this.
    id_prefix: String,
) -> impl IntoView {
    view! {
        <div class="zmm-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcement.get()}
        </div>
        {move || {
            outcome.get().map(|done| {
                view! {
                    <ResultPanel
                        outcome=done
                        id_prefix=id_prefix.clone()
                        on_dismiss=Callback::new(move |()| outcome.set(None))
                    />
                }
            })
        }}
    }
}

fn details_view(t: &'static Messages, details: ChangeDetails) -> impl IntoView {
    let changed = details.change_date.map(|iso| {
        let shown = local_time(&iso, &use_language().tag);
        view! {
            <dt>{t.changed_at}</dt>
            <dd><time datetime=iso>{shown}</time></dd>
        }
    });
    let owner = details.resource_owner.map(|owner| {
        view! {
            <dt>{t.organization}</dt>
            <dd><code>{owner}</code></dd>
        }
    });
    view! {
        <dl class="zmm-details">
            <dt>{t.change_number}</dt>
            <dd>{details.sequence.to_string()}</dd>
            {changed}
            {owner}
        </dl>
    }
}

/// `text` with its first letter in upper case by the browser's Unicode rules (Rust's own
/// would add its case tables to the wasm).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let upper = js_sys::JsString::from(first.to_string()).to_upper_case();
    String::from(upper) + chars.as_str()
}

/// A ZITADEL timestamp in the widget's language (`tag`) and the browser's time zone;
/// as sent when unparseable.
fn local_time(iso: &str, tag: &str) -> String {
    let Some(millis) = rfc3339_to_millis(iso) else {
        return iso.to_string();
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"medium".into());
    let locales = js_sys::Array::of1(&tag.into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let date = js_sys::Date::new(&millis.into());
    format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| iso.to_string())
}
