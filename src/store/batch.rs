//! The writes of one user action, applied in one readwrite transaction:
//! either all of them land or none does.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use dela_core::agenda::TallyChange;
use dela_core::card::AnyCard;
use dela_core::record::CardRef;
use dela_core::timeline::{storage_order, Edit, Page, PageWrite, Timeline};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{
    Transaction, TransactionDurability, TransactionMode, TransactionOptions,
};
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::codec::{from_js, range_js, to_js};
use super::pages;
use super::schema::{card_store, ACTIVITY_PAGES, AGENDA_TALLY};
use super::{agenda, cards, Store, StoreError};

enum Op {
    Put {
        store: &'static str,
        value: JsValue,
    },
    Add {
        store: &'static str,
        value: JsValue,
    },
    PutKeyed {
        store: &'static str,
        key: JsValue,
        value: JsValue,
    },
    Delete {
        store: &'static str,
        key: JsValue,
    },
    /// A card whose `next_activity` follows the batch's activity edits.
    Card(AnyCard),
    /// Resolved into page writes inside the transaction; with `card`, the
    /// owner card's `next_activity` is kept as the edited pages have it.
    Edit {
        edit: Edit,
        card: bool,
    },
}

impl Op {
    fn store(&self) -> &'static str {
        match self {
            Op::Put { store, .. }
            | Op::Add { store, .. }
            | Op::PutKeyed { store, .. }
            | Op::Delete { store, .. } => store,
            Op::Card(card) => card_store(card.as_card().card().kind),
            Op::Edit { .. } => ACTIVITY_PAGES,
        }
    }
}

/// From this many writes a batch is an import.
const BULK: usize = 1_000;

#[derive(Default)]
pub struct Batch {
    ops: Vec<Op>,
}

/// A readwrite transaction over `names`. Large batches are imports: they
/// skip the per-commit flush to disk (an OS crash may lose the last import,
/// which can be run again); a user's own action keeps the browser's default
/// durability.
fn transaction<'db>(
    store: &'db Store,
    names: &[&'static str],
    bulk: bool,
) -> Result<Transaction<'db>, StoreError> {
    let builder = store.db().transaction(names.to_vec()).with_mode(TransactionMode::Readwrite);
    Ok(if bulk {
        builder
            .with_options(TransactionOptions::new().with_durability(TransactionDurability::Relaxed))
            .build()?
    } else {
        builder.build()?
    })
}

impl Store {
    /// A read-modify-write as one readwrite transaction over `stores`:
    /// `work` reads what it decides from inside the transaction and returns
    /// its result with the batch to write, which is written in that same
    /// transaction. Another writer of the same records (a robot, another
    /// tab) waits for this one to commit, so neither overwrites the other
    /// with what it read before. `stores` must span everything `work` reads
    /// and the batch writes. `work` must await nothing but requests of the
    /// transaction it is given: waiting on anything else lets the browser
    /// commit the transaction under it.
    pub async fn update<T, E: From<StoreError>>(
        &self,
        stores: &[&'static str],
        work: impl AsyncFnOnce(&Transaction<'_>) -> Result<(T, Batch), E>,
    ) -> Result<T, E> {
        // Whoever writes pages writes the tallies they change.
        let mut stores = stores.to_vec();
        if stores.contains(&ACTIVITY_PAGES) {
            stores.push(AGENDA_TALLY);
        }
        let tx = transaction(self, &stores, false)?;
        let (result, batch) = work(&tx).await?;
        batch.write_in(tx).await?;
        Ok(result)
    }
}

impl Batch {
    /// Inserts or replaces a record whose store has an in-line key.
    pub fn put<T: Serialize>(mut self, store: &'static str, record: &T) -> Result<Self, StoreError> {
        self.ops.push(Op::Put { store, value: to_js(record)? });
        Ok(self)
    }

    /// Inserts a record that must not exist yet (a history entry, say).
    pub fn add<T: Serialize>(mut self, store: &'static str, record: &T) -> Result<Self, StoreError> {
        self.ops.push(Op::Add { store, value: to_js(record)? });
        Ok(self)
    }

    /// Inserts or replaces a value under an out-of-line key (the meta store).
    pub fn put_keyed<T: Serialize>(
        mut self,
        store: &'static str,
        key: &str,
        value: &T,
    ) -> Result<Self, StoreError> {
        self.ops.push(Op::PutKeyed { store, key: JsValue::from_str(key), value: to_js(value)? });
        Ok(self)
    }

    pub fn delete(mut self, store: &'static str, key: &str) -> Self {
        self.ops.push(Op::Delete { store, key: JsValue::from_str(key) });
        self
    }

    /// Changes a card's activities. The card's pages are read inside the
    /// writing transaction and edited there, so concurrent writers of one
    /// card (a robot, another tab) never drop each other's activities; the
    /// card's `next_activity` is set from those pages in the same
    /// transaction.
    pub fn edit(mut self, edit: Edit) -> Self {
        self.ops.push(Op::Edit { edit, card: true });
        self
    }

    /// Changes activities of cards that carry their own `next_activity`
    /// (an import, a download): only the pages are written.
    pub fn edit_pages(mut self, edit: Edit) -> Self {
        self.ops.push(Op::Edit { edit, card: false });
        self
    }

    /// Writes a card; if the batch edits its activities, its
    /// `next_activity` is set from the edited pages.
    pub fn put_card(mut self, card: AnyCard) -> Self {
        self.ops.push(Op::Card(card));
        self
    }

    fn store_names(&self) -> Vec<&'static str> {
        let mut names: BTreeSet<&'static str> = self.ops.iter().map(Op::store).collect();
        for op in &self.ops {
            if let Op::Edit { edit, card } = op {
                names.insert(AGENDA_TALLY);
                if *card {
                    names.insert(card_store(edit.owner().kind));
                }
            }
        }
        names.into_iter().collect()
    }

    /// Sends every request, then commits. A failing request aborts the
    /// transaction, which rolls back the requests before it.
    pub async fn apply(self, store: &Store) -> Result<(), StoreError> {
        if self.ops.is_empty() {
            return Ok(());
        }
        let tx = transaction(store, &self.store_names(), self.ops.len() >= BULK)?;
        self.write_in(tx).await
    }

    /// Writes the batch in `tx`, which must span every store it writes,
    /// and commits.
    async fn write_in(self, tx: Transaction<'_>) -> Result<(), StoreError> {
        let names = self.store_names();
        let mut edits = Vec::new();
        let mut refreshed: Vec<CardRef> = Vec::new();
        let mut others = Vec::new();
        for op in self.ops {
            match op {
                Op::Edit { edit, card } => {
                    if card {
                        refreshed.push(edit.owner().clone());
                    }
                    edits.push(edit);
                }
                other => others.push(other),
            }
        }
        dela_core::sort::sort_by(&mut refreshed, storage_order);
        refreshed.dedup();
        let (timelines, change) = edited_timelines(&tx, edits).await?;
        for value in agenda::tallies_changed_in(&tx, &change).await? {
            others.push(Op::Put { store: AGENDA_TALLY, value });
        }
        let next_of = |card: &CardRef| {
            timelines
                .binary_search_by(|timeline| storage_order(timeline.owner(), card))
                .ok()
                .map(|at| timelines[at].nearest_open())
        };
        for op in &mut others {
            if let Op::Card(card) = op {
                if let Some(next) = next_of(&card.as_card().card()) {
                    card.as_card_mut().set_next_activity(next);
                }
            }
        }
        // Cards the batch does not write itself are read here and written
        // before its other requests, so that a write of the same card later
        // in the batch still has the last word.
        refreshed.retain(|owner| {
            !others.iter().any(|op| matches!(op, Op::Card(c) if &c.as_card().card() == owner))
        });
        let owners: Vec<&CardRef> = refreshed.iter().collect();
        let mut first = Vec::new();
        for mut card in cards::read_in(&tx, &owners).await? {
            if let Some(next) = next_of(&card.as_card().card()) {
                card.as_card_mut().set_next_activity(next);
            }
            first.push(Op::Card(card));
        }
        // Every request is sent before any is awaited.
        let mut pending: Vec<Pending> = Vec::with_capacity(others.len() + timelines.len());
        let mut object_stores = Vec::new();
        for name in names {
            object_stores.push((name, tx.object_store(name)?));
        }
        // Pages are encoded and sent a slice at a time, so the browser
        // stores the first ones while the next are encoded.
        for slice in timelines.chunks(PAGES_PER_SLICE) {
            for op in page_writes(slice)? {
                send(op, &object_stores, &mut pending)?;
            }
        }
        for op in first.into_iter().chain(others) {
            send(op, &object_stores, &mut pending)?;
        }
        // Only the commit is awaited: waiting on each request would cost one
        // event per record. If the transaction fails, the requests are all
        // finished by then, and the first real failure among them (the
        // others merely report the abort) is the error to tell.
        let committed = tx.commit().await;
        if let Err(aborted) = committed {
            for request in pending {
                if let Err(error) = request.await {
                    let cause = StoreError::from(error);
                    if !matches!(&cause, StoreError::Other(text) if text.starts_with("AbortError")) {
                        return Err(cause);
                    }
                }
            }
            return Err(aborted.into());
        }
        Ok(())
    }
}

fn card_value(card: &AnyCard) -> Result<JsValue, StoreError> {
    match card {
        AnyCard::Company(c) => to_js(c),
        AnyCard::Contact(c) => to_js(c),
        AnyCard::Deal(d) => to_js(d),
        AnyCard::Lead(l) => to_js(l),
        AnyCard::Invoice(i) => to_js(i),
    }
}

type Pending = Pin<Box<dyn Future<Output = indexed_db_futures::Result<()>>>>;

/// Cards whose pages are encoded and sent together.
const PAGES_PER_SLICE: usize = 500;

/// Sends one request of the batch.
fn send(
    op: Op,
    object_stores: &[(&'static str, ObjectStore<'_>)],
    pending: &mut Vec<Pending>,
) -> Result<(), StoreError> {
    let name = op.store();
    let Some((_, object_store)) = object_stores.iter().find(|(known, _)| *known == name) else {
        return Err(StoreError::Other(format!("the transaction does not span the store {name}")));
    };
    match op {
        Op::Put { value, .. } => {
            let request = object_store.put(value).primitive()?;
            pending.push(Box::pin(async move { request.await.map(drop) }));
        }
        Op::Add { value, .. } => {
            let request = object_store.add(value).primitive()?;
            pending.push(Box::pin(async move { request.await.map(drop) }));
        }
        Op::PutKeyed { key, value, .. } => {
            let request = object_store.put(value).with_key(key).primitive()?;
            pending.push(Box::pin(async move { request.await.map(drop) }));
        }
        Op::Delete { key, .. } => {
            let request = object_store.delete(key).primitive()?;
            pending.push(Box::pin(request));
        }
        Op::Card(card) => {
            let request = object_store.put(card_value(&card)?).primitive()?;
            pending.push(Box::pin(async move { request.await.map(drop) }));
        }
        Op::Edit { .. } => {}
    }
    Ok(())
}

/// The timelines of the cards `edits` touch, read in `tx` (one range when
/// there are many cards, as in an import) and edited, in key order, with
/// what the edits do to people's tallies.
async fn edited_timelines(
    tx: &Transaction<'_>,
    mut edits: Vec<Edit>,
) -> Result<(Vec<Timeline>, TallyChange), StoreError> {
    let mut change = TallyChange::default();
    if edits.is_empty() {
        return Ok((Vec::new(), change));
    }
    // Stable: each card's edits keep their order.
    dela_core::sort::sort_by(&mut edits, |a, b| storage_order(a.owner(), b.owner()));
    let mut owners: Vec<CardRef> = Vec::new();
    for edit in &edits {
        if owners.last() != Some(edit.owner()) {
            owners.push(edit.owner().clone());
        }
    }
    let object_store = tx.object_store(ACTIVITY_PAGES)?;
    let requests = pages::ranges(&owners)
        .into_iter()
        .map(|range| {
            Ok(object_store.get_all::<JsValue>().with_query::<JsValue, _>(range_js(range)?).primitive()?)
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    // Strictly decoded: a page skipped here would be written back without
    // its activities.
    let mut stored: Vec<Page> = Vec::new();
    for request in requests {
        for page in request.await? {
            stored.push(from_js(page?, ACTIVITY_PAGES)?);
        }
    }
    // Pages come in key order, as do the owners and the edits: one walk
    // hands each card its pages and its edits.
    let mut stored = stored.into_iter().peekable();
    let mut edits = edits.into_iter().peekable();
    let mut timelines = Vec::with_capacity(owners.len());
    for owner in owners {
        let mut mine = Vec::new();
        while let Some(page) = stored.next_if(|page| storage_order(&page.owner, &owner) != Ordering::Greater)
        {
            if page.owner == owner {
                mine.push(page);
            }
        }
        let mut timeline = Timeline::new(owner, mine);
        change.before(timeline.activities());
        while let Some(edit) = edits.next_if(|edit| edit.owner() == timeline.owner()) {
            timeline.apply(edit);
        }
        change.after(timeline.activities());
        timelines.push(timeline);
    }
    Ok((timelines, change))
}

/// The writes that store the edited pages of `timelines`.
fn page_writes(timelines: &[Timeline]) -> Result<Vec<Op>, StoreError> {
    let mut puts = Vec::new();
    let mut ops = Vec::new();
    for write in timelines.iter().flat_map(Timeline::writes) {
        match write {
            PageWrite::Put(page) => puts.push(page),
            PageWrite::Delete { owner, number } => {
                ops.push(Op::Delete { store: ACTIVITY_PAGES, key: to_js(&pages::key(owner, number))? })
            }
        }
    }
    // One parse for all pages: far cheaper than one per page.
    let parsed = js_sys::Array::from(&to_js(&puts)?);
    ops.extend(parsed.iter().map(|value| Op::Put { store: ACTIVITY_PAGES, value }));
    Ok(ops)
}
