//! Session tokens: 32 random bytes handed to the client once, stored only
//! as their SHA-256. A hash rather than argon2: the token is random, not
//! something a person chose, so nothing is gained by slowing its check,
//! and every request checks one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::CryptoError;

/// A new token (URL-safe base64, 43 characters) and the hash to store.
pub fn new_token() -> Result<(String, String), CryptoError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    Ok((token, hash))
}

/// Lower-case hex of the token's SHA-256.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_and_only_their_hash_is_kept() {
        let (first, first_hash) = new_token().unwrap();
        let (second, _) = new_token().unwrap();
        assert_ne!(first, second);
        assert_eq!(first.len(), 43);
        assert_eq!(first_hash, hash(&first));
        assert_eq!(first_hash.len(), 64);
        assert!(!first_hash.contains(&first));
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
