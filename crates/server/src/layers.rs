//! What wraps every answer, API and app files alike: the request log,
//! compression, turning a panicking handler into a 500, and errors into JSON.

use std::any::Any;

use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::error::ApiError;
use crate::json_errors::json_errors;

/// The log line of each request (method, path, status, latency) is the
/// outermost layer, so it reports the status the client got, a caught panic
/// included.
pub fn layers(router: Router) -> Router {
    router
        .layer(middleware::from_fn(json_errors))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// A handler that panics answers a 500 and the server keeps serving. This
/// needs unwinding: the server is built with `--profile server`, as the
/// workspace's release profile aborts on panic (for the wasm app's size).
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "a request handler panicked");
    ApiError::internal().into_response()
}

#[cfg(test)]
mod tests {
    use axum::routing::get;
    use axum::Router;
    use tokio::net::TcpListener;

    use super::layers;

    async fn panics() -> &'static str {
        panic!("secret detail of the failure")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_json_500_and_the_server_keeps_serving() {
        let router = Router::new().route("/panics", get(panics)).route("/works", get(|| async { "fine" }));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, layers(router)).await });

        let response = reqwest::get(format!("{base}/panics")).await.unwrap();
        assert_eq!(response.status(), 500);
        let body = response.text().await.unwrap();
        assert!(!body.contains("secret"), "{body}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"], "internal");

        let response = reqwest::get(format!("{base}/works")).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), "fine");
    }
}
