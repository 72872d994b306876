//! Saving leads and converting them: the contact, company and deal are
//! written with the lead in one transaction, and the lead's open
//! activities move into the new deal.

use dela_core::card::{AnyCard, Card};
use dela_core::history::{ActivityEvent, Change, Diff};
use dela_core::lead::{ConversionIds, ConvertError, Converted, Lead, LeadDraft};
use dela_core::timeline::Edit;
use dela_core::{Id, Timestamp};

use super::cards::{self, history_entry, SaveError};
use super::schema::{COMPANIES, CONTACTS, HISTORY};
use super::{activities, custom, pipelines, users, Batch, Store, StoreError};
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

#[derive(Debug, Clone, PartialEq)]
pub enum ConvertFailure {
    Refused(ConvertError),
    NotFound,
    Store(StoreError),
}

impl From<StoreError> for ConvertFailure {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

pub async fn convert(
    store: &Store,
    id: &str,
    actor: &Id,
    now: Timestamp,
    zone: &impl dela_core::zone::Zone,
) -> Result<Converted, ConvertFailure> {
    let mut lead = cards::get::<Lead>(store, id).await?.ok_or(ConvertFailure::NotFound)?;
    let pipeline = pipelines::default(store).await?;
    let ids = ConversionIds { contact: new_id(now), company: new_id(now), deal: new_id(now) };
    let mut converted = lead.convert(ids, &pipeline, actor, now).map_err(ConvertFailure::Refused)?;
    let setup = super::automation::setup(store).await?;
    converted.carry_fields(&lead.fields, &setup.fields);
    let open: Vec<_> =
        activities::of_card(store, &lead.card()).await?.into_iter().filter(|a| a.is_open()).collect();
    // Every open activity moves to the deal.
    lead.set_next_activity(None);
    let deal_ref = converted.deal.card();
    let mut moved = Vec::new();
    for mut activity in open {
        activity.move_to(deal_ref.clone(), actor, now);
        moved.push(activity);
    }

    let status =
        Diff::default().field("status", "open", "converted").into_change().unwrap_or(Change::Created);
    // The batch sets both cards' next activity from the pages it edits.
    let mut batch = Batch::default()
        .put_card(AnyCard::Lead(lead.clone()))
        .add(HISTORY, &history_entry(lead.card(), status, actor, now))?
        .put(CONTACTS, &converted.contact)?
        .add(HISTORY, &history_entry(converted.contact.card(), Change::Created, actor, now))?
        .put_card(AnyCard::Deal(converted.deal.clone()))
        .add(HISTORY, &history_entry(deal_ref.clone(), Change::Created, actor, now))?;
    if let Some(company) = &converted.company {
        batch = batch
            .put(COMPANIES, company)?
            .add(HISTORY, &history_entry(company.card(), Change::Created, actor, now))?;
    }
    for activity in &moved {
        let here = Change::Activity {
            event: ActivityEvent::MovedHere,
            subject: activity.subject.clone(),
            detail: String::new(),
        };
        batch = batch
            .edit(Edit::Remove { owner: lead.card(), id: activity.id.clone() })
            .edit(Edit::Put(activity.clone()))
            .add(HISTORY, &history_entry(deal_ref.clone(), here, actor, now))?;
    }
    let jobs = dela_core::robots::on_created(&converted.deal, &setup, zone);
    super::deal_jobs::put_jobs(batch, &jobs)?.apply(store).await?;
    Ok(converted)
}
