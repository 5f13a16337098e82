//! Serves the built widget page next to the API, so both share one origin.

use std::path::PathBuf;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;

/// The page and the demo sign-in it is served with.
#[derive(Clone)]
pub struct Site {
    pub dist: PathBuf,
    /// Filled into the page's empty `data-access-token` so the demo works unconfigured.
    pub demo_token: Option<String>,
    /// The admin demo at `/admin`: another user's factors and the org's login settings.
    pub admin: Option<AdminDemo>,
    /// The page at `/` signs in through the emulator's OpenID provider (`/signin.json`)
    /// instead of carrying the demo token.
    pub sign_in: bool,
}

/// Who signs in at `/admin`, and whom and which organization they administer.
#[derive(Clone)]
pub struct AdminDemo {
    pub token: String,
    pub user_id: String,
    pub org_id: String,
    /// Every seeded user: `/admin?as=alice` shows a non-admin's view, `/admin?of=pat`
    /// administers pat and pat's organization.
    pub users: Vec<DemoUser>,
}

/// A seeded user as the admin demo may pick them.
#[derive(Clone)]
pub struct DemoUser {
    pub name: String,
    pub token: String,
    pub id: String,
    pub org_id: String,
}

#[derive(serde::Deserialize)]
struct AdminQuery {
    /// A seeded user name (never a token).
    #[serde(rename = "as")]
    user: Option<String>,
    /// A seeded user name: whom (and whose organization) to administer.
    of: Option<String>,
    /// `v2` to administer through the User service v2 instead of the Management API.
    api: Option<String>,
}

const EMPTY_TOKEN: &str = r#"data-access-token="""#;

pub fn routes(site: Site) -> Router {
    // Precompressed files (`.br`, `.gz` beside them, from scripts/precompress.mjs) when
    // the browser accepts them; the layer below compresses the rest on the fly.
    let files = ServeDir::new(site.dist.clone())
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/admin", get(admin))
        // Not the bare file: the demo fills in its token.
        .route("/admin/", get(admin))
        .route("/admin/index.html", get(admin))
        .route("/signin.json", get(signin_config))
        .route("/portal/session", get(portal_session))
        .with_state(site)
        .fallback_service(files)
        // As any real host serves it: gzip or brotli as the browser accepts (the wasm
        // keeps `application/wasm`, so it still compiles while it streams). Answers that
        // are encoded already pass through.
        .layer(tower_http::compression::CompressionLayer::new())
}

async fn read_page(site: &Site, path: &str) -> Result<String, Response> {
    tokio::fs::read_to_string(site.dist.join(path))
        .await
        .map_err(|_| {
            let hint =
                "The widget is not built: run the product command (make run) or trunk build.";
            (StatusCode::NOT_FOUND, hint).into_response()
        })
}

fn html(page: String) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response()
}

async fn index(State(site): State<Site>) -> Response {
    let page = match read_page(&site, "index.html").await {
        Ok(page) => page,
        Err(missing) => return missing,
    };
    html(match &site.demo_token {
        _ if site.sign_in => page.replacen(
            EMPTY_TOKEN,
            r#"data-access-token="" data-signin="/signin.json""#,
            1,
        ),
        Some(token) => page.replacen(EMPTY_TOKEN, &format!(r#"data-access-token="{token}""#), 1),
        None => page,
    })
}

/// The page's sign-in settings: this emulator as the issuer, its public client, and
/// the page itself as the redirect URI.
async fn signin_config(headers: axum::http::HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let origin = format!("http://{host}");
    axum::Json(serde_json::json!({
        "issuer": origin,
        "clientId": crate::oidc::CLIENT_ID,
        "redirectUri": format!("{origin}/"),
    }))
    .into_response()
}

/// The example portal's backend (`/portal/`): hands the demo user's token to the page's
/// `getToken()`, as a real portal hands out its signed-in user's token.
async fn portal_session(State(site): State<Site>) -> Response {
    match &site.demo_token {
        Some(token) => (
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(serde_json::json!({ "accessToken": token })),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no demo user is signed in").into_response(),
    }
}

async fn admin(State(site): State<Site>, Query(query): Query<AdminQuery>) -> Response {
    let Some(mut demo) = site.admin.clone() else {
        return (StatusCode::NOT_FOUND, "the seed has no admin demo").into_response();
    };
    let seeded = |name: &str| demo.users.iter().find(|u| u.name == name).cloned();
    if let Some(name) = query.user {
        match seeded(&name) {
            Some(user) => demo.token = user.token,
            None => return (StatusCode::NOT_FOUND, "no such seeded user").into_response(),
        }
    }
    if let Some(name) = query.of {
        match seeded(&name) {
            Some(user) => (demo.user_id, demo.org_id) = (user.id, user.org_id),
            None => return (StatusCode::NOT_FOUND, "no such seeded user").into_response(),
        }
    }
    // The admin example embeds the admin package (the page's bundle is self service).
    let page = match read_page(&site, "admin/index.html").await {
        Ok(page) => page,
        Err(missing) => return missing,
    };
    let api = match query.api.as_deref() {
        Some("v2") => r#" data-api="v2""#,
        _ => "",
    };
    let attributes = format!(
        r#"data-access-token="{}" data-user-id="{}" data-org-id="{}" data-org-settings{api}"#,
        demo.token, demo.user_id, demo.org_id
    );
    html(page.replacen(EMPTY_TOKEN, &attributes, 1))
}
