//! The pool of abandoned clients: moving clients in, handing them out in
//! bulk, and the head of sales' "lost for good". A bulk assignment is one
//! transaction: all of it lands or none.

use dela_core::card::{AnyCard, ClientCard};
use dela_core::client::{Client, ClientStatus, PoolError};
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::record::{CardKind, CardRef};
use dela_core::user::User;
use dela_core::{Id, Timestamp};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::cards::{self, history_entry, Stored};
use super::read::{self, only};
use super::schema::{BY_STATUS, COMPANIES, CONTACTS, HISTORY, META};
use super::{settings, ActionError, Batch, Store, StoreError};

/// Clients in the pool, longest waiting first.
pub async fn clients(store: &Store) -> Result<(Vec<Company>, Vec<Contact>), StoreError> {
    clients_in(&store.db().transaction([COMPANIES, CONTACTS]).build()?).await
}

async fn clients_in(tx: &Transaction<'_>) -> Result<(Vec<Company>, Vec<Contact>), StoreError> {
    let status = only(ClientStatus::Pool.code());
    let mut companies: Vec<Company> =
        read::in_range_in(tx, Company::store_name(), BY_STATUS, status.clone(), None).await?;
    let mut contacts: Vec<Contact> =
        read::in_range_in(tx, Contact::store_name(), BY_STATUS, status, None).await?;
    dela_core::sort::sort_by_key(&mut companies, |c| c.client.status_since);
    dela_core::sort::sort_by_key(&mut contacts, |c| c.client.status_since);
    Ok((companies, contacts))
}

/// What a pool step reads and writes: the client cards, their history and
/// the pool rule with its turn (in the meta store).
const POOL_CHANGE: [&str; 4] = [COMPANIES, CONTACTS, HISTORY, META];

/// Reads a client card inside `tx`, takes `step` on its client part and
/// adds the card and its history line to `batch`.
async fn change_client(
    tx: &Transaction<'_>,
    batch: Batch,
    card: &CardRef,
    actor: &Id,
    now: Timestamp,
    step: impl FnOnce(&mut Client) -> Result<(), PoolError>,
) -> Result<Batch, ActionError<PoolError>> {
    if !matches!(card.kind, CardKind::Company | CardKind::Contact) {
        return Err(ActionError::NotFound);
    }
    let mut any = cards::read_in(tx, &[card]).await?.pop().ok_or(ActionError::NotFound)?;
    let client: &mut Client = match &mut any {
        AnyCard::Company(company) => company.client_mut(),
        AnyCard::Contact(contact) => contact.client_mut(),
        _ => return Err(ActionError::NotFound),
    };
    let recorded = client.step(step).map_err(ActionError::Refused)?;
    any.as_card_mut().stamp_mut().touch(actor, now);
    let batch = batch.put_card(any);
    Ok(batch.add(HISTORY, &history_entry(card.clone(), recorded, actor, now))?)
}

/// One pool step on one client, read and written in one transaction.
async fn change_one(
    store: &Store,
    card: &CardRef,
    actor: &Id,
    now: Timestamp,
    step: impl FnOnce(&mut Client) -> Result<(), PoolError>,
) -> Result<(), ActionError<PoolError>> {
    store
        .update(&POOL_CHANGE, async |tx| {
            Ok(((), change_client(tx, Batch::default(), card, actor, now, step).await?))
        })
        .await
}

pub async fn move_to_pool(
    store: &Store,
    card: &CardRef,
    actor: &Id,
    now: Timestamp,
) -> Result<(), ActionError<PoolError>> {
    change_one(store, card, actor, now, |client| client.move_to_pool(now)).await
}

pub async fn mark_lost(
    store: &Store,
    card: &CardRef,
    actor: &User,
    reason: &str,
    now: Timestamp,
) -> Result<(), ActionError<PoolError>> {
    change_one(store, card, &actor.id, now, |client| client.mark_lost_for_good(actor, reason, now)).await
}

/// Adds the assignments `pairs` to `batch`, the clients read inside `tx`.
async fn assign_in(
    tx: &Transaction<'_>,
    mut batch: Batch,
    pairs: &[(CardRef, Id)],
    actor: &User,
    now: Timestamp,
) -> Result<Batch, ActionError<PoolError>> {
    for (card, employee) in pairs {
        let to = employee.clone();
        batch =
            change_client(tx, batch, card, &actor.id, now, |client| client.assign_from_pool(to, actor, now))
                .await?;
    }
    Ok(batch)
}

/// Hands `clients` out evenly to `employees`, in turn from where the last
/// hand-out left it; returns who got what. All of it lands, with the turn
/// moved on, or none.
pub async fn assign(
    store: &Store,
    clients: &[CardRef],
    employees: &[Id],
    actor: &User,
    now: Timestamp,
) -> Result<Vec<(CardRef, Id)>, ActionError<PoolError>> {
    store
        .update(&POOL_CHANGE, async |tx| {
            let mut rule = settings::pool_rule_in(tx).await?;
            let pairs = rule.hand_out(actor, clients, employees).map_err(ActionError::Refused)?;
            let batch =
                assign_in(tx, settings::put_pool_rule(Batch::default(), &rule)?, &pairs, actor, now).await?;
            Ok((pairs, batch))
        })
        .await
}

/// Runs the periodic pool rule as `actor` when it is due: the hand-out and
/// the rule's own state (last run, turn) in one transaction, so two tabs
/// cannot both run it. Returns how many clients were handed out.
pub async fn run_rule(store: &Store, actor: &User, now: Timestamp) -> Result<usize, ActionError<PoolError>> {
    store
        .update(&POOL_CHANGE, async |tx| {
            let mut rule = settings::pool_rule_in(tx).await?;
            if !rule.is_due(now) {
                return Ok((0, Batch::default()));
            }
            let (companies, contacts) = clients_in(tx).await?;
            let waiting: Vec<_> = companies
                .iter()
                .map(|c| (c.client.status_since, c.card()))
                .chain(contacts.iter().map(|c| (c.client.status_since, c.card())))
                .collect();
            let pairs = rule.run(actor, &waiting, now).map_err(ActionError::Refused)?;
            let batch =
                assign_in(tx, settings::put_pool_rule(Batch::default(), &rule)?, &pairs, actor, now).await?;
            Ok((pairs.len(), batch))
        })
        .await
}
