//! One module per page of the app.

pub mod automation;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod invoices;
pub mod leads;
pub mod my_activities;
mod not_found;
pub mod notifications;
pub mod pool;
pub mod settings;
pub mod tasks;

pub use not_found::NotFoundPage;
