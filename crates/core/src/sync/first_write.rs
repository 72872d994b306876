//! Insert-only records: history entries and outgoing messages.
//!
//! These are written once and never edited: a history line records what
//! happened, a message is what was (or will be) sent. Their ids follow from
//! their cause (the job, the edit), so two devices that run the same robot
//! offline insert the same id twice, maybe with slightly different text.
//! One of the two must stay, the same one everywhere, and a later insert
//! must never rewrite what is already there.

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::Merge;

/// A value inserted once: the first writer wins, "first" meaning the
/// least stamp, so every replica keeps the same insert whatever order they
/// arrive in. The mirror image of [`super::Lww`]; equal stamps mean the
/// same insert again and keep the held value.
///
/// The server should stamp an insert it accepts with its own clock rather
/// than clamp the client's stamp: then the least stamp is the first insert
/// to reach the server, and a message the server has already queued for
/// sending is never replaced by a copy that was stamped earlier on a device
/// but arrived later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstWrite<T> {
    value: T,
    stamp: Hlc,
}

impl<T> FirstWrite<T> {
    pub fn new(value: T, stamp: Hlc) -> Self {
        Self { value, stamp }
    }

    pub fn value(&self) -> &T {
        &self.value
    }

    pub fn stamp(&self) -> Hlc {
        self.stamp
    }

    pub fn into_value(self) -> T {
        self.value
    }

    /// Offers another insert of the same record: `true` when it replaces
    /// the held one (it was stamped earlier), `false` when it is dropped.
    pub fn offer(&mut self, value: T, stamp: Hlc) -> bool {
        let earlier = stamp < self.stamp;
        if earlier {
            *self = Self { value, stamp };
        }
        earlier
    }
}

impl<T> Merge for FirstWrite<T> {
    fn merge(&mut self, other: Self) {
        self.offer(other.value, other.stamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::testing::{assert_laws, at, merged, Gen};

    #[test]
    fn the_first_insert_stays_whatever_arrives_first() {
        let first = FirstWrite::new("Reminder: call Ivanov (device A)", at(10, 1));
        let second = FirstWrite::new("Reminder: call Ivanov (device B)", at(12, 2));
        assert_eq!(merged(&first, &second), first);
        assert_eq!(merged(&second, &first), first);
    }

    #[test]
    fn offer_reports_whether_the_insert_took_its_place() {
        let mut entry = FirstWrite::new("stage: New → Won", at(10, 1));
        assert!(!entry.offer("stage: New → Won (again)", at(11, 2)));
        assert!(!entry.offer("stage: New → Won", at(10, 1)), "the same insert again");
        assert!(entry.offer("stage: New → Won (earlier)", at(9, 3)));
        assert_eq!(entry.stamp(), at(9, 3));
    }

    #[test]
    fn first_write_merge_obeys_the_laws() {
        let mut rng = Gen::new(37);
        for _ in 0..200 {
            let states: Vec<FirstWrite<u64>> =
                (0..4).map(|node| FirstWrite::new(rng.next(), rng.stamp_of(node))).collect();
            assert_laws(&states);
        }
    }
}
