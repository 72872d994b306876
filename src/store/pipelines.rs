//! Deal pipelines: the default one, made on first start with stage names in
//! the user's language, and those an administrator adds and edits.

use dela_core::deal::Deal;
use dela_core::pipeline::{DefaultStage, Pipeline, PipelineError, DEFAULT_PIPELINE};
use dela_core::{Id, Timestamp};
use indexed_db_futures::transaction::Transaction;

use super::read;
use super::schema::{DEALS, PIPELINES};
use super::{automation, deal_jobs, ActionError, Batch, Store, StoreError};

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
    dela_core::sort::sort_by_cached_key(&mut pipelines, |p| {
        (p.id.as_str() != DEFAULT_PIPELINE, dela_core::text::sort_key(&p.name))
    });
    Ok(pipelines)
}

pub async fn get(store: &Store, id: &Id) -> Result<Pipeline, StoreError> {
    get_in(&read::readonly(store, PIPELINES)?, id).await
}

/// A pipeline read inside `tx`, for a write that depends on its stages.
pub async fn get_in(tx: &Transaction<'_>, id: &Id) -> Result<Pipeline, StoreError> {
    read::get_in::<Pipeline>(tx, PIPELINES, id.as_str())
        .await?
        .ok_or_else(|| StoreError::Data(format!("pipeline {id} is missing")))
}

/// The deals of a pipeline (for counts per stage and for moves).
pub async fn deals_in(store: &Store, pipeline: &Id) -> Result<Vec<Deal>, StoreError> {
    let deals: Vec<Deal> = read::all(store, DEALS).await?;
    Ok(deals.into_iter().filter(|deal| &deal.pipeline == pipeline).collect())
}

/// Applies `edit` to the stored pipeline and stores it (a new pipeline
/// when `id` is not stored yet and `edit` makes one from nothing).
pub async fn edit(
    store: &Store,
    id: &Id,
    edit: impl FnOnce(&mut Pipeline) -> Result<(), PipelineError>,
) -> Result<Pipeline, ActionError<PipelineError>> {
    let mut pipeline = get(store, id).await?;
    edit(&mut pipeline).map_err(ActionError::Refused)?;
    Batch::default().put(PIPELINES, &pipeline)?.apply(store).await?;
    Ok(pipeline)
}

pub async fn create(store: &Store, pipeline: &Pipeline) -> Result<(), StoreError> {
    Batch::default().put(PIPELINES, pipeline)?.apply(store).await
}

/// Deletes a stage; its deals go to `target` (required when there are
/// any), its robots, triggers and pending jobs go with it. One transaction.
pub async fn delete_stage(
    store: &Store,
    id: &Id,
    stage: &Id,
    target: Option<&Id>,
    actor: &Id,
    now: Timestamp,
) -> Result<Pipeline, ActionError<PipelineError>> {
    let mut pipeline = get(store, id).await?;
    let mut deals: Vec<Deal> = deals_in(store, id).await?.into_iter().filter(|d| &d.stage == stage).collect();
    let moved = pipeline.delete_stage(stage, deals.len(), target).map_err(ActionError::Refused)?;
    let mut setup = automation::setup(store).await?;
    setup.forget_stage(stage);
    let mut batch = automation::put_setup(Batch::default().put(PIPELINES, &pipeline)?, &setup)?;
    if let Some(moved) = moved {
        for deal in &mut deals {
            let mut jobs = deal_jobs::open_jobs(store, &deal.id).await?;
            let outcome = dela_core::robots::relocate(deal, &moved, &mut jobs, actor, now);
            batch = deal_jobs::put_own_outcome(batch.put(DEALS, deal)?, deal, &outcome, actor, now)?;
        }
    }
    batch.apply(store).await?;
    Ok(pipeline)
}

/// Deletes a pipeline without deals, with its robots and triggers.
pub async fn delete(store: &Store, id: &Id) -> Result<(), ActionError<PipelineError>> {
    let pipeline = get(store, id).await?;
    pipeline.check_delete(deals_in(store, id).await?.len()).map_err(ActionError::Refused)?;
    let mut setup = automation::setup(store).await?;
    for stage in &pipeline.stages {
        setup.forget_stage(&stage.id);
    }
    automation::put_setup(Batch::default().delete(PIPELINES, id.as_str()), &setup)?.apply(store).await?;
    Ok(())
}
