//! The automation setup (custom fields, robots, triggers, work calendar)
//! and the robots' queue cursors, kept in the meta store; the outbox of
//! messages robots queue.

use dela_core::robots::{OutboxMessage, QueueCursor, Setup};
use indexed_db_futures::transaction::Transaction;

use super::read;
use super::schema::{META, OUTBOX};
use super::{Batch, Store, StoreError};

const SETUP: &str = "automation";
const CURSORS: &str = "queue_cursors";

pub async fn setup(store: &Store) -> Result<Setup, StoreError> {
    setup_in(&read::readonly(store, META)?).await
}

/// The setup read inside `tx`, for a write that depends on it.
pub async fn setup_in(tx: &Transaction<'_>) -> Result<Setup, StoreError> {
    Ok(read::get_in(tx, META, SETUP).await?.unwrap_or_default())
}

pub fn put_setup(batch: Batch, setup: &Setup) -> Result<Batch, StoreError> {
    batch.put_keyed(META, SETUP, setup)
}

/// Reads the setup, lets `change` edit it or refuse, and stores it again,
/// all in one transaction: two pages (or tabs) changing the setup at once
/// both keep their change. Returns the setup as stored.
pub async fn change_setup<E: From<StoreError>>(
    store: &Store,
    change: impl FnOnce(&mut Setup) -> Result<(), E>,
) -> Result<Setup, E> {
    store
        .update(&[META], async |tx| {
            let mut setup = setup_in(tx).await?;
            change(&mut setup)?;
            let batch = put_setup(Batch::default(), &setup)?;
            Ok((setup, batch))
        })
        .await
}

pub async fn cursors(store: &Store) -> Result<Vec<QueueCursor>, StoreError> {
    cursors_in(&read::readonly(store, META)?).await
}

/// The queue cursors read inside `tx`, for a robot run that moves one.
pub async fn cursors_in(tx: &Transaction<'_>) -> Result<Vec<QueueCursor>, StoreError> {
    Ok(read::get_in(tx, META, CURSORS).await?.unwrap_or_default())
}

pub fn put_cursors(batch: Batch, cursors: &[QueueCursor]) -> Result<Batch, StoreError> {
    batch.put_keyed(META, CURSORS, &cursors)
}

/// The queued messages, newest first.
pub async fn outbox(store: &Store) -> Result<Vec<OutboxMessage>, StoreError> {
    let mut messages: Vec<OutboxMessage> = read::all(store, OUTBOX).await?;
    dela_core::sort::sort_by_key(&mut messages, |message| std::cmp::Reverse(message.created_at));
    Ok(messages)
}
