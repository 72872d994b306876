//! Dela's sync server: serves the built app and a JSON API, storing in an
//! embedded SQLite file. Used by the `dela-server` binary and, in-process, by
//! the end-to-end tests.

pub mod api;
pub mod config;
pub mod error;
pub mod static_files;
pub mod store;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

pub use config::Config;
pub use store::Store;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
}

pub fn router(state: AppState, config: &Config) -> Router {
    Router::new()
        .nest("/api", api::routes())
        .with_state(state)
        .fallback_service(static_files::service(&config.dist_dir))
        .layer(tower_http::compression::CompressionLayer::new())
}

/// Opens the store named by `config` and serves on `listener` until
/// `shutdown` resolves.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), error::StartError> {
    let store = Store::open(&config.database_path())?;
    let app = router(AppState { store: Arc::new(store) }, &config);
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await.map_err(error::StartError::Serve)
}
