//! My activities straight from IndexedDB: counters as counts of the agenda
//! index and the first rows of a view as one bounded read per person, so
//! opening the page never loads every activity.
//!
//! The index is multi-entry over the pages' agenda keys
//! (`dela_core::timeline::AgendaKey`): it counts activities, but a read
//! through it yields pages, one per matching key. Rows are therefore the
//! matching activities of the pages read, in order.

use std::collections::HashSet;

use dela_core::activity::Activity;
use dela_core::agenda::{Counts, Days, Range, View};
use dela_core::record::CardRef;
use dela_core::timeline::Page;
use dela_core::Id;
use indexed_db_futures::KeyRange;

use super::read::{self, between, Key, MAX_SAFE};
use super::schema::{ACTIVITIES_AGENDA, ACTIVITY_PAGES};
use super::{Store, StoreError};

/// The key range of `range` for one person and one incoming flag.
fn key_range(user: &Id, incoming: u8, range: &Range) -> KeyRange<Key> {
    let from = range.from.map_or(-MAX_SAFE, |from| from.millis() as f64);
    let until = range.until.map_or(MAX_SAFE, |until| until.millis() as f64);
    let user = user.as_str();
    between(crate::key![user, incoming, from], crate::key![user, incoming, until], range.until.is_some())
}

fn flags(range: &Range) -> Vec<u8> {
    match range.incoming {
        Some(true) => vec![1],
        Some(false) => vec![0],
        None => vec![0, 1],
    }
}

/// The six counters for `who` (one person, or the people of a department).
pub async fn counts(store: &Store, who: &[Id], days: &Days) -> Result<Counts, StoreError> {
    let mut ranges = Vec::new();
    let mut slots = Vec::new();
    for (slot, view) in View::ALL.iter().enumerate() {
        let range = Range::of(*view, days);
        for user in who {
            for incoming in flags(&range) {
                ranges.push(key_range(user, incoming, &range));
                slots.push(slot);
            }
        }
    }
    let found = read::counts(store, ACTIVITY_PAGES, ACTIVITIES_AGENDA, ranges).await?;
    let mut counts = Counts::default();
    for (slot, count) in slots.into_iter().zip(found) {
        counts.0[slot] += count as usize;
    }
    Ok(counts)
}

/// The activities of `pages` that `range` holds for `who`, each once
/// (a page comes once per matching key), by deadline.
fn matching(pages: Vec<Page>, who: &[Id], range: &Range) -> Vec<Activity> {
    let mut seen: HashSet<(CardRef, u32)> = HashSet::new();
    let mut found: Vec<Activity> = pages
        .into_iter()
        .filter(|page| seen.insert((page.owner.clone(), page.number)))
        .flat_map(|page| page.activities)
        .filter(|activity| range.contains(activity) && who.contains(&activity.responsible))
        .collect();
    found.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
    found
}

/// The first `limit` activities of a view for `who`, by deadline. The
/// first `limit` keys of each person's range lie in the pages read, so the
/// first `limit` matching activities of those pages are the view's.
pub async fn rows(store: &Store, who: &[Id], range: &Range, limit: u32) -> Result<Vec<Activity>, StoreError> {
    let mut pages: Vec<Page> = Vec::new();
    for user in who {
        for incoming in flags(range) {
            let part = key_range(user, incoming, range);
            pages.extend(read::in_range(store, ACTIVITY_PAGES, ACTIVITIES_AGENDA, part, Some(limit)).await?);
        }
    }
    let mut found = matching(pages, who, range);
    found.truncate(limit as usize);
    Ok(found)
}

/// Every open activity of `who`, for the in-memory agenda that then
/// answers view switches and recounts without touching storage.
pub async fn open(store: &Store, who: &[Id]) -> Result<Vec<Activity>, StoreError> {
    let all = Range { incoming: None, from: None, until: None };
    let mut pages: Vec<Page> = Vec::new();
    for user in who {
        let name = user.as_str();
        let everything = between(crate::key![name, 0u8], crate::key![name, 2u8], true);
        pages.extend(read::in_range(store, ACTIVITY_PAGES, ACTIVITIES_AGENDA, everything, None).await?);
    }
    Ok(matching(pages, who, &all))
}
