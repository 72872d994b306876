//! Cards of every kind in IndexedDB: reads, and saves that write the card
//! and its history entry in one transaction.

use std::future::Future;
use std::pin::Pin;

use dela_core::card::{AnyCard, Card};
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::history::{Change, HistoryEntry};
use dela_core::invoice::Invoice;
use dela_core::lead::Lead;
use dela_core::record::{CardKind, CardRef};
use dela_core::text::sort_key;
use dela_core::timeline::Edit;
use dela_core::validation::FieldErrors;
use dela_core::{Id, Timestamp};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::codec::from_js;
use super::read::{self, only};
use super::schema::{card_store, BY_RESPONSIBLE, HISTORY};
use super::{ActionError, Batch, Store, StoreError};
use crate::ids::new_id;

/// A card type as stored.
pub trait Stored: Card + Serialize + DeserializeOwned + Clone + 'static {
    const KIND: CardKind;

    fn store_name() -> &'static str {
        card_store(Self::KIND)
    }

    fn into_any(self) -> AnyCard;
}

impl Stored for Company {
    const KIND: CardKind = CardKind::Company;
    fn into_any(self) -> AnyCard {
        AnyCard::Company(self)
    }
}
impl Stored for Contact {
    const KIND: CardKind = CardKind::Contact;
    fn into_any(self) -> AnyCard {
        AnyCard::Contact(self)
    }
}
impl Stored for Deal {
    const KIND: CardKind = CardKind::Deal;
    fn into_any(self) -> AnyCard {
        AnyCard::Deal(self)
    }
}
impl Stored for Lead {
    const KIND: CardKind = CardKind::Lead;
    fn into_any(self) -> AnyCard {
        AnyCard::Lead(self)
    }
}
impl Stored for Invoice {
    const KIND: CardKind = CardKind::Invoice;
    fn into_any(self) -> AnyCard {
        AnyCard::Invoice(self)
    }
}

/// Why a card's save did not happen; refused when a deal may not enter the
/// stage (required fields are empty).
pub type SaveError = ActionError<dela_core::fields::MoveRefused>;

/// A card form's built-in fields and custom fields checked together, so
/// that every wrong field is reported at once.
pub fn both<V>(
    card: Result<V, FieldErrors>,
    custom: Result<dela_core::fields::Values, dela_core::fields::ValueErrors>,
) -> Result<(V, dela_core::fields::Values), SaveError> {
    match (card, custom) {
        (Ok(card), Ok(custom)) => Ok((card, custom)),
        (card, custom) => {
            let mut errors = card.err().unwrap_or_default();
            if let Err(custom) = custom {
                custom.add_to(&mut errors);
            }
            Err(SaveError::Invalid(errors))
        }
    }
}

pub fn history_entry(card: CardRef, change: Change, actor: &Id, now: Timestamp) -> HistoryEntry {
    HistoryEntry { id: new_id(now), card, at: now, by: actor.clone(), change }
}

pub async fn get<T: Stored>(store: &Store, id: &str) -> Result<Option<T>, StoreError> {
    read::get(store, T::store_name(), id).await
}

/// A card read inside `tx`, for a write that depends on it.
pub async fn get_in<T: Stored>(tx: &Transaction<'_>, id: &str) -> Result<Option<T>, StoreError> {
    read::get_in(tx, T::store_name(), id).await
}

/// All cards of a kind, by title.
pub async fn list<T: Stored>(store: &Store) -> Result<Vec<T>, StoreError> {
    let mut cards: Vec<T> = read::all(store, T::store_name()).await?;
    dela_core::sort::sort_by_cached_key(&mut cards, |card| sort_key(&card.title()));
    Ok(cards)
}

/// The cards someone is responsible for.
pub async fn of_responsible<T: Stored>(store: &Store, user: &Id) -> Result<Vec<T>, StoreError> {
    read::in_range(store, T::store_name(), BY_RESPONSIBLE, only(user.as_str()), None).await
}

/// The ids of all cards of a kind (for checking references in forms).
pub async fn ids<T: Stored>(store: &Store) -> Result<Vec<Id>, StoreError> {
    Ok(read::keys(store, T::store_name()).await?.iter().filter_map(|key| Id::parse(key)).collect())
}

/// Whether `card` is stored, read inside `tx` (which spans its store).
pub async fn exists_in(tx: &Transaction<'_>, card: &CardRef) -> Result<bool, StoreError> {
    let found: Option<serde::de::IgnoredAny> =
        read::get_in(tx, card_store(card.kind), card.id.as_str()).await?;
    Ok(found.is_some())
}

pub async fn get_any(store: &Store, card: &CardRef) -> Result<Option<AnyCard>, StoreError> {
    let id = card.id.as_str();
    Ok(match card.kind {
        CardKind::Company => get::<Company>(store, id).await?.map(AnyCard::Company),
        CardKind::Contact => get::<Contact>(store, id).await?.map(AnyCard::Contact),
        CardKind::Deal => get::<Deal>(store, id).await?.map(AnyCard::Deal),
        CardKind::Lead => get::<Lead>(store, id).await?.map(AnyCard::Lead),
        CardKind::Invoice => get::<Invoice>(store, id).await?.map(AnyCard::Invoice),
    })
}

/// Stores a new card with its "created" history entry.
pub async fn create<T: Stored>(
    store: &Store,
    card: &T,
    actor: &Id,
    now: Timestamp,
) -> Result<(), StoreError> {
    Batch::default()
        .put(T::store_name(), card)?
        .add(HISTORY, &history_entry(card.card(), Change::Created, actor, now))?
        .apply(store)
        .await
}

/// Stores an edited card with the change it recorded.
pub async fn update<T: Stored>(
    store: &Store,
    card: &T,
    change: Change,
    actor: &Id,
    now: Timestamp,
) -> Result<(), StoreError> {
    Batch::default()
        .put(T::store_name(), card)?
        .add(HISTORY, &history_entry(card.card(), change, actor, now))?
        .apply(store)
        .await
}

/// Deletes a card and its activities; its history stays, so the audit
/// trail outlives the card.
pub async fn delete<T: Stored>(
    store: &Store,
    card: &T,
    actor: &Id,
    now: Timestamp,
) -> Result<(), StoreError> {
    let reference = card.card();
    let batch = Batch::default()
        .delete(T::store_name(), reference.id.as_str())
        .edit_pages(Edit::Clear { owner: reference.clone() });
    batch.add(HISTORY, &history_entry(reference, Change::Deleted, actor, now))?.apply(store).await
}

type CardRequest<'a> = Pin<Box<dyn Future<Output = Result<Option<AnyCard>, StoreError>> + 'a>>;

/// Requests for the cards of `T`'s kind among `refs`, sent at once.
fn requests_of<'a, T: Stored>(
    tx: &'a Transaction<'_>,
    refs: &[&CardRef],
) -> Result<Vec<CardRequest<'a>>, StoreError> {
    let mine: Vec<&CardRef> = refs.iter().copied().filter(|r| r.kind == T::KIND).collect();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let store = tx.object_store(T::store_name())?;
    let mut requests: Vec<CardRequest<'a>> = Vec::with_capacity(mine.len());
    for reference in mine {
        let request = store.get::<JsValue, _, _>(reference.id.as_str()).primitive()?;
        requests.push(Box::pin(async move {
            let record = request.await?.map(|record| from_js::<T>(record, T::store_name())).transpose()?;
            Ok(record.map(T::into_any))
        }));
    }
    Ok(requests)
}

/// The cards `refs` that exist, read inside `tx` (which spans their
/// stores), every request sent before any is awaited.
pub async fn read_in(tx: &Transaction<'_>, refs: &[&CardRef]) -> Result<Vec<AnyCard>, StoreError> {
    let mut requests = requests_of::<Company>(tx, refs)?;
    requests.extend(requests_of::<Contact>(tx, refs)?);
    requests.extend(requests_of::<Deal>(tx, refs)?);
    requests.extend(requests_of::<Lead>(tx, refs)?);
    requests.extend(requests_of::<Invoice>(tx, refs)?);
    let mut found = Vec::with_capacity(requests.len());
    for request in requests {
        if let Some(card) = request.await? {
            found.push(card);
        }
    }
    Ok(found)
}

/// The titles of many cards, read in one transaction: what lists of
/// activities show as "the card it belongs to".
pub async fn titles(
    store: &Store,
    refs: &[CardRef],
) -> Result<std::collections::HashMap<CardRef, String>, StoreError> {
    use super::schema::{COMPANIES, CONTACTS, DEALS, INVOICES, LEADS};
    let mut unique: Vec<&CardRef> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for reference in refs {
        if seen.insert(reference) {
            unique.push(reference);
        }
    }
    let mut found = std::collections::HashMap::new();
    if unique.is_empty() {
        return Ok(found);
    }
    let tx = store.db().transaction([COMPANIES, CONTACTS, DEALS, LEADS, INVOICES]).build()?;
    for card in read_in(&tx, &unique).await? {
        let card = card.as_card();
        found.insert(card.card(), card.title());
    }
    Ok(found)
}
