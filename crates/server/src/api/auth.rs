//! Signing in and out: `POST /api/auth/login`, `POST /api/auth/logout`,
//! `GET /api/auth/me`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::header::RETRY_AFTER;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::auth::{normalize_login, password, token, Account, Authed, UserView, PASSWORD_MAX};
use crate::db::StoredSession;
use crate::error::ApiError;
use crate::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    login: String,
    password: String,
}

#[derive(Serialize)]
pub struct LoginAnswer {
    token: String,
    /// Milliseconds since the Unix epoch; moves later with each use.
    expires_at: i64,
    user: UserView,
}

#[derive(Serialize)]
pub struct Me {
    user: UserView,
}

/// The one answer to an unknown login, a wrong password and a deactivated
/// account alike: which of them it was would tell a guesser too much.
fn wrong_credentials() -> ApiError {
    ApiError {
        status: StatusCode::UNAUTHORIZED,
        code: "wrong_credentials",
        message: "the login or the password is wrong".into(),
    }
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let login = normalize_login(&request.login);
    if let Err(refused) = state.auth.limiter.check(peer.ip(), &login, now) {
        let error = ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "too_many_attempts",
            message: format!("too many failed sign-ins; try again in {} s", refused.retry_after_secs),
        };
        return Ok(([(RETRY_AFTER, refused.retry_after_secs.to_string())], error).into_response());
    }
    let key = login.clone();
    let user = state.db.read(move |tx| tx.user_by_login(&key)).await?;
    let guess = request.password;
    // Over-long input never reaches the hasher: it cannot be a password.
    let plausible = guess.chars().count() <= PASSWORD_MAX;
    let verified = tokio::task::spawn_blocking(move || match user {
        Some(user) if plausible => {
            (password::verify(&guess, &user.password_hash) && user.active).then_some(user)
        }
        _ => {
            if plausible {
                password::verify_nobody(&guess);
            }
            None
        }
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "the password check did not run");
        ApiError::internal()
    })?;
    let Some(user) = verified else {
        state.auth.limiter.failed(peer.ip(), &login, now);
        tracing::info!(%login, peer = %peer.ip(), "failed sign-in");
        return Err(wrong_credentials());
    };
    state.auth.limiter.succeeded(&login);
    let (token, token_hash) = token::new_token()?;
    let session = StoredSession {
        token_hash,
        user_id: user.id.clone(),
        created_at: now.0,
        expires_at: state.auth.sessions.expiry(now),
    };
    let expires_at = session.expires_at;
    state
        .db
        .write(move |tx| {
            tx.delete_expired_sessions(now.0)?;
            tx.add_session(&session)
        })
        .await?;
    tracing::info!(%login, "signed in");
    let user = Account::from_stored(&user).view();
    Ok(Json(LoginAnswer { token, expires_at, user }).into_response())
}

pub async fn logout(State(state): State<AppState>, authed: Authed) -> Result<StatusCode, ApiError> {
    let token_hash = authed.token_hash;
    state.db.write(move |tx| tx.delete_session(&token_hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn me(authed: Authed) -> Json<Me> {
    Json(Me { user: authed.account().view() })
}
