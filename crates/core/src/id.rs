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

    /// An id that follows from `parts`: the same on every device and every
    /// run, so that writing what it names twice overwrites instead of
    /// duplicating (robot jobs and their effects, occurrences of recurring
    /// tasks, notifications). Shaped like every other id, sorting by `time`.
    pub fn derived(time: Timestamp, parts: &[&str]) -> Self {
        Self::generate(time, hash(parts))
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

/// FNV-1a over the parts, each closed by a zero byte so that `("ab", "c")`
/// and `("a", "bc")` differ, then the SplitMix64 finaliser to spread the
/// bits. Not cryptographic: the parts are our own ids, not adversarial input.
fn hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
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
    fn the_same_parts_give_the_same_id_and_different_parts_differ() {
        let at = Timestamp(1_700_000_000_000);
        assert_eq!(Id::derived(at, &["job", "r1", "d1"]), Id::derived(at, &["job", "r1", "d1"]));
        assert_ne!(Id::derived(at, &["job", "r1", "d1"]), Id::derived(at, &["job", "r1", "d2"]));
        assert_ne!(Id::derived(at, &["ab", "c"]), Id::derived(at, &["a", "bc"]));
    }

    #[test]
    fn many_derived_ids_do_not_collide() {
        let at = Timestamp(0);
        let mut ids: Vec<Id> = (0..50_000).map(|n| Id::derived(at, &["job", &n.to_string()])).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 50_000);
    }

    #[test]
    fn parse_rejects_blank_and_oversized_text() {
        assert_eq!(Id::parse("  "), None);
        assert_eq!(Id::parse(&"x".repeat(65)), None);
        assert_eq!(Id::parse(" abc ").map(|id| id.to_string()), Some("abc".into()));
    }
}
