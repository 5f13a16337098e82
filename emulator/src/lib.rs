//! A local emulator of the ZITADEL APIs the MFA manager uses: same paths, JSON shapes,
//! wire rules, errors and CORS, with state from a seed file.

mod auth;
mod auth_v1;
pub mod cors;
pub mod error;
mod site;
pub mod store;
mod wire;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tokio::net::TcpListener;

use error::ZitadelError;
pub use site::Site;
use store::{Seed, Store, User};

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Mutex<Store>>,
}

impl AppState {
    pub fn new(seed: Seed) -> Self {
        AppState {
            store: Arc::new(Mutex::new(Store::from_seed(seed))),
        }
    }

    /// Runs `f` on a user under the store lock; a user deleted since sign-in is a 404.
    fn with_user<T>(&self, user_id: &str, f: impl FnOnce(&User) -> T) -> Result<T, ZitadelError> {
        let store = self.store.lock().expect("store lock");
        let user = store
            .users
            .iter()
            .find(|u| u.id == user_id)
            .ok_or_else(|| ZitadelError::new(5, "Errors.User.NotFound", "QUERY-Dfbg2"))?;
        Ok(f(user))
    }
}

/// The whole application: the ZITADEL API, and the widget's page when `site` is given.
pub fn app(state: AppState, site: Option<Site>) -> Router {
    let api = Router::new().merge(auth_v1::routes()).with_state(state);
    let router = match site {
        Some(site) => api.merge(site::routes(site)),
        None => api,
    };
    router
        .layer(middleware::from_fn(cors::cors))
        .layer(middleware::from_fn(log_request))
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
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
