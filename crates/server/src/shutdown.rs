//! Stopping: the signals that ask for it, and the deadline after which the
//! server stops waiting for open requests.

use std::future::{pending, Future};
use std::time::Duration;

use tokio::sync::oneshot;

/// Listens for SIGTERM (what systemd, Docker and Kubernetes send to stop a
/// service) and Ctrl-C (SIGINT) from this call on, and resolves on the
/// first. It registers at once, not when first polled: until then a signal
/// would end the process without a graceful shutdown. A signal that cannot
/// be listened for is logged and ignored, never taken as a request to stop.
/// Call it inside the tokio runtime.
#[cfg(unix)]
pub fn signal() -> impl Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};

    let listen = |kind: SignalKind, name: &'static str| {
        let stream = signal(kind).map_err(|error| tracing::warn!(%error, "cannot listen for {name}")).ok();
        async move {
            match stream {
                Some(mut stream) => {
                    stream.recv().await;
                    name
                }
                None => pending().await,
            }
        }
    };
    let terminate = listen(SignalKind::terminate(), "SIGTERM");
    let interrupt = listen(SignalKind::interrupt(), "Ctrl-C");
    async move {
        let name = tokio::select! {
            name = terminate => name,
            name = interrupt => name,
        };
        tracing::info!("{name} received");
    }
}

/// Ctrl-C, the one stop signal outside Unix.
#[cfg(not(unix))]
pub fn signal() -> impl Future<Output = ()> {
    async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => tracing::info!("Ctrl-C received"),
            Err(error) => {
                tracing::warn!(%error, "cannot listen for Ctrl-C");
                pending().await
            }
        }
    }
}

/// Runs `server` until it ends; once `asked` fires (the server has begun
/// its graceful shutdown), waits at most `deadline` more, then returns
/// anyway, leaving whatever is still open to be dropped.
pub(crate) async fn within_deadline(
    server: impl Future<Output = std::io::Result<()>>,
    asked: oneshot::Receiver<()>,
    deadline: Duration,
) -> std::io::Result<()> {
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => return result,
        Ok(()) = asked => {}
    }
    match tokio::time::timeout(deadline, server).await {
        Ok(result) => result,
        Err(_) => {
            tracing::warn!("requests still open at the shutdown deadline; stopping anyway");
            Ok(())
        }
    }
}
