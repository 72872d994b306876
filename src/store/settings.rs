//! Team settings kept in the meta store: the discipline horizons and the
//! periodic pool rule.

use dela_core::discipline::Horizons;
use dela_core::pool::PoolRule;

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
    Ok(read::get(store, META, POOL_RULE).await?.unwrap_or_default())
}

pub async fn save_pool_rule(store: &Store, rule: &PoolRule) -> Result<(), StoreError> {
    Batch::default().put_keyed(META, POOL_RULE, rule)?.apply(store).await
}
