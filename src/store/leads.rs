//! Saving leads and converting them: the contact, company and deal are
//! written with the lead in one transaction, with what the core's
//! conversion says it did (the lead's open activities moved into the new
//! deal, the history lines).

use dela_core::card::AnyCard;
use dela_core::lead::{ConversionIds, ConvertError, Converted, Lead, LeadDraft};
use dela_core::{Id, Timestamp};

use super::cards::{self, history_entry, SaveError};
use super::schema::{COMPANIES, CONTACTS, HISTORY};
use super::{activities, custom, pipelines, users, ActionError, Batch, Store};
use crate::ids::new_id;

pub async fn create(
    store: &Store,
    draft: &LeadDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Lead, SaveError> {
    let valid = draft.validate(&users::ids(store).await?);
    custom::create(store, valid, |valid| Lead::create(new_id(now), valid, actor, now), inputs, actor, now)
        .await
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &LeadDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
) -> Result<Lead, SaveError> {
    let lead = cards::get::<Lead>(store, id).await?.ok_or(SaveError::NotFound)?;
    let valid = draft.validate(&users::ids(store).await?);
    custom::update(store, lead, valid, |l, valid| l.apply(valid, actor, now), inputs, actor, now).await
}

pub async fn convert(
    store: &Store,
    id: &str,
    actor: &Id,
    now: Timestamp,
    zone: &impl dela_core::zone::Zone,
) -> Result<Converted, ActionError<ConvertError>> {
    let mut lead = cards::get::<Lead>(store, id).await?.ok_or(ActionError::NotFound)?;
    let pipeline = pipelines::default(store).await?;
    let ids = ConversionIds { contact: new_id(now), company: new_id(now), deal: new_id(now) };
    let activities = activities::of_card(store, &lead.card()).await?;
    let mut converted =
        lead.convert(ids, &pipeline, &activities, actor, now).map_err(ActionError::Refused)?;
    let setup = super::automation::setup(store).await?;
    converted.carry_fields(&lead.fields, &setup.fields);
    // The batch sets both cards' next activity from the pages it edits.
    let mut batch = Batch::default()
        .put_card(AnyCard::Lead(lead))
        .put(CONTACTS, &converted.contact)?
        .put_card(AnyCard::Deal(converted.deal.clone()));
    if let Some(company) = &converted.company {
        batch = batch.put(COMPANIES, company)?;
    }
    for (card, change) in &converted.history {
        batch = batch.add(HISTORY, &history_entry(card.clone(), change.clone(), actor, now))?;
    }
    for edit in &converted.edits {
        batch = batch.edit(edit.clone());
    }
    let jobs = dela_core::robots::on_created(&converted.deal, &setup, zone);
    super::deal_jobs::put_jobs(batch, &jobs)?.apply(store).await?;
    Ok(converted)
}
