//! `Authed`: the signed-in user of a request, from its
//! `Authorization: Bearer <token>` header. A handler that takes it answers
//! 401 `unauthorized` without a valid token, 401 `session_expired` for an
//! expired one (the app then asks to sign in again and keeps its data), and
//! 403 `deactivated` for a user an administrator switched off.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use dela_core::user::Role;

use super::{token, Account};
use crate::error::ApiError;
use crate::AppState;

#[derive(Debug, Clone)]
pub struct Authed {
    pub user_id: String,
    pub login: String,
    pub name: String,
    pub roles: Vec<Role>,
    /// When the session expires, after this request's extension.
    pub expires_at: i64,
    /// The session's stored key, for logout.
    pub(crate) token_hash: String,
}

impl Authed {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// 403 `forbidden` unless the user has `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.has(role) {
            Ok(())
        } else {
            Err(ApiError {
                status: StatusCode::FORBIDDEN,
                code: "forbidden",
                message: format!("only a user with the role {} may do this", role.code()),
            })
        }
    }

    pub fn account(&self) -> Account {
        Account {
            id: self.user_id.clone(),
            login: self.login.clone(),
            name: self.name.clone(),
            roles: self.roles.clone(),
            active: true,
        }
    }
}

fn unauthorized(message: &str) -> ApiError {
    ApiError { status: StatusCode::UNAUTHORIZED, code: "unauthorized", message: message.into() }
}

/// The token of `Authorization: Bearer <token>` (the scheme in any case).
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token =
            bearer(parts).ok_or_else(|| unauthorized("sign in first (Authorization: Bearer <token>)"))?;
        let token_hash = token::hash(token);
        let key = token_hash.clone();
        let found = state
            .db
            .read(move |tx| {
                let Some(session) = tx.session(&key)? else { return Ok(None) };
                Ok(tx.user(&session.user_id)?.map(|user| (session, user)))
            })
            .await?;
        let Some((session, user)) = found else {
            return Err(unauthorized("this session is unknown or signed out; sign in again"));
        };
        let now = state.clock.now();
        if session.expires_at <= now.0 {
            return Err(ApiError {
                status: StatusCode::UNAUTHORIZED,
                code: "session_expired",
                message: "the session expired; sign in again".into(),
            });
        }
        if !user.active {
            return Err(ApiError {
                status: StatusCode::FORBIDDEN,
                code: "deactivated",
                message: "this account was deactivated by an administrator".into(),
            });
        }
        let mut expires_at = session.expires_at;
        if let Some(extended) = state.auth.sessions.extension(now, session.expires_at) {
            let key = token_hash.clone();
            // Best effort: a failed extension leaves the session valid until
            // its current expiry, and the next request tries again.
            match state.db.write(move |tx| tx.set_session_expiry(&key, extended)).await {
                Ok(()) => expires_at = extended,
                Err(error) => tracing::warn!(%error, "cannot extend a session"),
            }
        }
        let account = Account::from_stored(&user);
        Ok(Self {
            user_id: account.id,
            login: account.login,
            name: account.name,
            roles: account.roles,
            expires_at,
            token_hash,
        })
    }
}
