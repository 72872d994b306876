//! Deletes as tombstones.
//!
//! A deleted record cannot simply vanish: a device that has not heard of
//! the delete would send its copy again and bring it back. The record is
//! replaced by a tombstone, a stamped marker that travels like any write
//! and outranks everything written to the record.
//!
//! The rule, decided here: **a delete is final.** A tombstone beats every
//! edit of the record, stamped before the delete or after it. An edit
//! stamped after the delete does not resurrect the record:
//!
//! - such an edit comes from a device that had not seen the delete (one
//!   that had would no longer show the record), so it is a concurrent edit,
//!   not a decision to restore; bringing the record back would also bring
//!   back every other field as that device last saw it;
//! - records whose ids follow from their cause (a robot's task, a reminder)
//!   would otherwise return each time another device runs the same job;
//! - the design notes mention cr-sqlite's causal length for deciding delete
//!   against resurrect, but Dela has no "restore" action; one would be an
//!   operation of its own (a causal length per record), not an edit.
//!
//! An edit that meets a tombstone is superseded, and the server reports it
//! as such with the user's values: never dropped silently.

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::Merge;

/// The marker left by a delete: when the record was first deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Tombstone {
    at: Hlc,
}

impl Tombstone {
    pub fn new(at: Hlc) -> Self {
        Self { at }
    }

    /// The stamp of the earliest delete.
    pub fn at(&self) -> Hlc {
        self.at
    }
}

/// A record (a set of registers that merge by their own rules) that can be
/// deleted for good.
///
/// Merge: live with live merges the registers; a tombstone beats a live
/// record; two tombstones keep the earlier stamp (two devices deleting the
/// same record agree on when it was first deleted). The registers of a
/// deleted record are dropped: the tombstone is all that is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deletable<R> {
    Live(R),
    Deleted(Tombstone),
}

impl<R> Deletable<R> {
    pub fn live(&self) -> Option<&R> {
        match self {
            Self::Live(record) => Some(record),
            Self::Deleted(_) => None,
        }
    }

    pub fn tombstone(&self) -> Option<Tombstone> {
        match self {
            Self::Live(_) => None,
            Self::Deleted(tombstone) => Some(*tombstone),
        }
    }

    /// The record to apply an edit to, or the tombstone that supersedes the
    /// edit (whatever the edit's stamp: see the module's rule).
    pub fn edit(&mut self) -> Result<&mut R, Tombstone> {
        match self {
            Self::Live(record) => Ok(record),
            Self::Deleted(tombstone) => Err(*tombstone),
        }
    }

    /// Deletes the record with a delete stamped `at`: `true` when it was
    /// live. Deleting again keeps the earlier stamp.
    pub fn delete(&mut self, at: Hlc) -> bool {
        match self {
            Self::Live(_) => {
                *self = Self::Deleted(Tombstone::new(at));
                true
            }
            Self::Deleted(tombstone) => {
                tombstone.at = tombstone.at.min(at);
                false
            }
        }
    }
}

impl<R: Merge> Merge for Deletable<R> {
    fn merge(&mut self, other: Self) {
        match (self, other) {
            (Self::Live(record), Self::Live(theirs)) => record.merge(theirs),
            (this, Self::Deleted(tombstone)) => {
                this.delete(tombstone.at);
            }
            (Self::Deleted(_), Self::Live(_)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::testing::{assert_laws, at, merged, Gen};
    use crate::sync::Lww;

    /// A deal cut down to two registers.
    #[derive(Debug, Clone, PartialEq)]
    struct Deal {
        title: Lww<&'static str>,
        amount: Lww<u32>,
    }

    impl Merge for Deal {
        fn merge(&mut self, other: Self) {
            self.title.merge(other.title);
            self.amount.merge(other.amount);
        }
    }

    fn created() -> Deletable<Deal> {
        Deletable::Live(Deal { title: Lww::new("Kettles", at(1, 0)), amount: Lww::new(100, at(1, 0)) })
    }

    #[test]
    fn a_delete_beats_an_earlier_edit() {
        let mut edited = created();
        edited.edit().expect("live").amount.write(250, at(5, 1));
        let mut deleted = created();
        assert!(deleted.delete(at(9, 2)));
        for result in [merged(&edited, &deleted), merged(&deleted, &edited)] {
            assert_eq!(result.tombstone(), Some(Tombstone::new(at(9, 2))));
        }
    }

    #[test]
    fn an_edit_stamped_after_the_delete_does_not_resurrect_the_record() {
        let mut deleted = created();
        deleted.delete(at(9, 2));
        let mut edited_later = created();
        edited_later.edit().expect("live").title.write("Kettles, 40 units", at(20, 1));
        assert!(merged(&deleted, &edited_later).live().is_none());
        assert!(merged(&edited_later, &deleted).live().is_none());
        // On the server: the edit meets the tombstone and is superseded.
        assert_eq!(deleted.edit().err(), Some(Tombstone::new(at(9, 2))));
    }

    #[test]
    fn a_record_created_again_under_its_derived_id_stays_deleted() {
        let mut server = created();
        server.delete(at(9, 2));
        // A second device ran the same robot and creates the same task again.
        server.merge(Deletable::Live(Deal {
            title: Lww::new("Kettles", at(30, 3)),
            amount: Lww::new(1, at(30, 3)),
        }));
        assert!(server.live().is_none());
    }

    #[test]
    fn two_deletes_keep_the_earlier_stamp() {
        let (mut on_a, mut on_b) = (created(), created());
        on_a.delete(at(9, 1));
        on_b.delete(at(7, 2));
        assert_eq!(merged(&on_a, &on_b).tombstone(), Some(Tombstone::new(at(7, 2))));
        assert_eq!(merged(&on_b, &on_a).tombstone(), Some(Tombstone::new(at(7, 2))));
        assert!(!on_a.delete(at(3, 1)), "already deleted");
        assert_eq!(on_a.tombstone().map(|tombstone| tombstone.at()), Some(at(3, 1)));
    }

    #[test]
    fn edits_of_a_live_record_merge_per_register() {
        let (mut on_a, mut on_b) = (created(), created());
        on_a.edit().expect("live").amount.write(250, at(5, 1));
        on_b.edit().expect("live").title.write("Kettles, 40 units", at(6, 2));
        let deal = merged(&on_a, &on_b);
        let deal = deal.live().expect("live");
        assert_eq!((deal.title.value(), deal.amount.value()), (&"Kettles, 40 units", &250));
    }

    #[test]
    fn tombstone_merge_obeys_the_laws() {
        let mut rng = Gen::new(43);
        for _ in 0..200 {
            let replicas: Vec<Deletable<Deal>> = (0..4)
                .map(|node| {
                    let mut record = created();
                    for step in 0..rng.below(4) {
                        let stamp = at(2 + rng.below(8), 100 * (node + 1) + step);
                        match (rng.below(5), record.edit()) {
                            (0, _) => {
                                record.delete(stamp);
                            }
                            (1 | 2, Ok(deal)) => {
                                deal.title.write(["a", "b", "c"][rng.below(3) as usize], stamp);
                            }
                            (_, Ok(deal)) => {
                                deal.amount.write(rng.below(1_000) as u32, stamp);
                            }
                            (_, Err(_)) => {}
                        }
                    }
                    record
                })
                .collect();
            assert_laws(&replicas);
        }
    }

    #[test]
    fn a_deletable_record_travels_as_json() {
        let mut record: Deletable<Lww<String>> = Deletable::Live(Lww::new("Kettles".into(), at(1, 0)));
        let json = serde_json::to_string(&record).expect("serializes");
        assert_eq!(serde_json::from_str::<Deletable<Lww<String>>>(&json).expect("reads back"), record);
        record.delete(at(9, 2));
        let json = serde_json::to_string(&record).expect("serializes");
        assert_eq!(json, r#"{"deleted":{"at":"000000000009-00000000-0000000000000002"}}"#);
        assert_eq!(serde_json::from_str::<Deletable<Lww<String>>>(&json).expect("reads back"), record);
    }
}
