//! Invoices: list, card with status moves, and the form.

mod card;
mod form;
mod list;

pub use card::InvoiceCardPage;
pub use form::InvoiceFormPage;
pub use list::InvoicesPage;

use dela_core::invoice::InvoiceStatus;

use crate::i18n::Key;

pub fn status_key(status: InvoiceStatus) -> Key {
    match status {
        InvoiceStatus::Draft => Key::InvoiceDraft,
        InvoiceStatus::Sent => Key::InvoiceSent,
        InvoiceStatus::Paid => Key::InvoicePaid,
        InvoiceStatus::Declined => Key::InvoiceDeclined,
    }
}
