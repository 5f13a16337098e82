//! Serves the built widget page next to the API, so both share one origin.

use std::path::PathBuf;

use axum::extract::State;
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
}

const EMPTY_TOKEN: &str = r#"data-access-token="""#;

pub fn routes(site: Site) -> Router {
    let files = ServeDir::new(site.dist.clone());
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .with_state(site)
        .fallback_service(files)
}

async fn index(State(site): State<Site>) -> Response {
    let path = site.dist.join("index.html");
    let Ok(page) = tokio::fs::read_to_string(&path).await else {
        let hint = "The widget is not built: run the product command (make run) or trunk build.";
        return (StatusCode::NOT_FOUND, hint).into_response();
    };
    let page = match &site.demo_token {
        Some(token) => page.replacen(EMPTY_TOKEN, &format!(r#"data-access-token="{token}""#), 1),
        None => page,
    };
    ([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response()
}
