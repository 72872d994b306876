//! Saving contacts: their companies must exist.

use dela_core::company::Company;
use dela_core::contact::{Contact, ContactDraft};
use dela_core::deal::Deal;
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError};
use super::read::{self, only};
use super::schema::{BY_CONTACT, DEALS};
use super::{users, Store, StoreError};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &ContactDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Contact, SaveError> {
    let (users, companies) = (users::ids(store).await?, cards::ids::<Company>(store).await?);
    let valid = draft.validate(&users, &companies, None).map_err(SaveError::Invalid)?;
    let contact = Contact::create(new_id(now), valid, actor, now);
    cards::create(store, &contact, actor, now).await?;
    Ok(contact)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &ContactDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Contact, SaveError> {
    let mut contact = cards::get::<Contact>(store, id).await?.ok_or(SaveError::NotFound)?;
    let (users, companies) = (users::ids(store).await?, cards::ids::<Company>(store).await?);
    let valid = draft.validate(&users, &companies, Some(&contact)).map_err(SaveError::Invalid)?;
    if let Some(change) = contact.apply(valid, actor, now) {
        cards::update(store, &contact, change, actor, now).await?;
    }
    Ok(contact)
}

pub async fn deals(store: &Store, contact: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range(store, DEALS, BY_CONTACT, only(contact.as_str()), None).await
}
