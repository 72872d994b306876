//! Typed reads in their own readonly transactions.

use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;

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

pub async fn get<T: DeserializeOwned>(store: &Store, name: &str, key: &str) -> Result<Option<T>, StoreError> {
    let tx = store.db().transaction(name).build()?;
    let value = tx.object_store(name)?.get(key).serde()?.await?;
    Ok(value)
}

pub async fn all<T: DeserializeOwned>(store: &Store, name: &str) -> Result<Vec<T>, StoreError> {
    let tx = store.db().transaction(name).build()?;
    let records = tx.object_store(name)?.get_all().serde()?.await?;
    Ok(records.collect::<Result<Vec<T>, _>>()?)
}

/// The primary keys of a store, without loading the records.
pub async fn keys(store: &Store, name: &str) -> Result<Vec<String>, StoreError> {
    let tx = store.db().transaction(name).build()?;
    let keys = tx.object_store(name)?.get_all_keys::<String>().primitive()?.await?;
    Ok(keys.collect::<Result<Vec<String>, _>>()?)
}

/// Records of `name` whose primary key lies in `range`, in key order.
pub async fn by_keys<T: DeserializeOwned>(
    store: &Store,
    name: &str,
    range: KeyRange<Key>,
) -> Result<Vec<T>, StoreError> {
    let tx = store.db().transaction(name).build()?;
    let records = tx.object_store(name)?.get_all().with_query::<Key, _>(range).serde()?.await?;
    Ok(records.collect::<Result<Vec<T>, _>>()?)
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
    let tx = store.db().transaction(name).build()?;
    let object_store = tx.object_store(name)?;
    let index = object_store.index(index)?;
    let records = match limit {
        Some(limit) => index.get_all().with_query::<Key, _>(range).with_limit(limit).serde()?.await?,
        None => index.get_all().with_query::<Key, _>(range).serde()?.await?,
    };
    Ok(records.collect::<Result<Vec<T>, _>>()?)
}

/// How many records of `name` have their `index` key in each of `ranges`,
/// counted in one transaction.
pub async fn counts(
    store: &Store,
    name: &str,
    index: &str,
    ranges: Vec<KeyRange<Key>>,
) -> Result<Vec<u32>, StoreError> {
    let tx = store.db().transaction(name).build()?;
    let object_store = tx.object_store(name)?;
    let index = object_store.index(index)?;
    let requests = ranges
        .into_iter()
        .map(|range| index.count().with_query::<Key, _>(range).serde())
        .collect::<Result<Vec<_>, _>>()?;
    let mut counts = Vec::with_capacity(requests.len());
    for request in requests {
        counts.push(request.await?);
    }
    Ok(counts)
}
