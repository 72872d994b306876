//! One module per page of the app, and the little they share.

pub mod automation;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod invoices;
pub mod leads;
pub mod my_activities;
mod not_found;
pub mod notifications;
pub mod pool;
pub mod settings;
pub mod tasks;

pub use not_found::NotFoundPage;

use dela_core::record::{CardKind, CardRef};

/// The page of a card.
pub fn card_href(card: &CardRef) -> String {
    let section = match card.kind {
        CardKind::Company => "companies",
        CardKind::Contact => "contacts",
        CardKind::Deal => "deals",
        CardKind::Lead => "leads",
        CardKind::Invoice => "invoices",
    };
    format!("/{section}/{}", card.id)
}
