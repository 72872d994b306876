//! Saving companies: validation against the known users, then the card and
//! its history in one transaction.

use dela_core::company::{Company, CompanyDraft};
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::{Id, Timestamp};
use indexed_db_futures::transaction::Transaction;

use super::cards::{self, SaveError};
use super::read::{self, only};
use super::schema::{BY_COMPANY, CONTACTS, DEALS};
use super::{custom, users, Store, StoreError};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &CompanyDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let valid = draft.validate(&users::ids(store).await?, None);
    custom::create(store, valid, |valid| Company::create(new_id(now), valid, actor, now), inputs, actor, now)
        .await
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &CompanyDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let company = cards::get::<Company>(store, id).await?.ok_or(SaveError::NotFound)?;
    let valid = draft.validate(&users::ids(store).await?, Some(&company));
    custom::update(store, company, valid, |c, valid| c.apply(valid, actor, now), inputs, actor, now).await
}

pub async fn contacts(store: &Store, company: &Id) -> Result<Vec<Contact>, StoreError> {
    read::in_range(store, CONTACTS, BY_COMPANY, only(company.as_str()), None).await
}

pub async fn deals(store: &Store, company: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range(store, DEALS, BY_COMPANY, only(company.as_str()), None).await
}

/// The company's deals, read inside `tx` (which spans the deals).
pub async fn deals_in(tx: &Transaction<'_>, company: &Id) -> Result<Vec<Deal>, StoreError> {
    read::in_range_in(tx, DEALS, BY_COMPANY, only(company.as_str()), None).await
}
