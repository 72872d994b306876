//! A deal's robot jobs as stored: reading the open ones, and adding jobs
//! and the history line of what a change did to them to a batch. Below
//! the stores of pipelines, deals and robots, which all change jobs.

use dela_core::deal::Deal;
use dela_core::history::{Change, HistoryEntry};
use dela_core::robots::{Job, Outcome};
use dela_core::{Id, Timestamp};
use indexed_db_futures::transaction::Transaction;

use super::cards::history_entry;
use super::read::{self, only};
use super::schema::{HISTORY, JOBS, JOBS_BY_DEAL};
use super::{Batch, Store, StoreError};

pub async fn open_jobs(store: &Store, deal: &Id) -> Result<Vec<Job>, StoreError> {
    open_jobs_in(&read::readonly(store, JOBS)?, deal).await
}

/// A deal's open jobs read inside `tx`, for a write that changes them.
pub async fn open_jobs_in(tx: &Transaction<'_>, deal: &Id) -> Result<Vec<Job>, StoreError> {
    let jobs: Vec<Job> = read::in_range_in(tx, JOBS, JOBS_BY_DEAL, only(deal.as_str()), None).await?;
    Ok(jobs.into_iter().filter(Job::is_open).collect())
}

/// Adds an outcome's jobs and history entry (made by `entry`) to a batch.
pub fn put_outcome(
    mut batch: Batch,
    outcome: &Outcome,
    entry: impl FnOnce(Change) -> HistoryEntry,
) -> Result<Batch, StoreError> {
    for job in &outcome.jobs {
        batch = batch.put(JOBS, job)?;
    }
    if let Some(change) = &outcome.change {
        batch = batch.add(HISTORY, &entry(change.clone()))?;
    }
    Ok(batch)
}

/// [`put_outcome`] of a change a person made.
pub fn put_own_outcome(
    batch: Batch,
    deal: &Deal,
    outcome: &Outcome,
    actor: &Id,
    now: Timestamp,
) -> Result<Batch, StoreError> {
    put_outcome(batch, outcome, |change| history_entry(deal.card(), change, actor, now))
}

/// The jobs of a deal being created, for its creating batch.
pub fn put_jobs(mut batch: Batch, jobs: &[Job]) -> Result<Batch, StoreError> {
    for job in jobs {
        batch = batch.put(JOBS, job)?;
    }
    Ok(batch)
}
