//! Last-writer-wins registers: plain fields and field groups.
//!
//! Most of a record is fields that one person sets at a time (a deal's
//! title, its amount, the stage group `stage + stage_since + closed_at`):
//! when two devices edit the same group offline, the later edit is what a
//! user expects to see, and the earlier one is reported as superseded. A
//! register holds one such group; different groups of one record merge
//! independently, so edits of different fields both survive.

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::Merge;

/// A value and the stamp of the write that set it; the greater stamp wins.
///
/// Ties cannot happen between different writes: a clock never issues the
/// same stamp twice, and stamps of different nodes differ by the node id
/// (the server's clamp hands out fresh stamps of its own node). Equal
/// stamps therefore mean the same write arriving again, and the register
/// keeps what it holds: merging is idempotent. (Were a broken client to
/// send two values under one stamp, the first to arrive would stay; the
/// server refuses such a replay with other content anyway.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lww<T> {
    value: T,
    stamp: Hlc,
}

impl<T> Lww<T> {
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

    /// Applies a write stamped `stamp`: `true` when it took effect, `false`
    /// when the held value is at least as recent (the write is superseded).
    pub fn write(&mut self, value: T, stamp: Hlc) -> bool {
        let newer = stamp > self.stamp;
        if newer {
            *self = Self { value, stamp };
        }
        newer
    }
}

impl<T> Merge for Lww<T> {
    fn merge(&mut self, other: Self) {
        self.write(other.value, other.stamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::testing::{assert_laws, at, merged, Gen};

    #[test]
    fn the_later_write_wins_whatever_arrives_first() {
        let early = Lww::new("Kettle deal", at(10, 1));
        let late = Lww::new("Kettle deal, 40 units", at(20, 2));
        assert_eq!(merged(&early, &late).value(), &"Kettle deal, 40 units");
        assert_eq!(merged(&late, &early).value(), &"Kettle deal, 40 units");
    }

    #[test]
    fn write_reports_a_superseded_write() {
        let mut title = Lww::new("B's title", at(20, 2));
        assert!(!title.write("A's older title", at(15, 1)));
        assert_eq!(title.value(), &"B's title");
        assert!(title.write("A's newer title", at(25, 1)));
        assert_eq!((title.value(), title.stamp()), (&"A's newer title", at(25, 1)));
    }

    #[test]
    fn the_node_id_decides_between_equal_walls_and_counters() {
        let a = Lww::new("a", at(10, 1));
        let b = Lww::new("b", at(10, 2));
        assert_eq!(merged(&a, &b).value(), &"b");
        assert_eq!(merged(&b, &a).value(), &"b");
    }

    #[test]
    fn the_same_write_again_changes_nothing() {
        let mut amount = Lww::new(4_000, at(10, 1));
        assert!(!amount.write(4_000, at(10, 1)));
        assert_eq!(amount, Lww::new(4_000, at(10, 1)));
    }

    #[test]
    fn lww_merge_obeys_the_laws() {
        let states: Vec<Lww<u32>> = vec![
            Lww::new(1, at(10, 1)),
            Lww::new(2, at(10, 2)),
            Lww::new(3, at(9, 3)),
            Lww::new(4, at(11, 0)),
        ];
        assert_laws(&states);
        let mut rng = Gen::new(17);
        for _ in 0..200 {
            let states: Vec<Lww<u64>> = (0..4).map(|node| Lww::new(rng.next(), rng.stamp_of(node))).collect();
            assert_laws(&states);
        }
    }

    #[test]
    fn registers_of_one_record_merge_independently() {
        // Two field groups of a deal edited on two devices offline.
        let base = (Lww::new("Kettles", at(1, 0)), Lww::new(100, at(1, 0)));
        let mut on_a = base.clone();
        on_a.1.write(250, at(5, 1)); // A changes the amount
        let mut on_b = base.clone();
        on_b.0.write("Kettles, 40 units", at(7, 2)); // B changes the title
        let mut server = base;
        for device in [on_a, on_b] {
            server.0.merge(device.0);
            server.1.merge(device.1);
        }
        assert_eq!((server.0.value(), server.1.value()), (&"Kettles, 40 units", &250));
    }

    #[test]
    fn a_register_travels_as_json() {
        let title = Lww::new("Kettles".to_string(), at(1_767_225_600_000, 0xab));
        let json = serde_json::to_string(&title).expect("serializes");
        assert_eq!(json, r#"{"value":"Kettles","stamp":"019b76daa800-00000000-00000000000000ab"}"#);
        assert_eq!(serde_json::from_str::<Lww<String>>(&json).expect("reads back"), title);
    }
}
