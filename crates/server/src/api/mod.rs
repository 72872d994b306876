//! The JSON API under `/api`.

mod auth;
mod health;
mod users;

use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::Router;

use crate::error::ApiError;
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", patch(users::update))
        .merge(crate::sync::routes())
        .fallback(unknown)
}

/// Without this, an unknown API path would fall through to the app's
/// `index.html` and a client would parse HTML as JSON.
async fn unknown() -> ApiError {
    ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: "no such API endpoint".into() }
}
