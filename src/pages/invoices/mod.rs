//! Invoices: list, card with status moves, and the form.

mod card;
mod form;
mod list;

pub use card::InvoiceCardPage;
pub use form::InvoiceFormPage;
pub use list::InvoicesPage;
