//! Companies: list, card, and the form for creating and editing.

mod card;
mod form;
mod list;

pub use card::CompanyCardPage;
pub use form::CompanyFormPage;
pub use list::CompaniesPage;
