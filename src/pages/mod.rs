//! One module per page of the app, and the little they share.

pub mod automation;
pub mod clients;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod departments;
pub mod invoices;
pub mod leads;
pub mod my_activities;
mod not_found;
pub mod notifications;
pub mod pool;
pub mod settings;
pub mod tasks;

pub use not_found::NotFoundPage;

use dela_core::client::ClientStatus;
use dela_core::record::{CardKind, CardRef};

use crate::i18n::Key;

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

pub fn card_kind_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::Company,
        CardKind::Contact => Key::Contact,
        CardKind::Deal => Key::Deal,
        CardKind::Lead => Key::Lead,
        CardKind::Invoice => Key::Invoice,
    }
}

pub fn client_status_key(status: ClientStatus) -> Key {
    match status {
        ClientStatus::Active => Key::StatusActive,
        ClientStatus::Pool => Key::StatusPool,
        ClientStatus::Lost => Key::StatusLost,
    }
}
