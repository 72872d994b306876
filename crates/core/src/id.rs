//! Client-generated identifiers.
//!
//! Records are created offline, so ids cannot come from the server. An id is
//! the creation time in milliseconds followed by 64 random bits, both in
//! fixed-width lowercase base 32: ids of one device sort by creation time and
//! collisions between devices are negligible. The caller supplies time and
//! randomness, which keeps this module pure.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::Timestamp;

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const TIME_CHARS: usize = 10;
const RANDOM_CHARS: usize = 13;

/// Inline up to 24 bytes (our generated ids are 23), so comparing and
/// cloning ids in the views never touches the heap.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(CompactString);

impl Id {
    pub fn generate(now: Timestamp, random: u64) -> Self {
        let mut text = CompactString::with_capacity(TIME_CHARS + RANDOM_CHARS);
        push_base32(&mut text, now.millis().max(0) as u64, TIME_CHARS);
        push_base32(&mut text, random, RANDOM_CHARS);
        Self(text)
    }

    /// Wraps an id read back from storage or the network; any non-empty text
    /// is accepted so that ids of other origins (imports) survive.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        (!text.is_empty() && text.len() <= 64).then(|| Self(CompactString::from(text)))
    }

    /// An id fixed in code, such as a default stage.
    pub fn from_static(text: &'static str) -> Self {
        Self(CompactString::const_new(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn push_base32(out: &mut CompactString, value: u64, width: usize) {
    for position in (0..width).rev() {
        let shift = position * 5;
        let digit = if shift >= 64 { 0 } else { (value >> shift) & 31 };
        out.push(ALPHABET[digit as usize] as char);
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_time() {
        let early = Id::generate(Timestamp(1_700_000_000_000), u64::MAX);
        let late = Id::generate(Timestamp(1_700_000_000_001), 0);
        assert!(early < late);
        assert_eq!(early.as_str().len(), TIME_CHARS + RANDOM_CHARS);
    }

    #[test]
    fn different_randomness_gives_different_ids() {
        let now = Timestamp(1_700_000_000_000);
        assert_ne!(Id::generate(now, 1), Id::generate(now, 2));
    }

    #[test]
    fn parse_rejects_blank_and_oversized_text() {
        assert_eq!(Id::parse("  "), None);
        assert_eq!(Id::parse(&"x".repeat(65)), None);
        assert_eq!(Id::parse(" abc ").map(|id| id.to_string()), Some("abc".into()));
    }
}
