//! Dela's sync server: serves the built app and a JSON API, storing in an
//! embedded SQLite file or in PostgreSQL. Used by the `dela-server` binary
//! and, in-process, by the end-to-end tests.

pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
mod json_errors;
mod layers;
pub mod shutdown;
pub mod static_files;
pub mod sync;

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use clock::Clock;
pub use config::Config;
pub use db::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// "Now" for every handler (tests move it).
    pub clock: Clock,
    pub auth: Arc<auth::Auth>,
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
    serve_with_clock(config, listener, shutdown, Clock::system()).await
}

/// `serve` with a clock of the caller's (tests move time with it).
pub async fn serve_with_clock(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
    clock: Clock,
) -> Result<(), error::StartError> {
    let opening = config.clone();
    let db = tokio::task::spawn_blocking(move || Db::open(&opening))
        .await
        .map_err(|error| error::StartError::Serve(std::io::Error::other(error)))??;
    let seed = sync::Seed {
        node: fresh_random()?,
        key: [fresh_random()?, fresh_random()?, fresh_random()?, fresh_random()?],
    };
    db.write(move |tx| sync::ensure_identity(tx, &seed))
        .await
        .map_err(|error| error::StartError::Database { what: "the sync identity".into(), error })?;
    auth::ensure_administrator(&db, &config, clock.now()).await?;
    let address = listener.local_addr().map_err(error::StartError::Serve)?;
    let storage = match db.kind() {
        db::Kind::Sqlite => config.database_path().display().to_string(),
        db::Kind::Postgres => "PostgreSQL (--database-url)".into(),
    };
    tracing::info!(
        %address,
        data_dir = %config.data_dir.display(),
        storage,
        dist_dir = %config.dist_dir.display(),
        "Dela is running: open http://{address}"
    );
    let auth =
        auth::Auth { sessions: auth::Sessions::new(config.session_days), limiter: auth::Limiter::default() };
    let app = router(AppState { db, clock, auth: Arc::new(auth) }, &config);
    let (asked, asked_rx) = oneshot::channel();
    let deadline = config.shutdown_deadline;
    let signal = async move {
        shutdown.await;
        tracing::info!(deadline_secs = deadline.as_secs(), "shutting down: letting open requests finish");
        let _ = asked.send(());
    };
    // The peer's address reaches handlers (`ConnectInfo`): the login rate
    // limit counts per address.
    let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(signal)
        .into_future();
    shutdown::within_deadline(server, asked_rx, deadline).await.map_err(error::StartError::Serve)?;
    tracing::info!("stopped");
    Ok(())
}

/// 64 random bits from the operating system.
fn fresh_random() -> Result<u64, error::StartError> {
    getrandom::u64()
        .map_err(|error| error::StartError::Accounts(format!("no randomness from the system: {error}")))
}
