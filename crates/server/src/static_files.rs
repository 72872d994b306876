//! Serving the built app. A navigation to a path that is not a file gets
//! `index.html`, so deep links such as `/companies/<id>` load the app, which
//! then routes; a missing file (`/dela-<old hash>.js` after a deploy) is a
//! 404, or the browser would run HTML as script and cache it for a year.
//! `index.html` and the service worker must be revalidated on every load,
//! or a new version would never reach the browser; hashed assets are
//! immutable.

use std::path::Path;

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::header::{HeaderValue, ACCEPT, CACHE_CONTROL};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::ApiError;

pub fn service(dist: &Path) -> Router {
    let not_a_file = not_a_file.with_state(ServeFile::new(dist.join("index.html")));
    let files = ServeDir::new(dist).fallback(not_a_file);
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_headers))
}

/// What a path that is not a file gets: the app for a navigation, else a 404.
/// Both are revalidated, whatever the path looks like.
async fn not_a_file(State(mut app): State<ServeFile>, request: Request) -> Response {
    let mut response = if is_navigation(&request) {
        match app.try_call(request).await {
            Ok(response) => response.into_response(),
            Err(error) => {
                tracing::error!(%error, "cannot read index.html");
                ApiError::internal().into_response()
            }
        }
    } else {
        ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: "no such file".into() }
            .into_response()
    };
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A browser navigating asks for `text/html`; a script, style or image
/// request does not. Paths without an extension are app routes too, for
/// clients that send no `Accept`.
fn is_navigation(request: &Request) -> bool {
    let file = request.uri().path().rsplit('/').next().unwrap_or_default();
    let has_extension = file.rsplit_once('.').is_some_and(|(_, extension)| !extension.is_empty());
    let wants_html = request
        .headers()
        .get_all(ACCEPT)
        .iter()
        .any(|value| value.to_str().is_ok_and(|value| value.contains("text/html")));
    !has_extension || wants_html
}

/// Sets the policy of a file served as it is; answers that set their own
/// (`not_a_file`) keep it, and errors are never cached for long.
async fn cache_headers(request: Request, next: Next) -> Response {
    let policy = cache_policy(request.uri().path());
    let mut response = next.run(request).await;
    let served = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    if !response.headers().contains_key(CACHE_CONTROL) {
        let policy = if served { policy } else { "no-cache" };
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

fn cache_policy(path: &str) -> &'static str {
    let file = path.rsplit('/').next().unwrap_or_default();
    // Trunk names assets `<name>-<16 hex digits>[_bg].<ext>`.
    let hashed = file.rsplit_once('.').is_some_and(|(stem, _)| {
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        stem.rsplit_once('-')
            .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
    });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

#[cfg(test)]
mod tests {
    use super::cache_policy;

    #[test]
    fn only_content_hashed_files_are_cached_for_long() {
        assert_eq!(cache_policy("/dela-2f1c0a7b9d3e4f56_bg.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/dela-2f1c0a7b9d3e_bg.wasm"), "no-cache");
        assert_eq!(cache_policy("/dela-2f1c0a7b9d3e4f56.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/"), "no-cache");
        assert_eq!(cache_policy("/sw.js"), "no-cache");
        assert_eq!(cache_policy("/companies/01abc"), "no-cache");
    }
}
