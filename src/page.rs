//! The stand-alone page's own sign-in: an element with `data-signin="/signin.json"` and
//! no token signs the page in with ZITADEL (authorization code with PKCE, see
//! [`crate::signin`]) before the widget mounts. The access token stays in memory; the
//! verifier, `state` and `nonce` stay in `sessionStorage` only until the callback uses
//! them.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

use crate::config::Token;
use crate::embed::{mount_with, options_from};
use crate::i18n::{fill, Language, Messages};
use crate::signin::{
    authorize_url, check_id_token, decode_config, decode_discovery, decode_tokens, discovery_url,
    end_session_url, parse_callback, pkce_challenge, random_text, revocation_body,
    token_request_body, userinfo_name, Callback, Discovery, Freshness, SignInConfig, SignInError,
};
use crate::transport::fetch_plain;
use crate::transport::webcrypto::{random_32, sha256};
use gloo_net::http::{Method, RequestBuilder};

/// Where a started sign-in keeps what the callback needs, and nothing else.
const PENDING: &str = "zitadel-mfa-manager.signin";

/// What a started sign-in stored: four lines (state, nonce and verifier are base64url;
/// the path to come back to has no raw line break).
struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    /// The page's path and query to come back to.
    back: String,
    /// The removal (`kind:id`) whose confirmation asked for this sign-in; empty if none.
    reopen: String,
}

impl Pending {
    fn to_text(&self) -> String {
        [
            &self.state,
            &self.nonce,
            &self.verifier,
            &self.reopen,
            &self.back,
        ]
        .map(String::as_str)
        .join("\n")
    }

    fn from_text(text: &str) -> Option<Pending> {
        let mut lines = text.splitn(5, '\n').map(str::to_string);
        Some(Pending {
            state: lines.next()?,
            nonce: lines.next()?,
            verifier: lines.next()?,
            reopen: lines.next()?,
            back: lines.next()?,
        })
    }
}

/// A signed-in page: what signing out needs.
#[derive(Clone)]
struct SignedIn {
    discovery: Discovery,
    config: SignInConfig,
    access_token: String,
    id_token: String,
    /// Each request's time limit (the widget's `data-timeout-ms`).
    time_limit_ms: u32,
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn document() -> Document {
    window().document().expect("a document")
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Mounts the widget on every `[data-zitadel-mfa-manager]` element of the page; one
/// with `data-signin` and no token signs the page in first. The page's module script is
/// `async` (the wasm starts without waiting for the stylesheet and the parser), so the
/// document may still be parsing: then this waits for `DOMContentLoaded`.
pub fn mount_page() {
    let document = document();
    if document.ready_state() == "loading" {
        let parsed = Closure::once_into_js(mount_parsed_page);
        let _ =
            document.add_event_listener_with_callback("DOMContentLoaded", parsed.unchecked_ref());
    } else {
        mount_parsed_page();
    }
}

fn mount_parsed_page() {
    let Ok(found) = document().query_selector_all(crate::embed::MOUNT_SELECTOR) else {
        return;
    };
    for index in 0..found.length() {
        let Some(element) = found
            .item(index)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        else {
            continue;
        };
        let token = element
            .get_attribute("data-access-token")
            .unwrap_or_default();
        match element
            .get_attribute("data-signin")
            .filter(|_| token.trim().is_empty())
        {
            Some(config_url) => start(element, config_url),
            None => {
                let (language, timeout_ms) = (page_language(&element), time_limit(&element));
                // A page-level mount lives as long as the page.
                std::mem::forget(crate::embed::mount_on(element));
                wasm_bindgen_futures::spawn_local(async move {
                    localize_page(&language, widget_texts(&language, timeout_ms).await);
                });
            }
        }
    }
}

/// Runs the page's sign-in for `element`, then mounts the widget on it.
fn start(element: HtmlElement, config_url: String) {
    let bar = document()
        .create_element("div")
        .expect("an element")
        .unchecked_into::<HtmlElement>();
    bar.set_class_name("page-signin");
    let _ = element.before_with_node_1(&bar);
    wasm_bindgen_futures::spawn_local(async move {
        let base = element.get_attribute("data-i18n-base-url");
        let timeout_ms = time_limit(&element);
        let language = page_language(&element);
        // The language's texts and the sign-in settings in one round trip.
        let (t, settings) = futures::join!(
            crate::i18n::load::load(language.locale, base, timeout_ms),
            get_bytes(&config_url, timeout_ms),
        );
        let _ = bar.set_attribute("lang", language.shown_tag());
        localize_page(&language, t);
        // Never a blank page while the provider is asked.
        let preparing = paragraph(t.page_preparing);
        let _ = preparing.set_attribute("role", "status");
        let _ = bar.append_child(&preparing);
        let flow = sign_in_flow(&element, &bar, &config_url, settings, t, timeout_ms);
        if let Err(error) = flow.await {
            show_error(&bar, t, &error);
        }
    });
}

/// The widget's time limit per request (`data-timeout-ms`), which the sign-in's own
/// requests keep too.
fn time_limit(element: &HtmlElement) -> u32 {
    options_from(&|name| element.get_attribute(name))
        .config
        .retry
        .timeout_ms
}

/// The widget's language, so the bar above it speaks the same: `data-locale`, else the
/// browser's.
fn page_language(element: &HtmlElement) -> Language {
    let requested = element.get_attribute("data-locale");
    let languages = crate::embed::browser_languages();
    Language::choose(requested.as_deref(), languages.iter().map(String::as_str))
}

/// The page's own words in the widget's language `t`: its `<title>` (the list's
/// heading), its heading (`[data-page-heading]`) and the document's `lang`.
fn localize_page(language: &Language, t: &Messages) {
    let document = document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", language.shown_tag());
    }
    document.set_title(t.heading);
    if let Ok(Some(heading)) = document.query_selector("[data-page-heading]") {
        heading.set_text_content(Some(t.page_heading));
    }
}

/// The texts the page's widget loads for itself (release builds fetch all but
/// English), looked for every 50 ms rather than fetched a second time; English once the
/// widget's own time limit for them has passed.
async fn widget_texts(language: &Language, timeout_ms: u32) -> &'static Messages {
    let mut waited = 0;
    while language.locale.available().is_none() && waited <= timeout_ms {
        crate::transport::sleep(50).await;
        waited += 50;
    }
    language.messages()
}

/// The page's path, where signing out and starting over come back to.
fn current_path() -> String {
    window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into())
}

async fn get_bytes(url: &str, timeout_ms: u32) -> Result<Vec<u8>, SignInError> {
    let failed = |why: String| SignInError::Config(format!("{url}: {why}"));
    let (status, body) = fetch_plain(RequestBuilder::new(url), None, timeout_ms)
        .await
        .map_err(failed)?;
    if !(200..300).contains(&status) {
        return Err(failed(format!("HTTP {status}")));
    }
    Ok(body)
}

async fn sign_in_flow(
    element: &HtmlElement,
    bar: &HtmlElement,
    config_url: &str,
    settings: Result<Vec<u8>, SignInError>,
    t: &'static Messages,
    timeout_ms: u32,
) -> Result<(), SignInError> {
    let config = decode_config(&settings?).map_err(|e| match e {
        SignInError::Config(why) => SignInError::Config(format!("{config_url}: {why}")),
        other => other,
    })?;
    let discovery = decode_discovery(
        &get_bytes(&discovery_url(&config.issuer), timeout_ms).await?,
        &config.issuer,
    )?;
    let location = window().location();
    let query = location.search().unwrap_or_default();
    // What a started sign-in stored is used once, whatever the answer.
    let pending: Option<Pending> = session_storage()
        .and_then(|s| {
            let raw = s.get_item(PENDING).ok().flatten();
            let _ = s.remove_item(PENDING);
            raw
        })
        .and_then(|raw| Pending::from_text(&raw));
    match parse_callback(&query, pending.as_ref().map(|p| p.state.as_str())) {
        Callback::None => {
            show_signed_out(bar, t, &discovery, &config, t.page_signed_out);
            Ok(())
        }
        Callback::Error(error) => {
            clean_url(pending.as_ref().map(|p| p.back.as_str()));
            Err(error)
        }
        Callback::Code { code, .. } => {
            let pending = pending.ok_or(SignInError::StateMismatch)?;
            clean_url(Some(&pending.back));
            bar.set_text_content(Some(t.page_signing_in));
            let tokens =
                exchange(&discovery, &config, &code, &pending.verifier, timeout_ms).await?;
            let claims = check_id_token(&tokens.id_token, &config.client_id, &pending.nonce)?;
            let auth_time = claims.auth_time;
            // ZITADEL's ID tokens carry no name unless the app asks for it ("User Info
            // inside ID Token"): then the UserInfo endpoint has it, else the subject.
            let name = match claims.display_name() {
                Some(name) => name.to_string(),
                None => {
                    fetch_userinfo_name(&discovery, &tokens.access_token, &claims.sub, timeout_ms)
                        .await
                        .unwrap_or_else(|| claims.sub.clone())
                }
            };
            let signed_in = SignedIn {
                discovery,
                config,
                access_token: tokens.access_token,
                id_token: tokens.id_token,
                time_limit_ms: timeout_ms,
            };
            let reopen = Some(pending.reopen).filter(|r| !r.is_empty());
            show_signed_in(bar, element, t, &name, signed_in, auth_time, reopen);
            Ok(())
        }
    }
}

/// Takes `code` and `state` out of the address bar, back to where the sign-in started.
fn clean_url(back: Option<&str>) {
    let path = current_path();
    let target = back.filter(|b| b.starts_with('/')).unwrap_or(&path);
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(target));
    }
}

async fn exchange(
    discovery: &Discovery,
    config: &SignInConfig,
    code: &str,
    verifier: &str,
    timeout_ms: u32,
) -> Result<crate::signin::Tokens, SignInError> {
    let request = RequestBuilder::new(&discovery.token_endpoint)
        .method(Method::POST)
        .header("content-type", "application/x-www-form-urlencoded");
    let body = Some(token_request_body(config, code, verifier));
    let (status, body) = fetch_plain(request, body, timeout_ms)
        .await
        .map_err(SignInError::Exchange)?;
    decode_tokens(status, &body)
}

/// The user's name from the provider's UserInfo endpoint; `None` when it has none or
/// answers otherwise (the page then shows the subject).
async fn fetch_userinfo_name(
    discovery: &Discovery,
    access_token: &str,
    sub: &str,
    timeout_ms: u32,
) -> Option<String> {
    let endpoint = discovery.userinfo_endpoint.as_deref()?;
    let request =
        RequestBuilder::new(endpoint).header("authorization", &format!("Bearer {access_token}"));
    let (status, body) = fetch_plain(request, None, timeout_ms).await.ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    userinfo_name(&body, sub)
}

/// Starts a sign-in: new verifier, state and nonce, stored until the callback, and the
/// browser sent to the provider. `reopen` names the confirmation to open on return.
async fn begin(
    discovery: &Discovery,
    config: &SignInConfig,
    freshness: Freshness,
    reopen: &str,
) -> Result<(), String> {
    let verifier = random_text(&random_32()?);
    let state = random_text(&random_32()?);
    let nonce = random_text(&random_32()?);
    let challenge = pkce_challenge(&sha256(&verifier).await?);
    let location = window().location();
    let back = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let stored = Pending {
        state: state.clone(),
        nonce: nonce.clone(),
        verifier,
        back,
        reopen: reopen.to_string(),
    };
    session_storage()
        .ok_or("this browser keeps no session storage")?
        .set_item(PENDING, &stored.to_text())
        .map_err(|_| "the session storage is full or blocked".to_string())?;
    let url = authorize_url(discovery, config, &state, &nonce, &challenge, freshness);
    location
        .assign(&url)
        .map_err(|_| "cannot leave the page".to_string())
}

fn button(label: &str) -> HtmlElement {
    let button = document()
        .create_element("button")
        .expect("an element")
        .unchecked_into::<HtmlElement>();
    let _ = button.set_attribute("type", "button");
    button.set_class_name("page-signin__button");
    button.set_text_content(Some(label));
    button
}

fn on_click(target: &HtmlElement, action: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(action);
    let _ = target.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref());
    // The page's buttons live as long as the page.
    closure.forget();
}

fn paragraph(text: &str) -> HtmlElement {
    let p = document()
        .create_element("p")
        .expect("an element")
        .unchecked_into::<HtmlElement>();
    p.set_class_name("page-signin__text");
    p.set_text_content(Some(text));
    p
}

fn show_signed_out(
    bar: &HtmlElement,
    t: &'static Messages,
    discovery: &Discovery,
    config: &SignInConfig,
    lead: &str,
) {
    bar.set_text_content(None);
    let _ = bar.append_child(&paragraph(lead));
    let sign_in = button(t.page_sign_in);
    let (discovery, config, shown_in) = (discovery.clone(), config.clone(), bar.clone());
    on_click(&sign_in, move || {
        let (discovery, config, bar) = (discovery.clone(), config.clone(), shown_in.clone());
        wasm_bindgen_futures::spawn_local(async move {
            // E.g. a browser that keeps no session storage here: said, not only logged.
            if let Err(reason) = begin(&discovery, &config, Freshness::Any, "").await {
                show_error(&bar, t, &SignInError::Start(reason));
            }
        });
    });
    let _ = bar.append_child(&sign_in);
}

fn show_signed_in(
    bar: &HtmlElement,
    element: &HtmlElement,
    t: &'static Messages,
    name: &str,
    signed_in: SignedIn,
    auth_time: Option<u64>,
    reopen: Option<String>,
) {
    bar.set_text_content(None);
    let _ = bar.append_child(&paragraph(&fill(t.page_signed_in_as, &[("name", name)])));
    let sign_out_button = button(t.page_sign_out);
    let _ = bar.append_child(&sign_out_button);
    let mut options = options_from(&|name| element.get_attribute(name));
    options.config.token = Token::fixed(&signed_in.access_token);
    // A removal needs a recent sign-in: an older one sends the page to the provider with
    // `max_age=0`, and back here the same confirmation opens again.
    let (discovery, config) = (signed_in.discovery.clone(), signed_in.config.clone());
    let reauthenticate: crate::config::Reauthenticate =
        std::sync::Arc::new(move |asked_by: String| {
            let (discovery, config) = (discovery.clone(), config.clone());
            Box::pin(async move {
                begin(&discovery, &config, Freshness::Fresh, &asked_by).await?;
                // The page is leaving for the provider.
                futures::future::pending().await
            })
        });
    options.config.recent = Some(crate::config::RecentSignIn::new(
        signed_in.config.max_auth_age,
        auth_time,
        Some(reauthenticate),
    ));
    options.reopen = reopen;
    // A 401 from the widget: the session is over; offer to sign in again.
    {
        let (bar, discovery, config) = (
            bar.clone(),
            signed_in.discovery.clone(),
            signed_in.config.clone(),
        );
        let on_error =
            Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
                let kind = js_sys::Reflect::get(&event.detail(), &"kind".into())
                    .ok()
                    .and_then(|k| k.as_string());
                if kind.as_deref() == Some(crate::api::ErrorKind::Unauthenticated.name()) {
                    show_signed_out(&bar, t, &discovery, &config, t.page_session_ended);
                }
            });
        let _ = element.add_event_listener_with_callback(
            crate::components::host_events::ERROR,
            on_error.as_ref().unchecked_ref(),
        );
        on_error.forget();
    }
    std::mem::forget(mount_with(element.clone(), options));
    on_click(&sign_out_button, move || {
        wasm_bindgen_futures::spawn_local(sign_out(signed_in.clone()));
    });
}

/// Revokes the token where the provider offers it, then ends the provider's session.
async fn sign_out(signed_in: SignedIn) {
    if let Some(endpoint) = &signed_in.discovery.revocation_endpoint {
        let request = RequestBuilder::new(endpoint)
            .method(Method::POST)
            .header("content-type", "application/x-www-form-urlencoded");
        let body = revocation_body(&signed_in.access_token, &signed_in.config.client_id);
        // Signing out goes on whatever the answer, but not after waiting for good.
        let _ = fetch_plain(request, Some(body), signed_in.time_limit_ms).await;
    }
    let back = end_session_url(&signed_in.discovery, &signed_in.config, &signed_in.id_token)
        .unwrap_or_else(current_path);
    let _ = window().location().assign(&back);
}

fn show_error(bar: &HtmlElement, t: &'static Messages, error: &SignInError) {
    bar.set_text_content(None);
    let alert = paragraph(t.page_signin_failed);
    let _ = alert.set_attribute("role", "alert");
    let _ = bar.append_child(&alert);
    let detail = match error {
        SignInError::Config(why)
        | SignInError::Start(why)
        | SignInError::Exchange(why)
        | SignInError::IdToken(why) => why.clone(),
        SignInError::StateMismatch => {
            "the answer does not belong to a sign-in this page started".to_string()
        }
        SignInError::Provider { error, description } => match description {
            Some(d) => format!("{error}: {d}"),
            None => error.clone(),
        },
    };
    let _ = bar.append_child(&paragraph(&detail));
    let again = button(t.page_start_over);
    on_click(&again, move || {
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(PENDING);
        }
        let _ = window().location().assign(&current_path());
    });
    let _ = bar.append_child(&again);
}

#[cfg(test)]
mod tests {
    use super::Pending;

    #[test]
    fn what_a_sign_in_stores_comes_back_whole_and_nothing_else_passes() {
        let pending = Pending {
            state: "s".into(),
            nonce: "n".into(),
            verifier: "v".into(),
            reopen: "totp:".into(),
            back: "/account?tab=mfa".into(),
        };
        let back = Pending::from_text(&pending.to_text()).unwrap();
        assert_eq!(
            (
                back.state,
                back.nonce,
                back.verifier,
                back.reopen,
                back.back
            ),
            (
                "s".into(),
                "n".into(),
                "v".into(),
                "totp:".into(),
                "/account?tab=mfa".into()
            )
        );
        assert!(
            Pending::from_text("s\nn\nv\n/").is_none(),
            "an older, shorter entry"
        );
        assert!(Pending::from_text("").is_none());
    }
}
