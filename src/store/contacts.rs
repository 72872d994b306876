//! Saving contacts: their companies must exist.

use dela_core::company::Company;
use dela_core::contact::{Contact, ContactDraft};
use dela_core::deal::Deal;
use dela_core::{Id, Timestamp};
use indexed_db_futures::transaction::Transaction;

use super::cards::{self, SaveError};
use super::read::{self, only};
use super::schema::{BY_CONTACT, DEALS};
use super::{custom, users, Store, StoreError};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &ContactDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Contact, SaveError> {
    let (users, companies) = (users::ids(store).await?, cards::ids::<Company>(store).await?);
    let valid = draft.validate(&users, &companies, None);
    custom::create(store, valid, |valid| Contact::create(new_id(now), valid, actor, now), inputs, actor, now)
        .await
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &ContactDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Contact, SaveError> {
    let contact = cards::get::<Contact>(store, id).await?.ok_or(SaveError::NotFound)?;
    let (users, companies) = (users::ids(store).await?, cards::ids::<Company>(store).await?);
    let valid = draft.validate(&users, &companies, Some(&contact));
    custom::update(store, contact, valid, |c, valid| c.apply(valid, actor, now), inputs, actor, now).await
}

pub async fn deals(store: &Store, contact: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range(store, DEALS, BY_CONTACT, only(contact.as_str()), None).await
}

/// The contact's deals, read inside `tx` (which spans the deals).
pub async fn deals_in(tx: &Transaction<'_>, contact: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range_in(tx, DEALS, BY_CONTACT, only(contact.as_str()), None).await
}
