//! Serving the built app. Any path that is not a file gets `index.html`, so
//! deep links such as `/companies/<id>` load the app, which then routes.
//! `index.html` and the service worker must be revalidated on every load,
//! or a new version would never reach the browser; hashed assets are
//! immutable.

use std::path::Path;

use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dist: &Path) -> Router {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_headers))
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let policy = cache_policy(request.uri().path());
    let mut response = next.run(request).await;
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
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
