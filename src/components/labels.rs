//! The words for each kind of card (its name, its section, its new card,
//! edit form and empty list) and for a client's status, which lists, cards,
//! forms and filters all use: one table each, so the pages of a kind need
//! not spell them.

use dela_core::client::ClientStatus;
use dela_core::record::CardKind;

use crate::i18n::Key;

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

/// The heading of a kind's list, and of its card pages until a card shows.
pub fn section_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::Companies,
        CardKind::Contact => Key::Contacts,
        CardKind::Deal => Key::Deals,
        CardKind::Lead => Key::Leads,
        CardKind::Invoice => Key::Invoices,
    }
}

/// The button for a new card of a kind, and the heading of its form.
pub fn new_card_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::NewCompany,
        CardKind::Contact => Key::NewContact,
        CardKind::Deal => Key::NewDeal,
        CardKind::Lead => Key::NewLead,
        CardKind::Invoice => Key::NewInvoice,
    }
}

/// The heading of a card's edit form.
pub fn edit_card_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::EditCompany,
        CardKind::Contact => Key::EditContact,
        CardKind::Deal => Key::EditDeal,
        CardKind::Lead => Key::EditLead,
        CardKind::Invoice => Key::EditInvoice,
    }
}

/// What a kind's list says while there are no cards.
pub fn empty_list_key(kind: CardKind) -> Key {
    match kind {
        CardKind::Company => Key::CompaniesEmpty,
        CardKind::Contact => Key::ContactsEmpty,
        CardKind::Deal => Key::DealsEmpty,
        CardKind::Lead => Key::LeadsEmpty,
        CardKind::Invoice => Key::InvoicesEmpty,
    }
}
