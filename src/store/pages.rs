//! Where a card's activity pages (`dela_core::timeline`) sit among the
//! keys: `[kind, id, page]`, so a card's pages, and those of a run of
//! cards, are one key range.

use dela_core::record::CardRef;
use dela_core::timeline::Timeline;
use indexed_db_futures::KeyRange;

use super::read::{self, between, Key, MAX_SAFE};
use super::schema::ACTIVITY_PAGES;
use super::{Store, StoreError};

/// From this many cards, their pages are read as one range from the first
/// card to the last instead of card by card: an import's cards are
/// consecutive, and one request costs less than thousands.
const ONE_RANGE_FROM: usize = 16;

pub fn key(owner: &CardRef, number: u32) -> Key {
    crate::key![owner.kind, owner.id.as_str(), number]
}

fn first(card: &CardRef) -> Key {
    crate::key![card.kind, card.id.as_str()]
}

fn last(card: &CardRef) -> Key {
    crate::key![card.kind, card.id.as_str(), MAX_SAFE]
}

/// Every page of `card`.
pub fn of_card(card: &CardRef) -> KeyRange<Key> {
    between(first(card), last(card), false)
}

/// Ranges holding the pages of `cards`, which are in key order.
pub fn ranges(cards: &[CardRef]) -> Vec<KeyRange<Key>> {
    match (cards.first(), cards.last()) {
        (Some(lowest), Some(highest)) if cards.len() >= ONE_RANGE_FROM => {
            vec![between(first(lowest), last(highest), false)]
        }
        _ => cards.iter().map(of_card).collect(),
    }
}

/// A card's activities as stored.
pub async fn timeline(store: &Store, card: &CardRef) -> Result<Timeline, StoreError> {
    let pages = read::by_keys(store, ACTIVITY_PAGES, of_card(card)).await?;
    Ok(Timeline::new(card.clone(), pages))
}
