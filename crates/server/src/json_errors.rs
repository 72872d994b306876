//! Every error the server answers is JSON, in `ApiError`'s shape. axum and
//! the file service answer some requests themselves (a wrong method gets an
//! empty 405, a body axum cannot read a plain-text 4xx), and a client
//! parsing those as JSON would fail on the shape instead of reporting the
//! error.

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Longest plain-text error body kept as the message (axum's are one line).
const MAX_MESSAGE: usize = 4096;

/// Rewrites an error answer that is not JSON into `{"error", "message"}`,
/// keeping its status and headers (such as a 405's `Allow`).
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_MESSAGE).await.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    let error = if status.is_server_error() {
        tracing::error!(%status, body = text.as_deref().unwrap_or("(unreadable)"), "error answer");
        ApiError { status, ..ApiError::internal() }
    } else {
        // A 4xx tells the client what was wrong with its own request.
        let reason = status.canonical_reason().unwrap_or("request refused").to_lowercase();
        let message = text.ok().filter(|text| !text.trim().is_empty()).unwrap_or(reason);
        ApiError { status, code: code(status), message }
    };
    let mut json = error.into_response();
    for (name, value) in &parts.headers {
        if name != CONTENT_TYPE && name != CONTENT_LENGTH {
            json.headers_mut().append(name, value.clone());
        }
    }
    json
}

fn code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "bad_request",
        _ => "refused",
    }
}
