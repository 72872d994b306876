//! Contacts: list, card, and the form for creating and editing.

mod card;
mod form;
mod list;

pub use card::ContactCardPage;
pub use form::ContactFormPage;
pub use list::ContactsPage;
