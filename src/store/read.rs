//! Typed reads: in their own readonly transactions, or (`*_in`) inside a
//! transaction the caller holds, for reads that decide a write.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::codec::{from_all, from_js, range_js};
use super::{Store, StoreError};

/// The largest integer a JavaScript number holds exactly; bounds for
/// numeric key parts.
pub const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// One part of an IndexedDB key: text or a number. Compound keys are
/// lists of parts, serialised as arrays.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Part {
    Text(String),
    Number(f64),
}

impl From<&str> for Part {
    fn from(text: &str) -> Self {
        Part::Text(text.to_owned())
    }
}

impl From<u8> for Part {
    fn from(number: u8) -> Self {
        Part::Number(f64::from(number))
    }
}

impl From<u32> for Part {
    fn from(number: u32) -> Self {
        Part::Number(f64::from(number))
    }
}

impl From<f64> for Part {
    fn from(number: f64) -> Self {
        Part::Number(number)
    }
}

impl From<dela_core::record::CardKind> for Part {
    fn from(kind: dela_core::record::CardKind) -> Self {
        Part::Text(kind.code().to_owned())
    }
}

/// A key: one part, or several for a compound index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Key {
    One(Part),
    Many(Vec<Part>),
}

/// A key of several parts, e.g. `key![user, 1u8, 0u8, deadline]`.
#[macro_export]
macro_rules! key {
    ($($part:expr),+ $(,)?) => {
        $crate::store::read::Key::Many(vec![$($crate::store::read::Part::from($part)),+])
    };
}

/// Keys from `lower` (included) up to `upper` (excluded when `upper_open`).
pub fn between(lower: Key, upper: Key, upper_open: bool) -> KeyRange<Key> {
    KeyRange::Bound(lower, false, upper, upper_open)
}

/// Exactly this one-part key.
pub fn only(key: impl Into<Part>) -> KeyRange<Key> {
    KeyRange::Only(Key::One(key.into()))
}

/// Exactly this compound key.
pub fn exactly(key: Key) -> KeyRange<Key> {
    KeyRange::Only(key)
}

/// A readonly transaction over one store, for a few reads that belong
/// together.
pub fn readonly<'db>(store: &'db Store, name: &str) -> Result<Transaction<'db>, StoreError> {
    Ok(store.db().transaction(name).build()?)
}

/// A read-only transaction over several stores: reads that must agree
/// with each other.
pub fn readonly_over<'db>(store: &'db Store, names: &[&str]) -> Result<Transaction<'db>, StoreError> {
    Ok(store.db().transaction(names.to_vec()).build()?)
}

pub async fn get<T: DeserializeOwned>(store: &Store, name: &str, key: &str) -> Result<Option<T>, StoreError> {
    get_in(&readonly(store, name)?, name, key).await
}

/// A record read inside `tx`, which spans `name`: what a read-modify-write
/// reads (see [`Store::update`]).
pub async fn get_in<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    name: &str,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let record = tx.object_store(name)?.get::<JsValue, _, _>(key).primitive()?.await?;
    record.map(|record| from_js(record, name)).transpose()
}

pub async fn all<T: DeserializeOwned>(store: &Store, name: &str) -> Result<Vec<T>, StoreError> {
    all_in(&readonly(store, name)?, name).await
}

/// Every record of `name`, read inside `tx`.
pub async fn all_in<T: DeserializeOwned>(tx: &Transaction<'_>, name: &str) -> Result<Vec<T>, StoreError> {
    let records = tx.object_store(name)?.get_all::<JsValue>().primitive()?.await?;
    from_all(records, name)
}

/// The primary keys of a store, without loading the records.
pub async fn keys(store: &Store, name: &str) -> Result<Vec<String>, StoreError> {
    let tx = readonly(store, name)?;
    let keys = tx.object_store(name)?.get_all_keys::<String>().primitive()?.await?;
    Ok(keys.collect::<Result<Vec<String>, _>>()?)
}

/// Records of `name` whose primary key lies in `range`, in key order.
pub async fn by_keys<T: DeserializeOwned>(
    store: &Store,
    name: &str,
    range: KeyRange<Key>,
) -> Result<Vec<T>, StoreError> {
    let tx = readonly(store, name)?;
    let object_store = tx.object_store(name)?;
    let query = object_store.get_all::<JsValue>().with_query::<JsValue, _>(range_js(range)?);
    from_all(query.primitive()?.await?, name)
}

/// Records of `name` whose `index` key lies in `range`, in key order, at
/// most `limit` of them when given.
pub async fn in_range<T: DeserializeOwned>(
    store: &Store,
    name: &str,
    index: &str,
    range: KeyRange<Key>,
    limit: Option<u32>,
) -> Result<Vec<T>, StoreError> {
    in_range_in(&readonly(store, name)?, name, index, range, limit).await
}

/// [`in_range`] inside `tx`, which spans `name`.
pub async fn in_range_in<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    name: &str,
    index: &str,
    range: KeyRange<Key>,
    limit: Option<u32>,
) -> Result<Vec<T>, StoreError> {
    let object_store = tx.object_store(name)?;
    let index = object_store.index(index)?;
    let query = index.get_all::<JsValue>().with_query::<JsValue, _>(range_js(range)?);
    let records = match limit {
        Some(limit) => query.with_limit(limit).primitive()?.await?,
        None => query.primitive()?.await?,
    };
    from_all(records, name)
}

/// How many records of `name` have their `index` key in each of `ranges`,
/// counted in one transaction.
pub async fn counts(
    store: &Store,
    name: &str,
    index: &str,
    ranges: Vec<KeyRange<Key>>,
) -> Result<Vec<u32>, StoreError> {
    let tx = readonly(store, name)?;
    let object_store = tx.object_store(name)?;
    let index = object_store.index(index)?;
    let requests = ranges
        .into_iter()
        .map(|range| Ok(index.count().with_query::<JsValue, _>(range_js(range)?).primitive()?))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut counts = Vec::with_capacity(requests.len());
    for request in requests {
        counts.push(request.await?);
    }
    Ok(counts)
}
