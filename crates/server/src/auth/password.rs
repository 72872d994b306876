//! Passwords: argon2id with the crate's defaults (19 MiB, 2 passes), stored
//! as PHC strings that carry their own parameters, so stronger settings
//! later still verify old hashes. Hashing takes tens of milliseconds of one
//! core on purpose: callers run it on a blocking thread.

use std::sync::OnceLock;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::CryptoError;

pub fn hash(password: &str) -> Result<String, CryptoError> {
    Ok(Argon2::default().hash_password(password.as_bytes())?.to_string())
}

/// False for a wrong password and for a stored hash that does not parse
/// (which is logged: it means damaged data, not a wrong guess).
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(error) => {
            tracing::error!(%error, "a stored password hash does not parse");
            false
        }
    }
}

/// Spends the time of a real check when the login does not exist, so the
/// answer's delay does not tell which logins do.
pub fn verify_nobody(password: &str) {
    static NOBODY: OnceLock<Option<String>> = OnceLock::new();
    if let Some(stored) = NOBODY.get_or_init(|| hash("no one has this password").ok()) {
        verify(password, stored);
    }
}

/// 16 random bytes as URL-safe base64 (22 characters, 128 bits): the first
/// administrator's password when none was given.
pub fn random() -> Result<String, CryptoError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let stored = hash("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("correct horse", &stored));
        assert!(!verify("correct horse ", &stored));
        assert_ne!(stored, hash("correct horse").unwrap(), "each hash has its own salt");
    }

    #[test]
    fn a_damaged_hash_verifies_nothing() {
        assert!(!verify("anything", "not a PHC string"));
    }

    #[test]
    fn random_passwords_are_long_and_differ() {
        let (first, second) = (random().unwrap(), random().unwrap());
        assert_eq!(first.len(), 22);
        assert_ne!(first, second);
    }
}
