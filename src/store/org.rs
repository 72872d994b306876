//! The org chart (departments, heads, who belongs where), kept as one
//! record: it is small and always edited and read as a whole.

use dela_core::org::OrgChart;

use super::schema::META;
use super::{read, Batch, Store, StoreError};

const ORG_CHART: &str = "org_chart";

pub async fn get(store: &Store) -> Result<OrgChart, StoreError> {
    Ok(read::get(store, META, ORG_CHART).await?.unwrap_or_default())
}

pub async fn save(store: &Store, chart: &OrgChart) -> Result<(), StoreError> {
    Batch::default().put_keyed(META, ORG_CHART, chart)?.apply(store).await
}
