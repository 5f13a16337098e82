use leptos::prelude::*;

use super::kind_text::{display_name, kind_description, kind_empty, kind_title, state_label};
use super::{next_id_prefix, use_api_config, LoadError};
use crate::api::{group_by_kind, Factor, FactorKind, FactorState};
use crate::client::list_factors;

/// The signed-in user's sign-in methods, grouped by kind, loaded from ZITADEL.
#[component]
pub fn FactorList() -> impl IntoView {
    let config = use_api_config();
    let ids = next_id_prefix();
    let title_id = format!("{ids}-title");
    let factors = LocalResource::new(move || {
        let config = config.clone();
        async move { list_factors(&config).await }
    });
    let retry = Callback::new(move |()| factors.refetch());
    let labelled_by = title_id.clone();

    view! {
        <section class="zmm" aria-labelledby=labelled_by>
            <header class="zmm-header">
                <h2 id=title_id class="zmm-title" tabindex="-1">"Sign-in methods"</h2>
                <p class="zmm-lead">
                    "Passkeys and second factors that protect your account."
                </p>
            </header>
            <Transition fallback=LoadingSkeleton>
                {move || {
                    let ids = ids.clone();
                    Suspend::new(async move {
                        match factors.await {
                            Ok(list) => view! { <FactorGroups factors=list ids /> }.into_any(),
                            Err(error) => view! { <LoadError error on_retry=retry /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// Grey placeholder rows with the same height as real ones, so nothing jumps.
#[component]
fn LoadingSkeleton() -> impl IntoView {
    view! {
        <div class="zmm-skeleton" role="status" aria-busy="true">
            <span class="zmm-visually-hidden">"Loading your sign-in methods…"</span>
            {(0..3).map(|_| view! { <div class="zmm-skeleton__row" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}

#[component]
fn FactorGroups(factors: Vec<Factor>, ids: String) -> impl IntoView {
    group_by_kind(&factors)
        .into_iter()
        .map(|(kind, members)| {
            let heading_id = format!("{ids}-{}", kind_slug(kind));
            view! { <FactorGroup kind members heading_id /> }
        })
        .collect_view()
}

#[component]
fn FactorGroup(kind: FactorKind, members: Vec<Factor>, heading_id: String) -> impl IntoView {
    let list_labelled_by = heading_id.clone();
    let body = if members.is_empty() {
        view! { <p class="zmm-empty">{kind_empty(kind)}</p> }.into_any()
    } else {
        view! {
            <ul class="zmm-list" aria-labelledby=list_labelled_by>
                {members.into_iter().map(|factor| view! { <FactorRow factor /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="zmm-group" data-kind=kind_slug(kind) aria-labelledby=labelled_by>
            <h3 id=heading_id class="zmm-group__title">{kind_title(kind)}</h3>
            <p class="zmm-group__description">{kind_description(kind)}</p>
            {body}
        </section>
    }
}

#[component]
fn FactorRow(factor: Factor) -> impl IntoView {
    let ready = factor.state == FactorState::Ready;
    view! {
        <li class="zmm-row">
            <span class="zmm-row__name">{display_name(&factor)}</span>
            <span class="zmm-badge" class:zmm-badge--ready=ready>{state_label(factor.state)}</span>
        </li>
    }
}

/// A stable, CSS- and id-friendly name per kind.
fn kind_slug(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Passkey => "passkey",
        FactorKind::U2f => "u2f",
        FactorKind::Totp => "totp",
        FactorKind::OtpSms => "otp-sms",
        FactorKind::OtpEmail => "otp-email",
        FactorKind::Unknown => "unknown",
    }
}
