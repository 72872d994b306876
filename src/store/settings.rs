//! Team settings kept in the meta store: the discipline horizons and the
//! periodic pool rule.

use dela_core::discipline::Horizons;
use dela_core::pool::PoolRule;
use indexed_db_futures::transaction::Transaction;

use super::schema::META;
use super::{read, Batch, Store, StoreError};

const HORIZONS: &str = "horizons";
const POOL_RULE: &str = "pool_rule";

pub async fn horizons(store: &Store) -> Result<Horizons, StoreError> {
    Ok(read::get(store, META, HORIZONS).await?.unwrap_or_default())
}

pub async fn save_horizons(store: &Store, horizons: &Horizons) -> Result<(), StoreError> {
    Batch::default().put_keyed(META, HORIZONS, horizons)?.apply(store).await
}

pub async fn pool_rule(store: &Store) -> Result<PoolRule, StoreError> {
    pool_rule_in(&read::readonly(store, META)?).await
}

/// The pool rule read inside `tx`, for a hand-out that moves its turn.
pub async fn pool_rule_in(tx: &Transaction<'_>) -> Result<PoolRule, StoreError> {
    Ok(read::get_in(tx, META, POOL_RULE).await?.unwrap_or_default())
}

pub fn put_pool_rule(batch: Batch, rule: &PoolRule) -> Result<Batch, StoreError> {
    batch.put_keyed(META, POOL_RULE, rule)
}

/// Saves the rule's settings as the form has them, keeping its last run
/// and turn as stored (a run may have moved them since the form opened).
pub async fn save_pool_rule(store: &Store, rule: &PoolRule) -> Result<(), StoreError> {
    store
        .update(&[META], async |tx| {
            let stored = pool_rule_in(tx).await?;
            let rule = PoolRule { last_run: stored.last_run, cursor: stored.cursor, ..rule.clone() };
            Ok(((), put_pool_rule(Batch::default(), &rule)?))
        })
        .await
}
