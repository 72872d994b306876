//! Pull cursors: the last version a client has, signed, so that a client
//! can only hand back a cursor the server gave it (a made-up one could
//! skip changes silently). `version.signature`, opaque to the app.

use sha2::{Digest, Sha256};

/// The cursor text for `version`.
pub fn encode(version: i64, key: &str) -> String {
    format!("{version}.{}", signature(version, key))
}

/// The version of a cursor this server signed; `None` for anything else.
/// An empty cursor is the start.
pub fn decode(cursor: &str, key: &str) -> Option<i64> {
    if cursor.is_empty() {
        return Some(0);
    }
    let (version, signed) = cursor.split_once('.')?;
    let version: i64 = version.parse().ok().filter(|version| *version >= 0)?;
    (signature(version, key) == signed).then_some(version)
}

fn signature(version: i64, key: &str) -> String {
    let digest = Sha256::new().chain_update(key.as_bytes()).chain_update(version.to_le_bytes()).finalize();
    digest.iter().take(12).map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_only_with_its_key_and_unaltered() {
        let cursor = encode(42, "key");
        assert_eq!(decode(&cursor, "key"), Some(42));
        assert_eq!(decode(&cursor, "other key"), None);
        assert_eq!(decode(&cursor.replacen("42", "43", 1), "key"), None);
        assert_eq!(decode("", "key"), Some(0));
        assert_eq!(decode("-1.00", "key"), None);
        assert_eq!(decode("garbage", "key"), None);
    }
}
