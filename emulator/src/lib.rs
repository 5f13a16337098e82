//! A local emulator of the ZITADEL APIs the MFA manager uses: same paths, JSON shapes,
//! wire rules, errors, permissions and CORS, with state from a seed file.

mod auth;
mod auth_v1;
pub mod controls;
pub mod cors;
pub mod error;
mod exchanges;
mod management_v1;
pub mod oidc;
mod persist;
mod site;
pub mod store;
mod user_v2;
mod wire;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::{Json, Router};
use serde_json::Value;
use tokio::net::TcpListener;

use controls::{Fault, RequestLog};
use error::ZitadelError;
use exchanges::ExchangeLog;
pub use site::{AdminDemo, DemoUser, Site};
use store::{Seed, Store};

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Mutex<Store>>,
    faults: Arc<Mutex<Vec<Fault>>>,
    requests: Arc<Mutex<RequestLog>>,
    /// How many API requests arrived (numbers the log's entries).
    received: Arc<std::sync::atomic::AtomicU64>,
    /// When set, a request whose `Origin` is not listed gets 403 `Errors.OriginNotAllowed`.
    allowed_origins: Option<Arc<Vec<String>>>,
    state_file: Option<Arc<PathBuf>>,
    log_requests: bool,
    /// When set, every API exchange is appended here (see [`exchanges`]).
    exchanges: Option<ExchangeLog>,
    /// The OpenID provider's sign-ins, codes and issued tokens (never persisted).
    oidc: Arc<Mutex<oidc::OidcState>>,
}

impl AppState {
    pub fn new(seed: Seed) -> Self {
        AppState {
            store: Arc::new(Mutex::new(Store::from_seed(seed))),
            faults: Arc::default(),
            requests: Arc::default(),
            received: Arc::default(),
            allowed_origins: None,
            state_file: None,
            log_requests: true,
            exchanges: None,
            oidc: Arc::default(),
        }
    }

    /// Appends every API exchange to `path`, one JSON line each.
    pub fn with_exchange_log(mut self, path: &std::path::Path) -> Result<Self, String> {
        self.exchanges = Some(ExchangeLog::open(path)?);
        Ok(self)
    }

    /// The OpenID client is in development mode: `http://` redirect URIs are accepted
    /// (ZITADEL refuses them otherwise; `ValidateAuthReqRedirectURI` in
    /// `github.com/zitadel/oidc` `pkg/op/auth_request.go`).
    pub fn with_oidc_dev_mode(self) -> Self {
        self.oidc.lock().expect("oidc lock").dev_mode = true;
        self
    }

    /// No per-request log line (for tests that send thousands of requests).
    pub fn quiet(mut self) -> Self {
        self.log_requests = false;
        self
    }

    pub fn with_allowed_origins(mut self, origins: Vec<String>) -> Self {
        self.allowed_origins = Some(Arc::new(origins));
        self
    }

    /// Keeps the state in `path`: starts from it when it exists, and rewrites it
    /// atomically after every change.
    pub fn with_state_file(self, path: PathBuf) -> Result<Self, String> {
        if let Some(saved) = persist::load(&path)? {
            self.store.lock().expect("store lock").restore(saved);
        }
        Ok(AppState {
            state_file: Some(Arc::new(path)),
            ..self
        })
    }

    /// The user an access token issued by the OpenID provider signs in as.
    fn oidc_user_of(&self, token: &str) -> Option<String> {
        let oidc = self.oidc.lock().expect("oidc lock");
        oidc.user_of(token).map(|issued| issued.user_id.clone())
    }

    /// Runs a read under the store lock.
    fn read(
        &self,
        f: impl FnOnce(&Store) -> Result<Value, ZitadelError>,
    ) -> Result<Json<Value>, ZitadelError> {
        let store = self.store.lock().expect("store lock");
        f(&store).map(Json)
    }

    /// Runs a change under the store lock and saves the state file when it succeeded.
    /// Holding the lock across the change is what makes concurrent removals of one
    /// factor give exactly one success.
    fn mutate(
        &self,
        f: impl FnOnce(&mut Store) -> Result<Value, ZitadelError>,
    ) -> Result<Json<Value>, ZitadelError> {
        let mut store = self.store.lock().expect("store lock");
        let answer = f(&mut store)?;
        if let Some(path) = &self.state_file {
            persist::save(path, &store.snapshot()).map_err(|e| {
                eprintln!("cannot save state file {}: {e}", path.display());
                ZitadelError::new(13, "Errors.Internal", "EMULATOR-state")
            })?;
        }
        Ok(Json(answer))
    }
}

/// The whole application: the ZITADEL API, the test controls, and the widget's page
/// when `site` is given.
pub fn app(state: AppState, site: Option<Site>) -> Router {
    let log_requests = state.log_requests;
    let provider = oidc::routes().with_state(state.clone());
    let api = Router::new()
        .merge(auth_v1::routes())
        .merge(management_v1::routes())
        .merge(user_v2::routes())
        .merge(controls::routes())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            exchanges::record_exchanges,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            controls::inject_faults,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            controls::record_requests,
        ))
        .with_state(state);
    let api = api.merge(provider);
    let router = match site {
        Some(site) => api.merge(site::routes(site)),
        None => api.fallback(|| async { ZitadelError::route_not_found() }),
    };
    let router = router.layer(middleware::from_fn(cors::cors));
    if log_requests {
        router.layer(middleware::from_fn(log_request))
    } else {
        router
    }
}

/// One line per request: method, path, status, time. Never a header, so never a token.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    println!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
