//! Deals: list, card (with stage moves and the client's stray activities),
//! and the form.

mod board;
mod card;
mod form;
mod list;
mod waiting;

pub use card::DealCardPage;
pub use form::DealFormPage;
pub use list::DealsPage;
