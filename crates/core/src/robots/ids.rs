//! Deterministic ids. A robot job's id follows from the robot, the deal and
//! the moment the deal entered the stage, and everything a job creates
//! (notification, task, activity, outbox message) has an id that follows
//! from the job's. Running a job again therefore produces the same ids, the
//! app's IndexedDB `put` overwrites instead of duplicating, and two devices
//! that ran the same job converge when they sync.

use crate::{Id, Timestamp};

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

/// An id shaped like every other id (time, then 64 bits), so it sorts by
/// `time` and fits every store, with the bits taken from `parts`.
pub(crate) fn derived(time: Timestamp, parts: &[&str]) -> Id {
    Id::generate(time, hash(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_parts_give_the_same_id_and_different_parts_differ() {
        let at = Timestamp(1_700_000_000_000);
        assert_eq!(derived(at, &["job", "r1", "d1"]), derived(at, &["job", "r1", "d1"]));
        assert_ne!(derived(at, &["job", "r1", "d1"]), derived(at, &["job", "r1", "d2"]));
        assert_ne!(derived(at, &["ab", "c"]), derived(at, &["a", "bc"]));
    }

    #[test]
    fn many_derived_ids_do_not_collide() {
        let at = Timestamp(0);
        let mut ids: Vec<Id> = (0..50_000).map(|n| derived(at, &["job", &n.to_string()])).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 50_000);
    }
}
