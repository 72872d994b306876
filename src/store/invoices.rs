//! Saving invoices and moving them through their statuses.

use dela_core::company::Company;
use dela_core::contact::Contact;
use dela_core::deal::Deal;
use dela_core::invoice::{Invoice, InvoiceDraft, InvoiceStatus, Known, StatusRefused};
use dela_core::{Id, Timestamp};

use super::cards::{self, SaveError};
use super::{users, ActionError, Store, StoreError};
use crate::ids::new_id;

async fn known(store: &Store) -> Result<[Vec<Id>; 4], StoreError> {
    Ok([
        users::ids(store).await?,
        cards::ids::<Deal>(store).await?,
        cards::ids::<Company>(store).await?,
        cards::ids::<Contact>(store).await?,
    ])
}

/// The number a new invoice gets.
pub async fn next_number(store: &Store) -> Result<String, StoreError> {
    let invoices = cards::list::<Invoice>(store).await?;
    Ok(dela_core::invoice::next_number(invoices.iter().map(|invoice| invoice.number.as_str())))
}

pub async fn create(
    store: &Store,
    draft: &InvoiceDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Invoice, SaveError> {
    let [users, deals, companies, contacts] = known(store).await?;
    let known = Known { users: &users, deals: &deals, companies: &companies, contacts: &contacts };
    let valid = draft.validate(&known).map_err(SaveError::Invalid)?;
    let invoice = Invoice::create(new_id(now), valid, actor, now);
    cards::create(store, &invoice, actor, now).await?;
    Ok(invoice)
}

pub async fn update(
    store: &Store,
    id: &str,
    draft: &InvoiceDraft,
    actor: &Id,
    now: Timestamp,
) -> Result<Invoice, SaveError> {
    let mut invoice = cards::get::<Invoice>(store, id).await?.ok_or(SaveError::NotFound)?;
    let [users, deals, companies, contacts] = known(store).await?;
    let known = Known { users: &users, deals: &deals, companies: &companies, contacts: &contacts };
    let valid = draft.validate(&known).map_err(SaveError::Invalid)?;
    if let Some(change) = invoice.apply(valid, actor, now) {
        cards::update(store, &invoice, change, actor, now).await?;
    }
    Ok(invoice)
}

pub async fn set_status(
    store: &Store,
    id: &str,
    status: InvoiceStatus,
    actor: &Id,
    now: Timestamp,
    zone: &impl dela_core::zone::Zone,
) -> Result<Invoice, ActionError<StatusRefused>> {
    let mut invoice = cards::get::<Invoice>(store, id).await?.ok_or(ActionError::NotFound)?;
    let change = invoice.set_status(status, actor, now).map_err(ActionError::Refused)?;
    cards::update(store, &invoice, change, actor, now).await?;
    if let Some(deal) = &invoice.deal {
        let event = dela_core::robots::Event::InvoiceStatus(status);
        super::robots::report(store, deal, &[event], actor, now, zone).await?;
    }
    Ok(invoice)
}
