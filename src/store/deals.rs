//! Saving deals and moving them between stages.

use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::{Deal, DealDraft, Known};
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError};
use super::{pipelines, users, Store};
use crate::ids::new_id;

async fn known(store: &Store) -> Result<(Vec<Id>, Vec<Id>, Vec<Id>), SaveError> {
    Ok((users::ids(store).await?, cards::ids::<Company>(store).await?, cards::ids::<Contact>(store).await?))
}

pub async fn create(store: &Store, draft: &DealDraft, actor: &Id, now: Timestamp) -> Result<Deal, SaveError> {
    let pipeline = pipelines::default(store).await?;
    let (users, companies, contacts) = known(store).await?;
    let known = Known { users: &users, companies: &companies, contacts: &contacts };
    let valid = draft.validate(&pipeline, &known).map_err(SaveError::Invalid)?;
    let deal = Deal::create(new_id(now), &pipeline, valid, actor, now);
    cards::create(store, &deal, actor, now).await?;
    Ok(deal)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &DealDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Deal, SaveError> {
    let mut deal = cards::get::<Deal>(store, id).await?.ok_or(SaveError::NotFound)?;
    let pipeline = pipelines::default(store).await?;
    let (users, companies, contacts) = known(store).await?;
    let known = Known { users: &users, companies: &companies, contacts: &contacts };
    let valid = draft.validate(&pipeline, &known).map_err(SaveError::Invalid)?;
    if let Some(change) = deal.apply(valid, actor, now) {
        cards::update(store, &deal, change, actor, now).await?;
    }
    Ok(deal)
}

pub async fn move_to_stage(
    store: &Store,
    id: &str,
    stage: &Id,
    actor: &Id,
    now: Timestamp,
) -> Result<Deal, SaveError> {
    let mut deal = cards::get::<Deal>(store, id).await?.ok_or(SaveError::NotFound)?;
    let pipeline = pipelines::default(store).await?;
    let change = deal.move_to_stage(&pipeline, stage, actor, now).map_err(|problem| {
        let mut errors = dela_core::validation::FieldErrors::default();
        errors.add("stage", problem);
        SaveError::Invalid(errors)
    })?;
    if let Some(change) = change {
        cards::update(store, &deal, change, actor, now).await?;
    }
    Ok(deal)
}
