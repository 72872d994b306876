//! Saving deals: the card, its custom fields and history, and the robots
//! its stage starts, in one transaction.

use dela_core::card::Card;
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::{Deal, DealDraft, Known};
use dela_core::fields::{validate_values, FieldEntity};
use dela_core::history::Change;
use dela_core::zone::Zone;
use dela_core::{robots, Id, Timestamp};

use super::cards::{self, history_entry, SaveError};
use super::deal_jobs::{open_jobs_in, put_own_outcome};
use super::robots::{load_deal_in, DEAL_CHANGE};
use super::schema::{DEALS, HISTORY};
use super::{automation, pipelines, users, Batch, Store};
use crate::ids::new_id;

async fn known(store: &Store) -> Result<(Vec<Id>, Vec<Id>, Vec<Id>), SaveError> {
    Ok((users::ids(store).await?, cards::ids::<Company>(store).await?, cards::ids::<Contact>(store).await?))
}

/// Creates a deal in `pipeline` with its custom field `inputs`; every wrong
/// field is reported at once.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    store: &Store,
    pipeline: &Id,
    draft: &DealDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Deal, SaveError> {
    let pipeline = pipelines::get(store, pipeline).await?;
    let setup = automation::setup(store).await?;
    let (users, companies, contacts) = known(store).await?;
    let known = Known { users: &users, companies: &companies, contacts: &contacts };
    let stage = Id::parse(&draft.stage);
    let (valid, values) = cards::both(
        draft.validate(&pipeline, &known),
        validate_values(&setup.fields, FieldEntity::Deal, inputs, stage.as_ref().map(|s| (&pipeline, s))),
    )?;
    let mut deal = Deal::create(new_id(now), &pipeline, valid, actor, now);
    deal.fields = values;
    let jobs = robots::on_created(&deal, &setup, zone);
    let batch = Batch::default()
        .put(DEALS, &deal)?
        .add(HISTORY, &history_entry(deal.card(), Change::Created, actor, now))?;
    super::deal_jobs::put_jobs(batch, &jobs)?.apply(store).await?;
    Ok(deal)
}

/// Saves an edit with what it sets off: date robots rescheduled, a "field
/// set" trigger's move. An edit keeps the stage (`DealDraft::validate_edit`);
/// it is moved through [`super::robots::move_deal`].
#[allow(clippy::too_many_arguments)]
pub async fn update(
    store: &Store,
    id: &str,
    draft: &DealDraft,
    inputs: &[(Id, String)],
    actor: &Id,
    now: Timestamp,
    zone: &impl Zone,
) -> Result<Deal, SaveError> {
    // Which users and cards exist is read before: references are checked,
    // never rewritten. The deal itself is read where it is written, so a
    // robot or another tab changing it meanwhile is not overwritten.
    let (users, companies, contacts) = known(store).await?;
    let known = Known { users: &users, companies: &companies, contacts: &contacts };
    store
        .update(&DEAL_CHANGE, async |tx| {
            let (mut deal, pipeline, setup) = load_deal_in(tx, id).await?;
            let (valid, values) = cards::both(
                draft.validate_edit(&deal, &known),
                validate_values(&setup.fields, FieldEntity::Deal, inputs, Some((&pipeline, &deal.stage))),
            )?;
            let before = deal.clone();
            let custom = deal.fields.replace(values, &setup.fields, FieldEntity::Deal);
            let Some(change) = Change::join(deal.apply(valid, actor, now), custom) else {
                return Ok((deal, Batch::default()));
            };
            deal.stamp_mut().touch(actor, now);
            // Date robots follow their fields and "field set" triggers fire, in
            // the same transaction as the edit.
            let mut jobs = open_jobs_in(tx, &deal.id).await?;
            let rules = robots::Rules { pipeline: &pipeline, setup: &setup, zone };
            let robots = rules.after_edit(&before, &mut deal, &mut jobs, actor, now);
            let batch = Batch::default()
                .put(DEALS, &deal)?
                .add(HISTORY, &history_entry(deal.card(), change, actor, now))?;
            let batch = put_own_outcome(batch, &deal, &robots, actor, now)?;
            Ok((deal, batch))
        })
        .await
}
