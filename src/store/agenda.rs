//! My activities straight from IndexedDB: counters as index counts and
//! the first rows of a view as one bounded read per person, so opening the
//! page never loads every activity.

use dela_core::activity::Activity;
use dela_core::agenda::{Counts, Days, Range, View};
use dela_core::Id;
use indexed_db_futures::KeyRange;

use super::read::{self, between, Key, MAX_SAFE};
use super::schema::{ACTIVITIES, ACTIVITIES_AGENDA};
use super::{Store, StoreError};

const OPEN: u8 = 1;

/// The key range of `range` for one person and one incoming flag.
fn key_range(user: &Id, incoming: u8, range: &Range) -> Result<KeyRange<Key>, StoreError> {
    let from = range.from.map_or(-MAX_SAFE, |from| from.millis() as f64);
    let until = range.until.map_or(MAX_SAFE, |until| until.millis() as f64);
    let user = user.as_str();
    Ok(between(
        crate::key![user, OPEN, incoming, from],
        crate::key![user, OPEN, incoming, until],
        range.until.is_some(),
    ))
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
                ranges.push(key_range(user, incoming, &range)?);
                slots.push(slot);
            }
        }
    }
    let found = read::counts(store, ACTIVITIES, ACTIVITIES_AGENDA, ranges).await?;
    let mut counts = Counts::default();
    for (slot, count) in slots.into_iter().zip(found) {
        counts.0[slot] += count as usize;
    }
    Ok(counts)
}

/// The first `limit` activities of a view for `who`, by deadline.
pub async fn rows(store: &Store, who: &[Id], range: &Range, limit: u32) -> Result<Vec<Activity>, StoreError> {
    let mut found: Vec<Activity> = Vec::new();
    for user in who {
        for incoming in flags(range) {
            let part: Vec<Activity> = read::in_range(
                store,
                ACTIVITIES,
                ACTIVITIES_AGENDA,
                key_range(user, incoming, range)?,
                Some(limit),
            )
            .await?;
            found.extend(part);
        }
    }
    found.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
    found.truncate(limit as usize);
    Ok(found)
}

/// Every open activity of `who`, for the in-memory agenda that then
/// answers view switches and recounts without touching storage.
pub async fn open(store: &Store, who: &[Id]) -> Result<Vec<Activity>, StoreError> {
    let all = Range { incoming: None, from: None, until: None };
    let mut found = Vec::new();
    for user in who {
        for incoming in [0, 1] {
            let part: Vec<Activity> =
                read::in_range(store, ACTIVITIES, ACTIVITIES_AGENDA, key_range(user, incoming, &all)?, None)
                    .await?;
            found.extend(part);
        }
    }
    Ok(found)
}
