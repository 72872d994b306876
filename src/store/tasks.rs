//! Tasks and recurring series in IndexedDB. A recurring task is a series
//! (its template and rule) plus the tasks of its occurrences; occurrence
//! ids are derived from the series, so creating one twice writes the same
//! record.

use std::convert::Infallible;

use dela_core::inbox::from_task_event;
use dela_core::tasks::action::{Action, TaskError};
use dela_core::tasks::deadline::take_due_alert;
use dela_core::tasks::draft::TaskDraft;
use dela_core::tasks::form::series_error;
use dela_core::tasks::group::create_tasks;
use dela_core::tasks::recurrence::Recurrence;
use dela_core::tasks::series::{Series, StoredSeries};
use dela_core::tasks::task::Task;
use dela_core::zone::Zone;
use dela_core::{Id, Timestamp};

use super::read;
use super::schema::{NOTIFICATIONS, SERIES, TASKS};
use super::{inbox, users, ActionError, Batch, Store, StoreError};
use crate::ids::new_id;

pub async fn list(store: &Store) -> Result<Vec<Task>, StoreError> {
    read::all(store, TASKS).await
}

pub async fn get(store: &Store, id: &str) -> Result<Option<Task>, StoreError> {
    read::get(store, TASKS, id).await
}

/// Creates the task(s) of a form: one per responsible, and for a
/// recurring task its series with the first occurrence. Returns the ids.
/// A recurrence the series refuses comes back as the form's field errors
/// ([`series_error`]), like the rest of the form: nothing else refuses a
/// new task.
pub async fn create(
    store: &Store,
    draft: &TaskDraft,
    recurrence: Option<Recurrence>,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Vec<Id>, ActionError<Infallible>> {
    let valid = draft.validate(&users::ids(store).await?).map_err(ActionError::Invalid)?;
    let mut batch = Batch::default();
    let mut ids = Vec::new();
    match recurrence {
        None => {
            for (task, event) in create_tasks(&valid, || new_id(now), actor, now) {
                ids.push(task.id.clone());
                batch = inbox::add(batch.put(TASKS, &task)?, &from_task_event(&task, &event))?;
            }
        }
        Some(recurrence) => {
            let id = new_id(now);
            let series = Series::create(id.clone(), valid, recurrence, actor, now, zone)
                .map_err(|error| ActionError::Invalid(series_error(error)))?;
            let mut stored = StoredSeries { id, series, last_created: None };
            if let Some(occurrence) = stored.series.due_occurrence(None, now, zone) {
                for (task, event) in stored.series.tasks_for(&occurrence, actor, now) {
                    ids.push(task.id.clone());
                    batch = inbox::add(batch.put(TASKS, &task)?, &from_task_event(&task, &event))?;
                }
                stored.last_created = Some(occurrence.number);
            }
            batch = batch.put(SERIES, &stored)?;
        }
    }
    batch.apply(store).await?;
    Ok(ids)
}

/// What a change of a task reads and writes: the task and the
/// notifications it sends.
const TASK_CHANGE: [&str; 2] = [TASKS, NOTIFICATIONS];

/// Performs a task action (start, complete, accept, return, comment…) as
/// `actor`, or returns why it is refused.
pub async fn act(
    store: &Store,
    id: &str,
    action: Action,
    actor: &Id,
    now: Timestamp,
) -> Result<Task, ActionError<TaskError>> {
    store
        .update(&TASK_CHANGE, async |tx| {
            let mut task = read::get_in::<Task>(tx, TASKS, id).await?.ok_or(ActionError::NotFound)?;
            let batch = match task.apply(action, actor, now).map_err(ActionError::Refused)? {
                Some(event) => {
                    inbox::add(Batch::default().put(TASKS, &task)?, &from_task_event(&task, &event))?
                }
                None => Batch::default(),
            };
            Ok((task, batch))
        })
        .await
}

/// Notes that `user` opened the task, so it no longer counts as new.
pub async fn mark_viewed(store: &Store, task: &Id, user: &Id) -> Result<(), StoreError> {
    store
        .update(&[TASKS], async |tx| {
            let Some(mut task) = read::get_in::<Task>(tx, TASKS, task.as_str()).await? else {
                return Ok(((), Batch::default()));
            };
            let batch =
                if task.mark_viewed(user) { Batch::default().put(TASKS, &task)? } else { Batch::default() };
            Ok(((), batch))
        })
        .await
}

/// Sends the reminders and overdue notices that became due, once each.
pub async fn run_alerts(store: &Store, now: Timestamp) -> Result<usize, StoreError> {
    store
        .update(&TASK_CHANGE, async |tx| {
            let mut batch = Batch::default();
            let mut sent = 0;
            for mut task in read::all_in::<Task>(tx, TASKS).await? {
                if let Some(event) = take_due_alert(&mut task, now) {
                    batch = inbox::add(batch.put(TASKS, &task)?, &from_task_event(&task, &event))?;
                    sent += 1;
                }
            }
            Ok((sent, batch))
        })
        .await
}

/// Creates the occurrences that became due, once each, also after the app
/// was closed for a long time (catch-up creates only the latest one).
pub async fn run_series(
    store: &Store,
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<usize, StoreError> {
    let all: Vec<StoredSeries> = read::all(store, SERIES).await?;
    let mut created = 0;
    for mut stored in all {
        let Some(occurrence) = stored.series.due_occurrence(stored.last_created, now, zone) else { continue };
        let mut batch = Batch::default();
        for (task, event) in stored.series.tasks_for(&occurrence, actor, now) {
            if get(store, task.id.as_str()).await?.is_none() {
                batch = inbox::add(batch.put(TASKS, &task)?, &from_task_event(&task, &event))?;
                created += 1;
            }
        }
        stored.last_created = Some(occurrence.number);
        batch.put(SERIES, &stored)?.apply(store).await?;
    }
    Ok(created)
}
