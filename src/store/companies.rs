//! Saving companies: validation against the known users, then the card and
//! its history in one transaction.

use dela_core::card::Card;
use dela_core::company::{Company, CompanyDraft};
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::fields::{validate_values, FieldEntity};
use dela_core::history::Change;
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError};
use super::read::{self, only};
use super::schema::{BY_COMPANY, CONTACTS, DEALS};
use super::{automation, users, Store, StoreError};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &CompanyDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let setup = automation::setup(store).await?;
    let (valid, values) = cards::both(
        draft.validate(&users::ids(store).await?, None),
        validate_values(&setup.fields, FieldEntity::Company, inputs, None),
    )?;
    let mut company = Company::create(new_id(now), valid, actor, now);
    company.fields = values;
    cards::create(store, &company, actor, now).await?;
    Ok(company)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &CompanyDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Company, SaveError> {
    let mut company = cards::get::<Company>(store, id).await?.ok_or(SaveError::NotFound)?;
    let setup = automation::setup(store).await?;
    let (valid, values) = cards::both(
        draft.validate(&users::ids(store).await?, Some(&company)),
        validate_values(&setup.fields, FieldEntity::Company, inputs, None),
    )?;
    let custom = company.fields.replace(values, &setup.fields, FieldEntity::Company);
    if let Some(change) = Change::join(company.apply(valid, actor, now), custom) {
        company.stamp_mut().touch(actor, now);
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
