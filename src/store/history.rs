//! Reading a card's audit history; entries are written by the card's own
//! save, in its transaction.

use dela_core::history::HistoryEntry;
use dela_core::record::CardRef;

use super::read::{self, between, MAX_SAFE};
use super::schema::{HISTORY, HISTORY_BY_CARD};
use super::{Store, StoreError};

/// Newest first, as people read a history.
pub async fn for_card(store: &Store, card: &CardRef) -> Result<Vec<HistoryEntry>, StoreError> {
    let (kind, id) = (card.kind, card.id.as_str());
    let range = between(crate::key![kind, id, -MAX_SAFE], crate::key![kind, id, MAX_SAFE], false);
    let mut entries: Vec<HistoryEntry> = read::in_range(store, HISTORY, HISTORY_BY_CARD, range, None).await?;
    entries.reverse();
    Ok(entries)
}
