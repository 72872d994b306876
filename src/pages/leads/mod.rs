//! Leads: list, card with conversion, and the form.

mod card;
mod form;
mod list;

pub use card::LeadCardPage;
pub use form::LeadFormPage;
pub use list::LeadsPage;

use dela_core::lead::LeadStatus;

use crate::i18n::Key;

pub fn status_key(status: LeadStatus) -> Key {
    match status {
        LeadStatus::New => Key::LeadNew,
        LeadStatus::InWork => Key::LeadInWork,
        LeadStatus::Converted => Key::LeadConverted,
        LeadStatus::Junk => Key::LeadJunk,
    }
}
