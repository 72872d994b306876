//! Saving companies: validation against the known users, then the card and
//! its history in one transaction.

use dela_core::company::{Company, CompanyDraft};
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError};
use super::read::{self, only};
use super::schema::{BY_COMPANY, CONTACTS, DEALS};
use super::{users, Store, StoreError};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &CompanyDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let valid = draft.validate(&users::ids(store).await?, None).map_err(SaveError::Invalid)?;
    let company = Company::create(new_id(now), valid, actor, now);
    cards::create(store, &company, actor, now).await?;
    Ok(company)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &CompanyDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let mut company = cards::get::<Company>(store, id).await?.ok_or(SaveError::NotFound)?;
    let valid = draft.validate(&users::ids(store).await?, Some(&company)).map_err(SaveError::Invalid)?;
    if let Some(change) = company.apply(valid, actor, now) {
        cards::update(store, &company, change, actor, now).await?;
    }
    Ok(company)
}

pub async fn contacts(store: &Store, company: &Id) -> Result<Vec<Contact>, StoreError> {
    read::in_range(store, CONTACTS, BY_COMPANY, only(company.as_str()), None).await
}

pub async fn deals(store: &Store, company: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range(store, DEALS, BY_COMPANY, only(company.as_str()), None).await
}
