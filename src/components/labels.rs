//! The words for a card's kind and a client's status, which lists, cards,
//! forms and filters all use.

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
