//! Leads: list, card with conversion, and the form.

mod card;
mod form;
mod list;

pub use card::LeadCardPage;
pub use form::LeadFormPage;
pub use list::LeadsPage;
