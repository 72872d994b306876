//! A card's activities as they are stored: in pages of at most
//! [`PAGE_SIZE`] under the card. A card's timeline is then one key range;
//! writing many activities costs one record per card instead of one per
//! activity (the per-record cost is what bounds an IndexedDB import); and
//! an edit rewrites one bounded page however long the card's history grows.
//! Each page carries the agenda keys of its open activities for a
//! multi-entry index, so every view of My activities stays a key range.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize, Serializer};

use crate::activity::{nearest_open, Activity};
use crate::record::CardRef;
use crate::{Id, Timestamp};

/// Activities per page: large enough that a typical card has one page,
/// small enough that a page stays a few tens of kilobytes.
pub const PAGE_SIZE: usize = 100;

/// Up to [`PAGE_SIZE`] activities of one card, stored under
/// `[owner.kind, owner.id, page]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Page {
    pub owner: CardRef,
    #[serde(rename = "page")]
    pub number: u32,
    pub activities: Vec<Activity>,
}

/// An open activity's key in the agenda index:
/// `[responsible, incoming (1 or 0), deadline, id]`. The id keeps keys of
/// one page distinct (a multi-entry index drops duplicates). Completed
/// activities have none: no view shows them.
pub type AgendaKey<'a> = (&'a Id, u8, Timestamp, &'a Id);

impl Page {
    pub fn agenda_keys(&self) -> impl Iterator<Item = AgendaKey<'_>> {
        self.activities
            .iter()
            .filter(|a| a.is_open())
            .map(|a| (&a.responsible, u8::from(a.is_incoming()), a.deadline, &a.id))
    }
}

/// The stored record: the page plus its agenda keys, derived here so they
/// can never disagree with the activities. Reading ignores them.
impl Serialize for Page {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Record<'a> {
            owner: &'a CardRef,
            page: u32,
            activities: &'a [Activity],
            agenda: Vec<AgendaKey<'a>>,
        }
        Record {
            owner: &self.owner,
            page: self.number,
            activities: &self.activities,
            agenda: self.agenda_keys().collect(),
        }
        .serialize(serializer)
    }
}

/// One change to a card's activities.
// Nearly every edit is a `Put`: boxing its activity would add an
// allocation to the common case to shrink the rare one.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Stores the activity (new or changed) on its own card.
    Put(Activity),
    /// Removes the activity from `owner`: deleted, or moved to another card.
    Remove { owner: CardRef, id: Id },
    /// Removes every activity of `owner`: the card is deleted.
    Clear { owner: CardRef },
}

impl Edit {
    pub fn owner(&self) -> &CardRef {
        match self {
            Edit::Put(activity) => &activity.owner,
            Edit::Remove { owner, .. } | Edit::Clear { owner } => owner,
        }
    }
}

/// What storage does with one page after edits.
#[derive(Debug, PartialEq, Eq)]
pub enum PageWrite<'a> {
    Put(&'a Page),
    /// The page's last activity left it.
    Delete {
        owner: &'a CardRef,
        number: u32,
    },
}

/// All pages of one card, remembering which ones its edits touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    owner: CardRef,
    pages: Vec<Page>,
    touched: BTreeSet<u32>,
}

impl Timeline {
    /// The card's timeline from its stored pages (pages of other cards in
    /// `pages` are left out).
    pub fn new(owner: CardRef, mut pages: Vec<Page>) -> Self {
        pages.retain(|page| page.owner == owner);
        crate::sort::sort_by_key(&mut pages, |page| page.number);
        Self { owner, pages, touched: BTreeSet::new() }
    }

    pub fn owner(&self) -> &CardRef {
        &self.owner
    }

    pub fn activities(&self) -> impl Iterator<Item = &Activity> {
        self.pages.iter().flat_map(|page| page.activities.iter())
    }

    pub fn get(&self, id: &Id) -> Option<&Activity> {
        self.activities().find(|activity| &activity.id == id)
    }

    /// As a card shows them: open ones first by deadline, then completed
    /// ones, newest first.
    pub fn ordered(&self) -> Vec<Activity> {
        let mut activities: Vec<Activity> = self.activities().cloned().collect();
        crate::sort::sort_by(&mut activities, timeline_order);
        activities
    }

    /// The card's `next_activity`.
    pub fn nearest_open(&self) -> Option<Timestamp> {
        nearest_open(self.activities())
    }

    /// Applies one edit. False (and nothing changes) when the edit is for
    /// another card.
    pub fn apply(&mut self, edit: Edit) -> bool {
        if edit.owner() != &self.owner {
            return false;
        }
        match edit {
            Edit::Put(activity) => self.put(activity),
            Edit::Remove { id, .. } => {
                self.remove(&id);
            }
            Edit::Clear { .. } => {
                for page in &mut self.pages {
                    page.activities.clear();
                    self.touched.insert(page.number);
                }
            }
        }
        true
    }

    /// Replaces the activity where it is, or appends it to the last page
    /// with room, else to a new page.
    fn put(&mut self, activity: Activity) {
        for page in &mut self.pages {
            if let Some(slot) = page.activities.iter_mut().find(|stored| stored.id == activity.id) {
                *slot = activity;
                self.touched.insert(page.number);
                return;
            }
        }
        match self.pages.last_mut() {
            Some(last) if last.activities.len() < PAGE_SIZE => {
                last.activities.push(activity);
                self.touched.insert(last.number);
            }
            last => {
                let number = last.map_or(0, |page| page.number + 1);
                self.pages.push(Page { owner: self.owner.clone(), number, activities: vec![activity] });
                self.touched.insert(number);
            }
        }
    }

    /// Takes the activity out, if it is here.
    pub fn remove(&mut self, id: &Id) -> Option<Activity> {
        for page in &mut self.pages {
            if let Some(at) = page.activities.iter().position(|stored| &stored.id == id) {
                self.touched.insert(page.number);
                return Some(page.activities.remove(at));
            }
        }
        None
    }

    /// The writes that store the edits: touched pages, or their deletion
    /// when they became empty.
    pub fn writes(&self) -> Vec<PageWrite<'_>> {
        let mut writes = Vec::new();
        for number in &self.touched {
            match self.pages.iter().find(|page| page.number == *number) {
                Some(page) if !page.activities.is_empty() => writes.push(PageWrite::Put(page)),
                _ => writes.push(PageWrite::Delete { owner: &self.owner, number: *number }),
            }
        }
        writes
    }
}

/// Open before completed; open ones by deadline, completed ones newest
/// first.
fn timeline_order(a: &Activity, b: &Activity) -> Ordering {
    match (&a.completion, &b.completion) {
        (None, None) => (a.deadline, &a.id).cmp(&(b.deadline, &b.id)),
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => y.at.cmp(&x.at),
    }
}

/// The order of cards among storage keys: kind code, then id. Writing
/// pages in this order, and reading a run of cards as one range, is what
/// keeps bulk writes cheap.
pub fn storage_order(a: &CardRef, b: &CardRef) -> Ordering {
    (a.kind.code(), &a.id).cmp(&(b.kind.code(), &b.id))
}

/// Activities grouped by card, the cards in [`storage_order`], each card's
/// activities in their given order.
pub fn by_card(mut activities: Vec<Activity>) -> Vec<(CardRef, Vec<Activity>)> {
    // Keys computed once; the activities themselves move once.
    crate::sort::sort_by_cached_key(&mut activities, |activity| {
        (activity.owner.kind.code(), activity.owner.id.clone())
    });
    let mut groups: Vec<(CardRef, Vec<Activity>)> = Vec::new();
    for activity in activities {
        match groups.last_mut() {
            Some((owner, list)) if *owner == activity.owner => list.push(activity),
            _ => groups.push((activity.owner.clone(), vec![activity])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::{ActivityKind, Completion, Direction, Priority};
    use crate::record::{CardKind, Stamp};

    const NOW: Timestamp = Timestamp(1_800_000_000_000);

    fn id(text: &str) -> Id {
        Id::parse(text).unwrap()
    }

    fn card(kind: CardKind, text: &str) -> CardRef {
        CardRef { kind, id: id(text) }
    }

    fn activity(n: usize, owner: &CardRef) -> Activity {
        Activity {
            id: id(&format!("a{n:04}")),
            kind: ActivityKind::Call,
            direction: Direction::Outgoing,
            subject: format!("Call {n}"),
            description: String::new(),
            deadline: NOW.plus_millis(n as i64 * Timestamp::HOUR),
            responsible: id("u1"),
            priority: Priority::Normal,
            owner: owner.clone(),
            completion: None,
            stamp: Stamp::new(&id("u1"), NOW),
        }
    }

    fn done(mut activity: Activity, at: Timestamp) -> Activity {
        activity.completion = Some(Completion { at, by: id("u1"), result: "done".into() });
        activity
    }

    #[test]
    fn a_page_stores_agenda_keys_of_open_activities_only() {
        let deal = card(CardKind::Deal, "d1");
        let mut incoming = activity(1, &deal);
        incoming.direction = Direction::Incoming;
        let page = Page {
            owner: deal.clone(),
            number: 0,
            activities: vec![incoming, done(activity(2, &deal), NOW)],
        };
        let json = serde_json::to_value(&page).unwrap();
        let hour = NOW.plus_millis(Timestamp::HOUR).0;
        assert_eq!(json["agenda"], serde_json::json!([["u1", 1, hour, "a0001"]]));
        assert_eq!((json["owner"]["kind"].as_str(), json["page"].as_u64()), (Some("deal"), Some(0)));
        assert_eq!(serde_json::from_value::<Page>(json).unwrap(), page);
    }

    #[test]
    fn edits_fill_the_last_page_then_open_a_new_one_and_touch_only_their_page() {
        let deal = card(CardKind::Deal, "d1");
        let mut timeline = Timeline::new(deal.clone(), Vec::new());
        for n in 0..=PAGE_SIZE {
            assert!(timeline.apply(Edit::Put(activity(n, &deal))));
        }
        let numbers: Vec<u32> = timeline
            .writes()
            .iter()
            .filter_map(|w| match w {
                PageWrite::Put(page) => Some(page.number),
                PageWrite::Delete { .. } => None,
            })
            .collect();
        assert_eq!(numbers, vec![0, 1]);

        let stored: Vec<Page> = timeline.pages.clone();
        let mut again = Timeline::new(deal.clone(), stored);
        let changed = done(activity(3, &deal), NOW);
        assert!(again.apply(Edit::Put(changed.clone())));
        assert_eq!(again.activities().count(), PAGE_SIZE + 1);
        assert_eq!(again.get(&changed.id), Some(&changed));
        match again.writes().as_slice() {
            [PageWrite::Put(page)] => assert_eq!(page.number, 0),
            other => panic!("expected one page, got {other:?}"),
        }
    }

    #[test]
    fn removing_the_last_activity_of_a_page_deletes_the_page() {
        let deal = card(CardKind::Deal, "d1");
        let page = Page { owner: deal.clone(), number: 4, activities: vec![activity(1, &deal)] };
        let mut timeline = Timeline::new(deal.clone(), vec![page]);
        assert!(timeline.apply(Edit::Remove { owner: deal.clone(), id: id("a0001") }));
        assert_eq!(timeline.writes(), vec![PageWrite::Delete { owner: &deal, number: 4 }]);
        assert_eq!(timeline.remove(&id("a0001")), None);
    }

    #[test]
    fn clearing_a_card_deletes_every_page() {
        let deal = card(CardKind::Deal, "d1");
        let pages = (0..2).map(|number| Page {
            owner: deal.clone(),
            number,
            activities: vec![activity(number as usize, &deal)],
        });
        let mut timeline = Timeline::new(deal.clone(), pages.collect());
        assert!(timeline.apply(Edit::Clear { owner: deal.clone() }));
        assert_eq!(timeline.activities().count(), 0);
        assert_eq!(
            timeline.writes(),
            vec![
                PageWrite::Delete { owner: &deal, number: 0 },
                PageWrite::Delete { owner: &deal, number: 1 }
            ]
        );
    }

    #[test]
    fn edits_for_another_card_change_nothing() {
        let deal = card(CardKind::Deal, "d1");
        let other = card(CardKind::Contact, "c1");
        let mut timeline = Timeline::new(deal.clone(), Vec::new());
        assert!(!timeline.apply(Edit::Put(activity(1, &other))));
        assert!(!timeline.apply(Edit::Remove { owner: other, id: id("a0001") }));
        assert!(timeline.writes().is_empty());
    }

    #[test]
    fn the_card_shows_open_by_deadline_then_completed_newest_first() {
        let deal = card(CardKind::Deal, "d1");
        let old = done(activity(1, &deal), NOW);
        let recent = done(activity(2, &deal), NOW.plus_millis(Timestamp::DAY));
        let later = activity(9, &deal);
        let sooner = activity(5, &deal);
        let page = Page {
            owner: deal.clone(),
            number: 0,
            activities: vec![old.clone(), later.clone(), recent.clone(), sooner.clone()],
        };
        let timeline = Timeline::new(deal, vec![page]);
        assert_eq!(timeline.ordered(), vec![sooner.clone(), later, recent, old]);
        assert_eq!(timeline.nearest_open(), Some(sooner.deadline));
    }

    #[test]
    fn cards_are_grouped_in_storage_key_order() {
        let deal = card(CardKind::Deal, "d1");
        let company_b = card(CardKind::Company, "b");
        let company_a = card(CardKind::Company, "a");
        let groups = by_card(vec![
            activity(1, &deal),
            activity(2, &company_b),
            activity(3, &company_a),
            activity(4, &deal),
        ]);
        let order: Vec<&CardRef> = groups.iter().map(|(card, _)| card).collect();
        assert_eq!(order, vec![&company_a, &company_b, &deal]);
        assert_eq!(groups[2].1.len(), 2);
    }
}
