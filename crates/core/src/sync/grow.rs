//! Grow-only registers: facts that, once true, stay true.
//!
//! A notification read on one device is read everywhere; a reminder sent
//! once must never be sent again because another device had not heard of
//! it. Nothing takes such a fact back, so the merge is a plain union and
//! no stamp can make a stale "unread" or "not sent" win.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::Merge;

/// A set that only grows: sent reminders (keyed by their deadline), the
/// users who have read something. Merge is union.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[serde(bound(serialize = "T: Serialize + Ord", deserialize = "T: Deserialize<'de> + Ord"))]
pub struct GrowSet<T> {
    items: BTreeSet<T>,
}

impl<T> Default for GrowSet<T> {
    fn default() -> Self {
        Self { items: BTreeSet::new() }
    }
}

impl<T: Ord> GrowSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// `true` when `item` is new here.
    pub fn insert(&mut self, item: T) -> bool {
        self.items.insert(item)
    }

    pub fn contains(&self, item: &T) -> bool {
        self.items.contains(item)
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }
}

impl<T: Ord> Merge for GrowSet<T> {
    fn merge(&mut self, other: Self) {
        self.items.extend(other.items);
    }
}

/// A flag that can be raised and never lowered (a notification's read
/// state), remembering the earliest stamp it was raised at: "read since".
/// Lowered is the bottom; between two raised flags the earlier stamp
/// stays, so every order of merging agrees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Flag {
    raised: Option<Hlc>,
}

impl Flag {
    /// Raises the flag (again): `true` when it was lowered before.
    pub fn raise(&mut self, at: Hlc) -> bool {
        let was_lowered = self.raised.is_none();
        self.raised = Some(self.raised.map_or(at, |earlier| earlier.min(at)));
        was_lowered
    }

    pub fn is_raised(&self) -> bool {
        self.raised.is_some()
    }

    /// The earliest stamp the flag was raised at.
    pub fn raised_at(&self) -> Option<Hlc> {
        self.raised
    }
}

impl Merge for Flag {
    fn merge(&mut self, other: Self) {
        if let Some(at) = other.raised {
            self.raise(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::testing::{assert_laws, at, merged, Gen};

    #[test]
    fn a_grow_set_keeps_everything_any_replica_inserted() {
        let mut on_a = GrowSet::new();
        assert!(on_a.insert("reminder 09:00"));
        assert!(!on_a.insert("reminder 09:00"));
        let mut on_b = GrowSet::new();
        on_b.insert("reminder 12:00");
        let both = merged(&on_a, &on_b);
        assert_eq!(both.iter().copied().collect::<Vec<_>>(), ["reminder 09:00", "reminder 12:00"]);
        assert!(both.contains(&"reminder 09:00"));
    }

    #[test]
    fn grow_set_merge_obeys_the_laws() {
        let mut rng = Gen::new(29);
        for _ in 0..200 {
            let states: Vec<GrowSet<u8>> = (0..4)
                .map(|_| {
                    let mut set = GrowSet::new();
                    for _ in 0..rng.below(4) {
                        set.insert(rng.below(6) as u8);
                    }
                    set
                })
                .collect();
            assert_laws(&states);
        }
    }

    #[test]
    fn a_raised_flag_is_never_lowered_by_a_stale_replica() {
        let unread = Flag::default();
        let mut read = Flag::default();
        assert!(read.raise(at(5, 1)));
        assert!(!read.raise(at(9, 2)), "already read");
        assert!(merged(&unread, &read).is_raised());
        assert!(merged(&read, &unread).is_raised());
    }

    #[test]
    fn a_flag_remembers_when_it_was_first_raised() {
        let mut on_a = Flag::default();
        on_a.raise(at(9, 1));
        let mut on_b = Flag::default();
        on_b.raise(at(5, 2));
        assert_eq!(merged(&on_a, &on_b).raised_at(), Some(at(5, 2)));
        assert_eq!(merged(&on_b, &on_a).raised_at(), Some(at(5, 2)));
    }

    #[test]
    fn flag_merge_obeys_the_laws() {
        let mut rng = Gen::new(31);
        for _ in 0..200 {
            let states: Vec<Flag> = (0..4)
                .map(|_| {
                    let mut flag = Flag::default();
                    if rng.below(3) != 0 {
                        flag.raise(rng.stamp());
                    }
                    flag
                })
                .collect();
            assert_laws(&states);
        }
    }

    #[test]
    fn grow_registers_travel_as_json() {
        let mut sent = GrowSet::new();
        sent.insert("2026-01-01T09:00".to_string());
        let json = serde_json::to_string(&sent).expect("serializes");
        assert_eq!(json, r#"["2026-01-01T09:00"]"#);
        assert_eq!(serde_json::from_str::<GrowSet<String>>(&json).expect("reads back"), sent);
        let mut read = Flag::default();
        read.raise(at(1, 1));
        let json = serde_json::to_string(&read).expect("serializes");
        assert_eq!(serde_json::from_str::<Flag>(&json).expect("reads back"), read);
        assert_eq!(serde_json::from_str::<Flag>("null").expect("reads back"), Flag::default());
    }
}
