//! The pool of abandoned clients: moving clients in, handing them out in
//! bulk, and the head of sales' "lost for good". A bulk assignment is one
//! transaction: all of it lands or none.

use dela_core::card::{AnyCard, ClientCard};
use dela_core::client::{Client, ClientStatus, PoolError};
use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::history::{Change, Diff};
use dela_core::pool::distribute;
use dela_core::record::{CardKind, CardRef};
use dela_core::user::User;
use dela_core::{Id, Timestamp};

use super::cards::{self, history_entry, Stored};
use super::read::{self, only};
use super::schema::{BY_STATUS, HISTORY};
use super::{Batch, Store, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub enum PoolOpError {
    Refused(PoolError),
    NotFound,
    Store(StoreError),
}

impl From<StoreError> for PoolOpError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

/// Clients in the pool, longest waiting first.
pub async fn clients(store: &Store) -> Result<(Vec<Company>, Vec<Contact>), StoreError> {
    let status = only(ClientStatus::Pool.code());
    let mut companies: Vec<Company> =
        read::in_range(store, Company::store_name(), BY_STATUS, status.clone(), None).await?;
    let mut contacts: Vec<Contact> =
        read::in_range(store, Contact::store_name(), BY_STATUS, status, None).await?;
    companies.sort_by_key(|c| c.client.status_since);
    contacts.sort_by_key(|c| c.client.status_since);
    Ok((companies, contacts))
}

/// Loads a client card, applies `change` to its client part and adds the
/// card and its history line to `batch`.
async fn change_client(
    store: &Store,
    batch: Batch,
    card: &CardRef,
    actor: &Id,
    now: Timestamp,
    change: impl FnOnce(&mut Client) -> Result<(), PoolError>,
) -> Result<Batch, PoolOpError> {
    let mut any = match card.kind {
        CardKind::Company | CardKind::Contact => {
            cards::get_any(store, card).await?.ok_or(PoolOpError::NotFound)?
        }
        _ => return Err(PoolOpError::NotFound),
    };
    let client: &mut Client = match &mut any {
        AnyCard::Company(company) => company.client_mut(),
        AnyCard::Contact(contact) => contact.client_mut(),
        _ => return Err(PoolOpError::NotFound),
    };
    let before = (client.status, client.responsible.clone());
    change(client).map_err(PoolOpError::Refused)?;
    let text = |id: &Option<Id>| id.as_ref().map(Id::to_string).unwrap_or_default();
    let recorded = Diff::default()
        .field("status", before.0.code(), client.status.code())
        .field("responsible", text(&before.1), text(&client.responsible))
        .into_change()
        .unwrap_or(Change::Updated { fields: Vec::new() });
    any.as_card_mut().stamp_mut().touch(actor, now);
    let batch = batch.put_card(any);
    Ok(batch.add(HISTORY, &history_entry(card.clone(), recorded, actor, now))?)
}

pub async fn move_to_pool(
    store: &Store,
    card: &CardRef,
    actor: &Id,
    now: Timestamp,
) -> Result<(), PoolOpError> {
    let batch =
        change_client(store, Batch::default(), card, actor, now, |client| client.move_to_pool(now)).await?;
    Ok(batch.apply(store).await?)
}

pub async fn mark_lost(
    store: &Store,
    card: &CardRef,
    actor: &User,
    reason: &str,
    now: Timestamp,
) -> Result<(), PoolOpError> {
    let batch = change_client(store, Batch::default(), card, &actor.id, now, |client| {
        client.mark_lost_for_good(actor, reason, now)
    })
    .await?;
    Ok(batch.apply(store).await?)
}

/// Hands `clients` out evenly to `employees`, in turn starting after
/// `cursor`; returns who got what and the cursor for next time.
pub async fn assign(
    store: &Store,
    clients: &[CardRef],
    employees: &[Id],
    cursor: usize,
    actor: &User,
    now: Timestamp,
) -> Result<(Vec<(CardRef, Id)>, usize), PoolOpError> {
    let (pairs, next) = distribute(clients, employees, cursor);
    assign_pairs(store, &pairs, actor, now).await?;
    Ok((pairs, next))
}

/// Makes the given assignments in one transaction.
pub async fn assign_pairs(
    store: &Store,
    pairs: &[(CardRef, Id)],
    actor: &User,
    now: Timestamp,
) -> Result<(), PoolOpError> {
    let mut batch = Batch::default();
    for (card, employee) in pairs {
        let to = employee.clone();
        batch = change_client(store, batch, card, &actor.id, now, |client| {
            client.assign_from_pool(to, actor, now)
        })
        .await?;
    }
    Ok(batch.apply(store).await?)
}
