//! Dela's sync server: serves the built app and a JSON API, storing in an
//! embedded SQLite file. Used by the `dela-server` binary and, in-process, by
//! the end-to-end tests.

pub mod api;
pub mod config;
pub mod error;
mod json_errors;
mod layers;
pub mod shutdown;
pub mod static_files;
pub mod store;

use std::future::{Future, IntoFuture};
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use config::Config;
pub use store::Store;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
}

pub fn router(state: AppState, config: &Config) -> Router {
    layers::layers(
        Router::new()
            .nest("/api", api::routes())
            .with_state(state)
            .fallback_service(static_files::service(&config.dist_dir)),
    )
}

/// Opens the store named by `config` and serves on `listener` until
/// `shutdown` resolves, then lets open requests finish for at most
/// `config.shutdown_deadline`.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), error::StartError> {
    let store = Store::open(&config.database_path())?;
    let address = listener.local_addr().map_err(error::StartError::Serve)?;
    tracing::info!(
        %address,
        data_dir = %config.data_dir.display(),
        dist_dir = %config.dist_dir.display(),
        "Dela is running: open http://{address}"
    );
    let app = router(AppState { store: Arc::new(store) }, &config);
    let (asked, asked_rx) = oneshot::channel();
    let deadline = config.shutdown_deadline;
    let signal = async move {
        shutdown.await;
        tracing::info!(deadline_secs = deadline.as_secs(), "shutting down: letting open requests finish");
        let _ = asked.send(());
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(signal).into_future();
    shutdown::within_deadline(server, asked_rx, deadline).await.map_err(error::StartError::Serve)?;
    tracing::info!("stopped");
    Ok(())
}
