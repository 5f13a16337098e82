//! The organization's login settings for admins: the allowed second-factor and
//! multi-factor types, each removable after a confirmation that says every user of the
//! organization loses it.

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use super::confirm_dialog::{ConfirmDialog, Finished, GoneCheck, Removal};
use super::error_panel::ErrorPanel;
use super::error_text::{error_text, Doing};
use super::host_events::{self, use_host_events, Subject};
use super::loader::Loader;
use super::policy_text::{policy_dialog_text, policy_factor_name};
use super::remove_trigger::RemoveTrigger;
use super::result_panel::{Outcome, OutcomeRegion};
use super::{
    focus_soon, next_id_prefix, reload_on_refresh, use_api_config, use_language, use_login_ui,
    use_messages, use_presentation,
};
use crate::api::{ApiError, LoginPolicy};
use crate::client::{load_org_settings, remove_policy_factor};
use crate::domain::{assess_policy_removal, Audience, LoginUi, PolicyFactor};
use crate::i18n::{fill, Messages};

/// The panel's load, which a mount creates and starts right after it, as the list's
/// (`ListLoads`): a language file still on its way costs no round trip before it.
#[derive(Clone, Copy)]
pub struct OrgLoad(Loader<Result<crate::client::OrgSettings, ApiError>>);

impl OrgLoad {
    /// The load of organization `org_id`'s settings (the caller's own when `None`), not
    /// started yet.
    pub fn new(config: &crate::config::ApiConfig, org_id: Option<String>) -> OrgLoad {
        let config = config.clone();
        OrgLoad(Loader::new(move || {
            let (config, org_id) = (config.clone(), org_id.clone());
            async move { load_org_settings(&config, org_id.as_deref()).await }
        }))
    }

    /// Starts it (a load whose owner is gone does nothing).
    pub fn start(self) {
        self.0.reload();
    }
}

/// When the organization requires MFA, by `RequiresMFA` (`internal/domain/user.go`:
/// after a password sign-in with `forceMfa || forceMfaLocalOnly`, after an IdP with
/// `forceMfa && !forceMfaLocalOnly`) and Login V2's `shouldEnforceMFA` (after an IdP
/// with `forceMfa`, local-only or not).
fn mfa_text(t: &'static Messages, policy: &LoginPolicy, login: Option<LoginUi>) -> &'static str {
    match (policy.force_mfa, policy.force_mfa_local_only, login) {
        (false, false, _) => t.mfa_optional,
        (true, false, _) | (true, true, Some(LoginUi::V2)) => t.mfa_forced,
        (false, true, _) | (true, true, Some(LoginUi::V1)) => t.mfa_forced_local,
        (true, true, None) => t.mfa_forced_local_v2,
    }
}

/// The allowed factor types of an organization's login settings.
#[component]
pub fn OrgSettings(
    /// The organization (sent as `x-zitadel-orgid`); the caller's own when `None`.
    #[prop(optional_no_strip)]
    org_id: Option<String>,
) -> impl IntoView {
    let config = use_api_config();
    let host = use_host_events();
    let ids = next_id_prefix();
    let title_id = format!("{ids}-title");
    let org = StoredValue::new(org_id);
    // Started by the mount already (see `OrgLoad`), or here.
    let started = use_context::<OrgLoad>();
    let OrgLoad(settings) = started.unwrap_or_else(|| OrgLoad::new(&config, org.get_value()));
    reload_on_refresh(started.is_some(), move || settings.reload());
    let t = use_messages();
    let login = use_login_ui();
    let panel = NodeRef::<leptos::html::Section>::new();
    let request = RwSignal::new(None::<(PolicyFactor, String)>);
    let outcome = RwSignal::new(None::<Outcome>);
    let announcement = RwSignal::new(String::new());
    // Cleared when the server refuses a change (403): the panel then only shows.
    let writable = RwSignal::new(true);
    // Set when the organization got its own settings meanwhile (409 `Org-Dgfb2`): the
    // panel loads them again once the dialog is closed, not under the open dialog.
    let outdated = RwSignal::new(false);

    let finish = Callback::new({
        let title_id = title_id.clone();
        move |finished: Finished| {
            let Some((factor, trigger_id)) = request.get_untracked() else {
                return;
            };
            let what = policy_factor_name(t, factor).to_string();
            let done = match finished {
                Finished::Cancelled => None,
                Finished::Removed(details) => {
                    host_events::removed(host.as_ref(), &subject_of(t, factor), Some(&details));
                    Some(Outcome::Removed {
                        what,
                        details: Some(details),
                    })
                }
                Finished::RemovedAnswerLost => {
                    host_events::removed(host.as_ref(), &subject_of(t, factor), None);
                    Some(Outcome::Removed {
                        what,
                        details: None,
                    })
                }
                Finished::AlreadyGone => Some(Outcome::AlreadyGone { what }),
            };
            request.set(None);
            if outdated.get_untracked() {
                outdated.set(false);
                settings.reload();
            }
            let focus_to = if let Some(done) = done {
                announcement.set(done.announcement(t));
                outcome.set(Some(done));
                settings.reload();
                title_id.clone()
            } else {
                trigger_id
            };
            focus_soon(panel, vec![focus_to]);
        }
    });
    let error_host = use_host_events();
    let refused = Callback::new(move |error: ApiError| {
        host_events::error(error_host.as_ref(), "remove", &error);
        // Only a missing policy.write hides the actions; an origin refusal is explained in
        // the dialog and is not about this organization's permissions.
        if error.is_missing_permission() {
            writable.set(false);
        }
        if error.error_id() == Some("Org-Dgfb2") {
            outdated.set(true);
        }
    });
    let refresh = Callback::new(move |()| settings.reload());

    // Rebuilt only when another type is asked for; settings loaded meanwhile change its
    // words, never its state.
    let dialog = {
        let ids = ids.clone();
        move || {
            let (factor, _) = request.get()?;
            let current = move || settings.get().and_then(Result::ok);
            let text = Signal::derive(move || {
                let current = current();
                let allowed = current
                    .as_ref()
                    .map(|s| s.second_factors.clone())
                    .unwrap_or_default();
                let copies_default = current.as_ref().is_some_and(|s| s.policy.is_default);
                let (severity, consequence) =
                    assess_policy_removal(current.as_ref().map(|s| &s.policy), &allowed, factor);
                policy_dialog_text(t, factor, severity, consequence, copies_default)
            });
            let subject = subject_of(t, factor);
            let removal: Removal = Callback::new({
                let config = config.clone();
                move |()| {
                    let config = config.clone();
                    // The settings the dialog is worded from now are the ones sent: an
                    // organization on the default gets what the admin saw, minus the type.
                    let shown = untrack(current);
                    let org = org.get_value();
                    Box::pin(async move {
                        remove_policy_factor(&config, org.as_deref(), factor, shown.as_ref()).await
                    }) as LocalBoxFuture<'static, _>
                }
            });
            // An unclear answer (`Org-3M9od` also comes for an inherited type, a time-out
            // may hide a removal): only the settings loaded again tell whether it is gone.
            let gone_check: GoneCheck = Callback::new({
                let config = config.clone();
                move |()| {
                    let config = config.clone();
                    let org = org.get_value();
                    Box::pin(async move {
                        let fresh = load_org_settings(&config, org.as_deref()).await;
                        fresh.ok().map(|fresh| !fresh.allows(factor))
                    }) as LocalBoxFuture<'static, _>
                }
            });
            Some(untrack(|| {
                view! {
                    <ConfirmDialog
                        id_prefix=ids.clone()
                        removal
                        text
                        audience=Audience::Admin
                        on_finished=finish
                        on_error=refused
                        subject
                        gone_check
                    />
                }
            }))
        }
    };

    let labelled_by = title_id.clone();
    let result_ids = ids.clone();
    view! {
        <section
            node_ref=panel
            class="zmm zmm-org"
            part="root"
            data-theme=use_presentation().theme.name()
            lang=use_language().shown_tag().to_string()
            aria-labelledby=labelled_by
        >
            <header class="zmm-header" part="header">
                <h2 id=title_id class="zmm-title" part="title" tabindex="-1">{t.org_heading}</h2>
                <p class="zmm-lead">{t.org_lead}</p>
            </header>
            <OutcomeRegion announcement outcome id_prefix=result_ids />
            {move || (!writable.get()).then(|| view! { <p class="zmm-notice" role="note">{t.org_read_only_notice}</p> })}
            {move || {
                let ids = ids.clone();
                match settings.get() {
                    None => view! { <div class="zmm-skeleton" role="status" aria-busy="true"><span class="zmm-visually-hidden">{t.org_loading}</span><div class="zmm-skeleton__row" aria-hidden="true"></div></div> }.into_any(),
                    Some(Ok(current)) => {
                        let second: Vec<PolicyFactor> =
                            current.second_factors.iter().map(|t| PolicyFactor::Second(*t)).collect();
                        let multi: Vec<PolicyFactor> =
                            current.multi_factors.iter().map(|t| PolicyFactor::Multi(*t)).collect();
                        let forced = mfa_text(t, &current.policy, login);
                        let inherited = current.policy.is_default.then(|| {
                            view! { <p class="zmm-notice zmm-org__default" role="note">{t.org_default_notice}</p> }
                        });
                        view! {
                            {inherited}
                            <p class="zmm-org__mfa">{forced}</p>
                            <TypeGroup
                                title=t.org_second_title
                                empty=t.org_second_empty
                                heading_id=format!("{ids}-second")
                                factors=second
                                writable
                                request
                            />
                            <TypeGroup
                                title=t.org_multi_title
                                empty=t.org_multi_empty
                                heading_id=format!("{ids}-multi")
                                factors=multi
                                writable
                                request
                            />
                        }
                            .into_any()
                    }
                    Some(Err(error)) => {
                        let text = error_text(t, &error, Doing::Loading, Audience::Admin);
                        view! {
                            <div class="zmm-load-error">
                                <p class="zmm-load-error__lead">{t.org_load_error}</p>
                                <ErrorPanel text on_retry=refresh />
                            </div>
                        }
                            .into_any()
                    }
                }
            }}
            {dialog}
        </section>
    }
}

/// The type as the page's events describe it.
fn subject_of(t: &Messages, factor: PolicyFactor) -> Subject {
    let (kind, id) = match factor {
        PolicyFactor::Second(kind) => ("second_factor_type", kind.wire_name()),
        PolicyFactor::Multi(kind) => ("multi_factor_type", kind.wire_name()),
    };
    Subject {
        kind,
        id: id.map(str::to_string),
        name: policy_factor_name(t, factor).to_string(),
    }
}

#[component]
fn TypeGroup(
    title: &'static str,
    empty: &'static str,
    heading_id: String,
    factors: Vec<PolicyFactor>,
    writable: RwSignal<bool>,
    request: RwSignal<Option<(PolicyFactor, String)>>,
) -> impl IntoView {
    let t = use_messages();
    let labelled_by = heading_id.clone();
    let rows = factors
        .into_iter()
        .enumerate()
        .map(|(index, factor)| {
            let name = policy_factor_name(t, factor);
            let trigger_id = format!("{heading_id}-remove-{index}");
            let mine = trigger_id.clone();
            let expanded = Signal::derive(move || {
                request.with(|r| r.as_ref().is_some_and(|(_, t)| *t == mine))
            });
            let removable = match factor {
                PolicyFactor::Second(kind) => kind.removable_name().is_some(),
                PolicyFactor::Multi(kind) => kind.removable_name().is_some(),
            };
            let button = move || {
                (removable && writable.get()).then(|| {
                    let asked = trigger_id.clone();
                    let on_press =
                        Callback::new(move |()| request.set(Some((factor, asked.clone()))));
                    let label = fill(t.org_remove_label, &[("name", name)]);
                    view! { <RemoveTrigger id=trigger_id.clone() label expanded on_press /> }
                })
            };
            view! {
                <li class="zmm-row" part="row">
                    <span class="zmm-row__name" part="name">{name}</span>
                    {button}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let body = if rows.is_empty() {
        view! { <p class="zmm-empty">{empty}</p> }.into_any()
    } else {
        view! { <ul class="zmm-list" aria-labelledby=labelled_by.clone()>{rows}</ul> }.into_any()
    };
    view! {
        <section class="zmm-group" part="group" aria-labelledby=labelled_by>
            <h3 id=heading_id class="zmm-group__title" part="group-title">{title}</h3>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RequiresMFA (internal/domain/user.go) for v1, shouldEnforceMFA
    /// (apps/login/src/lib/verify-helper.ts) for v2; unset: the sentence says both.
    #[test]
    fn the_mfa_sentence_follows_force_mfa_local_only_in_both_logins() {
        let t = crate::i18n::ENGLISH;
        let policy = |force_mfa, force_mfa_local_only| LoginPolicy {
            force_mfa,
            force_mfa_local_only,
            ..LoginPolicy::default()
        };
        let cases = [
            (false, false, None, t.mfa_optional),
            (true, false, None, t.mfa_forced),
            // Local-only alone: after a password sign-in, in both logins.
            (false, true, None, t.mfa_forced_local),
            (false, true, Some(LoginUi::V2), t.mfa_forced_local),
            // Both flags: v1 spares IdP sign-ins, v2 does not.
            (true, true, Some(LoginUi::V1), t.mfa_forced_local),
            (true, true, Some(LoginUi::V2), t.mfa_forced),
            (true, true, None, t.mfa_forced_local_v2),
        ];
        for (force, local, login, expected) in cases {
            assert_eq!(
                mfa_text(t, &policy(force, local), login),
                expected,
                "forceMfa {force}, local only {local}, {login:?}"
            );
        }
    }
}
