//! The widget's root: the user's factors grouped by kind, the confirmation dialog, the
//! result of the last removal, and a polite live region that announces it.

use leptos::prelude::*;

use futures::future::LocalBoxFuture;

use super::confirm_dialog::{ConfirmDialog, Finished, GoneCheck, Removal};
use super::error_panel::ErrorPanel;
use super::error_text::{error_text, Doing};
use super::factor_row::FactorRow;
use super::host_events::{self, removal_key, use_host_events, Subject};
use super::kind_text::{display_name, kind_description, kind_empty, kind_title};
use super::loader::Loader;
use super::name_text::in_sentence;
use super::result_panel::{Outcome, OutcomeRegion};
use super::risk_text::{checking_text, dialog_text, factor_phrase};
use super::{
    focus_soon, next_id_prefix, reload_on_refresh, use_api_config, use_language, use_login_ui,
    use_messages, use_presentation,
};
use crate::api::{
    group_by_kind, ApiError, ErrorKind, Factor, FactorKind, FactorRef, Surface, DISPLAY_ORDER,
};
use crate::client::{list_factors, load_account, remove_factor, AccountContext};
use crate::domain::{assess, factor_key, listed, Audience, HiddenFactors, RiskInput};
use crate::i18n::{fill, for_audience, Messages};

/// A removal the user asked for: the factor and the button that asked.
#[derive(Clone, Debug, PartialEq)]
struct Request {
    factor: Factor,
    trigger_id: String,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn factor_ref(factor: &Factor) -> Option<FactorRef> {
    let id = || factor.id.clone().unwrap_or_default();
    Some(match factor.kind {
        FactorKind::Passkey => FactorRef::Passkey(id()),
        FactorKind::U2f => FactorRef::U2f(id()),
        FactorKind::Totp => FactorRef::Totp,
        FactorKind::OtpSms => FactorRef::OtpSms,
        FactorKind::OtpEmail => FactorRef::OtpEmail,
        FactorKind::IdpLink => {
            let link = factor.link.as_ref()?;
            FactorRef::IdpLink {
                idp_id: link.idp_id.clone(),
                linked_user_id: link.linked_user_id.clone(),
            }
        }
        FactorKind::Unknown => return None,
    })
}

/// The user's sign-in methods, grouped by kind, each removable after a confirmation
/// that says what removing it would do.
#[component]
pub fn FactorList() -> impl IntoView {
    let config = use_api_config();
    let t = use_messages();
    let panel = NodeRef::<leptos::html::Section>::new();
    let audience = match config.surface {
        Surface::Me => Audience::SelfService,
        _ => Audience::Admin,
    };
    let login = use_login_ui();
    let ids = next_id_prefix();
    let title_id = format!("{ids}-title");
    // With the page's getToken, Retry after a 401 asks it for a fresh token.
    let renewable = config.token.can_renew();
    let time_limit = std::time::Duration::from_millis(u64::from(config.retry.timeout_ms));

    let config_for_dialog = config.clone();
    let user_id = match &config.surface {
        Surface::Management { user_id, .. } | Surface::UserV2 { user_id, .. } => user_id.clone(),
        Surface::Me => String::new(),
    };
    // Started by the mount already (see `ListLoads`), or here.
    let started = use_context::<ListLoads>();
    let loads = started.unwrap_or_else(|| ListLoads::new(&config));
    let ListLoads { factors, account } = loads;
    reload_on_refresh(started.is_some(), move || loads.start());
    let host = use_host_events();
    let hidden = RwSignal::new(HiddenFactors::default());
    // Cleared when the server refuses a removal for lack of permission (an admin with
    // user.read but not user.write): the list then only shows.
    let writable = RwSignal::new(true);
    let refused = Callback::new({
        let host = host.clone();
        move |error: ApiError| {
            host_events::error(host.as_ref(), "remove", &error);
            if audience == Audience::Admin && error.is_missing_permission() {
                writable.set(false);
            }
        }
    });
    let request = RwSignal::new(None::<Request>);
    let outcome = RwSignal::new(None::<Outcome>);
    let announcement = RwSignal::new(String::new());

    let loaded = RwSignal::new(None::<Vec<Factor>>);
    let load_error = RwSignal::new(None::<ApiError>);
    // Set when the first load has taken longer than one time limit (a retry is under
    // way): the skeleton then says so instead of waiting silently.
    let slow = RwSignal::new(false);
    let watch_slow = move || {
        slow.set(false);
        set_timeout(
            move || {
                let _ = slow.try_set(loaded.try_with_untracked(Option::is_none).unwrap_or(false));
            },
            time_limit,
        );
    };
    watch_slow();
    // Each answer: keep the list (or the error), and forget the hidden factors a fresh
    // list confirms removed (or that outlived the grace period).
    let load_host = host.clone();
    Effect::new(move |_| match factors.get() {
        Some(Ok(list)) => {
            hidden.update(|h| {
                h.reconcile(&list, now_ms());
            });
            loaded.set(Some(list));
            load_error.set(None);
        }
        Some(Err(error)) => {
            host_events::error(load_host.as_ref(), "load", &error);
            load_error.set(Some(error));
        }
        None => {}
    });

    let heading_id = title_id.clone();
    let finish = Callback::new(move |finished: Finished| {
        let Some(Request { factor, trigger_id }) = request.get_untracked() else {
            return;
        };
        // Named as the latest list has it (a key's setup may have ended meanwhile).
        let key = factor_key(&factor);
        let factor = loaded
            .with_untracked(|l| l.as_deref().and_then(|l| listed(l, &key)).cloned())
            .unwrap_or(factor);
        let what = factor_phrase(t, factor.kind, &display_name(t, &factor));
        let done = match finished {
            Finished::Cancelled => None,
            Finished::Removed(details) => {
                host_events::removed(host.as_ref(), &subject_of(t, &factor), Some(&details));
                Some(Outcome::Removed {
                    what,
                    details: Some(details),
                })
            }
            Finished::RemovedAnswerLost => {
                host_events::removed(host.as_ref(), &subject_of(t, &factor), None);
                Some(Outcome::Removed {
                    what,
                    details: None,
                })
            }
            Finished::AlreadyGone => Some(Outcome::AlreadyGone { what }),
        };
        request.set(None);
        if let Some(done) = done {
            hidden.update(|h| h.hide(factor_key(&factor), now_ms()));
            announcement.set(done.announcement(t));
            outcome.set(Some(done));
            factors.reload();
            account.reload();
        }
        // Back to the Remove button, or to the heading once the row is gone.
        focus_soon(panel, vec![trigger_id, heading_id.clone()]);
    });
    let retry_load = Callback::new(move |()| {
        load_error.set(None);
        watch_slow();
        factors.reload();
        account.reload();
    });
    let open = Callback::new(move |asked: Request| request.set(Some(asked)));

    // The last list that loaded, shown while a refresh runs or after it failed. Rows are
    // keyed, so a refresh only touches rows that changed and focus stays where it is.
    let shown = Memo::new(move |_| {
        let list = loaded.get()?;
        Some(hidden.with(|h| {
            list.into_iter()
                .filter(|f| !h.is_hidden(f))
                .collect::<Vec<_>>()
        }))
    });
    let groups = Memo::new(move |_| {
        shown.with(|list| list.as_deref().map(group_by_kind).unwrap_or_default())
    });
    // Back from a fresh sign-in a confirmation asked for: that confirmation again, once.
    let reopen = StoredValue::new(use_context::<super::Reopen>().and_then(|r| r.0));
    let reopen_ids = ids.clone();
    Effect::new(move |_| {
        let Some(wanted) = reopen.get_value() else {
            return;
        };
        let Some(list) = shown.get() else {
            return;
        };
        reopen.set_value(None);
        let found = list
            .into_iter()
            .find(|f| removal_key(f.kind.name(), f.id.as_deref()) == wanted);
        if let Some(factor) = found {
            let heading_id = group_heading_id(&reopen_ids, factor.kind);
            let trigger_id = remove_trigger_id(&heading_id, &factor);
            request.set(Some(Request { factor, trigger_id }));
        }
    });

    // Rebuilt only when another factor is asked for: lists and contexts loaded while it
    // is open change its words, never its state (a removal in flight stays in flight).
    let dialog = {
        let ids = ids.clone();
        move || {
            let Request { factor, .. } = request.get()?;
            let key = factor_key(&factor);
            let (asked, asked_key) = (factor.clone(), key.clone());
            let text = Signal::derive(move || {
                let all = shown.get().unwrap_or_default();
                // The factor as the latest list has it (its state may have changed).
                let worded = listed(&all, &asked_key).unwrap_or(&asked);
                let name = display_name(t, worded);
                // Before the account context's first answer nothing is known yet, not
                // "could not be checked": the dialog waits for it.
                account.with(|context| {
                    let Some(context) = context else {
                        return checking_text(t, worded, &name);
                    };
                    let risk = assess(&RiskInput {
                        factors: &all,
                        removing: worded,
                        policy: context.policy.as_ref(),
                        methods: context.methods.as_deref(),
                        contact: context.user.as_ref().map(|u| u.contact),
                        login,
                        name_of: &|f| display_name(t, f),
                    });
                    dialog_text(t, worded, &name, &risk, audience)
                })
            });
            let subject = subject_of(t, &factor);
            let factor = factor_ref(&factor)?;
            let config = config_for_dialog.clone();
            let removal: Removal = Callback::new({
                let (config, factor) = (config.clone(), factor.clone());
                move |()| {
                    let (config, factor) = (config.clone(), factor.clone());
                    Box::pin(async move { remove_factor(&config, factor).await })
                        as LocalBoxFuture<'static, _>
                }
            });
            // An unclear answer is settled by a fresh list, which is shown either way.
            let gone_check: GoneCheck = Callback::new(move |()| {
                let (config, key) = (config.clone(), key.clone());
                Box::pin(async move {
                    let fresh = list_factors(&config).await.ok()?;
                    let gone = listed(&fresh, &key).is_none();
                    hidden.try_update(|h| {
                        h.reconcile(&fresh, now_ms());
                    });
                    loaded.try_set(Some(fresh));
                    Some(gone)
                }) as LocalBoxFuture<'static, _>
            });
            Some(untrack(|| {
                view! {
                    <ConfirmDialog
                        id_prefix=ids.clone()
                        removal
                        text
                        audience
                        on_finished=finish
                        on_error=refused
                        subject
                        gone_check
                    />
                }
            }))
        }
    };

    // Whose factors an admin is looking at: display name and login name once known.
    let subject = move || {
        let user = account.with(|a| a.and_then(|a| a.user.clone()));
        match user {
            Some(user) => {
                let name = user.display_name.unwrap_or_else(|| user.id.clone());
                let name = in_sentence(&name);
                match user.login_name {
                    Some(login) => fill(
                        t.lead_admin_login,
                        &[("name", &name), ("login", &in_sentence(&login))],
                    ),
                    None => fill(t.lead_admin, &[("name", &name)]),
                }
            }
            None => fill(t.lead_admin_id, &[("id", &user_id)]),
        }
    };
    let labelled_by = title_id.clone();
    let result_ids = ids.clone();
    let presentation = use_presentation();
    let theme = presentation.theme.name();
    view! {
        <section node_ref=panel class="zmm" part="root" data-theme=theme lang=use_language().shown_tag().to_string() aria-labelledby=labelled_by>
            <header class="zmm-header" part="header">
                <h2 id=title_id class="zmm-title" part="title" tabindex="-1">{t.heading}</h2>
                {match audience {
                    Audience::SelfService => {
                        view! { <p class="zmm-lead">{t.lead_self}</p> }
                            .into_any()
                    }
                    Audience::Admin => view! { <p class="zmm-lead">{subject}</p> }.into_any(),
                }}
            </header>
            <OutcomeRegion announcement outcome id_prefix=result_ids />
            {move || {
                load_error.get().map(|error| {
                    let mut text = error_text(t, &error, Doing::Loading, audience);
                    text.retry |= renewable && error.kind() == ErrorKind::Unauthenticated;
                    view! {
                        <div class="zmm-load-error">
                            <p class="zmm-load-error__lead">{for_audience(t.load_error, audience)}</p>
                            <ErrorPanel text on_retry=retry_load />
                        </div>
                    }
                })
            }}
            // Closures for what follows a flag; `Show` (which memoizes its condition) where
            // a list update must not rebuild the rows under it.
            {move || (!writable.get()).then(|| view! { <p class="zmm-notice" role="note">{t.read_only_notice}</p> })}
            {org_notice_view(t, account, &config.surface)}
            {move || (shown.with(Option::is_none) && load_error.with(Option::is_none)).then(|| view! {
                <LoadingSkeleton label=for_audience(t.loading, audience) />
                {move || slow.get().then(|| view! { <p class="zmm-notice zmm-still-trying" role="status">{t.still_trying}</p> })}
            })}
            <Show when=move || shown.with(Option::is_some)>
                {DISPLAY_ORDER
                    .iter()
                    .filter(|&&kind| presentation.shows(kind))
                    .map(|&kind| {
                        // `None` when the group is not shown at all (see `group_by_kind`).
                        let members = Signal::derive(move || {
                            groups.with(|groups| groups.iter().find(|(k, _)| *k == kind).map(|(_, m)| m.clone()))
                        });
                        view! { <FactorGroup kind members ids=ids.clone() request open writable /> }
                    })
                    .collect_view()}
            </Show>
            {dialog}
        </section>
    }
}

/// The list's two loads: the factors, and what the dialog's warning needs (login policy,
/// password and identity providers, the user). A mount starts them at once and hands
/// them to the list, so a language file that is still on its way (release builds fetch
/// every language but English) costs no round trip before the list is asked for.
#[derive(Clone, Copy)]
pub struct ListLoads {
    factors: Loader<Result<Vec<Factor>, ApiError>>,
    account: Loader<crate::client::AccountContext>,
}

impl ListLoads {
    /// The loads, not started yet.
    pub fn new(config: &crate::config::ApiConfig) -> ListLoads {
        let factors = Loader::new({
            let config = config.clone();
            move || {
                let config = config.clone();
                async move { list_factors(&config).await }
            }
        });
        let config = config.clone();
        let account = Loader::new(move || {
            let config = config.clone();
            async move { load_account(&config).await }
        });
        ListLoads { factors, account }
    }

    /// Starts both (a load whose owner is gone does nothing).
    pub fn start(self) {
        self.factors.reload();
        self.account.reload();
    }
}

/// Grey placeholder rows with the height of real ones, so nothing jumps.
#[component]
fn LoadingSkeleton(
    /// What a screen reader hears while it shows.
    label: &'static str,
) -> impl IntoView {
    view! {
        <div class="zmm-skeleton" role="status" aria-busy="true">
            <span class="zmm-visually-hidden">{label}</span>
            {(0..3).map(|_| view! { <div class="zmm-skeleton__row" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}

/// How many more rows of a group are built per frame.
const ROWS_PER_FRAME: usize = 16;

#[component]
fn FactorGroup(
    kind: FactorKind,
    members: Signal<Option<Vec<Factor>>>,
    ids: String,
    request: RwSignal<Option<Request>>,
    open: Callback<Request>,
    writable: RwSignal<bool>,
) -> impl IntoView {
    let t = use_messages();
    // A Copy handle: the Show branches below are rebuilt and each takes its own copy.
    let heading_id = StoredValue::new(group_heading_id(&ids, kind));
    // A long group is built a few rows per frame: a row costs about half a millisecond
    // to build on a slow machine, so hundreds in one task would freeze the page.
    let limit = RwSignal::new(ROWS_PER_FRAME);
    Effect::new(move |_| {
        let total = members.with(|m| m.as_ref().map_or(0, Vec::len));
        if total > limit.get() {
            request_animation_frame(move || {
                limit.try_update(|l| *l += ROWS_PER_FRAME);
            });
        }
    });
    let rows = move || {
        let limit = limit.get();
        members.with(|m| m.iter().flatten().take(limit).cloned().collect::<Vec<_>>())
    };
    view! {
        <Show when=move || members.with(Option::is_some)>
            <section class="zmm-group" part="group" data-kind=kind.name() aria-labelledby=heading_id.get_value()>
                <h3 id=heading_id.get_value() class="zmm-group__title" part="group-title">{kind_title(t, kind)}</h3>
                <p class="zmm-group__description">{kind_description(t, kind)}</p>
                <Show
                    when=move || members.with(|m| m.as_ref().is_some_and(|m| !m.is_empty()))
                    fallback=move || view! { <p class="zmm-empty">{kind_empty(t, kind)}</p> }
                >
                    <ul class="zmm-list" aria-labelledby=heading_id.get_value()>
                        // Keyed by the whole factor: ZITADEL keeps a key's id when its setup
                        // is finished (NOT_READY → READY, named then), and such a row must be
                        // built anew, not kept (`HumanU2FVerifiedEvent`,
                        // internal/command/user_human_webauthn.go).
                        <For each=rows key=Factor::clone let:factor>
                            {
                                let trigger_id = heading_id.with_value(|p| remove_trigger_id(p, &factor));
                                let asked = Request { factor: factor.clone(), trigger_id: trigger_id.clone() };
                                let mine = trigger_id.clone();
                                let expanded = Signal::derive(move || {
                                    request.with(|r| r.as_ref().is_some_and(|r| r.trigger_id == mine))
                                });
                                let on_remove = Callback::new(move |()| open.run(asked.clone()));
                                view! { <FactorRow factor trigger_id expanded on_remove writable /> }
                            }
                        </For>
                    </ul>
                </Show>
            </section>
        </Show>
    }
}

/// The id of a kind's group heading, unique per widget (`ids`).
fn group_heading_id(ids: &str, kind: FactorKind) -> String {
    format!("{ids}-{}", kind.name())
}

/// The id of a row's Remove button, in the group whose heading has `heading_id`.
fn remove_trigger_id(heading_id: &str, factor: &Factor) -> String {
    format!("{heading_id}-remove-{}", key_slug(factor))
}

/// An id-safe, stable token per factor: the kind, plus a hash of its token id.
fn key_slug(factor: &Factor) -> String {
    match &factor.id {
        None => factor.kind.name().to_string(),
        Some(id) => {
            // FNV-1a: ids are opaque strings; this keeps element ids short and valid.
            let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
            format!("{}-{hash:08x}", factor.kind.name())
        }
    }
}

/// The factor as the page's events describe it.
fn subject_of(t: &Messages, factor: &Factor) -> Subject {
    Subject {
        kind: factor.kind.name(),
        id: factor.id.clone(),
        name: display_name(t, factor),
    }
}

/// Admin mode, said before any removal: the organization the page acts in (`orgId`) is
/// not the user's. The verdicts weigh the user's own organization's policy; with
/// Management v1 the user lookup there answers 404 and ZITADEL refuses the removals.
#[cfg(feature = "admin")]
fn org_notice(t: &Messages, given: &Option<String>, account: &AccountContext) -> Option<String> {
    let given = given.as_deref()?;
    match account.user.as_ref().and_then(|u| u.org_id.as_deref()) {
        Some(own) if own != given => Some(fill(
            t.org_not_users,
            &[("org", &in_sentence(own)), ("given", &in_sentence(given))],
        )),
        Some(_) => None,
        None => account
            .user_not_found
            .then(|| fill(t.user_not_in_org, &[("given", &in_sentence(given))])),
    }
}

/// The notice of [`org_notice`], once the account context says so.
#[cfg(feature = "admin")]
fn org_notice_view(
    t: &'static Messages,
    account: Loader<AccountContext>,
    surface: &Surface,
) -> impl IntoView {
    let given = match surface {
        Surface::Me => None,
        Surface::Management { org_id, .. } | Surface::UserV2 { org_id, .. } => org_id.clone(),
    };
    move || {
        account
            .with(|a| a.and_then(|a| org_notice(t, &given, a)))
            .map(|text| view! { <p class="zmm-notice zmm-org-notice" role="note">{text}</p> })
    }
}

/// Self service acts in no other organization.
#[cfg(not(feature = "admin"))]
fn org_notice_view(_: &'static Messages, _: Loader<AccountContext>, _: &Surface) -> impl IntoView {}
