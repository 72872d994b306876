//! Typed reads in their own readonly transactions.

use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Store, StoreError};

/// The largest integer a JavaScript number holds exactly; bounds for
/// numeric key parts.
pub const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

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

/// Every record of `name` whose `index` key lies in `range`, in key order.
pub async fn in_range<T: DeserializeOwned, K: Serialize>(
    store: &Store,
    name: &str,
    index: &str,
    range: KeyRange<K>,
) -> Result<Vec<T>, StoreError> {
    let tx = store.db().transaction(name).build()?;
    let records = tx.object_store(name)?.index(index)?.get_all().with_query(range).serde()?.await?;
    Ok(records.collect::<Result<Vec<T>, _>>()?)
}
