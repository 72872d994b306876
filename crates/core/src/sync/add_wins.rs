//! Add-wins sets: member lists (co-executors, observers, a deal's contacts).
//!
//! A list as one last-writer-wins value would lose a member that one device
//! added while another removed someone else. Per member, the question is
//! what happens when one device adds a person while another concurrently
//! removes them: the add wins, since a removal can only remove what its
//! device has seen (observed-remove). Forgetting to keep someone is worse
//! in a CRM than keeping someone one more time.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::Merge;

/// An observed-remove set in which a concurrent add beats a remove.
///
/// Every add carries a tag, a fresh stamp of the adding device, so two adds
/// of one member are told apart. A member is present while it has a tag no
/// removal has seen. A removal ends exactly the tags its device observed:
/// an add it had not seen (made concurrently elsewhere) keeps the member,
/// and adding again after a removal works, with a new tag.
///
/// Removed tags are kept (small tombstones) so that an add that arrives
/// after its removal stays removed; they can be pruned at the tombstone
/// horizon of the protocol, once no device can still send that add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize + Ord", deserialize = "T: Deserialize<'de> + Ord"))]
pub struct AddWinsSet<T> {
    members: BTreeMap<T, Tags>,
}

/// One member's tags. `live` and `removed` never share a tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Tags {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    live: BTreeSet<Hlc>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    removed: BTreeSet<Hlc>,
}

impl Tags {
    fn absorb(&mut self, other: Tags) {
        self.removed.extend(other.removed);
        self.live.extend(other.live);
        let removed = &self.removed;
        self.live.retain(|tag| !removed.contains(tag));
    }
}

impl<T> Default for AddWinsSet<T> {
    fn default() -> Self {
        Self { members: BTreeMap::new() }
    }
}

impl<T: Ord> AddWinsSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `item` under `tag`, a stamp fresh from the adding device's
    /// clock. A tag already removed stays removed (a replayed add).
    pub fn add(&mut self, item: T, tag: Hlc) {
        self.members.entry(item).or_default().absorb(Tags { live: BTreeSet::from([tag]), ..Tags::default() });
    }

    /// Removes `item` as this replica sees it and returns the tags that
    /// ended: what the removal carries to other replicas
    /// ([`AddWinsSet::remove_observed`]). Empty when `item` was absent.
    pub fn remove(&mut self, item: &T) -> BTreeSet<Hlc> {
        match self.members.get_mut(item) {
            Some(tags) => {
                let observed = std::mem::take(&mut tags.live);
                tags.removed.extend(observed.iter().copied());
                observed
            }
            None => BTreeSet::new(),
        }
    }

    /// Applies a removal made elsewhere that had observed the tags
    /// `observed`: those tags end, here or whenever their add arrives;
    /// tags it had not observed keep `item`.
    pub fn remove_observed(&mut self, item: T, observed: BTreeSet<Hlc>) {
        if !observed.is_empty() {
            self.members.entry(item).or_default().absorb(Tags { removed: observed, ..Tags::default() });
        }
    }

    /// Removes `item` as a device whose clock stood at `stamp` saw it: the
    /// tags stamped before `stamp` end, a later add keeps the member. Used
    /// where a removal travels without its observed tags (the push
    /// protocol): a device that pulled an add has observed its stamp, so
    /// its clock, and every removal it makes after, is past that tag.
    pub fn remove_before(&mut self, item: &T, stamp: Hlc) {
        if let Some(tags) = self.members.get_mut(item) {
            let ended: BTreeSet<Hlc> = tags.live.iter().copied().filter(|tag| *tag < stamp).collect();
            tags.live.retain(|tag| !ended.contains(tag));
            tags.removed.extend(ended);
        }
    }

    pub fn contains(&self, item: &T) -> bool {
        self.members.get(item).is_some_and(|tags| !tags.live.is_empty())
    }

    /// The members present, in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.members.iter().filter(|(_, tags)| !tags.live.is_empty()).map(|(item, _)| item)
    }
}

impl<T: Ord> Merge for AddWinsSet<T> {
    fn merge(&mut self, other: Self) {
        for (item, tags) in other.members {
            self.members.entry(item).or_default().absorb(tags);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::clock::NodeId;
    use crate::sync::testing::{assert_laws, merged, Gen};

    fn tag(wall: u64, node: u64) -> Hlc {
        Hlc::new(wall, 0, NodeId::new(node)).expect("wall in range")
    }

    fn members(set: &AddWinsSet<&'static str>) -> Vec<&'static str> {
        set.iter().copied().collect()
    }

    #[test]
    fn add_and_remove_on_one_replica() {
        let mut observers = AddWinsSet::new();
        observers.add("ivanov", tag(1, 1));
        observers.add("petrova", tag(2, 1));
        assert_eq!(members(&observers), ["ivanov", "petrova"]);
        assert_eq!(observers.remove(&"ivanov"), BTreeSet::from([tag(1, 1)]));
        assert!(!observers.contains(&"ivanov"));
        assert!(observers.remove(&"nobody").is_empty());
        assert_eq!(members(&observers), ["petrova"]);
    }

    #[test]
    fn a_concurrent_add_beats_a_remove() {
        let mut shared = AddWinsSet::new();
        shared.add("ivanov", tag(1, 1));
        // A removes Ivanov; B, offline, adds him again without having seen that.
        let mut on_a = shared.clone();
        on_a.remove(&"ivanov");
        let mut on_b = shared;
        on_b.add("ivanov", tag(2, 2));
        assert!(merged(&on_a, &on_b).contains(&"ivanov"));
        assert!(merged(&on_b, &on_a).contains(&"ivanov"));
    }

    #[test]
    fn a_remove_wins_over_the_adds_it_observed() {
        let mut on_a = AddWinsSet::new();
        on_a.add("ivanov", tag(1, 1));
        let on_b = on_a.clone();
        on_a.remove(&"ivanov");
        assert!(!merged(&on_a, &on_b).contains(&"ivanov"));
        assert!(!merged(&on_b, &on_a).contains(&"ivanov"));
    }

    #[test]
    fn adding_again_after_a_remove_works() {
        let mut contacts = AddWinsSet::new();
        contacts.add("smirnov", tag(1, 1));
        contacts.remove(&"smirnov");
        contacts.add("smirnov", tag(3, 1));
        assert!(contacts.contains(&"smirnov"));
        let mut elsewhere = AddWinsSet::new();
        elsewhere.add("smirnov", tag(1, 1));
        elsewhere.remove(&"smirnov");
        assert!(merged(&elsewhere, &contacts).contains(&"smirnov"));
    }

    #[test]
    fn an_add_arriving_after_its_removal_stays_removed() {
        let mut server = AddWinsSet::new();
        server.remove_observed("ivanov", BTreeSet::from([tag(1, 1)]));
        assert!(!server.contains(&"ivanov"));
        server.add("ivanov", tag(1, 1));
        assert!(!server.contains(&"ivanov"), "the late add was already removed");
        server.add("ivanov", tag(2, 2));
        assert!(server.contains(&"ivanov"), "an add the removal never saw");
    }

    #[test]
    fn a_removal_sent_as_observed_tags_matches_a_local_removal() {
        let mut on_a = AddWinsSet::new();
        on_a.add("ivanov", tag(1, 1));
        on_a.add("ivanov", tag(2, 2));
        let mut server = on_a.clone();
        let observed = on_a.remove(&"ivanov");
        server.remove_observed("ivanov", observed);
        assert_eq!(server, on_a);
    }

    /// Replicas that each saw some of a pool of adds (unique tags) and
    /// removed some of what they saw.
    fn replicas(rng: &mut Gen, count: usize) -> Vec<AddWinsSet<u8>> {
        let adds: Vec<(u8, Hlc)> =
            (0..8).map(|n| (rng.below(3) as u8, tag(1 + rng.below(4), 10 * n + rng.below(3)))).collect();
        (0..count)
            .map(|_| {
                let mut set = AddWinsSet::new();
                for (item, tag) in &adds {
                    if rng.below(2) == 0 {
                        set.add(*item, *tag);
                    }
                    if rng.below(4) == 0 {
                        set.remove(item);
                    }
                }
                set
            })
            .collect()
    }

    #[test]
    fn add_wins_merge_obeys_the_laws() {
        let mut rng = Gen::new(23);
        for _ in 0..200 {
            assert_laws(&replicas(&mut rng, 4));
        }
    }

    #[test]
    fn a_set_travels_as_json() {
        let mut set = AddWinsSet::new();
        set.add("ivanov".to_string(), tag(1, 1));
        set.add("petrova".to_string(), tag(2, 1));
        set.remove(&"petrova".to_string());
        let json = serde_json::to_string(&set).expect("serializes");
        assert_eq!(serde_json::from_str::<AddWinsSet<String>>(&json).expect("reads back"), set);
    }
}
