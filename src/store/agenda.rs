//! My activities straight from IndexedDB: counters summed from each
//! person's tally (`dela_core::agenda::Tally`, one record per person, kept
//! by every write of pages in its own transaction) and the first rows of a
//! view as one bounded read per person, so opening the page never loads
//! every activity.
//!
//! The index is multi-entry over the pages' agenda keys
//! (`dela_core::timeline::AgendaKey`): it counts activities, but a read
//! through it yields pages, one per matching key. Rows are therefore the
//! matching activities of the pages read, in order.

use std::collections::HashSet;

use dela_core::activity::Activity;
use dela_core::agenda::{Counts, Days, Range, Tally, TallyChange};
use dela_core::record::CardRef;
use dela_core::timeline::Page;
use dela_core::Id;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsValue;

use super::codec::{from_js, to_js};
use super::read::{self, between, Key, MAX_SAFE};
use super::schema::{ACTIVITIES_AGENDA, ACTIVITY_PAGES, AGENDA_TALLY};
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

/// Every agenda key of `user`.
fn all_of(user: &Id) -> KeyRange<Key> {
    let name = user.as_str();
    between(crate::key![name, 0u8], crate::key![name, 2u8], true)
}

/// The six counters for `who` (one person, or the people of a department):
/// one record read per person. Someone without a tally yet (a database of
/// schema 5, a person never shown here) gets one built from the pages.
pub async fn counts(store: &Store, who: &[Id], days: &Days) -> Result<Counts, StoreError> {
    let mut tallies = tallies_in(&read::readonly(store, AGENDA_TALLY)?, who).await?;
    let missing: Vec<Id> =
        who.iter().zip(&tallies).filter(|(_, tally)| tally.is_none()).map(|(user, _)| user.clone()).collect();
    if !missing.is_empty() {
        tallies.extend(build(store, missing).await?.into_iter().map(Some));
    }
    let mut counts = Counts::default();
    for tally in tallies.into_iter().flatten() {
        counts += tally.counts(days);
    }
    Ok(counts)
}

/// The tallies of `people` stored in `tx`, the requests all sent before
/// any is awaited. A missing one is `None`, and so is one that does not
/// decode: tallies are derived, so it is built again.
async fn tallies_in(tx: &Transaction<'_>, people: &[Id]) -> Result<Vec<Option<Tally>>, StoreError> {
    let object_store = tx.object_store(AGENDA_TALLY)?;
    let requests = people
        .iter()
        .map(|user| Ok(object_store.get::<JsValue, _, _>(user.as_str()).primitive()?))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut found = Vec::with_capacity(requests.len());
    for request in requests {
        found.push(request.await?.and_then(|record| from_js(record, AGENDA_TALLY).ok()));
    }
    Ok(found)
}

/// Builds the tallies of `people` from their pages and stores them, in a
/// readwrite transaction over the pages: no write of pages can fall
/// between the read and the tally. One that another tab stored meanwhile
/// is taken as it is.
async fn build(store: &Store, people: Vec<Id>) -> Result<Vec<Tally>, StoreError> {
    let tx = store
        .db()
        .transaction([ACTIVITY_PAGES, AGENDA_TALLY])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let stored = tallies_in(&tx, &people).await?;
    let object_store = tx.object_store(AGENDA_TALLY)?;
    let mut built = Vec::with_capacity(people.len());
    for (user, stored) in people.into_iter().zip(stored) {
        let tally = match stored {
            Some(tally) => tally,
            None => {
                let pages =
                    read::in_range_in(&tx, ACTIVITY_PAGES, ACTIVITIES_AGENDA, all_of(&user), None).await?;
                let tally = Tally::of(user.clone(), &matching(pages, &[user], &Range::ALL));
                // Sent now, settled by the commit.
                drop(object_store.put(to_js(&tally)?).primitive()?);
                tally
            }
        };
        built.push(tally);
    }
    tx.commit().await?;
    Ok(built)
}

/// The tallies `change` moves, read in `tx` (which writes pages, and so
/// spans the tallies) and changed: the records to write in it. A person
/// without a stored tally stays without; theirs is built when first read.
pub async fn tallies_changed_in(
    tx: &Transaction<'_>,
    change: &TallyChange,
) -> Result<Vec<JsValue>, StoreError> {
    let people = change.people();
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut records = Vec::new();
    for mut tally in tallies_in(tx, &people).await?.into_iter().flatten() {
        change.apply(&mut tally);
        records.push(to_js(&tally)?);
    }
    Ok(records)
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
    dela_core::sort::sort_by(&mut found, |a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
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
    let mut pages: Vec<Page> = Vec::new();
    for user in who {
        pages.extend(read::in_range(store, ACTIVITY_PAGES, ACTIVITIES_AGENDA, all_of(user), None).await?);
    }
    Ok(matching(pages, who, &Range::ALL))
}
