//! The deal pipeline. Until pipelines are configured there is one, made on
//! first start with stage names in the user's language.

use dela_core::pipeline::{DefaultStage, Pipeline, DEFAULT_PIPELINE};

use super::read;
use super::schema::PIPELINES;
use super::{Batch, Store, StoreError};

pub async fn ensure_default(
    store: &Store,
    name: &str,
    stage_name: impl Fn(DefaultStage) -> String,
) -> Result<Pipeline, StoreError> {
    if let Some(pipeline) = read::get::<Pipeline>(store, PIPELINES, DEFAULT_PIPELINE).await? {
        return Ok(pipeline);
    }
    let pipeline = Pipeline::default_with(name.to_owned(), stage_name);
    Batch::default().put(PIPELINES, &pipeline)?.apply(store).await?;
    Ok(pipeline)
}

pub async fn default(store: &Store) -> Result<Pipeline, StoreError> {
    read::get::<Pipeline>(store, PIPELINES, DEFAULT_PIPELINE)
        .await?
        .ok_or_else(|| StoreError::Data("the default pipeline is missing".into()))
}
