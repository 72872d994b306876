//! Saving contacts: their companies must exist.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::{Contact, ContactDraft};
use dela_core::deal::Deal;
use dela_core::fields::{validate_values, FieldEntity};
use dela_core::history::Change;
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError};
use super::read::{self, only};
use super::schema::{BY_CONTACT, DEALS};
use super::{automation, users, Store, StoreError};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &ContactDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Contact, SaveError> {
    let (users, companies) = (users::ids(store).await?, cards::ids::<Company>(store).await?);
    let setup = automation::setup(store).await?;
    let (valid, values) = cards::both(
        draft.validate(&users, &companies, None),
        validate_values(&setup.fields, FieldEntity::Contact, inputs, None),
    )?;
    let mut contact = Contact::create(new_id(now), valid, actor, now);
    contact.fields = values;
    cards::create(store, &contact, actor, now).await?;
    Ok(contact)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &ContactDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Contact, SaveError> {
    let mut contact = cards::get::<Contact>(store, id).await?.ok_or(SaveError::NotFound)?;
    let (users, companies) = (users::ids(store).await?, cards::ids::<Company>(store).await?);
    let setup = automation::setup(store).await?;
    let (valid, values) = cards::both(
        draft.validate(&users, &companies, Some(&contact)),
        validate_values(&setup.fields, FieldEntity::Contact, inputs, None),
    )?;
    let custom = contact.fields.replace(values, &setup.fields, FieldEntity::Contact);
    if let Some(change) = Change::join(contact.apply(valid, actor, now), custom) {
        contact.stamp_mut().touch(actor, now);
        cards::update(store, &contact, change, actor, now).await?;
    }
    Ok(contact)
}

pub async fn deals(store: &Store, contact: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range(store, DEALS, BY_CONTACT, only(contact.as_str()), None).await
}
