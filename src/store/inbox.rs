//! The notification centre's messages: written with what caused them (in
//! the same transaction), counted and listed per person from the
//! `by_recipient` index.

use dela_core::inbox::Message;
use dela_core::Id;
use indexed_db_futures::KeyRange;

use super::read::{self, between, Key, MAX_SAFE};
use super::schema::{NOTIFICATIONS, NOTIFICATIONS_BY_RECIPIENT};
use super::{Batch, Store, StoreError};

fn of(user: &Id, unread_only: bool) -> KeyRange<Key> {
    let from = if unread_only { 1u8 } else { 0u8 };
    between(crate::key![user.as_str(), from, -MAX_SAFE], crate::key![user.as_str(), 1u8, MAX_SAFE], false)
}

/// Adds messages to a batch being written.
pub fn add(mut batch: Batch, messages: &[Message]) -> Result<Batch, StoreError> {
    for message in messages {
        batch = batch.put(NOTIFICATIONS, message)?;
    }
    Ok(batch)
}

pub async fn unread_count(store: &Store, user: &Id) -> Result<usize, StoreError> {
    let counts = read::counts(store, NOTIFICATIONS, NOTIFICATIONS_BY_RECIPIENT, vec![of(user, true)]).await?;
    Ok(counts.first().copied().unwrap_or(0) as usize)
}

/// A person's messages, newest first.
pub async fn list(store: &Store, user: &Id) -> Result<Vec<Message>, StoreError> {
    let mut messages: Vec<Message> =
        read::in_range(store, NOTIFICATIONS, NOTIFICATIONS_BY_RECIPIENT, of(user, false), None).await?;
    dela_core::sort::sort_by_key(&mut messages, |message| std::cmp::Reverse(message.created_at));
    Ok(messages)
}

/// Marks messages read; those already read are left alone.
pub async fn mark_read(store: &Store, messages: Vec<Message>) -> Result<(), StoreError> {
    let mut batch = Batch::default();
    for mut message in messages {
        if message.mark_read() {
            batch = batch.put(NOTIFICATIONS, &message)?;
        }
    }
    batch.apply(store).await
}
