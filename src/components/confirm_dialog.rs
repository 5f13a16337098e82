//! The removal confirmation: an alert dialog (see the contract in the house style) whose
//! friction follows the risk, and which sends exactly one DELETE per confirmation. What
//! it removes (a user's factor, an organization's factor type) is the caller's operation.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::error_panel::ErrorPanel;
use super::error_text::{error_text, Doing};
use super::host_events::{
    self, before_remove, host_agrees, use_host_events, HostDecision, HostEvents, Subject,
};
use super::risk_text::DialogText;
use super::{use_api_config, use_messages};
use crate::api::{ApiError, ChangeDetails, ErrorKind};
use crate::domain::{Audience, Severity};
use crate::i18n::fill;
use crate::signin::too_old;

/// The removal a dialog confirms: called once per confirmation.
pub type Removal =
    Callback<(), futures::future::LocalBoxFuture<'static, Result<ChangeDetails, ApiError>>>;

/// After a removal answered 404: is the thing gone? `Some(true)` when a fresh list
/// no longer has it, `Some(false)` when it still does, `None` when that could not be
/// loaded.
pub type GoneCheck = Callback<(), futures::future::LocalBoxFuture<'static, Option<bool>>>;

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Finished {
    Cancelled,
    Removed(ChangeDetails),
    /// The server said it was not there (404) and a fresh list agrees: removed
    /// elsewhere meanwhile.
    AlreadyGone,
    /// ZITADEL's answer was lost (time-out, network, 5xx, a body that is not its JSON)
    /// and a fresh list no longer has it: removed, without ZITADEL's details.
    RemovedAnswerLost,
}

/// Whether an error leaves open if the removal happened: the list is asked.
fn outcome_unclear(error: &ApiError) -> bool {
    matches!(
        error.kind(),
        ErrorKind::NotFound
            | ErrorKind::Timeout
            | ErrorKind::Network
            | ErrorKind::Server
            | ErrorKind::UnexpectedBody
    ) && !error.is_no_membership()
        // Blocked by the page's policy: it never left the browser.
        && !error.is_blocked_by_page_policy()
}

/// Focusable controls inside the dialog, in order.
const FOCUSABLE: &str =
    "button:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex='-1'])";

/// The confirmation dialog for removing one factor.
#[component]
pub fn ConfirmDialog(
    /// Element ids are derived from this, unique per widget instance.
    id_prefix: String,
    /// The removal to run when confirmed.
    removal: Removal,
    /// The dialog's words and friction; they follow what the widget learns while it is
    /// open (the dialog itself is never rebuilt, so a removal in flight keeps its state).
    #[prop(into)]
    text: Signal<DialogText>,
    /// Whom error texts speak to.
    audience: Audience,
    /// Called once when the dialog ends.
    on_finished: Callback<Finished>,
    /// Told of every error the removal met (e.g. to stop offering what a 403 refused).
    #[prop(optional)]
    on_error: Option<Callback<ApiError>>,
    /// What is removed, for the page's `before-remove` event (which may veto it).
    #[prop(optional)]
    subject: Option<Subject>,
    /// Tells whether the thing is gone after an answer that leaves it open (a 404, a
    /// time-out, a lost answer); no such answer is taken on trust.
    gone_check: GoneCheck,
) -> impl IntoView {
    let host = use_host_events();
    let title_id = format!("{id_prefix}-dialog-title");
    let body_id = format!("{id_prefix}-dialog-body");
    let input_id = format!("{id_prefix}-dialog-confirm-word");
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let cancel_ref = NodeRef::<html::Button>::new();

    let t = use_messages();
    let typed = RwSignal::new(String::new());
    let word_matches = move || {
        text.with(|text| {
            text.typed_word
                .as_deref()
                .is_none_or(|w| typed.with(|t| t.trim() == w))
        })
    };
    // Set synchronously on the first confirmation: a second click, Enter + click or a
    // re-render cannot send another DELETE until this one has answered.
    let busy = RwSignal::new(false);
    // The page is asking its own question (`waitUntil`): its UI may take focus.
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // `Some` while the sign-in is too old for a removal; `Some(Some(reason))` when a
    // fresh sign-in was tried and failed.
    let stale = RwSignal::new(None::<Option<String>>);
    let config = use_api_config();
    let recent = config.recent;
    let reauthenticate = {
        let recent = recent.clone();
        let token = config.token;
        let asked_by = subject.as_ref().map(Subject::key).unwrap_or_default();
        move || {
            let asked_by = asked_by.clone();
            let Some(recent) = recent.clone() else { return };
            let Some(reauth) = recent.reauthenticate.clone() else {
                return;
            };
            let token = token.clone();
            leptos::task::spawn_local(async move {
                match reauth(asked_by).await {
                    Ok((fresh, auth_time)) => {
                        token.replace(&fresh);
                        recent.set_auth_time(auth_time);
                        let _ = stale.try_set(None);
                    }
                    Err(reason) => {
                        let _ = stale.try_set(Some(Some(reason)));
                    }
                }
            });
        }
    };
    // What the error means: a 404 whose check found the factor still there reads
    // differently from one whose check failed.
    let doing = RwSignal::new(Doing::Removing);

    // Runs the removal once. Its answer is handled here even when the widget went away
    // meanwhile: the page then still hears `removed` or `error`.
    let run_removal = {
        let (host, subject) = (host.clone(), subject.clone());
        move || {
            let sent = removal.run(());
            let (host, subject) = (host.clone(), subject.clone());
            leptos::task::spawn_local(async move {
                let outcome = sent.await;
                if busy.try_get_untracked().is_none() {
                    let ended = match outcome {
                        Ok(details) => Ended::Removed(Some(details)),
                        Err(e) => Ended::Failed(e),
                    };
                    return tell_host_after_unmount(host.as_ref(), subject.as_ref(), ended);
                }
                let e = match outcome {
                    Ok(details) => {
                        busy.set(false);
                        return on_finished.run(Finished::Removed(details));
                    }
                    Err(e) => e,
                };
                // Busy until the list tells what an unclear answer meant.
                let gone = if outcome_unclear(&e) {
                    gone_check.run(()).await
                } else {
                    Some(false)
                };
                // `try_set` hands the value back when the dialog went away meanwhile.
                if busy.try_set(false).is_some() {
                    let ended = if outcome_unclear(&e) && gone == Some(true) {
                        Ended::Removed(None)
                    } else {
                        Ended::Failed(e)
                    };
                    return tell_host_after_unmount(host.as_ref(), subject.as_ref(), ended);
                }
                if outcome_unclear(&e) {
                    match gone {
                        Some(true) if e.kind() == ErrorKind::NotFound => {
                            return on_finished.run(Finished::AlreadyGone)
                        }
                        Some(true) => return on_finished.run(Finished::RemovedAnswerLost),
                        Some(false) => doing.set(Doing::RemovingStillListed),
                        None => doing.set(Doing::RemovingUnverified),
                    }
                } else {
                    doing.set(Doing::Removing);
                }
                if let Some(on_error) = on_error {
                    on_error.run(e.clone());
                }
                error.set(Some(e));
            });
        }
    };

    // The one rule for when confirming does nothing: the button shows it as disabled, and
    // the handler checks it again against a click or Enter that arrives anyway.
    let confirm_disabled = move || {
        busy.get()
            || text.with(|x| x.checking)
            || !word_matches()
            || error.with(|e| {
                e.as_ref()
                    .is_some_and(|e| !error_text(t, e, doing.get(), audience).retry)
            })
    };
    let recent_for_confirm = recent.clone();
    let confirm = move || {
        if untrack(confirm_disabled) {
            return;
        }
        // A sign-in older than the limit sends nothing: a fresh one comes first.
        if let Some(recent) = recent_for_confirm.as_ref() {
            let now_s = (js_sys::Date::now() / 1000.0) as u64;
            if too_old(recent.auth_time(), recent.max_age_s, now_s) {
                stale.set(Some(None));
                return;
            }
        }
        // The page may veto, or ask its own question first: nothing is sent until it
        // agrees. Busy meanwhile, so repeat clicks do nothing.
        let decision = match subject.as_ref() {
            Some(s) => before_remove(host.as_ref(), s),
            None => HostDecision::Proceed,
        };
        let answers = match decision {
            HostDecision::Veto => return on_finished.run(Finished::Cancelled),
            HostDecision::Proceed => None,
            HostDecision::Ask(answers) => Some(answers),
        };
        busy.set(true);
        error.set(None);
        doing.set(Doing::Removing);
        match answers {
            None => run_removal(),
            Some(answers) => {
                asking.set(true);
                let run_removal = run_removal.clone();
                leptos::task::spawn_local(async move {
                    let agreed = host_agrees(answers).await;
                    // Unmounted while the page was asking: nothing more to do.
                    if asking.try_set(false).is_some() {
                        return;
                    }
                    if agreed {
                        run_removal();
                    } else {
                        busy.set(false);
                        on_finished.run(Finished::Cancelled);
                    }
                });
            }
        }
    };

    // Open as a modal (the rest of the page becomes inert), lock scrolling, focus Cancel.
    Effect::new(move |_| {
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
        if let Some(cancel) = cancel_ref.get_untracked() {
            let _ = cancel.focus();
        }
    });
    let scroll = ScrollLock::engage();
    on_cleanup(move || {
        drop(scroll);
        // Close before the element leaves, so the browser's own focus restoration runs
        // now and not after the caller has placed focus.
        if let Some(dialog) = dialog_ref.get_untracked() {
            dialog.close();
        }
    });

    // Focus that gets out (e.g. moved by a script of the host page) is pulled back.
    let focus_guard = window_event_listener(ev::focusin, move |event| {
        if asking.try_get_untracked().unwrap_or(true) {
            return;
        }
        // The first node of the composed path: in a shadow root, `target` is the host.
        let target = event
            .composed_path()
            .get(0)
            .dyn_into::<web_sys::EventTarget>()
            .ok();
        let (Some(dialog), Some(target)) = (dialog_ref.get_untracked(), target) else {
            return;
        };
        let inside = target
            .dyn_ref::<web_sys::Node>()
            .is_some_and(|node| dialog.contains(Some(node)));
        if !inside {
            if let Some(cancel) = cancel_ref.get_untracked() {
                let _ = cancel.focus();
            }
        }
    });
    on_cleanup(move || focus_guard.remove());

    // While the page is still asking its own question nothing has been sent, so leaving
    // is safe (its late answer then sends nothing); a page whose question never answers
    // must not hold the user in the dialog.
    let cancel = move || {
        if !busy.get_untracked() || asking.get_untracked() {
            on_finished.run(Finished::Cancelled);
        }
    };

    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() != "Tab" {
            return;
        }
        let Some(dialog) = dialog_ref.get_untracked() else {
            return;
        };
        let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
            return;
        };
        let controls: Vec<web_sys::HtmlElement> = (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into().ok())
            .collect();
        let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
            return;
        };
        // Inside a shadow root the document only knows the host; ask the dialog's root.
        let active = match dialog.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
            Ok(shadow) => shadow.active_element(),
            Err(_) => document().active_element(),
        };
        let at = |el: &web_sys::HtmlElement| {
            active.as_ref() == Some(el.unchecked_ref::<web_sys::Element>())
        };
        if event.shift_key() && at(first) {
            event.prevent_default();
            let _ = last.focus();
        } else if !event.shift_key() && at(last) {
            event.prevent_default();
            let _ = first.focus();
        }
    };

    let severity = move || text.with(|t| t.severity);
    let strong = move || severity() != Severity::Info;
    let prompt_confirm = confirm.clone();
    let typed_prompt = move || {
        let word = text.with(|text| text.typed_word.clone())?;
        // The word goes in bold where the language puts it.
        let (before, after) = t
            .type_to_confirm
            .split_once("{word}")
            .unwrap_or((t.type_to_confirm, ""));
        let confirm = prompt_confirm.clone();
        let input_id = input_id.clone();
        Some(view! {
            <div class="zmm-typed">
                <label for=input_id.clone() class="zmm-typed__label">
                    {before} <strong class="zmm-typed__word">{word}</strong> {after}
                </label>
                <input
                    id=input_id
                    class="zmm-input" part="input"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            confirm();
                        }
                    }
                />
            </div>
        })
    };
    let severity_name = move || match severity() {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Danger => "danger",
    };

    let (labelled_by, described_by) = (title_id.clone(), body_id.clone());
    view! {
        <dialog
            node_ref=dialog_ref
            class="zmm-dialog"
            part="dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            aria-busy=move || if busy.get() { "true" } else { "false" }
            data-state="open"
            data-severity=severity_name
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                cancel();
            }
            on:keydown=on_keydown
        >
            <div class="zmm-dialog__panel" part="dialog-panel">
                <h2 id=title_id class="zmm-dialog__title" part="dialog-title">{move || text.with(|x| x.title.clone())}</h2>
                // Polite: consequences that arrive while it is open (after "checking") are read out.
                <div id=body_id class="zmm-dialog__body" aria-live="polite">
                    {move || text.with(|x| x.consequences.clone())
                        .into_iter()
                        .map(|sentence| {
                            if strong() {
                                view! { <p class="zmm-dialog__consequence"><strong>{sentence}</strong></p> }.into_any()
                            } else {
                                view! { <p class="zmm-dialog__consequence">{sentence}</p> }.into_any()
                            }
                        })
                        .collect_view()}
                    {move || text.with(|x| x.kept.clone()).map(|k| view! { <p class="zmm-dialog__kept">{k}</p> })}
                </div>
                {typed_prompt}
                {
                    let recent = recent.clone();
                    let reauthenticate = reauthenticate.clone();
                    move || stale.get().map(|failed| {
                        let minutes = recent.as_ref().map_or(0, |r| r.max_age_s.div_ceil(60));
                        let can = recent.as_ref().is_some_and(|r| r.reauthenticate.is_some());
                        let reauthenticate = reauthenticate.clone();
                        view! {
                            <div class="zmm-reauth" role="alert">
                                <p>{fill(t.reauth_needed, &[("minutes", &minutes.to_string())])}</p>
                                {failed.map(|reason| view! { <p>{fill(t.reauth_failed, &[("reason", &reason)])}</p> })}
                                {if can {
                                    view! {
                                        <button type="button" class="zmm-button zmm-button--quiet" on:click=move |_| reauthenticate()>
                                            {t.reauth_button}
                                        </button>
                                    }.into_any()
                                } else {
                                    view! { <p>{t.reauth_unavailable}</p> }.into_any()
                                }}
                            </div>
                        }
                    })
                }
                {move || error.get().map(|e| view! { <ErrorPanel text=error_text(t, &e, doing.get(), audience) /> })}
                <div class="zmm-dialog__actions">
                    <button
                        type="button"
                        class="zmm-button zmm-button--quiet"
                        part="button cancel"
                        node_ref=cancel_ref
                        on:click=move |_| cancel()
                    >
                        {t.cancel}
                    </button>
                    <button
                        type="button"
                        class="zmm-button zmm-button--danger"
                        part="button confirm"
                        disabled=confirm_disabled
                        on:click=move |_| confirm()
                    >
                        // "Removing…" once it is sent, not while the page is still asking.
                        {move || if busy.get() && !asking.get() { t.removing.to_string() } else { text.with(|x| x.confirm.clone()) }}
                    </button>
                </div>
            </div>
        </dialog>
    }
}

/// Keeps the page from scrolling behind the modal; restores what it found.
struct ScrollLock {
    previous: Option<String>,
}

/// The page's `<html>` element, whose overflow the lock sets.
fn page_root() -> Option<web_sys::HtmlElement> {
    document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

impl ScrollLock {
    fn engage() -> ScrollLock {
        let root = page_root();
        let previous = root
            .as_ref()
            .and_then(|r| r.style().get_property_value("overflow").ok());
        if let Some(root) = root {
            let _ = root.style().set_property("overflow", "hidden");
        }
        ScrollLock { previous }
    }
}

impl Drop for ScrollLock {
    fn drop(&mut self) {
        if let Some(root) = page_root() {
            let _ = match self.previous.as_deref() {
                Some(value) if !value.is_empty() => root.style().set_property("overflow", value),
                _ => root.style().remove_property("overflow").map(|_| ()),
            };
        }
    }
}

/// How a removal ended, for a page whose widget went away meanwhile.
enum Ended {
    /// With ZITADEL's details, or without when its answer was lost.
    Removed(Option<ChangeDetails>),
    Failed(ApiError),
}

/// The page hears how a removal ended that finished after the widget went away:
/// `removed` (details `null` when ZITADEL's answer was lost) or `error`.
fn tell_host_after_unmount(host: Option<&HostEvents>, subject: Option<&Subject>, ended: Ended) {
    match (ended, subject) {
        (Ended::Removed(details), Some(subject)) => {
            host_events::removed(host, subject, details.as_ref())
        }
        (Ended::Removed(_), None) => {}
        (Ended::Failed(error), _) => host_events::error(host, "remove", &error),
    }
}
