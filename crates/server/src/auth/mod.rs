//! Accounts: passwords, sessions, the login rate limit, the first
//! administrator, and `Authed`, the extractor that every handler needing a
//! signed-in user takes.

mod account;
mod authed;
mod first_admin;
mod limiter;
pub mod password;
mod publish;
mod session;
pub mod token;

use std::fmt;

pub use account::{check_login, check_password, normalize_login, Account, UserView, PASSWORD_MAX};
pub use authed::Authed;
pub use first_admin::ensure_administrator;
pub use limiter::{Limiter, Refused};
pub use publish::{save_user, user_changed};
pub use session::Sessions;

use crate::error::ApiError;

/// Per-server account state shared by the handlers.
pub struct Auth {
    pub sessions: Sessions,
    pub limiter: Limiter,
}

/// The operating system's randomness or the password hasher failed: rare,
/// and nothing a client can fix.
#[derive(Debug)]
pub struct CryptoError(String);

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<getrandom::Error> for CryptoError {
    fn from(error: getrandom::Error) -> Self {
        Self(format!("no randomness from the operating system: {error}"))
    }
}

impl From<argon2::password_hash::Error> for CryptoError {
    fn from(error: argon2::password_hash::Error) -> Self {
        Self(format!("password hashing failed: {error}"))
    }
}

impl From<CryptoError> for ApiError {
    fn from(error: CryptoError) -> Self {
        tracing::error!(%error, "crypto failure");
        Self::internal()
    }
}

/// A new user id: the creation time and 64 random bits, like the app's ids.
pub fn new_user_id(now: dela_core::Timestamp) -> Result<dela_core::Id, CryptoError> {
    Ok(dela_core::Id::generate(now, getrandom::u64()?))
}
