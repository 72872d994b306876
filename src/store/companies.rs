//! Companies in IndexedDB: every save writes the card and its history entry
//! in one transaction.

use dela_core::company::{Company, CompanyDraft};
use dela_core::history::{Change, HistoryEntry};
use dela_core::text::sort_key;
use dela_core::validation::FieldErrors;
use dela_core::{Id, Timestamp};

use super::schema::{COMPANIES, HISTORY};
use super::{read, users, Batch, Store, StoreError};
use crate::ids::new_id;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    Invalid(FieldErrors),
    NotFound,
    Store(StoreError),
}

impl From<StoreError> for SaveError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

pub async fn list(store: &Store) -> Result<Vec<Company>, StoreError> {
    let mut companies: Vec<Company> = read::all(store, COMPANIES).await?;
    companies.sort_by_cached_key(|company| sort_key(&company.title));
    Ok(companies)
}

pub async fn get(store: &Store, id: &str) -> Result<Option<Company>, StoreError> {
    read::get(store, COMPANIES, id).await
}

async fn user_ids(store: &Store) -> Result<Vec<Id>, StoreError> {
    Ok(users::list(store).await?.into_iter().map(|user| user.id).collect())
}

fn entry(company: &Company, change: Change, actor: &Id, now: Timestamp) -> HistoryEntry {
    HistoryEntry { id: new_id(now), card: company.card(), at: now, by: actor.clone(), change }
}

pub async fn create(
    store: &Store,
    draft: &CompanyDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let valid = draft.validate(&user_ids(store).await?).map_err(SaveError::Invalid)?;
    let company = Company::create(new_id(now), valid, actor, now);
    Batch::default()
        .put(COMPANIES, &company)?
        .add(HISTORY, &entry(&company, Change::Created, actor, now))?
        .apply(store)
        .await?;
    Ok(company)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &CompanyDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let valid = draft.validate(&user_ids(store).await?).map_err(SaveError::Invalid)?;
    let mut company = get(store, id).await?.ok_or(SaveError::NotFound)?;
    let Some(change) = company.apply(valid, actor, now) else {
        return Ok(company);
    };
    Batch::default()
        .put(COMPANIES, &company)?
        .add(HISTORY, &entry(&company, change, actor, now))?
        .apply(store)
        .await?;
    Ok(company)
}

pub async fn delete(store: &Store, company: &Company, actor: &Id, now: Timestamp) -> Result<(), StoreError> {
    Batch::default()
        .delete(COMPANIES, company.id.as_str())
        .add(HISTORY, &entry(company, Change::Deleted, actor, now))?
        .apply(store)
        .await
}
