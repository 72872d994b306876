//! The deal pipeline. Until pipelines are configured there is one, made on
//! first start with stage names in the user's language.

use dela_core::pipeline::{DefaultStage, Pipeline, DEFAULT_PIPELINE};
use dela_core::Id;

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

/// Every pipeline, the default one first, the others by name.
pub async fn all(store: &Store) -> Result<Vec<Pipeline>, StoreError> {
    let mut pipelines: Vec<Pipeline> = read::all(store, PIPELINES).await?;
    pipelines.sort_by_cached_key(|p| (p.id.as_str() != DEFAULT_PIPELINE, dela_core::text::sort_key(&p.name)));
    Ok(pipelines)
}

pub async fn get(store: &Store, id: &Id) -> Result<Pipeline, StoreError> {
    read::get::<Pipeline>(store, PIPELINES, id.as_str())
        .await?
        .ok_or_else(|| StoreError::Data(format!("pipeline {id} is missing")))
}
